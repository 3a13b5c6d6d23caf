import Foundation
import Hummingbird
import MakegoodDomain
import MakegoodReports
import MakegoodStore

/// The SRES dashboard: a filterable, sortable, paged table of responses, with each one's latest note.
struct SRESDashboard {
    let services: PageServices
    let visitor: PortalVisitor
    let request: SRESRequest

    var instance: Instance { visitor.instance }

    func query() -> ResponseQuery {
        let zone = instance.preferences.timezone
        let filters = request.filters
        var query = ResponseQuery(
            receivedFrom: filters.from.startOfDay(in: zone), receivedBefore: filters.to.adding(days: 1).startOfDay(in: zone),
            groups: filters.groups.isEmpty ? nil : filters.groups, srn: filters.srn, threshold: instance.preferences.threshold,
            status: .all, limit: SRESRequest.pageSize)
        query.segments = request.segments.isEmpty ? nil : request.segments
        query.minRating = filters.minRating
        query.maxRating = filters.maxRating
        query.caseStates = filters.state.map { [$0] }
        query.sort = ResponseSort(column: ResponseSort.Column(rawValue: request.sort.rawValue) ?? .date, descending: request.descending)
        query.offset = (request.page - 1) * SRESRequest.pageSize
        query.withLatestNote = true
        return query
    }

