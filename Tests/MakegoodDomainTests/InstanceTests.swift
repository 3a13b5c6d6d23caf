import Foundation
import MakegoodDomain
import Testing

/// Instances and their Client Portal Codes.
@Suite struct InstanceTests {
    @Test("a Client Portal Code is 2–32 lowercase letters, digits or hyphens, not starting with a hyphen", arguments: [
        ("acme", true), ("a1-b2", true), ("ab", true), ("1st", true), (String(repeating: "a", count: 32), true),
        ("a", false), ("", false), ("Acme", false), ("-acme", false), ("ac me", false), ("acme_co", false), ("acmé", false),
        (String(repeating: "a", count: 33), false),
    ])
    func cpc(text: String, accepted: Bool) {
        if accepted {
            #expect(throws: Never.self) { try Instance.validateCPC(text) }
        } else {
            let error = #expect(throws: DomainError.self) { try Instance.validateCPC(text) }
            #expect(error?.field == "cpc")
        }
    }

    @Test("an instance keeps its code, name and preferences")
    func instance() throws {
        let preferences = try Preferences(threshold: 4, timezone: TimeZone(identifier: "Australia/Sydney")!)
        let instance = Instance(cpc: "acme", name: "Acme", preferences: preferences)
        #expect(instance.cpc == "acme" && instance.name == "Acme" && instance.preferences.threshold == 4)
    }
}
