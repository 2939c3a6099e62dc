import Testing

@testable import TinqAnalysis

/// Folding for matching: case, tone-mark placement, NFC/NFD, spaces and quotes; offsets map back.
@Suite struct FoldedTextTests {
    @Test(arguments: [
        ("Quận uỷ", "Quận ủy"), ("hoà", "hòa"), ("Khoá", "Khóa"), ("thuỷ", "thủy"), ("HÒA", "hoà"),
        ("xã hội hoá", "xã hội hóa"), ("“Dân vận khéo”", "\"dân vận khéo\""), ("a\u{00A0} b", "a b"),
        ("Dân vận", "DÂN VẬN"),
    ])
    func equivalentSpellingsFoldAlike(_ pair: (String, String)) {
        #expect(FoldedText.fold(pair.0) == FoldedText.fold(pair.1))
    }

    @Test func decomposedInputFoldsLikePrecomposed() {
        // Letters with stacked marks (circumflex + tone) in either order.
        #expect(FoldedText.fold("Qua\u{0302}\u{0323}n") == FoldedText.fold("Quận"))
        #expect(FoldedText.fold("Kie\u{0302}\u{0301}m") == FoldedText.fold("Kiếm"))
        #expect(FoldedText.fold("Khoa\u{0301}") == FoldedText.fold("Khoá"))
        #expect(FoldedText.fold("u\u{0309}y") == FoldedText.fold("ủy"))
        #expect(FoldedText.fold("tu\u{031B}\u{0300}") == FoldedText.fold("từ"))
    }

    @Test(arguments: [("dân", "dần"), ("dân", "dẫn"), ("vận", "văn"), ("Đà", "Da")])
    func differentWordsStayDifferent(_ pair: (String, String)) {
        #expect(FoldedText.fold(pair.0) != FoldedText.fold(pair.1))
    }

    @Test func offsetsMapBackToScalars() throws {
        let text = "Sáng 16/10, Quận uỷ  tổ chức"
        let bytes = Array(text.utf8)
        let folded = try bytes.withUnsafeBufferPointer { try FoldedText(utf8: $0) }
        let scalars = Array(text.unicodeScalars)
        func scalarAt(_ fs: Int) -> Int {
            bytes.withUnsafeBufferPointer { folded.scalarOffset(ofByte: Int(folded.byteAt[fs]), in: $0) }
        }
        // Every folded byte points at a scalar; the sentinel is the scalar count.
        #expect(scalarAt(folded.bytes.count) == scalars.count)
        #expect(Int(folded.byteAt.last!) == bytes.count)
        // Double space collapses to one.
        #expect(folded.bytes.count < bytes.count)
        let target = FoldedText.fold("quận uỷ")
        let start = (0...(folded.bytes.count - target.count)).first { folded.bytes[$0..<($0 + target.count)].elementsEqual(target) }!
        let s = scalarAt(start)
        let e = scalarAt(start + target.count)
        var view = String.UnicodeScalarView()
        view.append(contentsOf: scalars[s..<e])
        #expect(String(view) == "Quận uỷ")
    }

    @Test func wordsAndCapitals() throws {
        let folded = try Array("Bí thư Nguyễn UBND 25".utf8).withUnsafeBufferPointer { try FoldedText(utf8: $0) }
        #expect(folded.wordStart.count == 5)
        #expect(folded.wordFlags[0] & WordFlags.capitalised != 0)
        #expect(folded.wordFlags[1] & WordFlags.capitalised == 0)
        #expect(folded.wordFlags[3] & WordFlags.allCaps != 0)
        #expect(folded.wordFlags[4] & WordFlags.digit != 0)
    }

