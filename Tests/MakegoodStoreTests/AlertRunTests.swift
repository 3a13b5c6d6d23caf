import Foundation
import MakegoodDelivery
import MakegoodDomain
import MakegoodStore
import MakegoodTestSupport
import Testing

@testable import MakegoodAlerts

/// The daily run on every database: who gets what, once, with windows, fixes and weekend holds.
@Suite struct AlertRunTests {
    static let links = AlertRun.Links(baseURL: URL(string: "https://mg.example.com")!, signer: LinkSigner(secret: String(repeating: "k", count: 40)))
    static func local(_ text: String) -> Date { RFC3339.parse(text + "+11:00")! }  // Sydney summer time

    struct World {
        let fixture: Fixture
        let lead: Contact
        let both: Contact

        /// Group A (lead Lee, Also Alert Bo) and group B (lead Bo): Bo is in two groups.
        static func make(_ store: Store, weekendAlerts: Bool = true) async throws -> World {
            let fixture = try await Fixture.make(on: store, groups: [])
            let both = try Contact(name: "Bo Both", email: "bo@acme.example", mobile: "+61400000002")
            let lead = fixture.lead
            let instanceID = fixture.instance.id
            try await fixture.write { scope in
                try await scope.contacts.create(both, now: t0)
                _ = try await scope.supportGroups.put(
                    try SupportGroup(code: "A", name: "Alpha team", department: nil, lead: lead.id, alsoAlerts: [AlsoAlert(contact: both.id, access: .dashboard)]), now: t0)
                _ = try await scope.supportGroups.put(try SupportGroup(code: "B", name: "Beta team", department: nil, lead: both.id, alsoAlerts: []), now: t0)
                var preferences = fixture.instance.preferences
                preferences.weekendAlerts = weekendAlerts
                try await scope.savePreferences(preferences)
            }
            let instance = try #require(try await store.read { try await $0.instances.find(id: instanceID) })
            return World(fixture: Fixture(store: store, instance: instance, lead: lead), lead: lead, both: both)
        }

        /// The run of a local day, at the instance's alert time.
        func scheduled(_ day: String) -> ScheduledRun {
            ScheduledRun(day: LocalDate(day)!, instant: AlertCalendar(fixture.instance.preferences).alertInstant(on: LocalDate(day)!))
        }

        func run(_ day: String) async throws -> AlertRun.Summary? {
            let scheduled = scheduled(day)
            return try await AlertRun.run(scheduled, instance: fixture.instance, store: fixture.store, links: AlertRunTests.links, now: scheduled.instant)
        }

        func deliveries(_ summary: AlertRun.Summary?) async throws -> [Delivery] {
            let runs = try await fixture.read { try await $0.alertRuns.list() }
            guard let run = runs.first(where: { $0.day.description == summary?.day }) else { return [] }
            return try await fixture.read { try await $0.deliveries.list(run: run.id) }
        }
    }

