/// A minimal, fast JSON writer into a byte buffer (compact output, one line). Member names are
/// written with `raw` as whole static strings (`,"url":`): one append each.
struct JSONWriter {
    var bytes: [UInt8] = []

    init(capacity: Int) { bytes.reserveCapacity(capacity) }

    /// A writer that appends to `bytes`.
    init(bytes: [UInt8]) { self.bytes = bytes }

    @inline(__always)
    mutating func raw(_ s: StaticString) {
        s.withUTF8Buffer { bytes.append(contentsOf: $0) }
    }

    @inline(__always)
    mutating func byte(_ b: UInt8) { bytes.append(b) }

    mutating func string(_ s: String?) {
        guard var s else {
            raw("null")
            return
        }
        s.withUTF8 { string(utf8: $0) }
    }

    /// A JSON string from UTF-8 bytes; control characters, quotes and backslashes escaped.
    mutating func string(utf8 p: UnsafeBufferPointer<UInt8>) {
        bytes.append(0x22)
        var runStart = 0
        for i in 0..<p.count {
            let b = p[i]
            if b >= 0x20 && b != 0x22 && b != 0x5C { continue }
            if i > runStart { bytes.append(contentsOf: UnsafeBufferPointer(rebasing: p[runStart..<i])) }
            runStart = i + 1
            switch b {
            case 0x22: raw("\\\"")
            case 0x5C: raw("\\\\")
            case 0x0A: raw("\\n")
            case 0x0D: raw("\\r")
            case 0x09: raw("\\t")
            default:
                raw("\\u00")
                bytes.append(JSONWriter.hex[Int(b >> 4)])
                bytes.append(JSONWriter.hex[Int(b & 15)])
            }
        }
        if p.count > runStart { bytes.append(contentsOf: UnsafeBufferPointer(rebasing: p[runStart..<p.count])) }
        bytes.append(0x22)
    }

    private static let hex: [UInt8] = Array("0123456789abcdef".utf8)

    mutating func int(_ v: Int) {
        if v < 0 {
            bytes.append(0x2D)
            int(-v)
            return
        }
        if v < 10 {
            bytes.append(UInt8(v) + 0x30)
            return
        }
        var digits: (UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8) =
            (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
        var n = 0
        var x = v
        withUnsafeMutableBytes(of: &digits) { d in
            while x > 0 {
                d[n] = UInt8(x % 10) + 0x30
                x /= 10
                n += 1
            }
            for k in stride(from: n - 1, through: 0, by: -1) { bytes.append(d[k]) }
        }
    }

    /// A number in 0...1 (scores) with two decimals.
    mutating func unit(_ v: Double) {
        let c = Int((min(max(v, 0), 1) * 100).rounded())
        if c >= 100 {
            bytes.append(0x31)
            return
        }
        bytes.append(0x30)
        if c == 0 { return }
        bytes.append(0x2E)
        bytes.append(UInt8(c / 10) + 0x30)
        if c % 10 != 0 { bytes.append(UInt8(c % 10) + 0x30) }
    }

    /// Any finite number: integers without a fraction, others with up to 6 significant decimals.
    mutating func number(_ v: Double) {
        guard v.isFinite else {
            raw("null")
            return
        }
        if v == v.rounded(), abs(v) < 1e15 {
            int(Int(v))
            return
        }
        var s = String(v)
        s.withUTF8 { bytes.append(contentsOf: $0) }
    }
}
