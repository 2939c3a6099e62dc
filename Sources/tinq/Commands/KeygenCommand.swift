import ArgumentParser
import ZeroMQ

/// `tinq keygen`: make a CURVE secret key file, or show the public key of one.
struct KeygenCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "keygen",
        abstract: "Create a CURVE secret key file, or print the public key of one.",
        discussion: """
            With --out FILE, writes a new secret key (one line of 40 Z85 characters) to FILE with \
            mode 0600, refusing to replace an existing file unless --force is given, and prints the \
            matching public key. With --public FILE, prints the public key of an existing secret key \
            file. The secret key is never printed: point broker.curve_secret_key_file or \
            client.curve_secret_key_file at the file, give clients the broker's public key \
            (client.curve_server_public_key) and list clients' public keys in the file named by \
            broker.curve_authorized_keys_file.
            """
    )

    @Option(help: ArgumentHelp("Write a new secret key file here.", valueName: "file"))
    var out: String?

    @Option(name: .customLong("public"), help: ArgumentHelp("Print the public key of this secret key file.", valueName: "file"))
    var publicOf: String?

    @Flag(help: "Replace the --out file if it exists.")
    var force = false

    func validate() throws {
        guard (out == nil) != (publicOf == nil) else { throw ValidationError("give exactly one of --out FILE or --public FILE") }
        if force && out == nil { throw ValidationError("--force only goes with --out") }
    }

    func run() throws {
        do {
            if let out {
                let pair = try CurveKeyPair.generate()
                do throws(CurveKeyError) {
                    try CurveKeyFile.writeSecretKey(pair, to: out, overwrite: force)
                } catch {
                    throw SettingsError(error.description)
                }
                print(pair.publicKey.z85)
            } else if let publicOf {
                do throws(CurveKeyError) {
                    print(try CurveKeyFile.readSecretKey(publicOf).publicKey.z85)
                } catch {
                    throw SettingsError(error.description)
                }
            }
        } catch let error as ZMQError {
            throw SettingsError("cannot generate a key pair: \(error)")
        }
    }
}
