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
    public static func run(_ scheduled: ScheduledRun, instance: Instance, store: Store, links: Links, now: Date) async throws -> Summary? {
        try await store.write { session in
            let scope = session.scoped(to: instance.id)
            let preferences = instance.preferences
            let previous = try await scope.alertRuns.last(before: scheduled.instant)
            let window = AlertWindow(run: scheduled.instant, previousRun: previous.map { ($0.instant, $0.windowStart) })
            guard let runID = try await scope.alertRuns.claim(scheduled, window: window, now: now) else { return nil }

            let responses = try await scope.responses.alertCandidates(window, threshold: preferences.threshold)
            let groups = try await scope.supportGroups.list()
            let contacts = Dictionary(uniqueKeysWithValues: try await scope.contacts.list().map { ($0.id, $0) })
            let segments = Dictionary(uniqueKeysWithValues: try await scope.segments.list().map { ($0.code, $0.name) })
            let groupNames = Dictionary(uniqueKeysWithValues: groups.map { ($0.code, $0.name) })
            let byID = Dictionary(uniqueKeysWithValues: responses.map { ($0.id, $0) })
            let plan = AlertPlan.recipients(of: responses.map { ($0.id, $0.submission.supportGroupCode ?? "") }, groups: groups)
            let calendar = AlertCalendar(preferences)
            let holdSMS = !preferences.weekendAlerts && calendar.isWeekend(scheduled.day)
            let messages = MessageBuilder(instance: instance, scheduled: scheduled, window: window, links: links, groupNames: groupNames)

            var emails = 0
            var texts = 0
            var held = 0
            var planned = Set<UUID>()
            for recipient in plan {
                guard let contact = contacts[recipient.contact] else { continue }
                planned.insert(contact.id)
                let items = recipient.responses.compactMap { byID[$0] }.map { response in
                    messages.item(response, segmentName: response.submission.segmentCode.flatMap { segments[$0] })
                }
                try await scope.deliveries.queue(try messages.email(to: contact, items: items), run: runID, now: now)
                emails += 1
                let names = recipient.groups.map { groupNames[$0] ?? $0 }
                if holdSMS {
                    try await scope.deliveries.queue(messages.sms(to: contact, days: [(scheduled.day, items.count)], groups: names, held: true), run: runID, now: now)
                    held += 1
                } else {
                    texts += try await queueSMS(to: contact, count: items.count, groups: names, scope: scope, messages: messages, run: runID, now: now)
                }
            }
            // Weekend texts still waiting for someone with nothing new today go out with today's run.
            if !holdSMS {
                for contact in contacts.values.sorted(by: { $0.id.storageKey < $1.id.storageKey }) where !planned.contains(contact.id) {
                    texts += try await queueSMS(to: contact, count: 0, groups: [], scope: scope, messages: messages, run: runID, now: now)
                }
            }
            try await scope.responses.markAlerted(responses.map(\.id), run: runID, at: scheduled.instant)
            try await scope.alertRuns.finish(runID, responses: responses.count, recipients: plan.count)
            return Summary(
                cpc: instance.cpc, day: scheduled.day.description, instant: scheduled.instant, windowStart: window.start,
                responses: responses.count, emails: emails, sms: texts, heldSMS: held)
        }
    }

    /// Queues today's text, merged with any held over the weekend; returns how many texts it queued (0 or 1).
    private static func queueSMS(
        to contact: Contact, count: Int, groups: [String], scope: InstanceScope, messages: MessageBuilder, run: String, now: Date
    ) async throws -> Int {
        let held = try await scope.deliveries.heldSMS(for: contact.id)
        guard count > 0 || !held.isEmpty else { return 0 }
        // After a hold the text names every day, today included, so the lead sees when each came in.
        var days = held.map { ($0.day, $0.delivery.itemCount) }
        days.append((messages.scheduled.day, count))
        var allGroups = groups
        for group in held.flatMap(\.delivery.groupNames) where !allGroups.contains(group) { allGroups.append(group) }
        let id = try await scope.deliveries.queue(messages.sms(to: contact, days: days, groups: allGroups, held: false), run: run, now: now)
        try await scope.deliveries.markMerged(held.map(\.delivery.id), into: id)
        return 1
    }
}
