import Foundation
import MakegoodDomain
import MakegoodStore

extension MakegoodAPI {
    func getPerformance(_ input: Operations.GetPerformance.Input) async throws -> Operations.GetPerformance.Output {
        let from = try input.query.from.map { try parseLocalDate($0, field: "from") }
        let to = try input.query.to.map { try parseLocalDate($0, field: "to") }
        let groups = try parseGroupFilter(input.query.rgid)
        let (figures, targetHours) = try await read { scope, instance in
            let p = instance.preferences
            let range = LocalDate.instantRange(from: from, to: to, in: p.timezone)
            let figures = try await scope.performance.figures(
                receivedFrom: range.lower, before: range.upper, groups: groups, threshold: p.threshold, targetHours: p.targetHours)
            return (figures, p.targetHours)
        }
        return .ok(
            .init(
                body: .json(
                    .init(
                        from: from?.description, to: to?.description, targetHours: targetHours,
                        groups: figures.map { group in
                            let f = group.figures
                            return .init(
                                supportGroupCode: group.code, name: group.name, needingRecovery: f.needingRecovery,
                                withNote: f.withNote, spokenTo: f.spokenTo, alerted: f.alerted,
                                recoveredWithinTargetPercent: f.recoveredWithinTargetPercent,
                                medianHoursToFirstNote: f.medianHoursToFirstNote, p90HoursToFirstNote: f.p90HoursToFirstNote)
                        }))))
    }
}
