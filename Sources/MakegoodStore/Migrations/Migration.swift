public import SQLKit

/// One versioned change to the schema; applied once, in order, inside a transaction.
public struct Migration: Sendable {
    public let version: Int
    public let name: String
    let apply: @Sendable (any SQLDatabase, Database.Kind) async throws -> Void

    init(version: Int, name: String, apply: @escaping @Sendable (any SQLDatabase, Database.Kind) async throws -> Void) {
        self.version = version
        self.name = name
        self.apply = apply
    }

    /// Every migration of the schema, oldest first.
    public static let all: [Migration] = [
        .createCoreTables,
        .createSurveyTables,
        .createAlertTables,
        .createWebTables,
        .createInvitations,
        .splitDeliveryContents,
        .addFirstNoteTimes,
        .storeAttachmentsAsBytes,
        .keepReportsToDraw,
        .recordNoteLinks,
        .createRecoveryCases,
        .addCaseChasing,
        .countCaseClosings,
        .createSurveyInvitations,
    ]
}
