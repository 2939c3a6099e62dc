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
        // Every folded byte points at a scalar; the sentinel is the scalar count.
        #expect(Int(folded.scalarAt.last!) == scalars.count)
        #expect(Int(folded.byteAt.last!) == bytes.count)
        // Double space collapses to one.
        #expect(folded.bytes.count < bytes.count)
        let target = FoldedText.fold("quận uỷ")
        let start = (0...(folded.bytes.count - target.count)).first { folded.bytes[$0..<($0 + target.count)].elementsEqual(target) }!
        let s = Int(folded.scalarAt[start])
        let e = Int(folded.scalarAt[start + target.count])
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
}
