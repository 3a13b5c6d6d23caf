import Foundation
import MakegoodDomain
import Testing

/// SMS texts never exceed two segments (306 GSM-7 characters, or 134 when UCS-2 is needed).
@Suite struct SMSTextTests {
    static let link = "https://makegood.example.com/s/abcdefghijklmnopqrstuvwxyz012345"

    @Test("segments", arguments: [
        (String(repeating: "a", count: 160), 1), (String(repeating: "a", count: 161), 2), (String(repeating: "a", count: 306), 2),
        (String(repeating: "a", count: 307), 3), (String(repeating: "€", count: 80), 1), (String(repeating: "€", count: 81), 2),
        (String(repeating: "é", count: 160), 1), (String(repeating: "対", count: 70), 1), (String(repeating: "対", count: 71), 2),
        (String(repeating: "対", count: 134), 2), (String(repeating: "ç", count: 71), 2),
    ])
    func segments(text: String, expected: Int) {
        #expect(SMSEncoding.segments(text) == expected)
    }

    @Test func oneDayNamesTheCountAndGroups() {
        let text = SMSText.compose(days: [.init(label: "Mon", count: 3)], groups: ["Billing", "Tech"], link: Self.link)
        #expect(text == "Makegood: 3 unhappy customers to call back for Billing, Tech. Notes: \(Self.link)")
        #expect(SMSText.compose(days: [.init(label: "Mon", count: 1)], groups: ["Billing"], link: Self.link).contains("1 unhappy customer to"))
    }

    @Test func mondayAfterAWeekendHoldGivesEachDay() {
        let text = SMSText.compose(
            days: [.init(label: "Sat", count: 2), .init(label: "Sun", count: 1), .init(label: "Mon", count: 4)], groups: ["Billing"],
            link: Self.link)
        #expect(text.contains("7 unhappy customers to call back (Sat 2, Sun 1, Mon 4)"))
    }

    @Test("long and non-Latin group lists are shortened to fit", arguments: [
        (0..<40).map { "Very Long Support Group Name \($0)" },
        (0..<20).map { "サポートチーム第\($0)グループ" },
        (0..<5).map { "فريق الدعم رقم \($0)" },
        ["Ünïcødé Grøup"] + (0..<30).map { "Team \($0)" },
    ])
    func longGroupListsFit(groups: [String]) {
        let text = SMSText.compose(days: [.init(label: "Mon", count: 12)], groups: groups, link: Self.link)
        #expect(SMSEncoding.segments(text) <= 2, "\(text)")
        #expect(text.hasSuffix(Self.link))
        #expect(text.contains("more") || groups.count <= 2)
    }

    @Test("a reminder's text names the overdue count and the groups, and links My queue; long lists still fit")
    func reminder() {
        let queue = "https://mg.example.com/queue?cpc=acme"
        #expect(SMSText.reminder(overdue: 1, groups: ["Billing"], link: queue) == "Makegood: 1 overdue recovery case (Billing). Queue: \(queue)")
        let long = SMSText.reminder(overdue: 12, groups: (0..<40).map { "Very Long Support Group Name \($0)" }, link: queue)
        #expect(SMSEncoding.segments(long) <= 2 && long.hasSuffix(queue) && long.contains("more"), "\(long)")
    }
}

/// A contact in several groups gets one share of a run covering all of them.
@Suite struct AlertPlanTests {
    @Test func oneShareForAContactInTwoGroups() throws {
        let (lead, both, onlyB) = (UUID(), UUID(), UUID())
        let a = try SupportGroup(code: "A", name: "A", department: nil, lead: lead, alsoAlerts: [AlsoAlert(contact: both, access: .dashboard)])
        let b = try SupportGroup(code: "B", name: "B", department: nil, lead: both, alsoAlerts: [AlsoAlert(contact: onlyB, access: .alertsOnly)])
        let (r1, r2, r3) = (UUID(), UUID(), UUID())

        let plan = AlertPlan.recipients(of: [(r1, "A"), (r2, "B"), (r3, "GONE")], groups: [a, b])

        let byContact = Dictionary(uniqueKeysWithValues: plan.map { ($0.contact, $0) })
        #expect(plan.count == 3)
        #expect(byContact[both]?.groups == ["A", "B"] && byContact[both]?.responses == [r1, r2])
        #expect(byContact[lead]?.responses == [r1] && byContact[onlyB]?.responses == [r2])
    }
}
