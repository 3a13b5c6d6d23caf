import Foundation
import MakegoodDomain
import Testing

/// How the notes dialog reads its URL, walks its responses and names the author (SPEC §3).
@Suite struct NotesDialogRulesTests {
    let day = LocalDate("2026-11-16")!

    @Test("any two of rgid, date and tid choose the mode")
    func anyTwo() throws {
        #expect(try NotesDialogRequest(rgid: "A", date: nil, tid: "T1", recipient: nil).mode == .ticket(tid: "T1", rgid: "A", date: nil))
        #expect(try NotesDialogRequest(rgid: nil, date: "2026-11-16", tid: "T1", recipient: nil).mode == .ticket(tid: "T1", rgid: nil, date: day))
        #expect(try NotesDialogRequest(rgid: "A", date: "2026-11-16", tid: "T1", recipient: nil).mode == .ticket(tid: "T1", rgid: "A", date: day))
        #expect(try NotesDialogRequest(rgid: "A", date: "2026-11-16", tid: nil, recipient: nil).mode == .groupDay(rgid: "A", date: day))
        #expect(try NotesDialogRequest(rgid: nil, date: "2026-11-16", tid: nil, recipient: "c1").mode == .report(date: day, recipient: "c1"))
        #expect(try NotesDialogRequest(rgid: "A", date: nil, tid: "T1", recipient: nil).mode.walks == false)
        #expect(try NotesDialogRequest(rgid: "A", date: "2026-11-16", tid: nil, recipient: nil).mode.walks)
    }

    @Test("fewer than two parameters is refused with a message naming all three", arguments: [
        (nil, nil, nil), ("A", nil, nil), (nil, "2026-11-16", nil), (nil, nil, "T1"), ("  ", "", "T1"),
    ] as [(String?, String?, String?)])
    func fewerThanTwo(rgid: String?, date: String?, tid: String?) {
        #expect {
            try NotesDialogRequest(rgid: rgid, date: date, tid: tid, recipient: nil)
        } throws: { error in
            let message = (error as? DomainError)?.message ?? ""
            return message.contains("any two of rgid") && message.contains("date") && message.contains("tid")
        }
    }

    @Test("a date that is not yyyy-mm-dd is refused", arguments: ["2026-13-01", "16/11/2026", "2026-02-30", "x"])
    func badDate(date: String) {
        #expect(throws: DomainError.self) { try NotesDialogRequest(rgid: "A", date: date, tid: nil, recipient: nil) }
    }

    @Test("buttons: only those that make sense are active")
    func buttons() throws {
        let ids = ["a", "b", "c"]
        let first = try #require(NotesDialogPosition(ids: ids, current: nil, walks: true))
        #expect(first.current == "a" && first.previous == nil && first.next == "b" && first.label == "1 of 3")
        let middle = try #require(NotesDialogPosition(ids: ids, current: "b", walks: true))
        #expect(middle.previous == "a" && middle.next == "c" && middle.label == "2 of 3")
        let last = try #require(NotesDialogPosition(ids: ids, current: "c", walks: true))
        #expect(last.next == nil && last.target(of: .next) == nil && last.target(of: .stay) == "c")
        let ticket = try #require(NotesDialogPosition(ids: ["a"], current: "a", walks: false))
        #expect(ticket.previous == nil && ticket.next == nil && ticket.label == nil)
        // A response that is no longer selected (replaced, moved) falls back to the first.
        #expect(NotesDialogPosition(ids: ids, current: "gone", walks: true)?.current == "a")
        #expect(NotesDialogPosition<String>(ids: [], current: nil, walks: true) == nil)
    }

    @Test("the default author: logged-in person, else the report's recipient, else the Support Lead")
    func defaultAuthor() {
        #expect(NoteAuthor.defaultName(loggedIn: "Lou Login", reportRecipient: "Rae Recipient", supportLead: "Lee Lead") == "Lou Login")
        #expect(NoteAuthor.defaultName(loggedIn: nil, reportRecipient: "Rae Recipient", supportLead: "Lee Lead") == "Rae Recipient")
        #expect(NoteAuthor.defaultName(loggedIn: nil, reportRecipient: nil, supportLead: "Lee Lead") == "Lee Lead")
        #expect(NoteAuthor.defaultName(loggedIn: " ", reportRecipient: nil, supportLead: "Lee Lead") == "Lee Lead")
        #expect(NoteAuthor.defaultName(loggedIn: nil, reportRecipient: nil, supportLead: nil) == "")
    }
}

