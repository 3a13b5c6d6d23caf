import Foundation
import MakegoodDomain
import MakegoodTestSupport
import Testing
@testable import MakegoodStore

/// SPEC §1's store-or-replace rule, as one table of scenarios run on both databases through the store's one
/// `ResponseWriter` — once as the API's intake and the fixtures call it (`storeResponses`), once as the CSV import
/// does — with the same outcome each way.
@Suite struct ResponseWriterScenarioTests {
    /// What a response in a batch replaced.
    enum Replaced: Equatable, Sendable {
        case nothing
        /// The response stored before the batch with this ticket id (which has a note).
        case stored
        /// The response at this position of the batch.
        case item(Int)
    }

    struct Sent: Sendable {
        let ticket: String?
        var group: String? = "TEAM"
    }

    struct Scenario: Sendable, CustomTestStringConvertible {
        let name: String
        /// Tickets stored, with a note each, before the batch.
        var before: [String] = []
        let batch: [Sent]
        let replaced: [Replaced]
        /// The positions of the batch that are invalid.
        var invalid: Set<Int> = []
        var testDescription: String { name }
    }

    static let scenarios: [Scenario] = [
        Scenario(name: "new tickets", batch: [Sent(ticket: "A"), Sent(ticket: "B")], replaced: [.nothing, .nothing]),
        Scenario(name: "a ticket already stored", before: ["A"], batch: [Sent(ticket: "A")], replaced: [.stored]),
        Scenario(name: "a ticket twice in one batch", batch: [Sent(ticket: "A"), Sent(ticket: "A")], replaced: [.nothing, .item(0)]),
        Scenario(
            name: "a stored ticket three times in one batch", before: ["A", "B"],
            batch: [Sent(ticket: "A"), Sent(ticket: "C"), Sent(ticket: "A"), Sent(ticket: "A")],
            replaced: [.stored, .nothing, .item(0), .item(2)]),
        Scenario(
            name: "no ticket id replaces nothing and is invalid", before: ["A"], batch: [Sent(ticket: nil), Sent(ticket: nil)],
            replaced: [.nothing, .nothing], invalid: [0, 1]),
        Scenario(
            name: "an unknown or missing group is stored invalid", before: ["A"],
            batch: [Sent(ticket: "A", group: "GHOST"), Sent(ticket: "B", group: nil), Sent(ticket: "C")],
            replaced: [.stored, .nothing, .nothing], invalid: [0, 1]),
        Scenario(
            name: "a ticket across the 200-row statements", before: ["T"],
            batch: (0..<205).map { Sent(ticket: [0, 1, 204].contains($0) ? "T" : "U\($0)") },
            replaced: (0..<205).map { $0 == 0 ? .stored : $0 == 1 ? .item(0) : $0 == 204 ? .item(1) : .nothing }),
    ]

    static let cases = scenarios.flatMap { scenario in TestDatabase.allCases.map { (scenario, $0) } }

    static func submission(_ sent: Sent, rating: Int) throws -> SurveySubmission {
        try SurveySubmission(
            ticketId: sent.ticket, supportGroupCode: sent.group, segmentCode: "ENT", customerName: nil, customerEmail: nil,
            agent: nil, rating: try Rating(rating), factors: ["Speed", "A \"quoted\" one"], comment: nil, receivedAt: t0)
    }

    /// The batch's ratings are its positions (mod 10, from 1), so each current response says which item it is.
    static func rating(_ index: Int) -> Int { index % 10 + 1 }

    /// Stores the responses before the batch, each with a note; their ids by ticket.
    static func storeBefore(_ scenario: Scenario, in fixture: Fixture) async throws -> [String: UUID] {
        var ids: [String: UUID] = [:]
        for ticket in scenario.before {
            let response = try await fixture.submit(ticket: ticket, rating: 2).response
            _ = try await fixture.note(response.id, spoke: true, at: t0)
            ids[ticket] = response.id
        }
        return ids
    }