    @Test(arguments: TestDatabase.allCases)
    func oneEmailAndOneTextPerRecipientCoveringAllTheirGroups(database: TestDatabase) async throws {
        try await database.withStore { store in
            let world = try await World.make(store)
            let f = world.fixture
            try await f.submit(ticket: "T1", group: "A", rating: 3, at: Self.local("2026-11-16T10:00:00"))
            try await f.submit(ticket: "T2", group: "B", rating: 2, at: Self.local("2026-11-16T12:00:00"))
            try await f.submit(ticket: "T3", group: "A", rating: 9, at: Self.local("2026-11-16T12:30:00"))
            try await f.submit(ticket: "T4", group: "GHOST", rating: 1, at: Self.local("2026-11-16T13:00:00"))

            let tuesday = try #require(try await world.run("2026-11-17"))

            #expect(tuesday.responses == 2 && tuesday.emails == 2 && tuesday.sms == 2)
            let sent = try await world.deliveries(tuesday)
            let toBo = sent.filter { $0.address == world.both.email || $0.address == world.both.mobile }
            #expect(toBo.count == 2 && toBo.allSatisfy { $0.itemCount == 2 })
            #expect(toBo.first { $0.channel == .sms }?.body.contains("2 unhappy customers to call back for Alpha team, Beta team") == true)
            let email = try #require(toBo.first { $0.channel == .email })
            // A ticket is a table cell (">T1<"): a bare "T3" could be part of a link's signature.
            #expect(email.html?.contains(">T1<") == true && email.html?.contains(">T2<") == true && email.html?.contains(">T3<") == false)
            #expect(email.body.contains("sig="))
            // The outbox holds the report as what it shows, and draws it into a whole PDF when the email is sent.
            let attachment = try #require(email.attachment)
            guard case .report(let json) = attachment.content else { Issue.record("the report was queued drawn"); return }
            #expect(attachment.name == "service-recovery-report-2026-11-17.pdf")
            #expect(String(decoding: json, as: UTF8.self).contains("\"ticketId\":\"T2\""))
            let pdf = try ReportAttachment.draw(json)
            #expect(pdf.starts(with: Data("%PDF-".utf8)) && String(decoding: pdf.suffix(8), as: UTF8.self).contains("%%EOF"))

            // The same run again does nothing.
            #expect(try await world.run("2026-11-17") == nil)

            // T4's group is created before Wednesday's run: it is alerted then, in window k−1.
            let lead = world.lead.id
            _ = try await f.write { try await $0.supportGroups.put(try SupportGroup(code: "GHOST", name: "Ghost team", department: nil, lead: lead, alsoAlerts: []), now: Self.local("2026-11-17T15:00:00")) }
            let wednesday = try #require(try await world.run("2026-11-18"))
            #expect(wednesday.responses == 1 && wednesday.emails == 1)
            #expect(try await world.deliveries(wednesday).allSatisfy { $0.address == world.lead.email || $0.address == world.lead.mobile })
            // Nothing is alerted twice.
            #expect(try await world.run("2026-11-19")?.responses == 0)
        }
    }

