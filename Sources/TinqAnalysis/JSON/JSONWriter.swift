/// A minimal, fast JSON writer into a byte buffer (compact output, one line). Member names are
/// written with `raw` as whole static strings (`,"url":`): one copy each.
///
/// The writer owns a plain byte buffer (it is noncopyable, so the buffer has one owner and is
/// freed once): every write is a capacity check and a store, with no uniqueness check or
/// reference counting per byte as appending to an array would need.
struct JSONWriter: ~Copyable {
    private var start: UnsafeMutablePointer<UInt8>
    private var count = 0
    private var capacity: Int

    init(capacity: Int) {
        self.capacity = max(capacity, 16)
        start = .allocate(capacity: self.capacity)
    }

    deinit { start.deallocate() }

    /// The bytes written so far.
    var bytes: [UInt8] { Array(UnsafeBufferPointer(start: start, count: count)) }

    /// Appends the bytes written so far to `array`.
    func append(to array: inout [UInt8]) {
        array.append(contentsOf: UnsafeBufferPointer(start: start, count: count))
    }

    /// Makes room for `n` more bytes.
    @inline(__always)
    private mutating func reserve(_ n: Int) {
        if capacity &- count < n { grow(n) }
    }

    @inline(never)
    private mutating func grow(_ n: Int) {
        var c = capacity &* 2
        while c &- count < n { c &*= 2 }
        let p = UnsafeMutablePointer<UInt8>.allocate(capacity: c)
        p.update(from: start, count: count)
        start.deallocate()
        start = p
        capacity = c
    }

    @inline(__always)
    mutating func raw(_ s: StaticString) {
        s.withUTF8Buffer { append($0) }
    }

    @inline(__always)
    private mutating func append(_ b: UnsafeBufferPointer<UInt8>) {
        guard let base = b.baseAddress else { return }
        reserve(b.count)
        (start + count).update(from: base, count: b.count)
        count &+= b.count
    }

    @inline(__always)
    mutating func byte(_ b: UInt8) {
        reserve(1)
        start[count] = b
        count &+= 1
    }

    mutating func string(_ s: String?) {
        guard var s else {
            raw("null")
            return
        }
        s.withUTF8 { string(utf8: $0) }
    }

    /// A JSON string from UTF-8 bytes; control characters, quotes and backslashes escaped.
    mutating func string(utf8 p: UnsafeBufferPointer<UInt8>) {
        // Room for the string unescaped and its quotes at once; escapes reserve their own.
        reserve(p.count &+ 2)
        start[count] = 0x22
        count &+= 1
        var runStart = 0
        for i in 0..<p.count {
            let b = p[i]
            if b >= 0x20 && b != 0x22 && b != 0x5C { continue }
            if i > runStart { append(UnsafeBufferPointer(rebasing: p[runStart..<i])) }
            runStart = i + 1
            switch b {
            case 0x22: raw("\\\"")
            case 0x5C: raw("\\\\")
            case 0x0A: raw("\\n")
            case 0x0D: raw("\\r")
            case 0x09: raw("\\t")
            default:
                raw("\\u00")
                byte(JSONWriter.hex(b >> 4))
                byte(JSONWriter.hex(b & 15))
            }
        }
        if p.count > runStart { append(UnsafeBufferPointer(rebasing: p[runStart..<p.count])) }
        byte(0x22)
    }

    /// Lower-case hex digit of `v` (0 ... 15).
    private static func hex(_ v: UInt8) -> UInt8 { v < 10 ? 0x30 + v : 0x57 + v }

    mutating func int(_ v: Int) {
        if v < 0 {
            byte(0x2D)
            // The magnitude as unsigned: no overflow for Int.min.
            uint(v.magnitude)
            return
        }
        uint(UInt(v))
    }

    private mutating func uint(_ v: UInt) {
        if v < 10 {
            byte(UInt8(v) + 0x30)
            return
        }
        var n = 0
        var x = v
        while x > 0 {
            x /= 10
            n += 1
        }
        reserve(n)
        x = v
        var k = count &+ n
        while x > 0 {
            k -= 1
            start[k] = UInt8(x % 10) + 0x30
            x /= 10
        }
        count &+= n
    }

    /// A number in 0...1 (scores) with two decimals.
    mutating func unit(_ v: Double) {
        let c = Int((min(max(v, 0), 1) * 100).rounded())
        if c >= 100 {
            byte(0x31)
            return
        }
        byte(0x30)
        if c == 0 { return }
        byte(0x2E)
        byte(UInt8(c / 10) + 0x30)
        if c % 10 != 0 { byte(UInt8(c % 10) + 0x30) }
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
        s.withUTF8 { append($0) }
    }
}