    /// The current responses' tickets and ratings, and how many notes each carries.
    static func current(_ fixture: Fixture) async throws -> [String: [Int]] {
        let items = try await fixture.read { try await $0.responses.list(ResponseQuery(limit: 500)).items }
        return Dictionary(grouping: items, by: { $0.submission.ticketId ?? "-" }).mapValues {
            $0.map { $0.submission.rating.value * 10 + $0.notes.count }.sorted()
        }
    }

    @Test(arguments: cases)
    func throughTheIntake(scenario: Scenario, database: TestDatabase) async throws {
        try await database.withStore { store in
            let fixture = try await Fixture.make(on: store)
            let before = try await Self.storeBefore(scenario, in: fixture)
            let items = try scenario.batch.enumerated().map {
                ResponseWriteItem(instance: fixture.instance.id, submission: try Self.submission($1, rating: Self.rating($0)))
            }

            let receipts = try await store.storeResponses(items, now: t0.addingTimeInterval(60)).map { try $0.get() }

            for (index, receipt) in receipts.enumerated() {
                let expected: UUID? = switch scenario.replaced[index] {
                case .nothing: nil
                case .stored: before[scenario.batch[index].ticket!]
                case .item(let earlier): receipts[earlier].response.id
                }
                #expect(receipt.replaced == expected, "item \(index)")
                #expect(receipt.response.replaces == expected, "item \(index)")
                #expect(receipt.response.isValid == !scenario.invalid.contains(index), "item \(index)")
                #expect(receipt.response.submission.factors == ["Speed", "A \"quoted\" one"])
                // What the intake answered is what reading the response back gives.
                let read = try await fixture.read { try await $0.responses.find([receipt.response.id], includingSuperseded: true) }
                #expect(read == [receipt.response], "item \(index)")
            }
            #expect(try await Self.current(fixture) == Self.expectedCurrent(scenario))
        }
    }

    @Test(arguments: cases)
    func throughTheImport(scenario: Scenario, database: TestDatabase) async throws {
        try await database.withStore { store in
            let fixture = try await Fixture.make(on: store)
            _ = try await Self.storeBefore(scenario, in: fixture)
            let rows = scenario.batch.enumerated().map { index, sent in
                "\(sent.ticket ?? ""),\(sent.group ?? ""),ENT,\(Self.rating(index)),Speed;\"A \"\"quoted\"\" one\""
            }
            let csv = (["ticketId,supportGroupCode,segmentCode,rating,factors"] + rows).joined(separator: "\n")

            let summary = try await ResponseCSVImport.run(
                csv: csv, instanceID: fixture.instance.id, store: store, now: t0.addingTimeInterval(60))

            #expect(summary.rejected.isEmpty && summary.imported == scenario.batch.count)
            #expect(summary.replaced == scenario.replaced.count { $0 != .nothing })
            #expect(summary.invalid == scenario.invalid.count)
            #expect(try await Self.current(fixture) == Self.expectedCurrent(scenario))
        }
    }

    /// The current responses after the batch: each ticket's last, or what was stored before it; those whose line
    /// reaches back to a stored response carry its note.
    static func expectedCurrent(_ scenario: Scenario) -> [String: [Int]] {
        var current: [String: [Int]] = [:]
        for ticket in scenario.before { current[ticket] = [2 * 10 + 1] }
        var carriesNote: [Bool] = []
        for (index, sent) in scenario.batch.enumerated() {
            let notes: Bool = switch scenario.replaced[index] {
            case .nothing: false
            case .stored: true
            case .item(let earlier): carriesNote[earlier]
            }
            carriesNote.append(notes)
            let value = rating(index) * 10 + (notes ? 1 : 0)
            if let ticket = sent.ticket { current[ticket] = [value] } else { current["-", default: []].append(value) }
        }
        return current.mapValues { $0.sorted() }
    }
}