    @Test func invalidUTF8IsReportedWithItsOffset() {
        let bytes: [UInt8] = Array("Hà Nội ".utf8) + [0xC3, 0x28]
        #expect(throws: AnalysisError.notUTF8(byteOffset: 10)) {
            try bytes.withUnsafeBufferPointer { try FoldedText(utf8: $0) }
        }
        #expect(UTF8Check.firstInvalidByte(bytes) == 10)
        #expect(UTF8Check.firstInvalidByte([0xED, 0xA0, 0x80]) == 0)  // surrogate
        #expect(UTF8Check.firstInvalidByte(Array("Quận ủy".utf8)) == nil)
    }

    @Test func analyzerRejectsEmptyAndBadInput() {
        let analyzer = Analyzer()
        #expect(throws: AnalysisError.empty) {
            try analyzer.analyze(ArticleInput(id: nil, url: nil, source: nil, contentType: .text, body: Array(" \n\t ".utf8)))
        }
        #expect(throws: AnalysisError.empty) {
            try analyzer.analyze(ArticleInput(id: nil, url: nil, source: nil, contentType: .text, body: []))
        }
        #expect(throws: AnalysisError.notUTF8(byteOffset: 0)) {
            try analyzer.analyze(ArticleInput(id: nil, url: nil, source: nil, contentType: .html, body: [0xFF]))
        }
        #expect(AnalysisError.notUTF8(byteOffset: 3).code == "not_utf8")
        #expect(AnalysisError.empty.code == "empty")
        #expect(!AnalysisError.empty.message.isEmpty)
        let small = Analyzer(maximumBodyBytes: 4)
        #expect(throws: AnalysisError.tooLarge(bytes: 5, limit: 4)) {
            try small.analyze(ArticleInput(id: nil, url: nil, source: nil, contentType: .text, body: Array("abcde".utf8)))
        }
    }

    // MARK: The fast loop against the reference fold

    /// Inputs that take every path of the folding loop: decomposed Vietnamese, both tone-mark
    /// placements, upper case, no-break and other spaces, curly quotes, line breaks of every
    /// kind, invisible characters inside words, other scripts, and invalid or truncated bytes.
    static let trickyInputs: [[UInt8]] = [
        "Qua\u{0302}\u{0323}n uy\u{0309} ho\u{0300}a Khoa\u{0301} tu\u{031B}\u{0300} \u{0301}a \u{0300}",
        "uỷ ủy hoà hòa thuỷ thủy HOÀ HÒA ỦY UỶ Quận uỷ, Khoá XIII",
        "a\u{00A0}\u{00A0}b\u{2009}c\u{3000}d \u{202F} e\u{00A0}\n\u{00A0}f",
        "“Dân vận khéo” ‘x’ «y» a–b—c … • · ＝ ，z",
        "dòng 1\r\ndòng 2\rdòng 3\u{2028}dòng 4\u{85}dòng 5  \n  \n\n",
        "Hà\u{00AD}Nội Nguyễn\u{200B}Văn \u{FEFF}Tin ĐẢNG ĐảNg aĐb",
        "Москва Ελλάδα 中国 🇻🇳 😀 𝐀𝐁 ǅ ǆ",
        "UBND TP.HCM 25-NQ/TW 1.000,5 tỷ đồng 16/10/2020 12:12 A B AB Ab aB",
        "\t\u{0B}\u{0C}\u{00}\u{7F}x\u{01}y",
        "hòa", "ủ", "Ủ", "", " ", "\n", "a", "A", "1", "kló", "klóa", "aᴀb ǅa", "Xin chào, Đà Nẵng… “ĐẢNG” đó",
    ].map { Array($0.utf8) } + [
        [0xC3], [0x61, 0xC3], Array("Hà Nội ".utf8) + [0xC3, 0x28], [0xE1, 0xBB], [0x61, 0xE1, 0xBB, 0x61],
        [0xC0, 0x80], [0xC1, 0xBF], [0xED, 0xA0, 0x80], [0xF5, 0x80, 0x80, 0x80], [0xF4, 0x90, 0x80, 0x80],
        [0xF0, 0x8F, 0xBF, 0xBF], [0xE0, 0x9F, 0xBF], Array("ab".utf8) + [0x80] + Array("cd".utf8), [0xFF],
        [0xF0, 0x9F, 0x98], Array("Quận ".utf8) + [0xE1, 0xBA, 0x41], [0x61, 0xE1, 0xB8, 0x41, 0x61],
        [0x61, 0xC3, 0x41], [0x61, 0xE1, 0xBB],
    ]

    /// Random mixes of the fragments the tricky inputs are made of, long enough to cross many
    /// 64-byte blocks of the scalar offset index (fixed seed: the same inputs every run).
    static var randomInputs: [[UInt8]] {
        let pieces: [[UInt8]] = [
            "a", "B", "z", "Q", "7", " ", "  ", "\n", "\r", "\r\n", ",", ".", "/", "-", "\"", "'", "ô", "Ư", "đ", "Đ",
            "ề", "Ể", "ỷ", "Ỷ", "ủ", "à", "À", "\u{0300}", "\u{0301}", "\u{0302}", "\u{0306}", "\u{031B}", "\u{0323}",
            "\u{00A0}", "\u{00AD}", "\u{200B}", "“", "”", "…", "–", "中", "я", "Ж", "😀", "\t", "\u{85}", "\u{2028}",
            "ngày", "Quận", "uỷ", "hoà", "UBND",
        ].map { Array($0.utf8) } + [[0x80], [0xC3], [0xE1, 0xBB], [0xFF]]
        var state: UInt64 = 0x5EED_F01D
        func next() -> Int {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return Int(truncatingIfNeeded: (z ^ (z >> 31)) >> 1)
        }
        var inputs: [[UInt8]] = []
        for k in 0..<400 {
            var bytes: [UInt8] = []
            let count = next() % (k % 10 == 0 ? 400 : 40)
            for _ in 0..<count {
                // Invalid bytes (the last four pieces) only now and then.
                let valid = pieces.count - 4
                bytes += pieces[next() % 50 == 0 ? valid + next() % 4 : next() % valid]
            }
            inputs.append(bytes)
        }
        return inputs
    }

    /// The fast loop and the reference agree on bytes, maps, words, lines, scalar offsets and the
    /// first invalid byte.
    static func expectSameFold(_ input: [UInt8]) {
        let reference = ReferenceFold(utf8: input)
        input.withUnsafeBufferPointer { buf in
            do {
                let fast = try FoldedText(utf8: buf)
                #expect(reference.invalidByte == nil, "input \(input)")
                #expect(fast.bytes == reference.bytes, "input \(input)")
                #expect(fast.byteAt == reference.byteAt, "input \(input)")
                #expect(fast.wordStart == reference.wordStart, "input \(input)")
                #expect(fast.wordEnd == reference.wordEnd, "input \(input)")
                #expect(fast.wordFlags == reference.wordFlags, "input \(input)")
                #expect(fast.lineStarts == reference.lineStarts, "input \(input)")
                let scalars = fast.byteAt.map { Int32(fast.scalarOffset(ofByte: Int($0), in: buf)) }
                #expect(scalars == reference.scalarAt, "input \(input)")
            } catch {
                #expect(error as? AnalysisError == .notUTF8(byteOffset: reference.invalidByte ?? -1), "input \(input)")
            }
        }
    }

    /// Running Vietnamese text spelt from the rules rather than taken from a corpus: onsets,
    /// one to three vowels (any of them toned) and a final, each vowel precomposed (NFC), fully
    /// decomposed with the marks in either order (NFD), or half and half; in lower case, UPPER
    /// CASE and Capitalised; between spaces, no-break spaces, punctuation, curly quotes, numbers,
    /// line breaks of every kind and invisible characters, with an invalid byte now and then.
    /// Every syllable takes the folding loop's word paths with a different mix of one-, two- and
    /// three-byte letters and combining marks (fixed seed: the same inputs every run).
    static var vietnameseMixes: [[UInt8]] {
        var state: UInt64 = 0x7E57_F01D_5EED
        func next(_ bound: Int) -> Int {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return Int(truncatingIfNeeded: (z ^ (z >> 31)) >> 1) % bound
        }
        func pick<T>(_ items: [T]) -> T { items[next(items.count)] }
        let onsets = ["", "b", "c", "ch", "d", "đ", "g", "gh", "gi", "h", "k", "kh", "l", "m", "n", "ng", "ngh",
                      "nh", "ph", "qu", "r", "s", "t", "th", "tr", "v", "x"]
        let finals = ["", "", "", "c", "ch", "m", "n", "ng", "nh", "p", "t", "i", "o", "u", "y"]
        // Each vowel: its base letter, its modifier (circumflex, breve, horn) if any, and its
        // precomposed forms with no tone, then huyền, sắc, hỏi, ngã, nặng.
        let spelt: [(String, String, String)] = [
            ("a", "", "aàáảãạ"), ("a", "\u{0306}", "ăằắẳẵặ"), ("a", "\u{0302}", "âầấẩẫậ"), ("e", "", "eèéẻẽẹ"),
            ("e", "\u{0302}", "êềếểễệ"), ("i", "", "iìíỉĩị"), ("o", "", "oòóỏõọ"), ("o", "\u{0302}", "ôồốổỗộ"),
            ("o", "\u{031B}", "ơờớởỡợ"), ("u", "", "uùúủũụ"), ("u", "\u{031B}", "ưừứửữự"), ("y", "", "yỳýỷỹỵ"),
        ]
        let vowels: [(base: String, modifier: String, toned: [String])] = spelt.map { ($0.0, $0.1, $0.2.map { String($0) }) }
        let toneMarks = ["", "\u{0300}", "\u{0301}", "\u{0309}", "\u{0303}", "\u{0323}"]
        func vowel(_ v: (base: String, modifier: String, toned: [String]), tone: Int) -> String {
            switch next(8) {
            case 0: return v.base + v.modifier + toneMarks[tone]
            case 1: return v.base + toneMarks[tone] + v.modifier
            case 2: return v.toned[0] + toneMarks[tone]
            default: return v.toned[tone]
            }
        }
        func syllable() -> String {
            let count = 1 + next(3)
            let tonedVowel = next(count)
            let tone = next(6)
            var s = pick(onsets)
            for k in 0..<count { s += vowel(pick(vowels), tone: k == tonedVowel ? tone : 0) }
            s += pick(finals)
            switch next(10) {
            case 0: return s.uppercased()
            case 1, 2: return s.prefix(1).uppercased() + s.dropFirst()
            default: return s
            }
        }
        let separators = [
            " ", " ", " ", " ", " ", "  ", "\u{00A0}", ", ", ". ", "; ", ": ", "\n", "\r\n", "\r", " “", "” ", " ‘", "’ ",
            " - ", " – ", "… ", " (", ") ", "/", " 2017 ", " 16/10 ", " 1.000,5 ", "\t", " \u{2028}", "\u{00AD}", "\u{200B}",
            " UBND ", " TP.HCM ", "\u{3000}",
        ]
        let invalid: [[UInt8]] = [[0xC3], [0xE1, 0xBB], [0x80], [0xFF], [0xED, 0xA0, 0x80]]
        var inputs: [[UInt8]] = []
        for k in 0..<300 {
            var bytes: [UInt8] = []
            for _ in 0..<(1 + next(k % 10 == 0 ? 200 : 30)) {
                bytes += Array(syllable().utf8)
                bytes += next(60) == 0 ? pick(invalid) : Array(pick(separators).utf8)
            }
            // Cut anywhere now and then: a syllable or a character broken off at the end.
            if next(4) == 0 { bytes.removeLast(next(min(bytes.count, 6))) }
            inputs.append(bytes)
        }
        return inputs
    }

    @Test func fastFoldAgreesWithReferenceOnVietnameseMixes() {
        for input in Self.vietnameseMixes { Self.expectSameFold(input) }
    }

    @Test(arguments: trickyInputs)
    func fastFoldAgreesWithReferenceOnTrickyInput(_ input: [UInt8]) {
        Self.expectSameFold(input)
    }

    @Test func fastFoldAgreesWithReferenceOnRandomMixes() {
        for input in Self.randomInputs { Self.expectSameFold(input) }
    }

    /// The branch-free binary search for the word at or after a position agrees with a linear
    /// scan at every position of texts with no, one and many words.
    @Test func wordIndexAgreesWithLinearSearch() throws {
        let analyzer = Analyzer()
        for text in ["Một", "Hà Nội, ngày 16/10 UBND  tỉnh Quảng Ninh họp.", String(repeating: "ab cd. Quận 1 ", count: 37)] {
            let bytes = Array(text.utf8)
            try bytes.withUnsafeBufferPointer { original in
                let folded = try FoldedText(utf8: original)
                folded.bytes.withUnsafeBufferPointer { f in
                    var matches: [PatternMatcher.Match] = []
                    analyzer.taxonomy.compiled.matcher.scan(f, into: &matches)
                    let b = ArticleText.buckets(matches, analyzer.taxonomy.compiled)
                    let layout = Layout(folded: folded, f: f, matches: b.layout, lexicon: analyzer.taxonomy.compiled)
                    let a = ArticleText(
                        original: original, folded: folded, f: f, cueMatches: b.cues, entityMatches: b.entities,
                        dayPartMatches: b.dayParts, lexicon: analyzer.taxonomy.compiled, layout: layout)
                    for pos in -1...(f.count + 1) {
                        let linear = folded.wordStart.firstIndex { Int($0) >= pos } ?? folded.wordStart.count
                        #expect(a.wordIndex(atOrAfter: pos) == linear, "\(text) at \(pos)")
                    }
                }
            }
        }
    }

    @Test func scalarOffsetsCountCodePoints() throws {
        let text = String(repeating: "Quận uỷ Hà Nội 😀 ", count: 20)
        let bytes = Array(text.utf8)
        let folded = try bytes.withUnsafeBufferPointer { try FoldedText(utf8: $0) }
        var byteOffset = 0
        for (k, scalar) in text.unicodeScalars.enumerated() {
            #expect(bytes.withUnsafeBufferPointer { folded.scalarOffset(ofByte: byteOffset, in: $0) } == k)
            byteOffset += String(scalar).utf8.count
        }
    }
}
