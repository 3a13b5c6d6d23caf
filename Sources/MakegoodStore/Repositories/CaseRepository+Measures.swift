public import Foundation
public import MakegoodDomain
import SQLKit

extension CaseRepository {
    /// The cases an alert in `[from, before)` opened, of `groups`, counted by group and everything `CaseMeasures`
    /// tells apart, with whether each open one is overdue at `now`. The few not closed are counted from
    /// `cases_by_group`; the many closed are read already counted from `case_closings` (migration 13), by whole
    /// hours from the alert to closing (60, 120, … minutes).
    public func measureTallies(alertedFrom from: Date, before: Date, groups: [String], now: Date) async throws
        -> [(code: String?, tally: CaseMeasures.Tally)]
    {
        guard !groups.isEmpty else { return [] }
        let (lower, upper) = (Instant.milliseconds(from), Instant.milliseconds(before))
        let unclosed: SQLQueryString = """
            SELECT c.support_group_code AS code, c.state,
                CASE WHEN c.state = 'open' AND c.due_at < \(bind: Instant.milliseconds(now)) THEN 1 ELSE 0 END AS overdue, COUNT(*) AS cases
            FROM recovery_cases c WHERE c.instance_id = \(bind: scope.key) AND c.support_group_code IN (\(binds: groups.sorted()))
                AND c.alerted_at >= \(bind: lower) AND c.alerted_at < \(bind: upper) AND c.state IN ('open', 'contacted')
            GROUP BY c.support_group_code, c.state, overdue
            """
        let closed: SQLQueryString = """
            SELECT support_group_code AS code, resolution, hours, CAST(SUM(cases) AS BIGINT) AS cases
            FROM case_closings WHERE instance_id = \(bind: scope.key) AND support_group_code IN (\(binds: groups.sorted()))
                AND alerted_at >= \(bind: lower) AND alerted_at < \(bind: upper)
            GROUP BY support_group_code, resolution, hours
            """
        var tallies: [(code: String?, tally: CaseMeasures.Tally)] = []
        for row in try await sql.raw(unclosed).all() {
            let tally = CaseMeasures.Tally(
                state: CaseState(rawValue: try row.decode(column: "state", as: String.self)) ?? .open, resolution: nil,
                overdue: try row.decode(column: "overdue", as: Int.self) == 1, minutesToClose: nil,
                count: try row.decode(column: "cases", as: Int.self))
            tallies.append((try row.decode(column: "code", as: String?.self), tally))
        }
        for row in try await sql.raw(closed).all() {
            let tally = CaseMeasures.Tally(
                state: .closed, resolution: CaseResolution(rawValue: try row.decode(column: "resolution", as: String.self)),
                overdue: false, minutesToClose: try row.decode(column: "hours", as: Int.self) * 60,
                count: try row.decode(column: "cases", as: Int.self))
            let code = try row.decode(column: "code", as: String.self)
            tallies.append((code.isEmpty ? nil : code, tally))
        }
        return tallies
    }
}
