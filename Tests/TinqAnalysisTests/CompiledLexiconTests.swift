import Testing

@testable import TinqAnalysis

/// The lexicon's word sets: members found in place within a longer text, near misses not.
@Suite struct CompiledLexiconTests {
    @Test func foldedWordSetFindsMembersOnly() {
        let set = FoldedWordSet(["Nguyễn", "Lê", "mô hình", "Lê", ""].map { FoldedText.fold($0) })
        let text = FoldedText.fold("ông Nguyễn Văn Lê, mô hình lề nguyên mô")
        func has(_ word: String) -> Bool {
            let w = FoldedText.fold(word)
            return text.withUnsafeBufferPointer { buf in
                guard let s = (0...(buf.count - w.count)).first(where: { buf[$0..<($0 + w.count)].elementsEqual(w) }) else {
                    return false
                }
                return set.contains(buf, s, s + w.count)
            }
        }
        #expect(has("nguyễn"))
        #expect(has("Lê"))
        #expect(has("mô hình"))
        #expect(!has("ông"))
        #expect(!has("lề"))
        #expect(!has("nguyên"))
        #expect(!has("mô"))
        let empty = FoldedWordSet([])
        #expect(!text.withUnsafeBufferPointer { empty.contains($0, 0, 3) })
    }
}
