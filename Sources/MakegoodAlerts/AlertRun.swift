public import Foundation
public import MakegoodDomain
public import MakegoodStore

/// The daily run (SPEC §2): for an instance and a scheduled instant, claim the run, work out who gets what,
/// and queue one email and at most one SMS per recipient — all in the transaction that records the run.
public enum AlertRun {
    /// What a run did, for the CLI's summary and the API.
    public struct Summary: Sendable, Codable {
        public let cpc: String
        public let day: String
        public let instant: Date
        public let windowStart: Date
        public let responses: Int
        public let emails: Int
        public let sms: Int
        public let heldSMS: Int
    }

    /// Where links in messages point, and how they are signed.
    public struct Links: Sendable {
        public let baseURL: URL
        public let signer: LinkSigner
        /// How long a link in a message opens the notes dialog.
        public let lifetime: TimeInterval

        public init(baseURL: URL, signer: LinkSigner, lifetime: TimeInterval = LinkGrant.lifetime) {
            self.baseURL = baseURL
            self.signer = signer
            self.lifetime = lifetime
        }
    }

    /// How many instances run at once: two per core. Each run also waits for the database, and the other run of its
    /// core works meanwhile.
    public static let width = 2 * Swift.max(1, ProcessInfo.processInfo.activeProcessorCount)

    /// Runs every alert of the instance due at `instant`, in order; a run already done is skipped.
    public static func runDue(instance: Instance, at instant: Date, store: Store, links: Links, now: Date) async throws -> [Summary] {
        let calendar = AlertCalendar(instance.preferences)
        let last = try await store.read { try await $0.scoped(to: instance.id).alertRuns.last() }
        var summaries: [Summary] = []
        for run in calendar.dueRuns(after: last?.day, upTo: instant) {
            if let summary = try await self.run(run, instance: instance, store: store, links: links, now: now) {
                summaries.append(summary)
            }
        }
        return summaries
    }

    /// Executes one run; nil when its day already had one.
    ///
    /// Writing the messages (their text, HTML, signed links and the report each email's PDF is drawn from when it is
    /// sent, see `ReportAttachment`) is most of a run's work. On SQLite it happens before the run's transaction, from
    /// the inputs as they are then, since the transaction holds the database's only writer: several instances can
    /// write their messages at once while one of them writes to the database. The transaction reads the inputs again
    /// and writes the messages anew only if they changed in between, so what it queues always matches what it marks.
    /// On PostgreSQL a run's transaction holds back no other instance, so it reads the inputs once, inside it.
    public static func run(_ scheduled: ScheduledRun, instance: Instance, store: Store, links: Links, now: Date) async throws -> Summary? {
        if store.database.kind == .postgres {
            return try await run(scheduled, instance: instance, store: store, links: links, now: now, draft: nil)
        }
        guard let draft = try await draft(scheduled, instance: instance, store: store, links: links) else { return nil }
        return try await run(scheduled, instance: instance, store: store, links: links, now: now, draft: draft)
    }

    /// The emails of a run made from the inputs as they are now.
    struct Draft {
        let inputs: AlertRunInputs
        let emails: [UUID: DeliveryRepository.Message]
    }

    /// Nil when the day already has a run: another node got there first, no need to write what it is writing.
    static func draft(_ scheduled: ScheduledRun, instance: Instance, store: Store, links: Links) async throws -> Draft? {
        let inputs = try await store.read { session -> AlertRunInputs? in
            let scope = session.scoped(to: instance.id)
            if try await scope.alertRuns.exists(scheduled) { return nil }
            return try await AlertRunInputs.read(for: scheduled, threshold: instance.preferences.threshold, scope: scope)
        }
        guard let inputs else { return nil }
        return Draft(inputs: inputs, emails: try inputs.emails(builder(instance, scheduled, inputs, links)))
    }

