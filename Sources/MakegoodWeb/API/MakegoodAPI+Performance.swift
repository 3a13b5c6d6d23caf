import Foundation
import MakegoodDomain
import MakegoodStore

extension MakegoodAPI {
    /// A group's figures: recovery, and whether its recovered customers were won back.
    typealias Figures = (RecoveryPerformance, ResurveyMeasures)

    func getPerformance(_ input: Operations.GetPerformance.Input) async throws -> Operations.GetPerformance.Output {
        let from = try input.query.from.map { try parseLocalDate($0, field: "from") }
        let to = try input.query.to.map { try parseLocalDate($0, field: "to") }
        let groups = try parseGroupFilter(input.query.rgid)
        let (rows, rollups, targetHours) = try await read { scope, instance in
            let p = instance.preferences
            let range = LocalDate.instantRange(from: from, to: to, in: p.timezone)
            let hierarchy = try await scope.supportGroups.hierarchy()
            // A Department asked for brings its Teams, so its rollup is whole.
            let wanted = groups.map { Array($0.reduce(into: Set<String>()) { $0.formUnion(hierarchy.descendants(of: $1)) }) }
            let tallies = try await scope.performance.tallies(
                receivedFrom: range.lower, before: range.upper, groups: wanted, threshold: p.threshold)
            let byGroup = Dictionary(grouping: tallies, by: \.code)
            let all = try await scope.supportGroups.list()
            let resurveys = try await scope.surveyInvitations.resurveyTallies(
                alertedFrom: range.lower ?? .distantPast, before: range.upper ?? .distantFuture,
                groups: wanted ?? all.map(\.code))
            func figures(_ tallies: [PerformanceRepository.Tally], _ members: Set<String>) -> Figures {
                (RecoveryPerformance(tallies: tallies.map { ($0.facts, $0.count) }, targetHours: p.targetHours),
                 ResurveyMeasures(resurveys.filter { members.contains($0.group) }))
            }
            let shown = all.filter { groups.map(Set.init)?.contains($0.code) ?? true }
            let rows = shown.map { group in
                (group, figures(byGroup[group.code] ?? [], [group.code]))
            }
            let rollups = shown.compactMap { group -> (SupportGroup, Figures)? in
                let members = hierarchy.descendants(of: group.code)
                guard members.count > 1 else { return nil }
                return (group, figures(tallies.filter { members.contains($0.code) }, Set(members)))
            }
            return (rows, rollups, p.targetHours)
        }
        func figures(_ group: SupportGroup, _ both: Figures) -> Components.Schemas.GroupPerformance {
            let (f, r) = both
            return .init(
                supportGroupCode: group.code, name: group.name, needingRecovery: f.needingRecovery,
                withNote: f.withNote, spokenTo: f.spokenTo, alerted: f.alerted,
                recoveredWithinTargetPercent: f.recoveredWithinTargetPercent,
                medianHoursToFirstNote: f.medianHoursToFirstNote, p90HoursToFirstNote: f.p90HoursToFirstNote,
                resurvey: .init(
                    resurveyed: r.resurveyed, answered: r.answered, averageRatingBefore: r.averageBefore, averageRatingAfter: r.averageAfter,
                    detractorsToPromotersPercent: r.detractorsToPromotersPercent, detractorsToPassivesPercent: r.detractorsToPassivesPercent))
        }
        return .ok(
            .init(
                body: .json(
                    .init(
                        from: from?.description, to: to?.description, targetHours: targetHours,
                        groups: rows.map(figures), departments: rollups.map(figures)))))
    }
}
