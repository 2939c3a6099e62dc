/// Strict UTF-8 validation without building a String (the broker checks every body).
public enum UTF8Validation {
    /// The byte offset of the first byte that is not part of well-formed UTF-8, or nil when
    /// all of `bytes` is well formed (overlong forms, surrogates and values above U+10FFFF fail).
    public static func firstInvalidOffset(_ bytes: [UInt8]) -> Int? {
        bytes.withUnsafeBufferPointer { firstInvalidOffset($0) }
    }

    /// See ``firstInvalidOffset(_:)-([UInt8])``.
    public static func firstInvalidOffset(_ p: UnsafeBufferPointer<UInt8>) -> Int? {
        let n = p.count
        var i = 0
        guard let base = p.baseAddress else { return nil }
        while i < n {
            // ASCII fast path: eight bytes at a time while none has its high bit set.
            while i + 8 <= n {
                let word = UnsafeRawPointer(base + i).loadUnaligned(as: UInt64.self)
                if word & 0x8080_8080_8080_8080 != 0 { break }
                i += 8
            }
            guard i < n else { break }
            let b0 = p[i]
            if b0 < 0x80 {
                i += 1
                continue
            }
            @inline(__always) func cont(_ k: Int) -> Bool { k < n && p[k] & 0xC0 == 0x80 }
            switch b0 {
            case 0xC2...0xDF:
                guard cont(i + 1) else { return i }
                i += 2
            case 0xE0...0xEF:
                guard cont(i + 1), cont(i + 2) else { return i }
                let b1 = p[i + 1]
                if b0 == 0xE0 && b1 < 0xA0 { return i }  // overlong
                if b0 == 0xED && b1 > 0x9F { return i }  // surrogate
                i += 3
            case 0xF0...0xF4:
                guard cont(i + 1), cont(i + 2), cont(i + 3) else { return i }
                let b1 = p[i + 1]
                if b0 == 0xF0 && b1 < 0x90 { return i }  // overlong
                if b0 == 0xF4 && b1 > 0x8F { return i }  // above U+10FFFF
                i += 4
            default:
                return i
            }
        }
        return nil
    }
}
