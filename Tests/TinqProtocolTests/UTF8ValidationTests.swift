import Testing

@testable import TinqProtocol

@Suite("UTF8Validation")
struct UTF8ValidationTests {
    /// The offset of the first invalid byte according to the standard library's own decoder.
    static func reference(_ bytes: [UInt8]) -> Int? {
        var parser = Unicode.UTF8.ForwardParser()
        var input = bytes.makeIterator()
        var offset = 0
        while true {
            switch parser.parseScalar(from: &input) {
            case .valid(let encoded): offset += encoded.count
            case .emptyInput: return nil
            case .error: return offset
            }
        }
    }

    @Test("known cases", arguments: [
        ([], nil),
        (Array("plain ascii\n".utf8), nil),
        (Array("Tiếng Việt có dấu".utf8), nil),
        (Array("😀 𝕏".utf8), nil),
        // Overlong forms.
        ([0xC0, 0x80], 0), ([0xC1, 0xBF], 0), ([0xE0, 0x80, 0x80], 0), ([0xE0, 0x9F, 0xBF], 0), ([0xF0, 0x8F, 0xBF, 0xBF], 0),
        // Smallest non-overlong of each length.
        ([0xC2, 0x80], nil), ([0xE0, 0xA0, 0x80], nil), ([0xF0, 0x90, 0x80, 0x80], nil),
        // Surrogates, and their neighbours.
        ([0xED, 0xA0, 0x80], 0), ([0xED, 0xBF, 0xBF], 0), ([0xED, 0x9F, 0xBF], nil), ([0xEE, 0x80, 0x80], nil),
        ([0x61, 0xED, 0xA0, 0xBD, 0xED, 0xB8, 0x80], 1),
        // Above U+10FFFF, and the largest scalar.
        ([0xF4, 0x8F, 0xBF, 0xBF], nil), ([0xF4, 0x90, 0x80, 0x80], 0), ([0xF5, 0x80, 0x80, 0x80], 0), ([0xF8, 0x88, 0x80, 0x80, 0x80], 0), ([0xFF], 0), ([0xFE], 0),
        // Truncated sequences, at the end and in the middle.
        ([0xC3], 0), ([0x61, 0xE1, 0xBB], 1), ([0xF0, 0x9F, 0x98], 0), ([0x61, 0x62, 0xC3, 0x28], 2), ([0xE2, 0x82, 0x41], 0), ([0xF0, 0x9F, 0x98, 0x41], 0),
        // Continuation bytes without a lead.
        ([0x80], 0), ([0x61, 0xBF], 1), (Array("à".utf8) + [0x80], 2),
    ] as [([UInt8], Int?)])
    func known(bytes: [UInt8], expected: Int?) {
        #expect(UTF8Validation.firstInvalidOffset(bytes) == expected)
        #expect(Self.reference(bytes) == expected, "the reference decoder disagrees with the table itself")
    }

    @Test("an invalid byte after an ASCII run is found at every offset and alignment")
    func afterASCIIRun() {
        for length in 0..<40 {
            for bad: [UInt8] in [[0x80], [0xFF], [0xC3], [0xED, 0xA0, 0x80], [0xF4, 0x90, 0x80, 0x80]] {
                let input = [UInt8](repeating: 0x41, count: length) + bad + [UInt8](repeating: 0x42, count: 9)
                #expect(UTF8Validation.firstInvalidOffset(input) == length, "ASCII run of \(length) then \(bad)")
                if length > 0 {
                    // The same bytes from one byte in: the scan starts at an odd address.
                    let shifted = input.dropFirst().withUnsafeBufferPointer { UTF8Validation.firstInvalidOffset($0) }
                    #expect(shifted == length - 1, "unaligned: ASCII run of \(length - 1) then \(bad)")
                }
            }
            let valid = [UInt8](repeating: 0x41, count: length) + Array("ệ".utf8) + [UInt8](repeating: 0x42, count: length)
            #expect(UTF8Validation.firstInvalidOffset(valid) == nil)
        }
    }

    @Test("the buffer-pointer entry point agrees, including for an empty buffer without storage")
    func bufferEntry() {
        #expect(UTF8Validation.firstInvalidOffset(UnsafeBufferPointer<UInt8>(start: nil, count: 0)) == nil)
        let bad: [UInt8] = [0x41, 0xE0, 0x80, 0x80]
        #expect(bad.withUnsafeBufferPointer { UTF8Validation.firstInvalidOffset($0) } == 1)
    }

