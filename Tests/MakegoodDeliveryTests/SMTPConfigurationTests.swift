import MakegoodDelivery
import Testing

/// `MAKEGOOD_SMTP_URL` as operators write it.
@Suite struct SMTPConfigurationTests {
    @Test("the TLS mode each URL gets", arguments: [
        ("smtp://mail.example.com:25", SMTPConfiguration.Security.startTLSOptional),
        ("smtp://user:secret@mail.example.com:587", .startTLSRequired),
        ("smtp://user@mail.example.com:587", .startTLSRequired),
        ("smtp://user:secret@mail.example.com:587?starttls=optional", .startTLSOptional),
        ("smtp://user:secret@127.0.0.1:2525?starttls=off", .none),
        ("smtp://mail.example.com?starttls=required", .startTLSRequired),
        ("smtps://user:secret@mail.example.com", .implicitTLS),
    ])
    func security(url: String, expected: SMTPConfiguration.Security) throws {
        #expect(try SMTPConfiguration(url: url, from: "a@example.com").security == expected)
    }

    @Test func credentialsAndPorts() throws {
        let configuration = try SMTPConfiguration(url: "smtp://us%40er:p%3Ass@mail.example.com", from: "a@example.com")
        #expect(configuration.username == "us@er" && configuration.password == "p:ss" && configuration.port == 587)
        #expect(try SMTPConfiguration(url: "smtps://mail.example.com", from: "a@example.com").port == 465)
        #expect(throws: SMTPConfigurationError.self) { try SMTPConfiguration(url: "http://mail.example.com", from: "a@example.com") }
        #expect(throws: SMTPConfigurationError.self) { try SMTPConfiguration(url: "smtps://m.example.com?starttls=off", from: "a@example.com") }
    }
}
