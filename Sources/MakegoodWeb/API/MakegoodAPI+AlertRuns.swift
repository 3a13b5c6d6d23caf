import Foundation
import MakegoodDomain
import MakegoodStore

extension MakegoodAPI {
    func listAlertRuns(_ input: Operations.ListAlertRuns.Input) async throws -> Operations.ListAlertRuns.Output {
        let limit = input.query.limit ?? 30
        guard (1...100).contains(limit) else { throw APIError.badRequest("limit must be from 1 to 100; got \(limit)", field: "limit") }
        let runs = try await read { scope, _ in
            var runs: [(AlertRunRepository.Run, [Delivery])] = []
            for run in try await scope.alertRuns.list(limit: limit) {
                runs.append((run, try await scope.deliveries.list(run: run.id)))
            }
            return runs
        }
        return .ok(
            .init(
                body: .json(
                    .init(
                        items: runs.map { run, deliveries in
                            .init(
                                id: run.id, day: run.day.description, instant: run.instant, windowStart: run.windowStart,
                                windowEnd: run.instant, responses: run.responses, recipients: run.recipients,
                                deliveries: deliveries.map {
                                    .init(
                                        id: $0.id, channel: $0.channel == .email ? .email : .sms, address: $0.address,
                                        state: .init(rawValue: $0.state.rawValue) ?? .queued, attempts: $0.attempts,
                                        itemCount: $0.itemCount, lastError: $0.lastError, sentAt: $0.sentAt)
                                })
                        }))))
    }
}