    /// On SQLite the messages are written before the run's transaction; a response that arrives in between must still
    /// be in the email, and one that is fixed in between must not.
    @Test(arguments: TestDatabase.allCases)
    func aDraftOverTakenByNewResponsesIsWrittenAgain(database: TestDatabase) async throws {
        try await database.withStore { store in
            let world = try await World.make(store)
            let f = world.fixture
            try await f.submit(ticket: "T1", group: "A", rating: 3, at: Self.local("2026-11-16T10:00:00"))
            try await f.submit(ticket: "T2", group: "A", rating: 2, at: Self.local("2026-11-16T11:00:00"))
            let scheduled = world.scheduled("2026-11-17")
            let draft = try #require(try await AlertRun.draft(scheduled, instance: f.instance, store: store, links: Self.links))
            #expect(draft.inputs.responses.count == 2)

            try await f.submit(ticket: "T3", group: "B", rating: 1, at: Self.local("2026-11-16T12:00:00"))
            try await f.submit(ticket: "T2", group: "A", rating: 9, at: Self.local("2026-11-16T12:30:00"))  // fixed
            let summary = try #require(
                try await AlertRun.run(scheduled, instance: f.instance, store: store, links: Self.links, now: scheduled.instant, draft: draft))

            #expect(summary.responses == 2)
            let emails = try await world.deliveries(summary).filter { $0.channel == .email }
            let toBo = try #require(emails.first { $0.address == world.both.email })
            #expect(toBo.html?.contains(">T1<") == true && toBo.html?.contains(">T3<") == true && toBo.html?.contains(">T2<") == false)
            #expect(emails.first { $0.address == world.lead.email }?.html?.contains(">T2<") == false)

            // A draft for a day that has run is not made at all.
            #expect(try await AlertRun.draft(scheduled, instance: f.instance, store: store, links: Self.links) == nil)
        }
    }

    @Test(arguments: TestDatabase.allCases)
    func weekendTextsAreHeldToMondayAndMerged(database: TestDatabase) async throws {
        try await database.withStore { store in
            let world = try await World.make(store, weekendAlerts: false)
            let f = world.fixture
            try await f.submit(ticket: "F", group: "B", rating: 2, at: Self.local("2026-11-20T18:00:00"))  // Friday evening
            try await f.submit(ticket: "S", group: "B", rating: 2, at: Self.local("2026-11-21T18:00:00"))  // Saturday evening
            try await f.submit(ticket: "M", group: "B", rating: 2, at: Self.local("2026-11-23T08:00:00"))  // Monday morning

            let saturday = try #require(try await world.run("2026-11-21"))
            let sunday = try #require(try await world.run("2026-11-22"))
            #expect(saturday.emails == 1 && saturday.sms == 0 && saturday.heldSMS == 1)
            #expect(sunday.emails == 1 && sunday.heldSMS == 1)
            let monday = try #require(try await world.run("2026-11-23"))

            #expect(monday.sms == 1)
            let text = try #require(try await world.deliveries(monday).first { $0.channel == .sms })
            #expect(text.body.contains("3 unhappy customers to call back (Sat 1, Sun 1, Mon 1)"), "\(text.body)")
            #expect(SMSEncoding.segments(text.body) <= 2)
            let held = try await world.deliveries(saturday).first { $0.channel == .sms }
            #expect(held?.state == .merged)

            // The next weekend holds and merges again, from scratch.
            try await f.submit(ticket: "S2", group: "B", rating: 2, at: Self.local("2026-11-28T18:00:00"))
            for day in ["2026-11-24", "2026-11-25", "2026-11-26", "2026-11-27", "2026-11-28", "2026-11-29"] {
                let summary = try #require(try await world.run(day))
                #expect(summary.sms == 0 && summary.heldSMS == (day == "2026-11-29" ? 1 : 0), "\(day)")
            }
            let nextMonday = try #require(try await world.run("2026-11-30"))
            let nextText = try #require(try await world.deliveries(nextMonday).first { $0.channel == .sms })
            #expect(nextText.body.contains("1 unhappy customer to call back (Sun 1, Mon 0) for Beta team"), "\(nextText.body)")
        }
    }

    @Test(arguments: TestDatabase.allCases)
    func folderOutboxWritesEachMessageOnce(database: TestDatabase) async throws {
        try await database.withStore { store in
            let world = try await World.make(store)
            try await world.fixture.submit(ticket: "T1", group: "A", rating: 3, at: Self.local("2026-11-16T10:00:00"))
            _ = try await world.run("2026-11-17")
            let folder = FileManager.default.temporaryDirectory.appendingPathComponent("outbox-\(UUID().uuidString)")
            defer { try? FileManager.default.removeItem(at: folder) }
            let transport = FolderTransport(folder: folder, from: "Makegood <alerts@mg.example.com>")
            let worker = OutboxWorker(store: store, email: transport, sms: transport, drawReport: ReportAttachment.draw)

            let first = try await worker.deliverDue(now: { Self.local("2026-11-17T09:01:00") }, logger: TestDatabase.logger)
            let second = try await worker.deliverDue(now: { Self.local("2026-11-17T09:30:00") }, logger: TestDatabase.logger)

            #expect(first == 4 && second == 0)
            let emails = try FileManager.default.contentsOfDirectory(atPath: folder.appendingPathComponent("email").path)
            let texts = try FileManager.default.contentsOfDirectory(atPath: folder.appendingPathComponent("sms").path)
            // Each under its own name, and no temporary file left behind.
            #expect(emails.count == 2 && texts.count == 2)
            #expect(emails.allSatisfy { !$0.hasPrefix(".") && $0.hasSuffix(".eml") } && texts.allSatisfy { !$0.hasPrefix(".") && $0.hasSuffix(".json") })
            let eml = try String(contentsOf: folder.appendingPathComponent("email").appendingPathComponent(emails[0]), encoding: .utf8)
            #expect(eml.contains("MIME-Version: 1.0\r\n") && eml.contains("multipart/alternative"))
            // The report was drawn on the way out: the file holds the PDF (base64 of "%PDF-" is "JVBERi0").
            #expect(eml.contains("Content-Type: application/pdf; name=\"service-recovery-report-2026-11-17.pdf\""))
            #expect(eml.contains("\r\n\r\nJVBERi0"))
        }
    }

    /// A report the outbox can't draw is never sent without it: the email fails for good, saying why.
    @Test(arguments: TestDatabase.allCases)
    func anEmailWhoseReportCantBeDrawnFailsWithTheReason(database: TestDatabase) async throws {
        try await database.withStore { store in
            let world = try await World.make(store)
            let at = Self.local("2026-11-17T09:00:00")
            let message = DeliveryRepository.Message(
                contactID: world.lead.id, channel: .email, address: world.lead.email, subject: "Report", body: "Body", html: nil,
                attachment: .init(name: "report.pdf", content: .report(Data("{\"not\": \"a report\"}".utf8))), itemCount: 1,
                groupNames: ["Alpha team"])
            let id = try await world.fixture.write { try await $0.deliveries.queue(message, run: nil, now: at) }
            let folder = FileManager.default.temporaryDirectory.appendingPathComponent("outbox-\(UUID().uuidString)")
            defer { try? FileManager.default.removeItem(at: folder) }
            let transport = FolderTransport(folder: folder, from: "Makegood <alerts@mg.example.com>")
            let worker = OutboxWorker(store: store, email: transport, sms: transport, drawReport: ReportAttachment.draw)

            #expect(try await worker.deliverDue(now: { at }, logger: TestDatabase.logger) == 0)

            let failed = try #require(try await world.fixture.read { try await $0.deliveries.find(id) })
            #expect(failed.state == .failed && failed.lastError?.contains("can't draw the report report.pdf") == true)
            let emails = (try? FileManager.default.contentsOfDirectory(atPath: folder.appendingPathComponent("email").path)) ?? []
            #expect(emails.isEmpty)
        }
    }

    /// Weekend Alerts on: texts go out on Saturday and Sunday as on any day, two weekends running.
    @Test(arguments: TestDatabase.allCases)
    func weekendTextsGoOutWhenWeekendAlertsAreOn(database: TestDatabase) async throws {
        try await database.withStore { store in
            let world = try await World.make(store, weekendAlerts: true)
            for day in ["2026-11-20", "2026-11-21", "2026-11-27", "2026-11-28"] {
                try await world.fixture.submit(ticket: "W\(day)", group: "B", rating: 2, at: Self.local("\(day)T18:00:00"))
            }
            var sms: [String: Int] = [:]
            for day in ["2026-11-21", "2026-11-22", "2026-11-23", "2026-11-28", "2026-11-29", "2026-11-30"] {
                let calendar = AlertCalendar(world.fixture.instance.preferences)
                let runs = calendar.dueRuns(after: try await world.fixture.read { try await $0.alertRuns.last()?.day }, upTo: calendar.alertInstant(on: LocalDate(day)!))
                for run in runs {
                    let summary = try await AlertRun.run(run, instance: world.fixture.instance, store: store, links: Self.links, now: run.instant)
                    sms[run.day.description] = summary?.sms
                    #expect(summary?.heldSMS == 0)
                }
            }
            #expect(sms["2026-11-21"] == 1 && sms["2026-11-22"] == 1 && sms["2026-11-28"] == 1 && sms["2026-11-29"] == 1)
            #expect(sms["2026-11-23"] == 0 && sms["2026-11-24"] == 0)
        }
    }

    /// A response still invalid at the next run never alerts, even when it is fixed later; it stays listed.
    @Test(arguments: TestDatabase.allCases)
    func fixedTooLateNeverAlerts(database: TestDatabase) async throws {
        try await database.withStore { store in
            let world = try await World.make(store)
            let late = try await world.fixture.submit(ticket: "LATE", group: "GHOST", rating: 1, at: Self.local("2026-11-16T13:00:00")).response
            #expect(try await world.run("2026-11-17")?.responses == 0)
            #expect(try await world.run("2026-11-18")?.responses == 0)
            let lead = world.lead.id
            _ = try await world.fixture.write {
                try await $0.supportGroups.put(try SupportGroup(code: "GHOST", name: "Ghost", department: nil, lead: lead, alsoAlerts: []), now: Self.local("2026-11-18T10:00:00"))
            }
            #expect(try await world.run("2026-11-19")?.responses == 0)
            let listed = try await world.fixture.read { try await $0.responses.find(late.id) }
            #expect(listed?.isValid == true && listed?.alertedAt == nil)
        }
    }
}
