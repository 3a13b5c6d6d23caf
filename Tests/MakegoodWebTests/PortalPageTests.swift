import Foundation
import HTTPTypes
import MakegoodDomain
import MakegoodStore
import MakegoodTestSupport
import MakegoodWeb
import Testing

/// The admin portal's pages: Preferences, Fix Data Errors, Reassign (SPEC §1, §6).
@Suite struct PortalPageTests {
    typealias Report = SurveyResponsesReportPageTests

    @Test("preferences: saved with the next alert shown; a bad value is refused with the form kept", arguments: TestDatabase.allCases)
    func preferences(database: TestDatabase) async throws {
        try await APIHarness.run(on: database) { api in
            let admin = try await Report.admin(api)
            let form = try await admin.get("/portal/preferences?cpc=alpha")
            #expect(form.status == .ok && form.input("timezone") == "Australia/Sydney")
            var fields = [("csrf", form.input("csrf") ?? ""), ("cpc", "alpha"), ("threshold", "5"), ("alertTime", "05:30"),
                ("timezone", "Europe/Paris"), ("targetHours", "48"), ("ticketUrlPrefix", "https://help.example.com/t/")]
            let refused = try await admin.post("/portal/preferences", fields: fields)
            #expect(refused.status == .unprocessableContent && refused.html.contains("id=\"form-error\""))
            #expect(refused.input("alertTime") == "05:30" && refused.input("timezone") == "Europe/Paris", "what was typed is kept")
            fields[3] = ("alertTime", "07:15")
            let saved = try await admin.post("/portal/preferences", fields: fields)
            #expect(saved.status == .seeOther)
            let after = try await admin.get(try #require(saved.location))
            #expect(after.html.contains("id=\"saved\"") && after.html.contains("07:15 (Europe/Paris)"))
            #expect(!after.html.contains("name=\"weekendAlerts\" type=\"checkbox\" value=\"yes\" checked"), "unticked means off")
            let prefs = try await api.call(.get, "/preferences")
            #expect(prefs.object["threshold"] as? Int == 5 && prefs.object["timezone"] as? String == "Europe/Paris")
            #expect(prefs.object["weekendAlerts"] as? Bool == false && prefs.object["targetHours"] as? Int == 48)
        }
    }

    @Test("fix data errors: the response becomes valid and the page says whether the next run alerts it", arguments: TestDatabase.allCases)
    func dataErrors(database: TestDatabase) async throws {
        try await APIHarness.run(on: database) { api in
            _ = try await api.structure()
            let created = try await api.call(
                .post, "/survey-responses",
                body: APIHarness.response(["ticketId": "E-1", "supportGroupCode": "TEAMX", "receivedAt": "2026-11-29T23:00:00Z",
                    "customer": ["name": "<b>Bold</b> Bea"]]))
            let id = try #require(created.object["id"] as? String)
            let admin = try await Report.admin(api)
            let page = try await admin.get("/portal/data-errors?cpc=alpha")
            #expect(page.html.contains("data-id=\"\(id)\"") && page.html.contains("TEAMX"))
            #expect(page.html.contains("&lt;b&gt;Bold&lt;/b&gt; Bea"))
            let csrf = ("csrf", page.input("csrf") ?? "")
            _ = try await api.call(.post, "/survey-responses", body: APIHarness.response(["ticketId": "TAKEN"]))
            let bad = try await admin.post(
                "/portal/data-errors", fields: [csrf, ("cpc", "alpha"), ("id", id), ("ticketId", "TAKEN"), ("supportGroupCode", "TEAM"), ("segmentCode", "ENT")])
            #expect(bad.status == .unprocessableContent && bad.html.contains("form-error") && bad.html.contains("already has a current survey"))
            #expect(bad.input("ticketId") == "TAKEN", "what was typed is kept")
            let fixed = try await admin.post(
                "/portal/data-errors", fields: [csrf, ("cpc", "alpha"), ("id", id), ("ticketId", "E-1"), ("supportGroupCode", "TEAM"), ("segmentCode", "ENT")])
            #expect(fixed.status == .seeOther)
            let after = try await admin.get(try #require(fixed.location))
            #expect(after.html.contains("E-1 is valid since") && after.html.contains("will alert it"))
            #expect(!after.html.contains("data-id=\"\(id)\""), "no longer listed")
            #expect(try await api.call(.get, "/survey-responses/\(id)").object["status"] as? String == "valid")
        }
    }

    @Test("reassign: ticked responses move, the audit lists who moved what, and the old link no longer matches", arguments: TestDatabase.allCases)
    func reassign(database: TestDatabase) async throws {
        try await APIHarness.run(on: database) { api in
            let lead = try await api.structure()
            _ = try await api.call(.put, "/support-groups/OTHER", body: ["name": "Other Team", "lead": lead])
            var ids: [String] = []
            for (index, ticket) in ["M-1", "M-2", "M-3"].enumerated() {
                let created = try await api.call(
                    .post, "/survey-responses", body: APIHarness.response(["ticketId": ticket, "receivedAt": "2026-11-18T0\(index):00:00Z"]))
                ids.append(try #require(created.object["id"] as? String))
            }
            let admin = try await Report.admin(api)
            let page = try await admin.get("/portal/reassign?cpc=alpha&rgid=TEAM&from=2026-11-18&to=2026-11-18")
            #expect(page.tickets == ["M-3", "M-2", "M-1"])
            let csrf = ("csrf", page.input("csrf") ?? "")
            let none = try await admin.post("/portal/reassign", fields: [csrf, ("cpc", "alpha"), ("target", "OTHER")])
            #expect(none.status == .unprocessableContent)
            let moved = try await admin.post(
                "/portal/reassign", fields: [csrf, ("cpc", "alpha"), ("id", ids[0]), ("id", ids[2]), ("target", "OTHER"),
                    ("from", "2026-11-18"), ("to", "2026-11-18")])
            #expect(moved.status == .seeOther)
            let after = try await admin.get(try #require(moved.location))
            #expect(after.html.contains("Moved 2 responses") && after.tickets == ["M-3", "M-1"])
            #expect(after.html.components(separatedBy: "<td>\(api.a.adminEmail)</td>").count == 3, "the audit names who moved each")
            let old = try await admin.get("/service-recovery-notes?cpc=alpha&rgid=TEAM&tid=M-1")
            #expect(old.html.contains("id=\"no-match\""))
        }
    }

    @Test("the portal is for admins of the instance only, and every POST needs the CSRF token", arguments: TestDatabase.allCases)
    func access(database: TestDatabase) async throws {
        try await APIHarness.run(on: database) { api in
            _ = try await api.structure()
            _ = try await PageRolesTests.member(api, name: "Dana Dash", email: "dana@example.com")
            let member = PageClient(client: api.client)
            _ = try await member.login(cpc: "alpha", email: "dana@example.com", password: PageRolesTests.password)
            let admin = try await Report.admin(api)
            for path in ["/portal", "/portal/preferences", "/portal/data-errors", "/portal/reassign"] {
                #expect(try await member.get(path + "?cpc=alpha").status == .forbidden, "\(path) as a member")
                #expect(try await admin.get(path + "?cpc=bravo").status == .notFound, "\(path) of another instance")
                #expect(try await admin.get(path + "?cpc=alpha").status == .ok, "\(path) as the admin")
                #expect(try await PageClient(client: api.client).get(path + "?cpc=alpha").status == .seeOther, "\(path) logged out")
            }
            for path in ["/portal/preferences", "/portal/data-errors", "/portal/reassign"] {
                let forged = try await admin.post(path, fields: [("cpc", "alpha"), ("threshold", "2"), ("target", "TEAM")])
                #expect(forged.status == .forbidden, "\(path) without CSRF")
            }
            #expect(try await api.call(.get, "/preferences").object["threshold"] as? Int == 6, "nothing changed")
        }
    }
}

/// Portal › Alerts history: runs, each message's state, the PDF of an email, resending a failed one.
@Suite struct AlertsHistoryPageTests {
    @Test("runs and messages are listed with their state; a failed one can be resent once; the PDF opens", arguments: TestDatabase.allCases)
    func history(database: TestDatabase) async throws {
        try await APIHarness.run(on: database) { api in
            let lead = try #require(UUID(uuidString: try await api.structure()))
            let instance = try #require(try await api.store.read { try await $0.instances.find(cpc: "alpha") }).id
            let run = ScheduledRun(day: LocalDate("2026-11-19")!, instant: Date(timeIntervalSince1970: 1_795_500_000))
            let report = """
                {"title":"Service Recovery Report","recipientName":"Lee","instanceName":"Alpha","period":"Nov 18 – Nov 19",
                "items":[{"received":"Nov 18, 2026","customer":"Ann","agent":"Al","group":"Team","ticketId":"T1","factors":["Speed"],
                "rating":3,"band":"detractor","verbatim":"Slow","notes":[]}]}
                """
            let (emailID, smsID, drawnID, brokenID) = try await api.store.write { db in
                let scope = db.scoped(to: instance)
                let runID = try #require(try await scope.alertRuns.claim(run, window: AlertWindow(run: run.instant, previousRun: nil), now: run.instant))
                let email = try await scope.deliveries.queue(
                    .init(contactID: lead, channel: .email, address: "lee@example.com", subject: "Service Recovery Report", body: "b",
                        html: "<p>b</p>", attachment: .init(name: "report.pdf", content: .bytes(Data("%PDF-1.4 test".utf8))), itemCount: 1, groupNames: ["Team"]),
                    run: runID, now: run.instant)
                let sms = try await scope.deliveries.queue(
                    .init(contactID: lead, channel: .sms, address: "+61412345678", subject: nil, body: "1 unhappy customer <b>",
                        html: nil, itemCount: 1, groupNames: ["Team"]),
                    run: runID, now: run.instant)
                try await db.outbox.markAttemptFailed(sms, error: "21211 <invalid 'To' number>", retryAt: nil)
                // Emails queued since migration 9 keep their report to draw; the page draws it.
                let drawn = try await scope.deliveries.queue(
                    .init(contactID: lead, channel: .email, address: "bo@example.com", subject: "Service Recovery Report", body: "b",
                        html: nil, attachment: .init(name: "report.pdf", content: .report(Data(report.utf8))), itemCount: 1, groupNames: ["Team"]),
                    run: nil, now: run.instant)
                let broken = try await scope.deliveries.queue(
                    .init(contactID: lead, channel: .email, address: "cy@example.com", subject: "Service Recovery Report", body: "b",
                        html: nil, attachment: .init(name: "report.pdf", content: .report(Data("{}".utf8))), itemCount: 1, groupNames: ["Team"]),
                    run: nil, now: run.instant)
                return (email, sms, drawn, broken)
            }
            let admin = try await SurveyResponsesReportPageTests.admin(api)
            let page = try await admin.get("/portal/alerts?cpc=alpha")
            #expect(page.status == .ok && page.html.contains("data-day=\"2026-11-19\""))
            #expect(page.html.contains("data-id=\"\(smsID)\"") && page.html.contains("21211 &lt;invalid &#39;To&#39; number&gt;"))
            #expect(page.html.contains("class=\"state\">failed<"))
            let pdf = try await admin.get("/portal/alerts/report.pdf?cpc=alpha&id=\(emailID)")
            #expect(pdf.headers[.contentType] == "application/pdf" && String(decoding: pdf.bytes, as: UTF8.self) == "%PDF-1.4 test")
            #expect(try await admin.get("/portal/alerts/report.pdf?cpc=alpha&id=\(smsID)").status == .notFound)
            let drawn = try await admin.get("/portal/alerts/report.pdf?cpc=alpha&id=\(drawnID)")
            #expect(drawn.status == .ok && drawn.bytes.starts(with: Data("%PDF-".utf8)))
            let broken = try await admin.get("/portal/alerts/report.pdf?cpc=alpha&id=\(brokenID)")
            #expect(broken.status == .unprocessableContent && broken.html.contains("report can&#39;t be drawn"))
            let csrf = ("csrf", page.input("csrf") ?? "")
            let resent = try await admin.post("/portal/alerts/resend", fields: [csrf, ("cpc", "alpha"), ("id", smsID)])
            #expect(resent.status == .seeOther)
            let again = try await admin.post("/portal/alerts/resend", fields: [csrf, ("cpc", "alpha"), ("id", smsID)])
            #expect(again.status == .conflict, "only a failed message is resent")
            let after = try await admin.get(try #require(resent.location))
            #expect(after.html.contains("id=\"resent\"") && !after.html.contains("class=\"state\">failed<"))
            let other = try await admin.get("/portal/alerts/report.pdf?cpc=bravo&id=\(emailID)")
            #expect(other.status == .notFound)
        }
    }
}

/// Portal › Support Groups, Contacts and Segments, through their forms.
@Suite struct StructurePortalPageTests {
    @Test("contacts, segments and groups are set up through the forms; mistakes are refused with the form kept", arguments: TestDatabase.allCases)
    func structure(database: TestDatabase) async throws {
        try await APIHarness.run(on: database) { api in
            let admin = try await SurveyResponsesReportPageTests.admin(api)
            var page = try await admin.get("/portal/contacts?cpc=alpha")
            let csrf = ("csrf", page.input("csrf") ?? "")
            let badMobile = try await admin.post(
                "/portal/contacts", fields: [csrf, ("cpc", "alpha"), ("id", ""), ("name", "Lee Lead"), ("email", "lee@example.com"), ("mobile", "0412 345 678")])
            #expect(badMobile.status == .unprocessableContent && badMobile.input("mobile") == "0412 345 678" && badMobile.input("name") == "Lee Lead")
            var names: [String] = []
            for (index, name) in ["Lee Lead", "A One", "B Two", "C Three", "D Four", "E Five", "F Six", "G Seven"].enumerated() {
                let saved = try await admin.post(
                    "/portal/contacts",
                    fields: [csrf, ("cpc", "alpha"), ("id", ""), ("name", name), ("email", "c\(index)@example.com"), ("mobile", "+6141234567\(index)")])
                #expect(saved.status == .seeOther)
                names.append(name)
            }
            let contacts = try await api.call(.get, "/contacts").items
            let id = { (name: String) in contacts.first { $0["name"] as? String == name }?["id"] as? String ?? "" }
            #expect(try await admin.post("/portal/segments", fields: [csrf, ("cpc", "alpha"), ("code", "ENT"), ("name", "Enterprise")]).status == .seeOther)
            let badSegment = try await admin.post("/portal/segments", fields: [csrf, ("cpc", "alpha"), ("code", "no spaces!"), ("name", "X")])
            #expect(badSegment.status == .unprocessableContent && badSegment.input("code") == "no spaces!")

            let group = { (code: String, department: String, also: [String]) in
                [csrf, ("cpc", "alpha"), ("existing", ""), ("code", code), ("name", "Group \(code)"), ("department", department), ("lead", id("Lee Lead"))]
                    + also.flatMap { [("also", id($0)), ("access", "alertsOnly")] }
            }
            #expect(try await admin.post("/portal/groups", fields: group("DEPT", "", [])).status == .seeOther)
            #expect(try await admin.post("/portal/groups", fields: group("TEAM", "DEPT", ["A One"])).status == .seeOther)
            let seventh = try await admin.post("/portal/groups", fields: group("BIG", "", Array(names[1...7])))
            #expect(seventh.status == .unprocessableContent && seventh.html.contains("at most 6 Also Alerts"))
            #expect(seventh.input("code") == "BIG" && seventh.html.components(separatedBy: "selected>G Seven<").count == 2, "the form is kept")
            let duplicate = try await admin.post("/portal/groups", fields: group("TEAM", "", []))
            #expect(duplicate.status == .unprocessableContent && duplicate.html.contains("already exists"))
            page = try await admin.get("/portal/groups?cpc=alpha")
            #expect(page.html.contains("class=\"group depth-0\" data-code=\"DEPT\"") && page.html.contains("class=\"group depth-1\" data-code=\"TEAM\""))
            let teams = try await api.call(.get, "/support-groups/TEAM")
            #expect(teams.object["department"] as? String == "DEPT")

            let refused = try await admin.post("/portal/contacts/delete", fields: [csrf, ("cpc", "alpha"), ("id", id("Lee Lead"))])
            #expect(refused.status == .conflict && refused.html.contains("Support Lead or an Also Alert of Group DEPT (DEPT), Group TEAM (TEAM)"))
            #expect(try await admin.post("/portal/contacts/delete", fields: [csrf, ("cpc", "alpha"), ("id", id("G Seven"))]).status == .seeOther)
            #expect(try await api.call(.get, "/contacts").items.count == 7)
        }
    }
}
