/// Finding a few byte values eight bytes at a time (SWAR): the text scans skip whole words of
/// eight bytes that hold none of the bytes they look for.
enum ByteScan {
    /// The eight bytes at `p + offset` (no alignment needed).
    @inline(__always)
    static func word(_ base: UnsafePointer<UInt8>, _ offset: Int) -> UInt64 {
        UnsafeRawPointer(base + offset).loadUnaligned(as: UInt64.self)
    }

    /// The high bit of each byte of `x` that equals `byte`, and maybe of some bytes after the
    /// first such byte: 0 exactly when there is none, and the lowest bit set marks the first one
    /// in memory order (the zero-byte test's borrows only run upwards).
    @inline(__always)
    static func matches(_ x: UInt64, _ byte: UInt8) -> UInt64 {
        let ones: UInt64 = 0x0101_0101_0101_0101
        let v = x ^ (ones &* UInt64(byte))
        return (v &- ones) & ~v & (ones &* 0x80)
    }
}
