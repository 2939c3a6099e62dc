import Foundation
import Testing
import ZeroMQ

@Suite struct CurveTests {
    @Test func libzmqHasCurve() {
        #expect(ZeroMQ.has("curve"))
    }

    @Test func generatedPairsAreValidAndThePublicKeyDerivesFromTheSecret() throws {
        let a = try CurveKeyPair.generate()
        let b = try CurveKeyPair.generate()
        #expect(a != b)
        #expect(a.publicKey.z85.utf8.count == 40 && a.secretKey.z85.utf8.count == 40)
        #expect(try CurveKeyPair(secretKey: a.secretKey) == a)
        #expect(try CurveKey(z85: " \(a.publicKey.z85)\n") == a.publicKey, "surrounding whitespace is ignored")
        #expect(!"\(a.secretKey)".contains(a.secretKey.z85), "interpolation never shows the key")
    }

    @Test func binaryKeysRoundTripThroughZ85() throws {
        // 32 zero bytes are eight "00000" groups.
        let key = try CurveKey(binary: Array(repeating: 0, count: 32))
        #expect(key.z85 == String(repeating: "0", count: 40))
        #expect(throws: CurveKeyError.self) { try CurveKey(binary: [1, 2, 3]) }
    }

    @Test func badKeyTextIsRefusedWithAClearError() throws {
        let good = try CurveKeyPair.generate().publicKey.z85
        let short = try #require(throws: CurveKeyError.self) { try CurveKey(z85: String(good.dropLast())) }
        #expect(short.description.contains("40 characters") && short.description.contains("39"))
        let badChar = try #require(throws: CurveKeyError.self) { try CurveKey(z85: "~" + good.dropFirst()) }
        #expect(badChar.description.contains("character 1"))
        #expect(throws: CurveKeyError.self) { try CurveKey(z85: "") }
        // "#####" is 84 * (85^4 + ... + 1) > 2^32 - 1: the right alphabet, but out of range.
        #expect(throws: CurveKeyError.self) { try CurveKey(z85: String(repeating: "#", count: 40)) }
    }

    /// A ROUTER that is a CURVE server with `keys`, bound to an ephemeral loopback port.
    private func curveServer(_ context: Context, _ keys: CurveKeyPair) throws -> (Socket, String) {
        let router = try makeSocket(context, .router)
        try router.setCurveServer(true)
        try router.setCurveSecretKey(keys.secretKey)
        try router.bind("tcp://127.0.0.1:*")
        return (router, try #require(router.lastEndpoint))
    }

    @Test func aCurveClientWithTheServerKeyExchangesMessagesOverTCP() throws {
        let server = try CurveKeyPair.generate()
        let client = try CurveKeyPair.generate()
        let context = try Context()
        defer { context.close() }
        let (router, endpoint) = try curveServer(context, server)
        defer { router.close() }
        #expect(try router.curveServer)

        let dealer = try makeSocket(context, .dealer)
        defer { dealer.close() }
        try CurveClientKeys(serverPublicKey: server.publicKey, keyPair: client).apply(to: dealer)
        try dealer.connect(endpoint)
        try dealer.send([Array("sealed".utf8)])
        let got = try receiveOrFail(router)
        #expect(got.count == 2 && got[1] == Array("sealed".utf8))
        try router.send([got[0], Array("reply".utf8)])
        #expect(try receiveOrFail(dealer) == [Array("reply".utf8)])
    }

    @Test func aClientWithTheWrongServerKeyOrNoKeysGetsNothingThrough() throws {
        let server = try CurveKeyPair.generate()
        let impostor = try CurveKeyPair.generate()
        let context = try Context()
        defer { context.close() }
        let (router, endpoint) = try curveServer(context, server)
        defer { router.close() }

        let wrongKey = try makeSocket(context, .dealer)
        defer { wrongKey.close() }
        try CurveClientKeys(serverPublicKey: impostor.publicKey, keyPair: try CurveKeyPair.generate()).apply(to: wrongKey)
        try wrongKey.connect(endpoint)
        let plain = try makeSocket(context, .dealer)
        defer { plain.close() }
        try plain.connect(endpoint)
        for socket in [wrongKey, plain] { _ = try socket.send([Array("let me in".utf8)], dontWait: true) }

        var poller = Poller()
        let index = poller.add(router)
        let deadline = ContinuousClock.now + .milliseconds(700)
        while ContinuousClock.now < deadline {
            _ = try poller.poll(timeoutMilliseconds: 100)
            #expect(!poller.ready(index).contains(.readable), "a message passed the CURVE handshake")
            if poller.ready(index).contains(.readable) { break }
        }

        // The server still serves a client with the right key afterwards.
        let good = try makeSocket(context, .dealer)
        defer { good.close() }
        try CurveClientKeys(serverPublicKey: server.publicKey, keyPair: try CurveKeyPair.generate()).apply(to: good)
        try good.connect(endpoint)
        try good.send([Array("ok".utf8)])
        #expect(try receiveOrFail(router).last == Array("ok".utf8))
    }

    @Test func secretKeyFilesAreWrittenPrivatelyAndNotOverwritten() throws {
        let directory = try TemporaryDirectory()
        let path = "\(directory.path)/tinq.key"
        let pair = try CurveKeyPair.generate()
        try CurveKeyFile.writeSecretKey(pair, to: path, overwrite: false)
        let attributes = try FileManager.default.attributesOfItem(atPath: path)
        #expect((attributes[.posixPermissions] as? NSNumber)?.intValue == 0o600)
        #expect(try String(contentsOfFile: path, encoding: .utf8) == pair.secretKey.z85 + "\n")
        #expect(try CurveKeyFile.readSecretKey(path) == pair)

        let other = try CurveKeyPair.generate()
        let refused = try #require(throws: CurveKeyError.self) { try CurveKeyFile.writeSecretKey(other, to: path, overwrite: false) }
        #expect(refused.description.contains("--force"))
        #expect(try CurveKeyFile.readSecretKey(path) == pair)
        try CurveKeyFile.writeSecretKey(other, to: path, overwrite: true)
        #expect(try CurveKeyFile.readSecretKey(path) == other)
        let replaced = try FileManager.default.attributesOfItem(atPath: path)
        #expect((replaced[.posixPermissions] as? NSNumber)?.intValue == 0o600)

        let missing = try #require(throws: CurveKeyError.self) { try CurveKeyFile.readSecretKey("\(directory.path)/none") }
        #expect(missing.description.contains("cannot read"))
        try "not a key\n".write(toFile: "\(directory.path)/bad", atomically: true, encoding: .utf8)
        let bad = try #require(throws: CurveKeyError.self) { try CurveKeyFile.readSecretKey("\(directory.path)/bad") }
        #expect(bad.description.contains("40 characters"))
    }

    @Test func authorizedKeysSkipCommentsAndNameTheBadLine() throws {
        let directory = try TemporaryDirectory()
        let a = try CurveKeyPair.generate().publicKey
        let b = try CurveKeyPair.generate().publicKey
        let path = "\(directory.path)/authorized"
        try "# workers\n\(a.z85)  worker-1\n\n   # scrapers\n\(b.z85)\n".write(toFile: path, atomically: true, encoding: .utf8)
        #expect(try CurveKeyFile.readAuthorizedKeys(path) == [a, b])
        try "\(a.z85)\nshort\n".write(toFile: path, atomically: true, encoding: .utf8)
        let error = try #require(throws: CurveKeyError.self) { try CurveKeyFile.readAuthorizedKeys(path) }
        #expect(error.description.contains("line 2"))
        #expect(!error.description.contains(a.z85))
    }
}
