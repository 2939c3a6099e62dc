#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// tinq's CURVE key files.
///
/// A secret key file holds one line, the 40-character Z85 secret key, and is created with
/// mode 0600; the public key is derived from it. An authorized-keys file holds Z85 public
/// keys, one per line; blank lines and lines starting with `#` are ignored, as is anything
/// after the key on a line (a comment naming the peer).
public enum CurveKeyFile {
    /// The key pair of the secret key in `path`.
    public static func readSecretKey(_ path: String) throws(CurveKeyError) -> CurveKeyPair {
        let text = try readText(path)
        let lines = text.split(whereSeparator: { $0 == "\n" || $0 == "\r" }).map(String.init).filter { !$0.allSatisfy { $0 == " " || $0 == "\t" } }
        guard lines.count == 1 else {
            throw CurveKeyError("\(path): a secret key file holds exactly one line (the Z85 secret key), found \(lines.count)")
        }
        do {
            return try CurveKeyPair(secretKey: try CurveKey(z85: lines[0]))
        } catch {
            throw CurveKeyError("\(path): \(error.description)")
        }
    }

    /// Writes `pair.secretKey` to a new file at `path`, mode 0600. With `overwrite` an existing
    /// file is replaced (atomically, through a temporary file); without, it is an error.
    public static func writeSecretKey(_ pair: CurveKeyPair, to path: String, overwrite: Bool) throws(CurveKeyError) {
        let target = overwrite ? path + ".tmp-\(getpid())" : path
        let fd = open(target, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
        guard fd >= 0 else {
            let code = errno
            if code == EEXIST && !overwrite { throw CurveKeyError("\(path) exists; use --force to replace it") }
            throw CurveKeyError("cannot create \(target): \(String(cString: strerror(code)))")
        }
        let bytes = Array((pair.secretKey.z85 + "\n").utf8)
        let written = bytes.withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
        let writeErrno = errno
        let synced = fsync(fd) == 0
        close(fd)
        guard written == bytes.count, synced else {
            unlink(target)
            throw CurveKeyError("cannot write \(target): \(String(cString: strerror(writeErrno)))")
        }
        if overwrite {
            guard rename(target, path) == 0 else {
                let code = errno
                unlink(target)
                throw CurveKeyError("cannot replace \(path): \(String(cString: strerror(code)))")
            }
        }
    }

    /// The public keys in the authorized-keys file at `path`; an error names the bad line.
    public static func readAuthorizedKeys(_ path: String) throws(CurveKeyError) -> [CurveKey] {
        let text = try readText(path)
        var keys: [CurveKey] = []
        for (index, raw) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = raw.drop { $0 == " " || $0 == "\t" }
            if line.isEmpty || line.hasPrefix("#") || line.allSatisfy({ $0 == "\r" || $0 == " " || $0 == "\t" }) { continue }
            let field = line.prefix { $0 != " " && $0 != "\t" && $0 != "\r" }
            do {
                keys.append(try CurveKey(z85: String(field)))
            } catch {
                throw CurveKeyError("\(path) line \(index + 1): \(error.description)")
            }
        }
        return keys
    }

    /// The whole file as UTF-8 text, at most 1 MiB.
    static func readText(_ path: String) throws(CurveKeyError) -> String {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { throw CurveKeyError("cannot read \(path): \(String(cString: strerror(errno)))") }
        defer { close(fd) }
        var data: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 4096)
        while true {
            let n = buffer.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
            if n < 0 {
                if errno == EINTR { continue }
                throw CurveKeyError("cannot read \(path): \(String(cString: strerror(errno)))")
            }
            if n == 0 { break }
            data.append(contentsOf: buffer[0..<n])
            if data.count > 1 << 20 { throw CurveKeyError("\(path) is larger than 1 MiB; not a key file") }
        }
        guard let text = String(validating: data, as: UTF8.self) else { throw CurveKeyError("\(path) is not UTF-8 text") }
        return text
    }
}

extension CurveClientKeys {
    /// The client keys a configuration asks for: nil when `serverPublicKey` is nil or empty
    /// (no CURVE); the key pair of `secretKeyFile` when given, else a new ephemeral pair.
    /// A secret key file without a server key is an error (it would silently do nothing).
    public static func load(serverPublicKey: String?, secretKeyFile: String?) throws(CurveKeyError) -> CurveClientKeys? {
        let server = serverPublicKey.flatMap { $0.isEmpty ? nil : $0 }
        let file = secretKeyFile.flatMap { $0.isEmpty ? nil : $0 }
        guard let server else {
            if file != nil { throw CurveKeyError("client.curve_secret_key_file is set but client.curve_server_public_key is not") }
            return nil
        }
        let serverKey: CurveKey
        do { serverKey = try CurveKey(z85: server) } catch { throw CurveKeyError("client.curve_server_public_key: \(error.description)") }
        let pair: CurveKeyPair
        if let file {
            pair = try CurveKeyFile.readSecretKey(file)
        } else {
            do { pair = try CurveKeyPair.generate() } catch { throw CurveKeyError("cannot generate an ephemeral CURVE key pair: \(error)") }
        }
        return CurveClientKeys(serverPublicKey: serverKey, keyPair: pair)
    }
}
