import ArgumentParser
import Foundation
import MakegoodAlerts
import MakegoodDomain
import MakegoodStore

/// `makegood import responses --cpc CPC FILE.csv` and `makegood import invitations --cpc CPC FILE.csv`.
struct ImportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import", abstract: "Bulk imports.", subcommands: [Responses.self, Invitations.self])

    struct Invitations: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Send survey invitations for the solved tickets of a help desk's CSV export.",
            discussion: """
                Columns: ticketId, customerEmail (both required), supportGroupCode, segmentCode, customerName, agent, language, \
                sendAt (RFC 3339). Each row follows the rules of POST /api/v1/survey-invitations; a ticket already invited \
                is counted, not sent again. Bad rows are reported by line number and the others kept; the exit status is 0 \
                only when no row was rejected. The emails go out with the next outbox pass of a running server (or \
                `makegood outbox send`).
                """)

        @Option(help: "The instance's Client Portal Code.") var cpc: String
        @Argument(help: "The CSV file.") var file: String

        func run() async throws {
            let logger = Runtime.bootstrapLogging()
            let configuration = try Runtime.configuration()
            let summary: InvitationCSVImport.Summary
            do {
                summary = try await Runtime.withStore(configuration, logger: logger) { store in
                    guard let instance = try await store.read({ try await $0.instances.find(cpc: cpc) }) else {
                        throw DomainError(field: "cpc", "no instance has the Client Portal Code \(cpc)")
                    }
                    let links = Runtime.links(configuration, secret: try await Runtime.secret(configuration, store: store))
                    return try await InvitationCSVImport.run(
                        file: file, instanceID: instance.id, inviter: SurveyInviter(store: store, links: links), now: Date())
                }
            } catch let error as DomainError {
                Runtime.printError("error: \(error.description)")
                throw ExitCode(2)
            }
            for rejected in summary.rejected {
                Runtime.printError("line \(rejected.line): \(rejected.message)")
            }
            Runtime.printError(
                "\(summary.rows) rows: \(summary.queued) invitations queued, \(summary.skipped) skipped (quiet period or unsubscribed), \(summary.alreadyInvited) tickets already invited, \(summary.rejected.count) rejected"
            )
            if !summary.rejected.isEmpty { throw ExitCode(1) }
        }
    }

    struct Responses: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Import survey responses from a CSV file whose header names the API's fields.",
            discussion: """
                Columns: ticketId, supportGroupCode, segmentCode, customerName, customerEmail, agent, rating, factors \
                (separated by ; or |), comment, receivedAt (RFC 3339). Bad rows are reported by line number and the good \
                ones kept; the exit status is 0 only when every row was imported.
                """)

        @Option(help: "The instance's Client Portal Code.") var cpc: String
        @Argument(help: "The CSV file.") var file: String

        func run() async throws {
            let logger = Runtime.bootstrapLogging()
            let configuration = try Runtime.configuration()
            let progress = ProgressBar(enabled: isatty(STDERR_FILENO) == 1)
            let summary: ResponseCSVImport.Summary
            do {
                summary = try await Runtime.withStore(configuration, logger: logger) { store in
                    guard let instance = try await store.read({ try await $0.instances.find(cpc: cpc) }) else {
                        throw DomainError(field: "cpc", "no instance has the Client Portal Code \(cpc)")
                    }
                    return try await ResponseCSVImport.run(file: file, instanceID: instance.id, store: store, now: Date()) {
                        progress.update(done: $0.bytesRead, total: $0.bytesTotal, detail: "\($0.rows) rows")
                    }
                }
            } catch let error as DomainError {
                Runtime.printError("error: \(error.description)")
                throw ExitCode(2)
            }
            progress.finish()
            for rejected in summary.rejected {
                Runtime.printError("line \(rejected.line): \(rejected.message)")
            }
            Runtime.printError(
                "\(summary.rows) rows: \(summary.imported) imported (\(summary.replaced) replaced an earlier response, \(summary.invalid) stored as invalid to fix), \(summary.rejected.count) rejected"
            )
            if !summary.rejected.isEmpty { throw ExitCode(1) }
        }
    }
}
