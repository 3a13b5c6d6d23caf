import Foundation
import MakegoodDomain
import Testing

/// Support Groups (SPEC §1): a code, a name, one Support Lead and 0–6 Also Alerts.
@Suite struct SupportGroupTests {
    static let lead = UUID(uuidString: "00000000-0000-0000-0000-0000000000AA")!

    static func alsoAlerts(_ count: Int) -> [AlsoAlert] {
        (0..<count).map { index in
            AlsoAlert(
                contact: UUID(uuidString: String(format: "00000000-0000-0000-0000-%012d", index + 1))!,
                access: index.isMultiple(of: 2) ? .dashboard : .alertsOnly)
        }
    }

    @Test("a group may have from 0 to 6 Also Alerts", arguments: 0...6)
    func upToSixAlsoAlerts(count: Int) throws {
        let group = try SupportGroup(code: "T", name: "Team", department: nil, lead: Self.lead, alsoAlerts: Self.alsoAlerts(count))
        #expect(group.alsoAlerts.count == count)
    }

    @Test("a 7th Also Alert is refused with a message that says at most 6", arguments: [7, 8])
    func seventhAlsoAlertRefused(count: Int) {
        let error = #expect(throws: DomainError.self) {
            try SupportGroup(code: "T", name: "Team", department: nil, lead: Self.lead, alsoAlerts: Self.alsoAlerts(count))
        }
        #expect(error?.field == "alsoAlerts")
        #expect(error?.kind == .invalid)
        #expect(error?.message.contains("at most 6") == true)
        #expect(SupportGroup.maxAlsoAlerts == 6)
    }

    @Test("the same contact twice among the Also Alerts is refused, whatever the access", arguments: AlsoAlert.Access.allCases)
    func duplicateAlsoAlertRefused(secondAccess: AlsoAlert.Access) {
        let contact = UUID(uuidString: "00000000-0000-0000-0000-0000000000BB")!
        let error = #expect(throws: DomainError.self) {
            try SupportGroup(
                code: "T", name: "Team", department: nil, lead: Self.lead,
                alsoAlerts: [AlsoAlert(contact: contact, access: .dashboard), AlsoAlert(contact: contact, access: secondAccess)])
        }
        #expect(error?.field == "alsoAlerts")
        #expect(error?.message.contains("only once") == true)
    }

    @Test("a group cannot be its own department")
    func ownDepartmentRefused() {
        let error = #expect(throws: DomainError.self) {
            try SupportGroup(code: "T", name: "Team", department: "T", lead: Self.lead, alsoAlerts: [])
        }
        #expect(error?.field == "department")
    }

    @Test("a group's code must be a valid code and its name is required, trimmed, at most 200 characters")
    func codeAndName() throws {
        #expect(try SupportGroup(code: "TEAM-1", name: "  Billing ", department: "DEP", lead: Self.lead, alsoAlerts: []).name == "Billing")
        let badCode = #expect(throws: DomainError.self) {
            try SupportGroup(code: "TEAM 1", name: "Billing", department: nil, lead: Self.lead, alsoAlerts: [])
        }
        #expect(badCode?.field == "code")
        for name in ["", "   ", String(repeating: "n", count: 201)] {
            let badName = #expect(throws: DomainError.self) {
                try SupportGroup(code: "T", name: name, department: nil, lead: Self.lead, alsoAlerts: [])
            }
            #expect(badName?.field == "name")
        }
    }

    @Test("recipients are the lead first, then each Also Alert once, in order")
    func recipients() throws {
        let others = Self.alsoAlerts(3)
        let group = try SupportGroup(
            code: "T", name: "Team", department: nil, lead: Self.lead,
            alsoAlerts: [others[0], AlsoAlert(contact: Self.lead, access: .dashboard), others[1], others[2]])
        #expect(group.recipients == [Self.lead, others[0].contact, others[1].contact, others[2].contact])
        #expect(try SupportGroup(code: "T", name: "Team", department: nil, lead: Self.lead, alsoAlerts: []).recipients == [Self.lead])
    }

    @Test("Also Alert access is spelt dashboard or alertsOnly")
    func accessSpelling() {
        #expect(AlsoAlert.Access.allCases.map(\.rawValue) == ["dashboard", "alertsOnly"])
        #expect(AlsoAlert.Access(rawValue: "alertsonly") == nil)
    }
}

