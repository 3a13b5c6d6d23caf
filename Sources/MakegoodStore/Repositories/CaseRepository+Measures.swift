public import Foundation
public import MakegoodDomain
import SQLKit

extension CaseRepository {
    /// The cases an alert in `[from, before)` opened (of `groups`, nil: every group), counted by group and everything
    /// `CaseMeasures` tells apart, with whether each open one is overdue at `now`; read from the `cases_by_alert`
    /// index alone. Minutes to close are counted in whole hours' worth (60, 120, …), so closed cases share rows.
    public func measureTallies(alertedFrom from: Date?, before: Date?, groups: [String]?, now: Date) async throws
        -> [(code: String?, tally: CaseMeasures.Tally)]
    {
        var conditions: [SQLQueryString] = ["c.instance_id = \(bind: scope.key)"]
        if let from { conditions.append("c.alerted_at >= \(bind: Instant.milliseconds(from))") }
        if let before { conditions.append("c.alerted_at < \(bind: Instant.milliseconds(before))") }
        if let groups { conditions.append(groups.isEmpty ? "1 = 0" : "c.support_group_code IN (\(binds: groups))") }
        var statement: SQLQueryString = """
            SELECT code, state, resolution, overdue, hours, COUNT(*) AS cases FROM (
                SELECT c.support_group_code AS code, c.state, c.resolution,
                    CASE WHEN c.state = 'open' AND c.due_at < \(bind: Instant.milliseconds(now)) THEN 1 ELSE 0 END AS overdue,
                    CASE WHEN c.state = 'closed' THEN (c.closed_at - c.alerted_at) / 3600000 END AS hours
                FROM recovery_cases c WHERE\u{20}
            """
        statement += conditions.joined(separator: " AND ")
        statement += ") f GROUP BY code, state, resolution, overdue, hours"
        return try await sql.raw(statement).all().map { row in
            let tally = CaseMeasures.Tally(
                state: CaseState(rawValue: try row.decode(column: "state", as: String.self)) ?? .open,
                resolution: try row.decode(column: "resolution", as: String?.self).flatMap(CaseResolution.init(rawValue:)),
                overdue: try row.decode(column: "overdue", as: Int.self) == 1,
                minutesToClose: try row.decode(column: "hours", as: Int?.self).map { $0 * 60 },
                count: try row.decode(column: "cases", as: Int.self))
            return (try row.decode(column: "code", as: String?.self), tally)
        }
    }
}
