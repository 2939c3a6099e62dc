import CZeroMQ

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Why a CURVE key (or key file) is unusable, in words that never contain the key itself.
public struct CurveKeyError: Error, CustomStringConvertible, Sendable, Equatable {
    public let description: String
    public init(_ description: String) { self.description = description }
}

/// A CURVE key (public or secret) as the 40 characters of its Z85 text, validated on creation.
///
/// Deliberately not `CustomStringConvertible`: interpolating a key prints `CurveKey(...)`
/// without the text, so a secret key never lands in a log by accident. Read ``z85`` explicitly.
public struct CurveKey: Sendable, Hashable, CustomStringConvertible {
    /// The Z85 alphabet (ZeroMQ RFC 32).
    static let alphabet = Set("0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ.-:+=^!/*?&<>()[]{}@%$#".utf8)

    /// The key as Z85 text, 40 characters.
    public let z85: String

    /// Validates `text` (surrounding whitespace ignored): 40 characters of the Z85 alphabet
    /// that decode to 32 bytes.
    public init(z85 text: String) throws(CurveKeyError) {
        let blank: (Character) -> Bool = { $0 == " " || $0 == "\t" || $0 == "\n" || $0 == "\r" || $0 == "\r\n" }
        let trimmed = String(text.drop(while: blank).reversed().drop(while: blank).reversed())
        let count = trimmed.utf8.count
        guard count == 40 else {
            throw CurveKeyError("a CURVE key is 40 characters of Z85 text, got \(count)")
        }
        if let bad = trimmed.utf8.firstIndex(where: { !Self.alphabet.contains($0) }) {
            let position = trimmed.utf8.distance(from: trimmed.utf8.startIndex, to: bad) + 1
            throw CurveKeyError("a CURVE key holds only Z85 characters; character \(position) is not one")
        }
        var binary = [UInt8](repeating: 0, count: 32)
        guard zmq_z85_decode(&binary, trimmed) != nil else {
            throw CurveKeyError("the CURVE key text does not decode as Z85 (a 5-character group is out of range)")
        }
        z85 = trimmed
    }

    /// The Z85 text of a 32-byte binary key (as ZAP passes CURVE credentials).
    public init(binary: [UInt8]) throws(CurveKeyError) {
        guard binary.count == 32 else { throw CurveKeyError("a binary CURVE key is 32 bytes, got \(binary.count)") }
        var text = [CChar](repeating: 0, count: 41)
        guard zmq_z85_encode(&text, binary, 32) != nil else { throw CurveKeyError("zmq_z85_encode failed") }
        z85 = String(decoding: text.prefix(40).map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    /// `CurveKey(40 chars)`: never the key text.
    public var description: String { "CurveKey(40 chars)" }
}

/// A CURVE key pair: the secret key and the public key that belongs to it.
public struct CurveKeyPair: Sendable, Hashable {
    public let publicKey: CurveKey
    public let secretKey: CurveKey

    /// A new random key pair (zmq_curve_keypair).
    public static func generate() throws(ZMQError) -> CurveKeyPair {
        var pub = [CChar](repeating: 0, count: 41)
        var sec = [CChar](repeating: 0, count: 41)
        try zmqCall("zmq_curve_keypair") { zmq_curve_keypair(&pub, &sec) }
        do {
            return CurveKeyPair(publicKey: try CurveKey(z85: Self.text(pub)), secretKey: try CurveKey(z85: Self.text(sec)))
        } catch {
            throw ZMQError(code: EINVAL, call: "zmq_curve_keypair (\(error))")
        }
    }

    /// The pair of `secretKey`, its public key derived with zmq_curve_public.
    public init(secretKey: CurveKey) throws(CurveKeyError) {
        var pub = [CChar](repeating: 0, count: 41)
        guard zmq_curve_public(&pub, secretKey.z85) == 0 else {
            throw CurveKeyError("cannot derive the public key: \(String(cString: zmq_strerror(zmq_errno())))")
        }
        self.publicKey = try CurveKey(z85: Self.text(pub))
        self.secretKey = secretKey
    }

    init(publicKey: CurveKey, secretKey: CurveKey) {
        self.publicKey = publicKey
        self.secretKey = secretKey
    }

    private static func text(_ chars: [CChar]) -> String {
        String(decoding: chars.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }
}

/// How a client socket authenticates to a CURVE server: the server's public key and the
/// client's own key pair (a fixed one from a key file, or an ephemeral one).
public struct CurveClientKeys: Sendable {
    public let serverPublicKey: CurveKey
    public let keyPair: CurveKeyPair

    public init(serverPublicKey: CurveKey, keyPair: CurveKeyPair) {
        self.serverPublicKey = serverPublicKey
        self.keyPair = keyPair
    }

    /// Makes `socket` a CURVE client; call before `connect`.
    public func apply(to socket: Socket) throws(ZMQError) {
        try socket.setCurveServerKey(serverPublicKey)
        try socket.setCurvePublicKey(keyPair.publicKey)
        try socket.setCurveSecretKey(keyPair.secretKey)
    }
}

extension Socket {
    // MARK: CURVE security

    /// Makes this socket a CURVE server (ZMQ_CURVE_SERVER); it also needs `setCurveSecretKey`.
    /// Set before `bind`.
    public func setCurveServer(_ enabled: Bool) throws(ZMQError) {
        try setOption(ZMQ_CURVE_SERVER, enabled ? Int32(1) : Int32(0), "ZMQ_CURVE_SERVER")
    }

    /// Whether this socket is a CURVE server (ZMQ_CURVE_SERVER).
    public var curveServer: Bool {
        get throws(ZMQError) { try int32Option(ZMQ_CURVE_SERVER, "ZMQ_CURVE_SERVER") != 0 }
    }

    /// This socket's long-term secret key (ZMQ_CURVE_SECRETKEY), for servers and clients.
    public func setCurveSecretKey(_ key: CurveKey) throws(ZMQError) {
        try setOption(ZMQ_CURVE_SECRETKEY, text: key.z85, "ZMQ_CURVE_SECRETKEY")
    }

    /// A client's long-term public key (ZMQ_CURVE_PUBLICKEY).
    public func setCurvePublicKey(_ key: CurveKey) throws(ZMQError) {
        try setOption(ZMQ_CURVE_PUBLICKEY, text: key.z85, "ZMQ_CURVE_PUBLICKEY")
    }

    /// The server's public key a client expects (ZMQ_CURVE_SERVERKEY); makes the socket a
    /// CURVE client. Set before `connect`.
    public func setCurveServerKey(_ key: CurveKey) throws(ZMQError) {
        try setOption(ZMQ_CURVE_SERVERKEY, text: key.z85, "ZMQ_CURVE_SERVERKEY")
    }

    /// The ZAP domain passed to the authentication handler (ZMQ_ZAP_DOMAIN).
    public func setZAPDomain(_ domain: String) throws(ZMQError) {
        try setOption(ZMQ_ZAP_DOMAIN, bytes: Array(domain.utf8), "ZMQ_ZAP_DOMAIN")
    }

    /// Z85 key text as libzmq wants it: 40 characters plus a NUL (41 bytes), so the value
    /// is never printed in the call name.
    func setOption(_ option: Int32, text: String, _ name: String) throws(ZMQError) {
        try setOption(option, bytes: Array(text.utf8) + [0], name)
    }
}
