public import Foundation
public import MakegoodDomain

/// What a Service Recovery Report shows (SPEC §2), ready to draw: every text already formatted,
/// every link already signed. Customer text is carried as plain text and drawn as such.
/// The Survey Responses Report (SPEC §4) is drawn from the same model, with its own title and the notes of each row.
public struct ServiceRecoveryReport: Sendable, Codable {
    public var title = "Service Recovery Report"
    public let recipientName: String
    public let instanceName: String
    /// The period covered, in local time.
    public let period: String
    /// The report title's pencil link: the notes dialog for every response in the report.
    public let allNotesURL: String?
    public let items: [Item]

    public init(recipientName: String, instanceName: String, period: String, allNotesURL: String?, items: [Item]) {
        self.recipientName = recipientName
        self.instanceName = instanceName
        self.period = period
        self.allNotesURL = allNotesURL
        self.items = items
    }

    /// One response to recover.
    public struct Item: Sendable, Codable {
        public let received: String
        public let customer: String
        public let segment: String?
        public let agent: String
        public let group: String
        public let ticketId: String
        /// `ticketUrlPrefix + ticketId`, when a prefix is set.
        public let ticketURL: String?
        public let factors: [String]
        public let rating: Int
        public let band: NPSBand
        public let verbatim: String
        /// The pencil link to this response's notes dialog; none when the report shows no notes.
        public let notesURL: String?
        /// The response's Service Recovery Notes, oldest first, each as one line of text.
        public var notes: [String] = []

        public init(
            received: String, customer: String, segment: String?, agent: String, group: String, ticketId: String, ticketURL: String?,
            factors: [String], rating: Int, band: NPSBand, verbatim: String, notesURL: String?
        ) {
            self.received = received
            self.customer = customer
            self.segment = segment
            self.agent = agent
            self.group = group
            self.ticketId = ticketId
            self.ticketURL = ticketURL
            self.factors = factors
            self.rating = rating
            self.band = band
            self.verbatim = verbatim
            self.notesURL = notesURL
        }
    }
}
