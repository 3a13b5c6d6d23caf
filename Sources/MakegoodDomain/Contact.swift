public import Foundation

/// A person who can lead a group, be alerted, or log in.
public struct Contact: Equatable, Sendable, Identifiable {
    public let id: UUID
    public var name: String
    public var email: String
    /// E.164, such as +61412345678.
    public var mobile: String

    /// A contact read back from storage, already checked when it was written.
    public static func restored(id: UUID, name: String, email: String, mobile: String) -> Contact {
        Contact(unchecked: id, name: name, email: email, mobile: mobile)
    }

    private init(unchecked id: UUID, name: String, email: String, mobile: String) {
        self.id = id
        self.name = name
        self.email = email
        self.mobile = mobile
    }

    /// Checks the name, the email and that the mobile is E.164.
    public init(id: UUID = UUID(), name: String, email: String, mobile: String) throws(DomainError) {
        let name = try PlainText.name(name, field: "name")
        let email = try EmailAddress.validate(email, field: "email")
        guard Self.isE164(mobile) else {
            throw DomainError(
                field: "mobile",
                "mobile must be in E.164 form: + then the country code and number, digits only, such as +61412345678; got \(mobile)"
            )
        }
        self.id = id
        self.name = name
        self.email = email
        self.mobile = mobile
    }

    /// `+`, a non-zero first digit, and 8 to 15 digits in all.
    public static func isE164(_ text: String) -> Bool {
        guard text.first == "+" else { return false }
        let digits = text.dropFirst()
        return (8...15).contains(digits.count) && digits.allSatisfy { $0.isASCII && $0.isNumber }
            && digits.first != "0"
    }
}

/// The light check of an email address that a form or an API can explain.
public enum EmailAddress {
    /// One `@`, something before it, a dotted domain after it, no white space; returns it as it is.
    public static func validate(_ text: String, field: String) throws(DomainError) -> String {
        try PlainText.validate(text, field: field)
        let email = text
        // On code points, as openapi.yaml's `Email` pattern reads it (a `.` followed by a combining mark is one
        // Character but still the dot of a domain): no white space, one `@`, a domain with a dot inside it.
        let scalars = Array(email.unicodeScalars)
        let at = scalars.firstIndex(of: "@")
        let domain = at.map { scalars[(scalars.index(after: $0))...] } ?? []
        guard scalars.count <= 254, let at, at > 0, !domain.contains("@"), domain.contains("."),
            domain.first != ".", domain.last != ".", !scalars.contains(where: PlainText.isWhiteSpace)
        else {
            throw DomainError(field: field, "\(field) must be an email address such as lee@example.com; got \(text)")
        }
        return email
    }
}
