public import Foundation
public import MakegoodDomain
import SQLKit

extension CaseRepository {
    /// The cases an alert in `[from, before)` opened, of `groups`, counted by group and everything `CaseMeasures`
    /// tells apart, with whether each open one is overdue at `now`. Two statements, each a search of one index per
    /// group (`cases_by_group` for the few not closed, `cases_closed_by_group` for the many closed); minutes to close
    /// are counted in whole hours' worth (60, 120, …), so the closed cases of a group share rows.
    public func measureTallies(alertedFrom from: Date, before: Date, groups: [String], now: Date) async throws
        -> [(code: String?, tally: CaseMeasures.Tally)]
    {
        guard !groups.isEmpty else { return [] }
        let (lower, upper) = (Instant.milliseconds(from), Instant.milliseconds(before))
        let scope: SQLQueryString = """
            FROM recovery_cases c WHERE c.instance_id = \(bind: scope.key) AND c.support_group_code IN (\(binds: groups.sorted()))
                AND c.alerted_at >= \(bind: lower) AND c.alerted_at < \(bind: upper)
            """
        var unclosed: SQLQueryString = """
            SELECT c.support_group_code AS code, c.state,
                CASE WHEN c.state = 'open' AND c.due_at < \(bind: Instant.milliseconds(now)) THEN 1 ELSE 0 END AS overdue, COUNT(*) AS cases\u{20}
            """
        unclosed += scope + " AND c.state IN ('open', 'contacted') GROUP BY c.support_group_code, c.state, overdue"
        var closed: SQLQueryString = """
            SELECT c.support_group_code AS code, c.resolution, (c.closed_at - c.alerted_at) / 3600000 AS hours, COUNT(*) AS cases\u{20}
            """
        closed += scope + " AND c.state = 'closed' GROUP BY c.support_group_code, c.resolution, hours"
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
                state: .closed, resolution: try row.decode(column: "resolution", as: String?.self).flatMap(CaseResolution.init(rawValue:)),
                overdue: false, minutesToClose: try row.decode(column: "hours", as: Int?.self).map { $0 * 60 },
                count: try row.decode(column: "cases", as: Int.self))
            tallies.append((try row.decode(column: "code", as: String?.self), tally))
        }
        return tallies
    }
}