    /// The run itself, in one transaction, keeping the draft's emails when its inputs are still the database's
    /// (without a draft, making them).
    static func run(_ scheduled: ScheduledRun, instance: Instance, store: Store, links: Links, now: Date, draft: Draft?) async throws -> Summary? {
        try await store.write { session in
            let scope = session.scoped(to: instance.id)
            let inputs = try await AlertRunInputs.read(for: scheduled, threshold: instance.preferences.threshold, scope: scope)
            guard let runID = try await scope.alertRuns.claim(scheduled, window: inputs.window, now: now) else { return nil }

            let messages = builder(instance, scheduled, inputs, links)
            let emailsByContact = if let draft, draft.inputs == inputs { draft.emails } else { try inputs.emails(messages) }
            let contacts = Dictionary(uniqueKeysWithValues: inputs.contacts.map { ($0.id, $0) })
            let groupNames = inputs.groupNames
            let plan = inputs.plan
            let holdSMS = !instance.preferences.weekendAlerts && AlertCalendar(instance.preferences).isWeekend(scheduled.day)

            // Every message is queued at the end in a few statements: SQLite has one writer, and every statement of
            // this transaction keeps the other instances' runs and the outbox waiting.
            let heldSMS = holdSMS ? [:] : try await scope.deliveries.heldSMS()
            var outgoing: [DeliveryRepository.Message] = []
            var merges: [(held: [String], into: Int)] = []
            var emails = 0
            var texts = 0
            var held = 0
            var planned = Set<UUID>()
            func text(_ contact: Contact, count: Int, groups: [String]) {
                guard let text = self.text(to: contact, count: count, groups: groups, held: heldSMS[contact.id] ?? [], messages: messages) else { return }
                merges.append((text.merges, outgoing.count))
                outgoing.append(text.message)
                texts += 1
            }
            for recipient in plan {
                guard let contact = contacts[recipient.contact], let email = emailsByContact[contact.id] else { continue }
                planned.insert(contact.id)
                outgoing.append(email)
                emails += 1
                let names = recipient.groups.map { groupNames[$0] ?? $0 }
                if holdSMS {
                    outgoing.append(messages.sms(to: contact, days: [(scheduled.day, email.itemCount)], groups: names, held: true))
                    held += 1
                } else {
                    text(contact, count: email.itemCount, groups: names)
                }
            }
            // Weekend texts still waiting for someone with nothing new today go out with today's run.
            if !holdSMS {
                for contact in contacts.values.sorted(by: { $0.id.storageKey < $1.id.storageKey }) where !planned.contains(contact.id) {
                    text(contact, count: 0, groups: [])
                }
            }
            let ids = try await scope.deliveries.queue(outgoing, run: runID, now: now)
            for merge in merges where !merge.held.isEmpty {
                try await scope.deliveries.markMerged(merge.held, into: ids[merge.into])
            }
            try await scope.responses.markAlerted(
                inputs.responses.map(\.id), run: runID, at: scheduled.instant, targetHours: instance.preferences.targetHours)
            try await scope.alertRuns.finish(runID, responses: inputs.responses.count, recipients: plan.count)
            return Summary(
                cpc: instance.cpc, day: scheduled.day.description, instant: scheduled.instant, windowStart: inputs.window.start,
                responses: inputs.responses.count, emails: emails, sms: texts, heldSMS: held)
        }
    }

    private static func builder(_ instance: Instance, _ scheduled: ScheduledRun, _ inputs: AlertRunInputs, _ links: Links) -> MessageBuilder {
        MessageBuilder(instance: instance, scheduled: scheduled, window: inputs.window, links: links, groupNames: inputs.groupNames)
    }

    /// Today's text, merged with any held over the weekend, with the ids of the held texts it merges; nil when
    /// there is nothing to say.
    private static func text(
        to contact: Contact, count: Int, groups: [String], held: [(delivery: Delivery, day: LocalDate)], messages: MessageBuilder
    ) -> (message: DeliveryRepository.Message, merges: [String])? {
        guard count > 0 || !held.isEmpty else { return nil }
        // After a hold the text names every day, today included, so the lead sees when each came in.
        var days = held.map { ($0.day, $0.delivery.itemCount) }
        days.append((messages.scheduled.day, count))
        var allGroups = groups
        for group in held.flatMap(\.delivery.groupNames) where !allGroups.contains(group) { allGroups.append(group) }
        return (messages.sms(to: contact, days: days, groups: allGroups, held: false), held.map(\.delivery.id))
    }
}