/// Who may open what (SPEC §6).
@Suite struct PortalAccessTests {
    let lee = UUID(), dana = UUID(), ola = UUID(), nobody = UUID()

    var groups: [SupportGroup] {
        [
            .restored(code: "A", name: "Alpha", department: nil, lead: lee, alsoAlerts: [
                AlsoAlert(contact: dana, access: .dashboard), AlsoAlert(contact: ola, access: .alertsOnly),
            ]),
            .restored(code: "B", name: "Beta", department: nil, lead: dana, alsoAlerts: []),
        ]
    }

    @Test func roles() {
        #expect(PortalAccess.of(isAdmin: true, contact: nil, groups: groups) == .admin)
        #expect(PortalAccess.of(isAdmin: false, contact: lee, groups: groups) == .dashboard)
        #expect(PortalAccess.of(isAdmin: false, contact: dana, groups: groups) == .dashboard)
        #expect(PortalAccess.of(isAdmin: false, contact: ola, groups: groups) == .alertsOnly(groups: ["A"]))
        #expect(PortalAccess.of(isAdmin: false, contact: nobody, groups: groups) == PortalAccess.none)
        #expect(PortalAccess.of(isAdmin: false, contact: nil, groups: groups) == PortalAccess.none)
        let alertsOnly = PortalAccess.alertsOnly(groups: ["A"])
        #expect(alertsOnly.mayOpenNotes(ofGroup: "A") && !alertsOnly.mayOpenNotes(ofGroup: "B") && !alertsOnly.mayOpenReports)
        #expect(PortalAccess.dashboard.mayOpenReports && PortalAccess.admin.mayOpenNotes(ofGroup: nil))
    }
}

/// The Survey Responses Report's filters (SPEC §4).
@Suite struct SurveyResponsesReportRequestTests {
    let today = LocalDate("2026-11-23")!

    func request(
        from: String? = nil, to: String? = nil, groups: [String] = [], combine: String? = nil, min: String? = nil, max: String? = nil,
        srn: String? = nil, format: String? = nil
    ) throws -> SurveyResponsesReportRequest {
        try SurveyResponsesReportRequest(
            from: from, to: to, groups: groups, combine: combine, min: min, max: max, srn: srn, format: format, today: today)
    }

    @Test func defaults() throws {
        let r = try request()
        #expect(r.to == today && r.from == LocalDate("2026-10-25")! && r.srn == .none && r.format == .html && !r.combine)
        #expect(try request(groups: ["A", " A", "B", ""], combine: "y").groups == ["A", "B"])
        #expect(try request(min: "3", max: "6", srn: "S", format: "CSV").format == .csv)
    }

    @Test("bad filters name the field", arguments: [
        ("from", ["from": "2026-11-31"]), ("to", ["to": "yesterday"]), ("from", ["from": "2026-11-20", "to": "2026-11-01"]),
        ("min", ["min": "0"]), ("max", ["max": "11"]), ("min", ["min": "8", "max": "3"]), ("srn", ["srn": "q"]),
        ("format", ["format": "xlsx"]), ("combine", ["combine": "maybe"]), ("from", ["from": "1990-01-01"]),
    ])
    func refused(field: String, query: [String: String]) {
        #expect {
            try request(
                from: query["from"], to: query["to"], combine: query["combine"], min: query["min"], max: query["max"], srn: query["srn"],
                format: query["format"])
        } throws: { error in (error as? DomainError)?.field == field }
    }
}
