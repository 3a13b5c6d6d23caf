import Foundation
import MakegoodDomain
import Testing

/// The recovery case's state machine, its owner, and when it is due (issue 21).
@Suite struct RecoveryCaseTests {
    let lead = UUID()
    let also = UUID()
    let stranger = UUID()
    let alerted = Date(timeIntervalSince1970: 1_790_000_000)

    var group: SupportGroup {
        SupportGroup.restored(code: "A", name: "Alpha", department: nil, lead: lead, alsoAlerts: [AlsoAlert(contact: also, access: .dashboard)])
    }

    func makeCase(_ state: CaseState, contacted: Bool = false, owner: UUID? = nil) -> RecoveryCase {
        RecoveryCase(
            id: UUID(), responseID: UUID(), assignedOwner: owner, state: state, resolution: state == .closed ? .recovered : nil,
            alertedAt: alerted, dueAt: alerted.addingTimeInterval(86_400), contactedAt: contacted ? alerted : nil,
            closedAt: state == .closed ? alerted : nil)
    }

    struct Row: Sendable, CustomTestStringConvertible {
        let from: CaseState
        let contacted: Bool
        let action: CaseAction
        let to: CaseState?
        let changes: [CaseEvent.Change]
        var testDescription: String { "\(from) + \(action) → \(to.map { "\($0)" } ?? "refused")" }
    }

    static let table: [Row] = [
        Row(from: .open, contacted: false, action: .note(spoke: false), to: .open, changes: []),
        Row(from: .open, contacted: false, action: .note(spoke: true), to: .contacted, changes: [.contacted]),
        Row(from: .contacted, contacted: true, action: .note(spoke: true), to: .contacted, changes: []),
        Row(from: .closed, contacted: false, action: .note(spoke: true), to: .closed, changes: []),
        Row(from: .open, contacted: false, action: .close(.unreachable, withNote: true), to: .closed, changes: [.closed(.unreachable)]),
        Row(from: .contacted, contacted: true, action: .close(.recovered, withNote: true), to: .closed, changes: [.closed(.recovered)]),
        Row(from: .open, contacted: false, action: .close(.recovered, withNote: false), to: nil, changes: []),
        Row(from: .closed, contacted: true, action: .close(.notRecovered, withNote: true), to: nil, changes: []),
        Row(from: .closed, contacted: true, action: .reopen, to: .contacted, changes: [.reopened]),
        Row(from: .closed, contacted: false, action: .reopen, to: .open, changes: [.reopened]),
        Row(from: .open, contacted: false, action: .reopen, to: nil, changes: []),
        Row(from: .contacted, contacted: true, action: .reopen, to: nil, changes: []),
    ]

    @Test("the state machine", arguments: table)
    func stateMachine(row: Row) throws {
        let before = makeCase(row.from, contacted: row.contacted)
        let at = alerted.addingTimeInterval(3_600)
        guard let to = row.to else {
            #expect(throws: DomainError.self) { try before.applying(row.action, at: at, group: group) }
            return
        }
        let (after, changes) = try before.applying(row.action, at: at, group: group)
        #expect(after.state == to)
        #expect(changes == row.changes)
        if to == .closed, row.from != .closed { #expect(after.closedAt == at && after.resolution != nil) }
        if case .reopen = row.action { #expect(after.resolution == nil && after.closedAt == nil) }
    }

    @Test("closing without a note says to write one; closing twice is a conflict")
    func closingMessages() throws {
        do {
            _ = try makeCase(.open).applying(.close(.recovered, withNote: false), at: alerted, group: group)
            Issue.record("closed without a note")
        } catch {
            #expect(error.kind == .invalid && error.message.contains("needs a note"))
        }
        do {
            _ = try makeCase(.closed).applying(.close(.recovered, withNote: true), at: alerted, group: group)
            Issue.record("closed twice")
        } catch {
            #expect(error.kind == .conflict && error.message.contains("reopen"))
        }
    }

    @Test("the owner: the lead by default, a contact of the group when given, the lead again once they leave it")
    func owner() throws {
        let open = makeCase(.open)
        #expect(open.owner(in: group) == lead)
        #expect(open.owner(in: nil) == nil)
        let (given, changes) = try open.applying(.assign(also), at: alerted, group: group)
        #expect(changes == [.owner(also)])
        #expect(given.owner(in: group) == also)
        // Reassigned to a group the Also Alert is not in: the new group's lead owns it.
        let other = SupportGroup.restored(code: "B", name: "Beta", department: nil, lead: stranger, alsoAlerts: [])
        #expect(given.owner(in: other) == stranger)
        // Giving it to whoever owns it already changes nothing.
        #expect(try given.applying(.assign(also), at: alerted, group: group).1 == [])
        #expect(throws: DomainError.self) { try open.applying(.assign(stranger), at: alerted, group: group) }
        #expect(throws: DomainError.self) { try open.applying(.assign(lead), at: alerted, group: nil) }
    }

    @Test("only an open case past its due instant is overdue")
    func overdue() {
        let due = alerted.addingTimeInterval(86_400)
        #expect(!makeCase(.open).isOverdue(at: due))
        #expect(makeCase(.open).isOverdue(at: due.addingTimeInterval(1)))
        #expect(!makeCase(.contacted, contacted: true).isOverdue(at: due.addingTimeInterval(1)))
        #expect(!makeCase(.closed).isOverdue(at: due.addingTimeInterval(1)))
    }

    @Test("resolutions read by their API name or their label")
    func resolutionNames() {
        for resolution in CaseResolution.allCases {
            #expect(CaseResolution(name: resolution.rawValue) == resolution)
            #expect(CaseResolution(name: resolution.label) == resolution)
        }
        #expect(CaseResolution(name: "won back") == nil)
    }
}

/// The SRP's case measures: open counts every case not closed, overdue only the open ones past due, the share
/// recovered is of the closed, the median of the hours to close.
@Suite struct CaseMeasuresTests {
    typealias Tally = CaseMeasures.Tally

    static let table: [(name: String, tallies: [Tally], open: Int, overdue: Int, recovered: Double?, median: Double?)] = [
        ("nothing", [], 0, 0, nil, nil),
        ("open, contacted and overdue", [
            Tally(state: .open, resolution: nil, overdue: true, minutesToClose: nil, count: 3),
            Tally(state: .open, resolution: nil, overdue: false, minutesToClose: nil, count: 2),
            Tally(state: .contacted, resolution: nil, overdue: false, minutesToClose: nil, count: 4),
        ], 9, 3, nil, nil),
        ("closed three ways", [
            Tally(state: .closed, resolution: .recovered, overdue: false, minutesToClose: 120, count: 3),
            Tally(state: .closed, resolution: .unreachable, overdue: false, minutesToClose: 600, count: 1),
            Tally(state: .closed, resolution: .notRecovered, overdue: false, minutesToClose: 30, count: 1),
        ], 0, 0, 60, 2),
    ]

    @Test("measures", arguments: table.indices)
    func measures(index: Int) {
        let row = Self.table[index]
        let measures = CaseMeasures(row.tallies)
        #expect(measures.open == row.open && measures.overdue == row.overdue, "\(row.name)")
        #expect(measures.recoveredPercent == row.recovered && measures.medianHoursToClose == row.median, "\(row.name)")
    }

    @Test func closedByResolution() {
        let measures = CaseMeasures(Self.table[2].tallies)
        #expect(measures.closed == [.recovered: 3, .unreachable: 1, .notRecovered: 1] && measures.closedCount == 5)
    }
}
