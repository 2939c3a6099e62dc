import Foundation
import Testing
@testable import TinqBroker
import ZeroMQ

@Suite struct ZAPHandlerTests {
    /// A ZAP 1.0 request as libzmq sends it for a CURVE handshake.
    static func request(_ key: [UInt8], mechanism: String = "CURVE", version: String = "1.0") -> [[UInt8]] {
        [Array(version.utf8), Array("req-7".utf8), Array("tinq".utf8), Array("127.0.0.1".utf8), [], Array(mechanism.utf8), key]
    }

    @Test func onlyAuthorizedCurveKeysGet200() throws {
        let allowedBinary = (0..<32).map { _ in UInt8.random(in: 0...255) }
        let allowed = try CurveKey(binary: allowedBinary)
        var otherBinary = allowedBinary
        otherBinary[0] ^= 1
        let authorized: Set<CurveKey> = [allowed]

        let yes = ZAPHandler.decide(Self.request(allowedBinary), authorized: authorized)
        #expect(yes.allowed)
        #expect(yes.reply == [Array("1.0".utf8), Array("req-7".utf8), Array("200".utf8), Array("OK".utf8), Array(allowed.z85.utf8), []])

        let no = ZAPHandler.decide(Self.request(otherBinary), authorized: authorized)
        #expect(!no.allowed && no.reply[2] == Array("400".utf8) && no.reply[1] == Array("req-7".utf8) && no.reply[4].isEmpty)
        #expect(no.publicKey == (try CurveKey(binary: otherBinary)).z85 && no.address == "127.0.0.1")

        let plain = ZAPHandler.decide(Array(Self.request([], mechanism: "PLAIN").prefix(6)) + [Array("user".utf8), Array("pass".utf8)], authorized: authorized)
        #expect(!plain.allowed && plain.reply[2] == Array("400".utf8))
        let nullMechanism = ZAPHandler.decide(Array(Self.request([], mechanism: "NULL").prefix(6)), authorized: authorized)
        #expect(!nullMechanism.allowed && nullMechanism.reply[2] == Array("400".utf8))
        let shortKey = ZAPHandler.decide(Self.request([1, 2, 3]), authorized: authorized)
        #expect(!shortKey.allowed && shortKey.reply[2] == Array("400".utf8))
        let badVersion = ZAPHandler.decide(Self.request(allowedBinary, version: "2.0"), authorized: authorized)
        #expect(!badVersion.allowed && badVersion.reply[2] == Array("500".utf8))
        #expect(ZAPHandler.decide([], authorized: authorized).reply.count == 6, "even a malformed request gets a 6-frame reply")
    }

    @Test func configurationProblemsNameTheKeyFiles() throws {
        let directory = try TemporaryDirectory()
        var configuration = BrokerConfiguration(runtimeDirectory: directory.path, dataDirectory: directory.path)
        #expect(configuration.problems().isEmpty)
        configuration.curveAuthorizedKeysFile = directory.file("authorized")
        #expect(configuration.problems().contains { $0.contains("needs broker.curve_secret_key_file") })

        configuration.curveSecretKeyFile = directory.file("missing.key")
        #expect(configuration.problems().contains { $0.hasPrefix("broker.curve_secret_key_file: cannot read") })
        try CurveKeyFile.writeSecretKey(try CurveKeyPair.generate(), to: directory.file("broker.key"), overwrite: false)
        configuration.curveSecretKeyFile = directory.file("broker.key")
        try "# nobody yet\n".write(toFile: directory.file("authorized"), atomically: true, encoding: .utf8)
        #expect(configuration.problems() == ["broker.curve_authorized_keys_file: \(directory.file("authorized")) holds no keys; every client would be refused"])
        try "\(try CurveKeyPair.generate().publicKey.z85)\nnot-a-key\n".write(toFile: directory.file("authorized"), atomically: true, encoding: .utf8)
        #expect(configuration.problems().contains { $0.contains("line 2") })
        try "\(try CurveKeyPair.generate().publicKey.z85) client\n".write(toFile: directory.file("authorized"), atomically: true, encoding: .utf8)
        #expect(configuration.problems().isEmpty)
    }
}
