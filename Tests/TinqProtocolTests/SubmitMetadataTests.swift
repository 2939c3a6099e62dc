import Foundation
import Testing

@testable import TinqProtocol

@Suite("SubmitMetadata")
struct SubmitMetadataTests {
    @Test("an empty frame, {} and explicit nulls all mean the defaults", arguments: ["", "{}", #"{"id":null,"url":null,"content_type":null,"force":null}"#])
    func defaults(frame: String) throws {
        let m = try SubmitMetadata.decode(bytes(frame))
        #expect(m == SubmitMetadata())
        #expect(m.id == nil && m.url == nil && m.source == nil && m.fetchedAt == nil)
        #expect(m.contentType == .text)
        #expect(m.force == false)
    }

    @Test("every field decodes from its wire name")
    func allFields() throws {
        let m = try SubmitMetadata.decode(bytes(#"{"id":"a","url":"https://x.vn/1","source":"s","fetched_at":"2024-05-06T07:08:09+07:00","content_type":"text/html","force":true}"#))
        #expect(m == SubmitMetadata(id: "a", url: "https://x.vn/1", source: "s", fetchedAt: "2024-05-06T07:08:09+07:00", contentType: .html, force: true))
    }

    @Test("unknown fields are ignored")
    func unknownFields() throws {
        let m = try SubmitMetadata.decode(bytes(#"{"lang":"vi","tags":[1,2],"id":"k"}"#))
        #expect(m == SubmitMetadata(id: "k"))
    }

    @Test("a content_type outside the two allowed is bad_content_type; a wrong JSON type is bad_metadata")
    func contentType() {
        #expect(rejection { try SubmitMetadata.decode(bytes(#"{"content_type":"text/xml"}"#)) }?.code == .badContentType)
        #expect(rejection { try SubmitMetadata.decode(bytes(#"{"content_type":["text/plain"]}"#)) }?.code == .badMetadata)
    }

    @Test("a rejected field is named in the message")
    func namesField() {
        let r = rejection { try SubmitMetadata.decode(bytes(#"{"fetched_at":12}"#)) }
        #expect(r?.code == .badMetadata)
        #expect(r?.message.contains("fetched_at") == true, "\(r?.message ?? "")")
    }

    @Test("a metadata frame of exactly 16 KiB is read; one byte more is bad_metadata")
    func sizeLimit() throws {
        let skeleton = #"{"source":""}"#.utf8.count
        let fill = String(repeating: "s", count: Wire.maxMetadataLength - skeleton)
        let exact = bytes(#"{"source":"\#(fill)"}"#)
        #expect(exact.count == Wire.maxMetadataLength)
        #expect(try SubmitMetadata.decode(exact).source == fill)
        let over = bytes(#"{"source":"\#(fill)s"}"#)
        #expect(rejection { try SubmitMetadata.decode(over) }?.code == .badMetadata)
    }

    @Test("jsonBytes writes every field, null for absent ones, and force only when set")
    func jsonShape() throws {
        let plain = try #require(jsonObject(SubmitMetadata().jsonBytes()))
        #expect(Set(plain.keys) == ["id", "url", "source", "fetched_at", "content_type"])
        #expect(plain["id"] is NSNull)
        #expect(plain["content_type"] as? String == "text/plain")
        let forced = try #require(jsonObject(SubmitMetadata(contentType: .html, force: true).jsonBytes()))
        #expect(forced["force"] as? Bool == true)
        #expect(forced["content_type"] as? String == "text/html")
    }

    @Test("jsonBytes decodes back to equal metadata, awkward characters included", arguments: [
        SubmitMetadata(),
        SubmitMetadata(id: "a\"b\\c", url: "https://x.vn/?q=\"1\"", source: "Tuổi Trẻ\n\t", fetchedAt: "\u{0001}\u{001F}", contentType: .html, force: true),
        SubmitMetadata(id: "", url: "", source: "🇻🇳", fetchedAt: nil, contentType: .text, force: false),
    ])
    func roundTrip(metadata: SubmitMetadata) throws {
        #expect(try SubmitMetadata.decode(metadata.jsonBytes()) == metadata)
        #expect(try JSONDecoder().decode(SubmitMetadata.self, from: Data(metadata.jsonBytes())) == metadata)
    }
}
