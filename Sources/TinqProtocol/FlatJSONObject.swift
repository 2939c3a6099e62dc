/// A fast reader for the flat JSON objects of the hot path (SUBMIT metadata): one object whose
/// values are strings, booleans, null or numbers.
///
/// It answers nil for anything else (nesting, unusual escapes, malformed text): callers then use
/// Foundation's JSONDecoder, which gives the precise error. So it only has to be right, never
/// complete.
enum FlatJSONObject {
    /// A value of a flat object.
    enum Value: Equatable {
        case string(String)
        case bool(Bool)
        case null
        case number
    }

    /// Parses `bytes` as one flat object, or nil.
    static func parse(_ bytes: [UInt8]) -> [String: Value]? {
        bytes.withUnsafeBufferPointer { p -> [String: Value]? in
            var i = 0
            let n = p.count
            func skipSpace() { while i < n, p[i] == 0x20 || p[i] == 0x0A || p[i] == 0x0D || p[i] == 0x09 { i += 1 } }
            func string() -> String? {
                guard i < n, p[i] == 0x22 else { return nil }
                i += 1
                let start = i
                var escaped: [UInt8]? = nil
                while i < n {
                    let b = p[i]
                    if b == 0x22 {
                        defer { i += 1 }
                        if let e = escaped { return String(validating: e, as: UTF8.self) }
                        return String(validating: UnsafeBufferPointer(rebasing: p[start..<i]), as: UTF8.self)
                    }
                    if b < 0x20 { return nil }
                    if b == 0x5C {
                        // Simple escapes only; \\u and the rest go to the full decoder.
                        guard i + 1 < n else { return nil }
                        if escaped == nil { escaped = Array(UnsafeBufferPointer(rebasing: p[start..<i])) }
                        switch p[i + 1] {
                        case 0x22: escaped!.append(0x22)
                        case 0x5C: escaped!.append(0x5C)
                        case 0x2F: escaped!.append(0x2F)
                        case 0x6E: escaped!.append(0x0A)
                        case 0x74: escaped!.append(0x09)
                        case 0x72: escaped!.append(0x0D)
                        default: return nil
                        }
                        i += 2
                        continue
                    }
                    escaped?.append(b)
                    i += 1
                }
                return nil
            }
            func literal(_ word: StaticString) -> Bool {
                let count = word.utf8CodeUnitCount
                guard i + count <= n else { return false }
                for k in 0..<count where p[i + k] != word.utf8Start[k] { return false }
                i += count
                return true
            }
            skipSpace()
            guard i < n, p[i] == 0x7B else { return nil }
            i += 1
            var out: [String: Value] = [:]
            skipSpace()
            if i < n, p[i] == 0x7D {
                i += 1
            } else {
                while true {
                    skipSpace()
                    guard let key = string() else { return nil }
                    skipSpace()
                    guard i < n, p[i] == 0x3A else { return nil }
                    i += 1
                    skipSpace()
                    guard i < n else { return nil }
                    switch p[i] {
                    case 0x22:
                        guard let s = string() else { return nil }
                        out[key] = .string(s)
                    case 0x74:
                        guard literal("true") else { return nil }
                        out[key] = .bool(true)
                    case 0x66:
                        guard literal("false") else { return nil }
                        out[key] = .bool(false)
                    case 0x6E:
                        guard literal("null") else { return nil }
                        out[key] = .null
                    case 0x2D, 0x30...0x39:
                        while i < n, (p[i] >= 0x30 && p[i] <= 0x39) || p[i] == 0x2E || p[i] == 0x2D || p[i] == 0x2B || p[i] == 0x65 || p[i] == 0x45 { i += 1 }
                        out[key] = .number
                    default:
                        return nil
                    }
                    skipSpace()
                    guard i < n else { return nil }
                    if p[i] == 0x2C { i += 1; continue }
                    if p[i] == 0x7D { i += 1; break }
                    return nil
                }
            }
            skipSpace()
            return i == n ? out : nil
        }
    }
}
