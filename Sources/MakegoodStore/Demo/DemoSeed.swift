public import Foundation
import MakegoodDomain

/// Creates, once, the `demo` instance: a department and its teams, a dozen contacts, segments, and two weeks of
/// realistic responses (some invalid, some duplicates, some with notes).
public enum DemoSeed {
    public static let cpc = "demo"

    /// What to print for the person running the demo.
    public struct Login: Sendable {
        public let cpc: String
        public let adminEmail: String
        public let adminPassword: String
        public let apiToken: String
        public let created: Bool
    }

    /// Seeds the demo instance if it is missing; either way issues a fresh admin password and API token.
    public static func ensure(store: Store, now: Date, timezone: String = "Australia/Sydney") async throws -> Login {
        if let instance = try await store.read({ try await $0.instances.find(cpc: cpc) }) {
            let (password, token) = try await rotateCredentials(of: instance.id, store: store, now: now)
            return Login(cpc: cpc, adminEmail: adminEmail, adminPassword: password, apiToken: token, created: false)
        }
        let credentials = try await InstanceProvisioning.create(
            cpc: cpc, name: "Demo Support Co.", timezone: timezone, adminEmail: adminEmail, store: store, now: now)
        guard let instance = try await store.read({ try await $0.instances.find(cpc: cpc) }) else { throw NotFound("demo instance") }
        try await seed(instance: instance, store: store, now: now)
        return Login(
            cpc: cpc, adminEmail: credentials.adminEmail, adminPassword: credentials.adminPassword,
            apiToken: credentials.apiToken, created: true)
    }

    static let adminEmail = "admin@demo.example"

    private static func rotateCredentials(of instanceID: UUID, store: Store, now: Date) async throws -> (String, String) {
        let password = Secrets.random(length: 20)
        let token = APIToken.generate()
        let passwordHash = Secrets.hash(password, cost: Secrets.passwordCost)
        let tokenHash = Secrets.hash(token.secret, cost: Secrets.tokenCost)
        try await store.write { session in
            try await session.scoped(to: instanceID).users.setPassword(email: adminEmail, hash: passwordHash)
            // Only the token printed last works: earlier starts' tokens are revoked.
            for name in ["demo", InstanceProvisioning.firstTokenName] {
                try await session.apiTokens.revoke(named: name, instanceID: instanceID, now: now)
            }
            try await session.apiTokens.create(id: token.id, instanceID: instanceID, name: "demo", secretHash: tokenHash, now: now)
        }
        return (password, token.text)
    }

    private static func seed(instance: Instance, store: Store, now: Date) async throws {
        var random = SeededRandom(seed: 20_261_123)
        let contacts = try DemoCatalog.contacts.map { try Contact(name: $0.name, email: $0.email, mobile: $0.mobile) }
        let start = now.addingTimeInterval(-14 * 86_400)
        let submissions = (0..<500).map { index in
            makeSubmission(index: index, start: start, now: now, random: &random)
        }
        try await store.write { session in
            let scope = session.scoped(to: instance.id)
            for contact in contacts {
                try await scope.contacts.create(contact, now: now)
            }
            for segment in DemoCatalog.segments {
                _ = try await scope.segments.put(try Segment(code: segment.code, name: segment.name), now: now)
            }
            for group in DemoCatalog.groups {
                let alsoAlerts = group.also.map { AlsoAlert(contact: contacts[$0.0].id, access: $0.1 ? .dashboard : .alertsOnly) }
                _ = try await scope.supportGroups.put(
                    try SupportGroup(
                        code: group.code, name: group.name, department: group.department, lead: contacts[group.lead].id,
                        alsoAlerts: alsoAlerts), now: now)
            }
        }
        var stored: [(id: UUID, submission: SurveySubmission)] = []
        var replaced: Set<UUID> = []
        for chunk in stride(from: 0, to: submissions.count, by: 2_000) {
            let slice = Array(submissions[chunk..<min(chunk + 2_000, submissions.count)])
            let items = slice.map { ResponseWriteItem(instance: instance.id, submission: $0) }
            let results = try await store.responseWriter.write(items, now: now).map { try $0.get() }
            stored += zip(results, slice).map { ($0.id, $1) }
            replaced.formUnion(results.compactMap(\.replaced))
        }
        // Leads have already called some of the unhappy customers.
        var noteRandom = SeededRandom(seed: 7)
        let drafts = stored.filter { !replaced.contains($0.id) }.compactMap { id, submission -> (UUID, NoteDraft)? in
            guard submission.rating.value <= instance.preferences.threshold, Int.random(in: 0..<3, using: &noteRandom) == 0
            else { return nil }
            let (text, spoke) = DemoCatalog.noteTexts.randomElement(using: &noteRandom)!
            let at = min(now, submission.receivedAt.addingTimeInterval(Double.random(in: 3_600...172_800, using: &noteRandom)))
            let author = DemoCatalog.contacts.randomElement(using: &noteRandom)!.name
            guard let draft = try? NoteDraft(author: author, spokeToCustomer: spoke, text: text, createdAt: at) else { return nil }
            return (id, draft)
        }
        try await store.write { session in
            for (id, draft) in drafts {
                _ = try await session.scoped(to: instance.id).notes.append(draft, to: id, now: now)
            }
        }
    }

    private static func makeSubmission(index: Int, start: Date, now: Date, random: inout SeededRandom) -> SurveySubmission {
        let teams = DemoCatalog.groups.filter { $0.department != nil }.map(\.code)
        let rating = [1, 2, 3, 4, 5, 6, 6, 7, 7, 8, 8, 9, 9, 9, 10, 10, 10, 10].randomElement(using: &random)!
        let comments = rating <= 6 ? DemoCatalog.unhappy : rating <= 8 ? DemoCatalog.middling : DemoCatalog.happy
        // A few responses arrive with codes nobody has set up yet, and a few repeat a ticket.
        let group = index % 97 == 13 ? "SALES" : teams.randomElement(using: &random)!
        let segment = index % 89 == 7 ? nil : DemoCatalog.segments.randomElement(using: &random)!.code
        let ticket = index % 61 == 5 && index > 0 ? "T-\(100_000 + index - 1)" : "T-\(100_000 + index)"
        let customer = DemoCatalog.customers.randomElement(using: &random)!
        let factorCount = Int.random(in: 0...3, using: &random)
        let factors = Array(DemoCatalog.factors.shuffled(using: &random).prefix(factorCount))
        let offset = Double(index) / 500 * (now.timeIntervalSince(start) - 3_600) + Double.random(in: 0...1_800, using: &random)
        let comment = comments.randomElement(using: &random)!
        return try! SurveySubmission(
            ticketId: ticket, supportGroupCode: group, segmentCode: segment, customerName: customer,
            customerEmail: customer.lowercased().replacingOccurrences(of: " ", with: ".").replacingOccurrences(of: "'", with: "")
                + "@customer.example",
            agent: DemoCatalog.agents.randomElement(using: &random)!, rating: try! Rating(rating), factors: factors,
            comment: comment.isEmpty ? nil : comment, receivedAt: start.addingTimeInterval(offset))
    }
}
