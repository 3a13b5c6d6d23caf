import Foundation

/// Where a login may send someone afterwards: a path on this site and nothing else. Browsers drop tabs and line
/// breaks from a `Location`, read `\` as `/`, and take `//host` as another site, so a value that merely starts with
/// `/` can still lead off-site (`/\evil.example`, `/\t/evil.example`); each of those is refused, not repaired.
enum LocalRedirect {
    /// `next` when it is a relative path of this site: it starts with one `/`, has no control character or backslash
    /// anywhere, and parses as a URL reference with neither scheme nor host; else nil.
    static func path(_ next: String?) -> String? {
        guard let next, next.hasPrefix("/"), !next.hasPrefix("//") else { return nil }
        guard !next.unicodeScalars.contains(where: { $0 == "\\" || $0.properties.generalCategory == .control }) else { return nil }
        guard let reference = URLComponents(string: next), reference.scheme == nil, reference.host == nil,
            reference.path.hasPrefix("/"), !reference.path.hasPrefix("//")
        else { return nil }
        return next
    }
}
