import Foundation
import MakegoodDomain
import Testing

/// Contacts (SPEC §1): a name, an email, and a mobile in E.164.
@Suite struct ContactTests {
    @Test("a mobile in E.164 form is accepted", arguments: [
        "+61412345678", "+14155550123", "+447700900123", "+12345678", "+123456789012345",
    ])
    func goodMobile(mobile: String) throws {
        #expect(Contact.isE164(mobile))
        #expect(try Contact(name: "Lee", email: "lee@example.com", mobile: mobile).mobile == mobile)
    }

    @Test("a mobile not in E.164 form is refused, naming the field and the value", arguments: [
        "61412345678",  // no +
        "0412345678",  // national form
        "+0412345678",  // leading 0 after +
        "+1234567",  // 7 digits: too short
        "+1234567890123456",  // 16 digits: too long
        "+61412abc678",  // letters
        "+61 412 345 678",  // spaces
        " +61412345678",  // leading space
        "+61412345678 ",  // trailing space
        "+61-412-345-678",  // hyphens
        "++61412345678", "+", "",
        "+٦١٤١٢٣٤٥٦٧٨",  // Arabic-Indic digits
        "+６１４１２３４５６７８",  // full-width digits
    ])
    func badMobile(mobile: String) {
        #expect(!Contact.isE164(mobile))
        let error = #expect(throws: DomainError.self) { try Contact(name: "Lee", email: "lee@example.com", mobile: mobile) }
        #expect(error?.field == "mobile")
        #expect(error?.message.contains("E.164") == true)
        #expect(error?.message.hasSuffix("got \(mobile)") == true)
    }

    @Test("the name is required, trimmed, and at most 200 characters", arguments: [
        ("Lee Chen", "Lee Chen"), ("  Lee  ", "Lee"), ("李小龍", "李小龍"), (String(repeating: "n", count: 200), String(repeating: "n", count: 200)),
        ("", nil), ("   ", nil), ("\n\t", nil), (String(repeating: "n", count: 201), nil),
    ] as [(String, String?)])
    func name(name: String, stored: String?) throws {
        if let stored {
            #expect(try Contact(name: name, email: "lee@example.com", mobile: "+61412345678").name == stored)
        } else {
            let error = #expect(throws: DomainError.self) { try Contact(name: name, email: "lee@example.com", mobile: "+61412345678") }
            #expect(error?.field == "name")
        }
    }

    @Test("a bad email is refused, naming the field")
    func badEmail() {
        let error = #expect(throws: DomainError.self) { try Contact(name: "Lee", email: "lee-at-example.com", mobile: "+61412345678") }
        #expect(error?.field == "email")
    }

    @Test("the given id is kept; an email with white space around it is refused, as openapi.yaml's pattern says")
    func keepsIdAndRefusesPaddedEmail() throws {
        let id = UUID(uuidString: "00000000-0000-0000-0000-000000000001")!
        let contact = try Contact(id: id, name: "Lee", email: "lee@example.com", mobile: "+61412345678")
        #expect(contact.id == id)
        #expect(contact.email == "lee@example.com")
        #expect(throws: DomainError.self) { try Contact(name: "Lee", email: " lee@example.com ", mobile: "+61412345678") }
        // A dot followed by a combining mark is still the domain's dot: the rule reads code points.
        #expect(try Contact(name: "Lee", email: "lee@example.\u{301}com", mobile: "+61412345678").email == "lee@example.\u{301}com")
    }

    @Test("a contact restored from storage is taken as stored, without checks")
    func restored() {
        let id = UUID(uuidString: "00000000-0000-0000-0000-000000000002")!
        let contact = Contact.restored(id: id, name: "Legacy", email: "legacy", mobile: "0412 345 678")
        #expect(contact.id == id && contact.email == "legacy" && contact.mobile == "0412 345 678")
    }
}

/// The light email check that forms and the API can explain.
@Suite struct EmailAddressTests {
    @Test("an email address gets a light check", arguments: [
        ("lee@example.com", true), ("lee.o'brien+x@mail.example.co.uk", true), ("lee@例え.jp", true),
        ("lee", false), ("lee@", false), ("@example.com", false), ("lee@example", false), ("lee @example.com", false),
        ("a@b@c.com", false), ("lee@.example.com", false), ("lee@example.com.", false), ("", false),
        (String(repeating: "a", count: 243) + "@example.com", false),
    ])
    func email(text: String, accepted: Bool) {
        if accepted {
            #expect(throws: Never.self) { try EmailAddress.validate(text, field: "email") }
        } else {
            let error = #expect(throws: DomainError.self) { try EmailAddress.validate(text, field: "customer.email") }
            #expect(error?.field == "customer.email")
        }
    }
}
