import Crypto
import Testing
import TinqProtocol

@testable import TinqBroker

@Suite("DedupeKey")
struct DedupeKeyTests {
    @Test("canonical URLs", arguments: [
        ("https://vnexpress.net/a-1.html", "https://vnexpress.net/a-1.html"),
        ("HTTPS://VnExpress.NET/a-1.html", "https://vnexpress.net/a-1.html"),
        ("https://vnexpress.net/Path/Keeps/Case", "https://vnexpress.net/Path/Keeps/Case"),
        ("http://example.vn:80/x", "http://example.vn/x"),
        ("https://example.vn:443/x", "https://example.vn/x"),
        ("http://example.vn:8080/x", "http://example.vn:8080/x"),
        ("https://example.vn:80/x", "https://example.vn:80/x"),
        ("http://example.vn:443/x", "http://example.vn:443/x"),
        ("https://example.vn/x#comments", "https://example.vn/x"),
        ("https://example.vn/x?a=1#frag?utm_source=z", "https://example.vn/x?a=1"),
        ("https://example.vn/x?utm_source=fb&id=5&utm_medium=social&UTM_campaign=y", "https://example.vn/x?id=5"),
        ("https://example.vn/x?fbclid=abc&gclid=def", "https://example.vn/x"),
        ("https://example.vn/x?utm_source", "https://example.vn/x"),
        ("https://example.vn/x?b=2&a=1", "https://example.vn/x?b=2&a=1"),
        ("https://example.vn/x/", "https://example.vn/x"),
        ("https://example.vn/", "https://example.vn"),
        ("https://example.vn", "https://example.vn"),
        ("https://example.vn/x/?a=1", "https://example.vn/x?a=1"),
        ("https://example.vn?a=1", "https://example.vn?a=1"),
        ("  https://example.vn/x \n", "https://example.vn/x"),
        ("\thttps://example.vn/x\r\n", "https://example.vn/x"),
        ("\r\nhttps://example.vn/x\r", "https://example.vn/x"),
        ("https://example.vn/x\n\n", "https://example.vn/x"),
    ] as [(String, String)])
    func canonical(url: String, expected: String) {
        #expect(DedupeKey.canonicalURL(url) == expected)
    }

    @Test("URLs that are not absolute http(s) have no canonical form", arguments: [
        "", "example.vn/x", "/x", "ftp://example.vn/x", "file:///etc/passwd", "mailto:a@b.vn", "https:///x", "https://", "javascript://x", "//example.vn/x",
    ])
    func notHTTP(url: String) {
        #expect(DedupeKey.canonicalURL(url) == nil)
    }

    static func key(url: String?, body: String) -> [UInt8] {
        DedupeKey.make(metadata: SubmitMetadata(url: url), body: Array(body.utf8))
    }

    @Test("with a usable URL the key is the URL's: different bodies, same page, same key")
    func urlBeatsContent() {
        let a = Self.key(url: "https://example.vn/a?utm_source=x", body: "phiên bản 1")
        let b = Self.key(url: "HTTPS://EXAMPLE.vn/a/#top", body: "phiên bản 2")
        #expect(a == b)
        #expect(a.count == 33)
        #expect(a.first == UInt8(ascii: "u"))
        #expect(Array(a.dropFirst()) == Array(SHA256.hash(data: Array("https://example.vn/a".utf8))))
        #expect(Self.key(url: "https://example.vn/b", body: "phiên bản 1") != a, "same body, other page: other key")
    }

    @Test("without a usable URL the key is the body's")
    func contentKey() {
        let a = Self.key(url: nil, body: "cùng nội dung")
        #expect(a.count == 33)
        #expect(a.first == UInt8(ascii: "c"))
        #expect(Array(a.dropFirst()) == Array(SHA256.hash(data: Array("cùng nội dung".utf8))))
        #expect(Self.key(url: "ftp://x.vn/a", body: "cùng nội dung") == a)
        #expect(Self.key(url: "", body: "cùng nội dung") == a)
        #expect(Self.key(url: nil, body: "nội dung khác") != a)
    }

    @Test("a URL key and a content key never collide, even when the body is the URL text")
    func kindsDiffer() {
        #expect(Self.key(url: "https://example.vn/a", body: "x") != Self.key(url: nil, body: "https://example.vn/a"))
    }
}
