/// Constants of wire protocol v1 (PROTOCOL.md is the normative text).
public enum Wire {
    /// The protocol frame every tinq message carries: protocol name and major version.
    public static let version = "tinq/1"
    /// `version` as bytes, compared against incoming frames without building a String.
    public static let versionBytes: [UInt8] = Array(version.utf8)
    /// Longest request id a client may choose.
    public static let maxRequestIDLength = 64
    /// Longest metadata JSON frame accepted on SUBMIT.
    public static let maxMetadataLength = 16 * 1024
    /// Topic frame that carries every result exactly once.
    public static let allTopic = "all"
    /// Topic frame for one label: `label.<name>.` (the trailing dot makes prefix matching exact).
    public static func topic(forLabel label: String) -> String { "label.\(label)." }
    /// Labels (topic names) are short lowercase ASCII words so they are safe in frames and prefixes.
    public static func isValidLabel(_ label: String) -> Bool {
        !label.isEmpty && label.utf8.count <= 64
            && label.utf8.allSatisfy { ($0 >= 0x61 && $0 <= 0x7A) || ($0 >= 0x30 && $0 <= 0x39) || $0 == 0x5F }
    }
}

/// Decoding helpers shared by the message types.
enum FrameText {
    /// Decodes a frame as UTF-8 text, or nil when it is not valid UTF-8.
    static func string(_ frame: [UInt8]) -> String? {
        String(validating: frame, as: UTF8.self)
    }

    /// Parses an unsigned decimal ASCII frame ("0".."18446744073709551615"), no sign, no spaces.
    static func unsigned(_ frame: [UInt8]) -> UInt64? {
        guard !frame.isEmpty, frame.count <= 20 else { return nil }
        var value: UInt64 = 0
        for byte in frame {
            guard byte >= 0x30, byte <= 0x39 else { return nil }
            let (m, o1) = value.multipliedReportingOverflow(by: 10)
            let (s, o2) = m.addingReportingOverflow(UInt64(byte - 0x30))
            if o1 || o2 { return nil }
            value = s
        }
        return value
    }

    /// The decimal ASCII form of `value`.
    static func decimal(_ value: UInt64) -> [UInt8] { Array(String(value).utf8) }
}