    func response() async throws -> Response {
        let instanceID = instance.id
        let query = query()
        if request.filters.format == .csv {
            var all = query
            all.offset = 0
            all.limit = Int.max
            let everything = all
            let (rows, cases) = try await services.store.read { db in
                let scope = db.scoped(to: instanceID)
                let rows = try await scope.responses.list(everything).items
                return (rows, try await CaseColumns.load(rows, scope: scope))
            }
            let names = try await names()
            var headers = PageRenderer.securityHeaders
            headers[.contentType] = "text/csv; charset=utf-8"
            headers[.contentDisposition] = "attachment; filename=\"sres-\(instance.cpc)-\(request.filters.from)-\(request.filters.to).csv\""
            return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: csv(rows, names: names, cases: cases))))
        }
        let (rows, total, cases) = try await services.store.read { db in
            let scope = db.scoped(to: instanceID)
            let rows = try await scope.responses.list(query).items
            return (rows, try await scope.responses.count(query), try await CaseColumns.load(rows, scope: scope))
        }
        let names = try await names()
        return services.renderer.render("dashboard-sres", page(rows, total: total, names: names, cases: cases))
    }

    struct Names: Sendable {
        let groups: [(code: String, name: String)]
        let segments: [(code: String, name: String)]
        var groupName: [String: String] { Dictionary(uniqueKeysWithValues: groups.map { ($0.code, $0.name) }) }
        var segmentName: [String: String] { Dictionary(uniqueKeysWithValues: segments.map { ($0.code, $0.name) }) }
    }

    func names() async throws -> Names {
        let instanceID = instance.id
        return try await services.store.read { db in
            let scope = db.scoped(to: instanceID)
            return Names(
                groups: try await scope.supportGroups.list().map { ($0.code, $0.name) }.sorted { $0.name < $1.name },
                segments: try await scope.segments.list().map { ($0.code, $0.name) }.sorted { $0.name < $1.name })
        }
    }

    /// The comment cell: the verbatim, then the latest note.
    static func comments(_ response: SurveyResponse) -> (verbatim: String, note: String?) {
        let note = response.notes.latestText.map { "SR note (\(response.notes.latestAuthor ?? "")): \($0)" }
        return (response.submission.comment ?? "", note)
    }

    func page(_ rows: [SurveyResponse], total: Int, names: Names, cases: CaseColumns) -> [String: Any] {
        let zone = instance.preferences.timezone
        let links = SRESLinks(cpc: instance.cpc, request: request)
        let groupName = names.groupName, segmentName = names.segmentName
        let pages = max(1, (total + SRESRequest.pageSize - 1) / SRESRequest.pageSize)
        let items: [[String: Any]] = rows.map { response in
            let s = response.submission
            let (verbatim, note) = Self.comments(response)
            var row: [String: Any] = [
                "band": s.rating.band.rawValue, "ticket": s.ticketId ?? "", "received": DisplayTime.format(s.receivedAt, in: zone),
                "group": s.supportGroupCode.map { groupName[$0] ?? $0 } ?? "", "agent": s.agent ?? "",
                "customer": s.customerName ?? s.customerEmail ?? "", "segment": s.segmentCode.map { segmentName[$0] ?? $0 } ?? "",
                "rating": "\(s.rating.value)", "factors": s.factors.joined(separator: ", "), "comment": verbatim,
                "sr": response.notes.latestAt.map { LocalDate(containing: $0, in: zone).description } ?? "Add note",
                "state": cases.state(of: response), "owner": cases.owner(of: response),
            ]
            if let note { row["note"] = note }
            if let dialog = NotesDialogController.link(cpc: instance.cpc, to: response, in: zone) { row["dialog"] = dialog }
            return row
        }
        let columns: [[String: Any]] = SRESRequest.SortColumn.allCases.map { column in
            let active = column == request.sort
            return [
                "label": column.label, "href": links.sorted(by: column),
                "arrow": active ? (request.descending ? " ▼" : " ▲") : "",
                "ariaSort": active ? (request.descending ? "descending" : "ascending") : "none",
            ]
        }
        var page: [String: Any] = [
            "title": "Survey Responses", "visitor": visitor.header, "instanceName": instance.name, "cpc": instance.cpc,
            "rows": items, "columns": columns, "count": "\(total) response\(total == 1 ? "" : "s")",
            "from": request.filters.from.description, "to": request.filters.to.description,
            "min": request.filters.minRating.map(String.init) ?? "", "max": request.filters.maxRating.map(String.init) ?? "",
            "sort": request.sort.rawValue, "dir": request.descending ? "desc" : "asc",
            "groups": names.groups.map { ["code": $0.code, "name": $0.name, "selected": request.filters.groups.contains($0.code)] as [String: Any] },
            "segments": names.segments.map { ["code": $0.code, "name": $0.name, "selected": request.segments.contains($0.code)] as [String: Any] },
            "states": CaseState.allCases.map {
                ["value": $0.rawValue, "label": $0.label, "selected": $0 == request.filters.state] as [String: Any]
            },
            "noteFilters": SRESRequest.noteFilters.map {
                ["value": $0.rawValue, "label": $0.dashboardLabel ?? "", "selected": $0 == request.filters.srn] as [String: Any]
            },
            "pageLabel": "Page \(min(request.page, pages)) of \(pages)", "csvURL": links.csv, "srpURL": links.srp,
        ]
        if request.page > 1 { page["previousURL"] = links.page(request.page - 1) }
        if request.page < pages { page["nextURL"] = links.page(request.page + 1) }
        return page
    }

    func csv(_ rows: [SurveyResponse], names: Names, cases: CaseColumns) -> [UInt8] {
        let zone = instance.preferences.timezone
        let groupName = names.groupName, segmentName = names.segmentName
        var table = CSVTable(header: [
            "Received", "Ticket", "Support Group", "Agent", "Customer", "Segment", "Rating", "Factors", "Comments", "Latest SR note",
            "Latest SR note at", "State", "Owner",
        ])
        for response in rows {
            let s = response.submission
            let (verbatim, note) = Self.comments(response)
            table.append([
                DisplayTime.format(s.receivedAt, in: zone), s.ticketId ?? "", s.supportGroupCode.map { groupName[$0] ?? $0 } ?? "",
                s.agent ?? "", s.customerName ?? s.customerEmail ?? "", s.segmentCode.map { segmentName[$0] ?? $0 } ?? "",
                "\(s.rating.value)", s.factors.joined(separator: ", "), verbatim, note ?? "",
                response.notes.latestAt.map { DisplayTime.format($0, in: zone) } ?? "", cases.state(of: response), cases.owner(of: response),
            ])
        }
        return [0xEF, 0xBB, 0xBF] + Array(table.text.utf8)
    }
}

extension SRESRequest.SortColumn {
    var label: String {
        switch self {
        case .date: "Date"
        case .group: "Support Group"
        case .agent: "Agent"
        case .customer: "Customer"
        case .segment: "Segment"
        case .rating: "Rating"
        }
    }
}
