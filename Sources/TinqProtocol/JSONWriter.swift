/// A small, fast writer for the JSON objects the protocol sends (replies, status, envelopes).
///
/// It only appends bytes; the caller keeps the object structure balanced. Strings are escaped
/// as RFC 8259 requires.
public struct JSONWriter: Sendable {
    /// The JSON text written so far.
    public private(set) var bytes: [UInt8] = []
    private var needsComma: [Bool] = [false]

    /// Creates an empty writer.
    public init(capacity: Int = 128) { bytes.reserveCapacity(capacity) }

    /// Opens an object (as a value, or as the value of `key`).
    public mutating func beginObject(_ key: String? = nil) { prefix(key); bytes.append(0x7B); needsComma.append(false) }
    /// Closes the innermost object.
    public mutating func endObject() { bytes.append(0x7D); needsComma.removeLast() }
    /// Opens an array (as a value, or as the value of `key`).
    public mutating func beginArray(_ key: String? = nil) { prefix(key); bytes.append(0x5B); needsComma.append(false) }
    /// Closes the innermost array.
    public mutating func endArray() { bytes.append(0x5D); needsComma.removeLast() }

    /// Writes a string value, or null when nil.
    public mutating func string(_ key: String? = nil, _ value: String?) {
        prefix(key)
        if let value { Self.appendEscaped(value, to: &bytes) } else { bytes.append(contentsOf: Self.null) }
    }
    /// Writes an integer value.
    public mutating func int(_ key: String? = nil, _ value: Int) { prefix(key); bytes.append(contentsOf: String(value).utf8) }
    /// Writes an unsigned integer value.
    public mutating func uint(_ key: String? = nil, _ value: UInt64) { prefix(key); bytes.append(contentsOf: String(value).utf8) }
    /// Writes a number with up to three decimals.
    public mutating func double(_ key: String? = nil, _ value: Double) {
        prefix(key)
        let v = (value * 1000).rounded() / 1000
        if v.isFinite { bytes.append(contentsOf: "\(v)".utf8) } else { bytes.append(contentsOf: Self.null) }
    }
    /// Writes a boolean value.
    public mutating func bool(_ key: String? = nil, _ value: Bool) { prefix(key); bytes.append(contentsOf: (value ? "true" : "false").utf8) }
    /// Writes null.
    public mutating func null(_ key: String? = nil) { prefix(key); bytes.append(contentsOf: Self.null) }
    /// Writes already-serialised JSON (for example a result object) as a value.
    public mutating func raw(_ key: String? = nil, _ json: [UInt8]) { prefix(key); bytes.append(contentsOf: json) }

    private static let null: [UInt8] = Array("null".utf8)

    private mutating func prefix(_ key: String?) {
        if needsComma[needsComma.count - 1] { bytes.append(0x2C) } else { needsComma[needsComma.count - 1] = true }
        if let key {
            Self.appendEscaped(key, to: &bytes)
            bytes.append(0x3A)
        }
    }

    /// Appends `value` as a JSON string literal.
    public static func appendEscaped(_ value: String, to out: inout [UInt8]) {
        out.append(0x22)
        for byte in value.utf8 {
            switch byte {
            case 0x22: out.append(0x5C); out.append(0x22)
            case 0x5C: out.append(0x5C); out.append(0x5C)
            case 0x0A: out.append(0x5C); out.append(0x6E)
            case 0x0D: out.append(0x5C); out.append(0x72)
            case 0x09: out.append(0x5C); out.append(0x74)
            case 0..<0x20:
                let hex: [UInt8] = Array("0123456789abcdef".utf8)
                out.append(contentsOf: [0x5C, 0x75, 0x30, 0x30, hex[Int(byte >> 4)], hex[Int(byte & 0xF)]])
            default: out.append(byte)
            }
        }
        out.append(0x22)
    }
}
