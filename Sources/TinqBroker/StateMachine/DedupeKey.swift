import Crypto
import TinqProtocol

/// The dedupe key of a submission: SHA-256 of its canonical URL when it has one, else of its body.
///
/// Canonical URL: scheme and host lower-cased, default port, fragment and tracking parameters
/// (`utm_*`, `fbclid`, `gclid`) dropped, a trailing slash on the path dropped.
public enum DedupeKey {
    /// The 33-byte key: a kind byte (`u` URL, `c` content) and the SHA-256 digest.
    public static func make(metadata: SubmitMetadata, body: [UInt8]) -> [UInt8] {
        if let url = metadata.url.flatMap(canonicalURL) {
            return [0x75] + Array(SHA256.hash(data: Array(url.utf8)))
        }
        return [0x63] + Array(SHA256.hash(data: body))
    }

    /// The canonical form of `url`, or nil when it is not an absolute http(s) URL.
    public static func canonicalURL(_ url: String) -> String? {
        var s = Substring(url.trimmingCharacters(in: " \t\r\n"))
        guard let schemeEnd = s.range(of: "://") else { return nil }
        let scheme = s[..<schemeEnd.lowerBound].lowercased()
        guard scheme == "http" || scheme == "https" else { return nil }
        s = s[schemeEnd.upperBound...]
        if let hash = s.firstIndex(of: "#") { s = s[..<hash] }
        let authorityEnd = s.firstIndex(where: { $0 == "/" || $0 == "?" }) ?? s.endIndex
        var host = s[..<authorityEnd].lowercased()
        if scheme == "http", host.hasSuffix(":80") { host.removeLast(3) }
        if scheme == "https", host.hasSuffix(":443") { host.removeLast(4) }
        guard !host.isEmpty else { return nil }
        var rest = s[authorityEnd...]
        var query = ""
        if let q = rest.firstIndex(of: "?") {
            let kept = rest[rest.index(after: q)...].split(separator: "&").filter { item in
                let name = item.split(separator: "=", maxSplits: 1).first.map { $0.lowercased() } ?? ""
                return !(name.hasPrefix("utm_") || name == "fbclid" || name == "gclid")
            }
            query = kept.isEmpty ? "" : "?" + kept.joined(separator: "&")
            rest = rest[..<q]
        }
        var path = String(rest)
        while path.hasSuffix("/") { path.removeLast() }
        return "\(scheme)://\(host)\(path)\(query)"
    }
}

extension String {
    fileprivate func trimmingCharacters(in set: String) -> String {
        // By scalar: as Characters, "\r\n" is one grapheme, so a lone "\n" or "\r" would not match.
        let scalars = Set(set.unicodeScalars)
        var sub = Substring(self).unicodeScalars
        while let f = sub.first, scalars.contains(f) { sub.removeFirst() }
        while let l = sub.last, scalars.contains(l) { sub.removeLast() }
        return String(Substring(sub))
    }
}
