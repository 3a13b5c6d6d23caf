import PostgresKit
import SQLiteKit

/// Whether an error is the database refusing a duplicate key.
func isUniqueViolation(_ error: any Error) -> Bool {
    if let error = error as? PSQLError {
        return error.serverInfo?[.sqlState] == "23505"
    }
    if let error = error as? SQLiteError {
        return error.reason == .constraint || error.reason == .constraintUniqueFailed
            || error.reason == .constraintPrimaryKeyFailed
    }
    return false
}
