import Foundation
import MakegoodDomain
import Testing

/// Support Groups: one lead, at most six Also Alerts, a tree of Departments and Teams.
@Suite struct SupportGroupRuleTests {
    static func alsoAlerts(_ count: Int) -> [AlsoAlert] {
        (0..<count).map { AlsoAlert(contact: UUID(), access: $0.isMultiple(of: 2) ? .dashboard : .alertsOnly) }
    }

    @Test("up to six Also Alerts; a seventh is refused with a clear message", arguments: 0...7)
    func alsoAlertLimit(count: Int) {
        let make = { try SupportGroup(code: "T", name: "Team", department: nil, lead: UUID(), alsoAlerts: Self.alsoAlerts(count)) }
        if count <= 6 {
            #expect(throws: Never.self) { _ = try make() }
        } else {
            let error = #expect(throws: DomainError.self) { _ = try make() }
            #expect(error?.field == "alsoAlerts" && error?.message.contains("at most 6") == true)
        }
    }

    @Test func aContactIsAnAlsoAlertOnce() {
        let contact = UUID()
        #expect(throws: DomainError.self) {
            try SupportGroup(
                code: "T", name: "Team", department: nil, lead: UUID(),
                alsoAlerts: [AlsoAlert(contact: contact, access: .dashboard), AlsoAlert(contact: contact, access: .alertsOnly)])
        }
    }

    @Test func recipientsAreTheLeadThenAlsoAlertsOnceEach() throws {
        let lead = UUID()
        let other = UUID()
        let group = try SupportGroup(
            code: "T", name: "Team", department: nil, lead: lead,
            alsoAlerts: [AlsoAlert(contact: lead, access: .dashboard), AlsoAlert(contact: other, access: .alertsOnly)])
        #expect(group.recipients == [lead, other])
    }

    @Test func aGroupIsNotItsOwnDepartment() {
        #expect(throws: DomainError.self) { try SupportGroup(code: "T", name: "T", department: "T", lead: UUID(), alsoAlerts: []) }
    }

    static let parents: [String: String?] = ["DEP": nil, "A": "DEP", "B": "DEP", "A1": "A", "LONE": nil]
    static let tree = GroupHierarchy(parents: parents)

    @Test("department cycles are refused, trees accepted", arguments: [
        ("A1", "DEP", true), ("LONE", "A1", true), ("NEW", "A", true), ("DEP", "A1", false), ("A", "A1", false),
        ("DEP", "DEP", false),
    ])
    func cycles(code: String, parent: String, accepted: Bool) {
        #expect((((try? Self.tree.validateParent(parent, for: code))) != nil) == accepted)
    }

    @Test func unknownDepartmentIsRefused() {
        let error = #expect(throws: DomainError.self) { try Self.tree.validateParent("GHOST", for: "A") }
        #expect(error?.kind == .unknownReference && error?.field == "department")
        #expect(throws: Never.self) { try Self.tree.validateParent(nil, for: "A") }
    }

    @Test func descendantsIncludeTeamsAtEveryDepth() {
        #expect(Self.tree.descendants(of: "DEP") == ["DEP", "A", "B", "A1"])
        #expect(Self.tree.descendants(of: "A1") == ["A1"])
    }
}
