public import Foundation
public import MakegoodDomain
import SQLKit

extension CaseRepository {
    /// The cases closed as recovered in `[from, through]` that have no re-survey yet, oldest first: what the
    /// scheduler surveys again (issue 22). The window's start keeps turning the re-survey on from surveying every
    /// case ever recovered.
    public func dueForResurvey(closedFrom from: Date, through: Date, limit: Int) async throws -> [RecoveryCase] {
        try await sql.raw(
            """
            SELECT c.* FROM recovery_cases c
            WHERE c.instance_id = \(bind: scope.key) AND c.closed_at >= \(bind: Instant.milliseconds(from))
                AND c.closed_at <= \(bind: Instant.milliseconds(through)) AND c.state = 'closed' AND c.resolution = 'recovered'
                AND NOT EXISTS (SELECT 1 FROM survey_invitations i WHERE i.instance_id = c.instance_id AND i.case_id = c.id)
            ORDER BY c.closed_at, c.id LIMIT \(literal: limit)
            """
        ).all().map(Self.decode)
    }
}
