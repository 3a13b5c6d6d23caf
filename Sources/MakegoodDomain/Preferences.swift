public import Foundation

/// How an instance runs Service Recovery: who counts as unhappy, and when alerts go out.
public struct Preferences: Equatable, Sendable {
    /// Ratings at or below this need recovery.
    public var threshold: Int
    /// The local time of the daily alert.
    public var alertTime: LocalTime
    /// The IANA timezone the alert time and local dates are read in.
    public var timezone: TimeZone
    /// Whether SMS go out on Saturday and Sunday; when false they are held to Monday.
    public var weekendAlerts: Bool
    /// The Service Recovery Target, in hours from the alert to a note with Spoke = yes.
    public var targetHours: Int
    /// The ticket id is appended to this to make the ticket hyperlink.
    public var ticketUrlPrefix: String?
    /// Whether the owner of a case past its due instant with nobody spoken to is reminded, once a day.
    public var remindOverdue: Bool
    /// Hours after the due instant that a case still nobody spoke to goes to the Department's lead; nil follows
    /// `targetHours`, so changing the target moves it too.
    public var escalateAfterHours: Int?
    /// An address is sent at most one survey every this many days, across tickets; 0 turns the rule off.
    public var surveyQuietDays: Int
    /// How many days a survey's links are answered.
    public var surveyLinkDays: Int
    /// Days after a case is closed as recovered that its customer is surveyed again; nil: never.
    public var resurveyAfterDays: Int?

    /// The escalation delay in force.
    public var escalationHours: Int { escalateAfterHours ?? targetHours }

    public static let thresholdRange = 1...9
    /// The Service Recovery Target: at least an hour, at most a year.
    public static let targetHoursRange = 1...8_760
    public static let alertTimeRange = LocalTime(hour: 6, minute: 0)!...LocalTime(hour: 18, minute: 0)!
    public static let defaultThreshold = 6
    public static let defaultAlertTime = LocalTime(hour: 9, minute: 0)!
    public static let defaultTargetHours = 24
    public static let surveyQuietDaysRange = 0...365
    public static let surveyLinkDaysRange = 1...365
    public static let defaultSurveyQuietDays = 7
    public static let defaultSurveyLinkDays = 30
    public static let resurveyAfterDaysRange = 1...365

    /// Checks every range; throws the first rule broken.
    public init(
        threshold: Int = Preferences.defaultThreshold,
        alertTime: LocalTime = Preferences.defaultAlertTime,
        timezone: TimeZone,
        weekendAlerts: Bool = true,
        targetHours: Int = Preferences.defaultTargetHours,
        ticketUrlPrefix: String? = nil,
        remindOverdue: Bool = true,
        escalateAfterHours: Int? = nil,
        surveyQuietDays: Int = Preferences.defaultSurveyQuietDays,
        surveyLinkDays: Int = Preferences.defaultSurveyLinkDays,
        resurveyAfterDays: Int? = nil
    ) throws(DomainError) {
        if let resurveyAfterDays, !Self.resurveyAfterDaysRange.contains(resurveyAfterDays) {
            throw DomainError(field: "resurveyAfterDays", "resurveyAfterDays must be from 1 to 365, or absent for none; got \(resurveyAfterDays)")
        }
        guard Self.surveyQuietDaysRange.contains(surveyQuietDays) else {
            throw DomainError(field: "surveyQuietDays", "surveyQuietDays must be from 0 (off) to 365; got \(surveyQuietDays)")
        }
        guard Self.surveyLinkDaysRange.contains(surveyLinkDays) else {
            throw DomainError(field: "surveyLinkDays", "surveyLinkDays must be from 1 to 365; got \(surveyLinkDays)")
        }
        guard Self.thresholdRange.contains(threshold) else {
            throw DomainError(field: "threshold", "threshold must be a whole number from 1 to 9; got \(threshold)")
        }
        guard Self.alertTimeRange.contains(alertTime) else {
            throw DomainError(
                field: "alertTime", "alertTime must be between 06:00 and 18:00 inclusive; got \(alertTime)")
        }
        guard Self.targetHoursRange.contains(targetHours) else {
            throw DomainError(field: "targetHours", "targetHours must be from 1 to 8,760 (a year); got \(targetHours)")
        }
        if let escalateAfterHours, !Self.targetHoursRange.contains(escalateAfterHours) {
            throw DomainError(
                field: "escalateAfterHours", "escalateAfterHours must be from 1 to 8,760 (a year); got \(escalateAfterHours)")
        }
        let prefix = ticketUrlPrefix?.trimmingCharacters(in: .whitespaces)
        if let prefix, !prefix.isEmpty {
            guard let url = URL(string: prefix), let scheme = url.scheme?.lowercased(),
                scheme == "http" || scheme == "https"
            else {
                throw DomainError(
                    field: "ticketUrlPrefix",
                    "ticketUrlPrefix must be an http(s) URL such as https://help.example.com/tickets/; got \(prefix)")
            }
        }
        self.threshold = threshold
        self.alertTime = alertTime
        self.timezone = timezone
        self.weekendAlerts = weekendAlerts
        self.targetHours = targetHours
        self.ticketUrlPrefix = (prefix?.isEmpty ?? true) ? nil : prefix
        self.remindOverdue = remindOverdue
        self.escalateAfterHours = escalateAfterHours
        self.surveyQuietDays = surveyQuietDays
        self.surveyLinkDays = surveyLinkDays
        self.resurveyAfterDays = resurveyAfterDays
    }

    /// Reads an `HH:MM` alert time, naming the field when it is malformed.
    public static func parseAlertTime(_ text: String) throws(DomainError) -> LocalTime {
        guard let time = LocalTime(text) else {
            throw DomainError(field: "alertTime", "alertTime must be written HH:MM, such as 09:00; got \(text)")
        }
        return time
    }

    /// Reads an IANA timezone name, refusing abbreviations and unknown names.
    /// Foundation's list of known identifiers leaves out some IANA names (Asia/Kolkata, Etc/UTC on Linux),
    /// so an `Area/Location` name the system can load is accepted too; abbreviations (EST, AEST) have no `/`.
    public static func parseTimeZone(_ name: String) throws(DomainError) -> TimeZone {
        guard TimeZone.knownTimeZoneIdentifiers.contains(name) || name == "UTC" || name.contains("/"),
            let zone = TimeZone(identifier: name)
        else {
            throw DomainError(
                field: "timezone", "timezone must be an IANA name such as Australia/Sydney or Europe/Paris; got \(name)")
        }
        return zone
    }

    /// The hyperlink for a ticket, when a prefix is set and the ticket id is known.
    public func ticketURL(for ticketId: String?) -> String? {
        guard let ticketUrlPrefix, let ticketId, !ticketId.isEmpty else { return nil }
        let escaped = ticketId.addingPercentEncoding(withAllowedCharacters: .urlPathAllowed) ?? ticketId
        return ticketUrlPrefix + escaped
    }
}