    /// Byte values at the edges of the UTF-8 tables, where an off-by-one would hide.
    static let edgeBytes: [UInt8] = [0x00, 0x41, 0x7F, 0x80, 0x8F, 0x90, 0x9F, 0xA0, 0xBF, 0xC0, 0xC1, 0xC2, 0xDF, 0xE0, 0xE1, 0xEC, 0xED, 0xEE, 0xEF, 0xF0, 0xF1, 0xF3, 0xF4, 0xF5, 0xF7, 0xF8, 0xFF]

    static func randomScalar(using rng: inout SeededGenerator) -> Unicode.Scalar {
        while true {
            let value: UInt32
            switch Int.random(in: 0..<4, using: &rng) {
            case 0: value = UInt32.random(in: 0...0x7F, using: &rng)
            case 1: value = UInt32.random(in: 0x80...0x7FF, using: &rng)
            case 2: value = UInt32.random(in: 0x800...0xFFFF, using: &rng)
            default: value = UInt32.random(in: 0x10000...0x10FFFF, using: &rng)
            }
            if let s = Unicode.Scalar(value) { return s }
        }
    }

    static func randomInput(using rng: inout SeededGenerator) -> [UInt8] {
        switch Int.random(in: 0..<4, using: &rng) {
        case 0:
            return (0..<Int.random(in: 0...12, using: &rng)).map { _ in UInt8.random(in: 0...255, using: &rng) }
        case 1:
            return (0..<Int.random(in: 0...10, using: &rng)).map { _ in edgeBytes.randomElement(using: &rng)! }
        case 2:
            // Long ASCII runs around a few edge bytes, so word-at-a-time scanning meets every alignment.
            func ascii() -> [UInt8] { (0..<Int.random(in: 0...40, using: &rng)).map { _ in UInt8.random(in: 0...0x7F, using: &rng) } }
            var b = ascii()
            for _ in 0..<Int.random(in: 0...3, using: &rng) { b += [edgeBytes.randomElement(using: &rng)!] + ascii() }
            return b
        default:
            var text = String.UnicodeScalarView()
            for _ in 0..<Int.random(in: 0...16, using: &rng) { text.append(randomScalar(using: &rng)) }
            var b = Array(String(text).utf8)
            for _ in 0..<Int.random(in: 0...2, using: &rng) where !b.isEmpty {
                let at = Int.random(in: 0..<b.count, using: &rng)
                switch Int.random(in: 0..<4, using: &rng) {
                case 0: b[at] = UInt8.random(in: 0...255, using: &rng)
                case 1: b.remove(at: at)
                case 2: b.insert(edgeBytes.randomElement(using: &rng)!, at: at)
                default: b.removeLast(Int.random(in: 0...min(3, b.count), using: &rng))
                }
            }
            return b
        }
    }

    @Test("agrees with the standard library on random inputs (seeded)", arguments: [1, 2, 3, 0xDEAD_BEEF] as [UInt64])
    func property(seed: UInt64) {
        var rng = SeededGenerator(seed: seed)
        var valid = 0
        var invalid = 0
        for _ in 0..<20_000 {
            let input = Self.randomInput(using: &rng)
            let ours = UTF8Validation.firstInvalidOffset(input)
            let stdlibValid = String(validating: input, as: UTF8.self) != nil
            #expect((ours == nil) == stdlibValid, "seed \(seed): validity differs for \(input)")
            #expect(input.withUnsafeBufferPointer { UTF8Validation.isWellFormed($0) } == stdlibValid, "seed \(seed): the DFA differs for \(input)")
            #expect(ours == Self.reference(input), "seed \(seed): first invalid offset differs for \(input)")
            if let ours {
                #expect(String(validating: input[..<ours], as: UTF8.self) != nil, "seed \(seed): bytes before offset \(ours) are not valid in \(input)")
                invalid += 1
            } else {
                valid += 1
            }
        }
        // The generator must exercise both sides, or the test proves little.
        #expect(valid > 2_000)
        #expect(invalid > 2_000)
    }
}
