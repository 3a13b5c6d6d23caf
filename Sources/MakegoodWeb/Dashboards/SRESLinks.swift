import Foundation
import MakegoodDomain

/// Links to other views of the SRES dashboard that keep every filter: sorting, paging, the CSV export.
struct SRESLinks {
    let cpc: String
    let request: SRESRequest

    private func url(sort: SRESRequest.SortColumn? = nil, descending: Bool? = nil, page: Int? = nil, format: String? = nil) -> String {
        let filters = request.filters
        var items = [URLQueryItem(name: "cpc", value: cpc), URLQueryItem(name: "dashid", value: "SRES")]
        items.append(URLQueryItem(name: "from", value: filters.from.description))
        items.append(URLQueryItem(name: "to", value: filters.to.description))
        items += filters.groups.map { URLQueryItem(name: "rgid", value: $0) }
        items += request.segments.map { URLQueryItem(name: "seg", value: $0) }
        if let min = filters.minRating { items.append(URLQueryItem(name: "min", value: "\(min)")) }
        if let max = filters.maxRating { items.append(URLQueryItem(name: "max", value: "\(max)")) }
        if filters.srn.showsNotes { items.append(URLQueryItem(name: "srn", value: filters.srn.rawValue)) }
        if let state = filters.state { items.append(URLQueryItem(name: "state", value: state.rawValue)) }
        items.append(URLQueryItem(name: "sort", value: (sort ?? request.sort).rawValue))
        items.append(URLQueryItem(name: "dir", value: (descending ?? request.descending) ? "desc" : "asc"))
        if let page, page > 1 { items.append(URLQueryItem(name: "page", value: "\(page)")) }
        if let format { items.append(URLQueryItem(name: "format", value: format)) }
        var components = URLComponents()
        components.path = DashboardsController.path
        components.queryItems = items
        return components.percentEncodedURLString
    }

    /// Sorting by a column starts again at page 1; the active column's link flips the direction.
    func sorted(by column: SRESRequest.SortColumn) -> String {
        url(sort: column, descending: column == request.sort ? !request.descending : column == .date || column == .rating)
    }

    func page(_ number: Int) -> String { url(page: number) }

    var csv: String { url(format: "csv") }

    var srp: String {
        var components = URLComponents()
        components.path = DashboardsController.path
        components.queryItems = [URLQueryItem(name: "cpc", value: cpc), URLQueryItem(name: "dashid", value: "SRP")]
            + request.filters.groups.map { URLQueryItem(name: "rgid", value: $0) }
        return components.percentEncodedURLString
    }
}
