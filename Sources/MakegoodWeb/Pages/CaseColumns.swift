import Foundation
import MakegoodDomain
import MakegoodStore

/// The State and Owner columns of the Survey Responses Report and the SRES dashboard (issue 21): each response's
/// recovery case as "Open" or "Closed: recovered", and who owns it; blank for a response no alert reported.
struct CaseColumns: Sendable {
    let states: [UUID: String]
    let owners: [UUID: String]

    static let none = CaseColumns(states: [:], owners: [:])

    static func load(_ responses: [SurveyResponse], scope: InstanceScope) async throws -> CaseColumns {
        let cases = try await scope.cases.cases(ofResponses: responses.map(\.id))
        guard !cases.isEmpty else { return .none }
        let groups = Dictionary(try await scope.supportGroups.list().map { ($0.code, $0) }, uniquingKeysWith: { a, _ in a })
        let names = Dictionary(try await scope.contacts.list().map { ($0.id, $0.name) }, uniquingKeysWith: { a, _ in a })
        var states: [UUID: String] = [:]
        var owners: [UUID: String] = [:]
        for response in responses {
            guard let recovery = cases[response.id] else { continue }
            states[response.id] = recovery.stateText
            if let owner = recovery.owner(in: response.submission.supportGroupCode.flatMap { groups[$0] }) {
                owners[response.id] = names[owner]
            }
        }
        return CaseColumns(states: states, owners: owners)
    }

    func state(of response: SurveyResponse) -> String { states[response.id] ?? "" }
    func owner(of response: SurveyResponse) -> String { owners[response.id] ?? "" }
}