/// The tree of Departments and Teams: no cycles, no unknown departments, and descendants for combined reports.
@Suite struct GroupHierarchyTests {
    /// DEP ─┬─ A ── A1 ── A1x
    ///      └─ B
    /// OPS ── C
    /// LONE
    static let tree = GroupHierarchy(parents: [
        "DEP": nil, "A": "DEP", "B": "DEP", "A1": "A", "A1x": "A1", "OPS": nil, "C": "OPS", "LONE": nil,
    ])

    @Test("a parent that keeps the departments a tree is accepted", arguments: [
        ("A1", "DEP"),  // move a team up
        ("C", "DEP"),  // move a team to another department
        ("LONE", "A1x"),  // hang a group under the deepest team
        ("OPS", "B"),  // move a department with its teams under another
        ("NEW", "A"),  // a new group under an existing one
        ("B", "A"),  // a sibling under a sibling
    ])
    func treeAccepted(code: String, department: String) {
        #expect(throws: Never.self) { try Self.tree.validateParent(department, for: code) }
    }

    @Test("no department is always accepted")
    func noDepartment() {
        #expect(throws: Never.self) { try Self.tree.validateParent(nil, for: "A") }
        #expect(throws: Never.self) { try Self.tree.validateParent(nil, for: "NEW") }
    }

    @Test("a group cannot be its own department")
    func selfCycle() {
        let error = #expect(throws: DomainError.self) { try Self.tree.validateParent("A", for: "A") }
        #expect(error?.field == "department")
        #expect(error?.message.contains("cycle") == true)
    }

    @Test("A→B→A is refused as a cycle")
    func twoGroupCycle() {
        let hierarchy = GroupHierarchy(parents: ["A": "B", "B": nil])
        let error = #expect(throws: DomainError.self) { try hierarchy.validateParent("A", for: "B") }
        #expect(error?.field == "department")
        #expect(error?.kind == .conflict, "a rule between groups: 409, not a malformed body")
        #expect(error?.message.contains("cycle") == true)
    }

    @Test("making a department the child of one of its own teams is refused, at any depth", arguments: [
        ("DEP", "A"), ("DEP", "A1"), ("DEP", "A1x"), ("A", "A1x"), ("A1", "A1x"), ("OPS", "C"),
    ])
    func deepCycle(code: String, department: String) {
        let error = #expect(throws: DomainError.self) { try Self.tree.validateParent(department, for: code) }
        #expect(error?.field == "department")
        #expect(error?.message.contains("cycle") == true)
    }

    @Test("an unknown department is refused as an unknown reference naming it")
    func unknownDepartment() {
        let error = #expect(throws: DomainError.self) { try Self.tree.validateParent("GHOST", for: "A") }
        #expect(error?.kind == .unknownReference)
        #expect(error?.field == "department")
        #expect(error?.message.contains("GHOST") == true)
        #expect((#expect(throws: DomainError.self) { try GroupHierarchy(parents: [:]).validateParent("A", for: "B") })?.kind == .unknownReference)
    }

    @Test("descendants are a group and every group below it, at every depth", arguments: [
        ("DEP", ["DEP", "A", "B", "A1", "A1x"]),
        ("A", ["A", "A1", "A1x"]),
        ("A1x", ["A1x"]),
        ("B", ["B"]),
        ("OPS", ["OPS", "C"]),
        ("LONE", ["LONE"]),
        ("GHOST", ["GHOST"]),
    ] as [(String, Set<String>)])
    func descendants(code: String, expected: Set<String>) {
        #expect(Self.tree.descendants(of: code) == expected)
    }
}
