import Configuration
import Foundation
import Logging
import SystemPackage
import TinqBroker
import TinqClient
import TinqWorker
import ZeroMQ

/// The configuration every command starts from: one ``ConfigReader`` over, highest first,
/// `--set` overrides, `TINQ_*` environment variables, the YAML file, then built-in defaults;
/// plus the resolved runtime and data directories.
struct Settings {
    let reader: ConfigReader
    let configFile: String?
    let runtimeDirectory: String
    let dataDirectory: String
    let logLevel: Logger.Level

    /// Builds the settings for `options`.
    static func load(_ options: GlobalOptions, environment: [String: String] = ProcessInfo.processInfo.environment) async throws -> Settings {
        var overrides: [String: String] = [:]
        for item in options.overrides {
            guard let eq = item.firstIndex(of: "="), eq != item.startIndex else {
                throw SettingsError("--set takes key=value, got \(item)")
            }
            let key = item[..<eq].uppercased().replacingOccurrences(of: ".", with: "_")
            overrides[key] = String(item[item.index(after: eq)...])
        }
        var providers: [any ConfigProvider] = [
            EnvironmentVariablesProvider(environmentVariables: overrides),
            EnvironmentVariablesProvider(environmentVariables: environment).prefixKeys(with: "tinq"),
        ]
        let file = options.config ?? environment["TINQ_CONFIG"] ?? ["config/tinq.yaml", "/etc/tinq/tinq.yaml"].first { FileManager.default.fileExists(atPath: $0) }
        if let file {
            guard FileManager.default.fileExists(atPath: file) else { throw SettingsError("configuration file \(file) does not exist") }
            do {
                providers.append(try await FileProvider<YAMLSnapshot>(filePath: FilePath(file)))
            } catch {
                throw SettingsError("cannot read configuration file \(file): \(error)")
            }
        }
        let reader = ConfigReader(providers: providers)
        let cwd = FileManager.default.currentDirectoryPath
        func absolute(_ path: String) -> String { path.hasPrefix("/") ? path : "\(cwd)/\(path)" }
        let runtime = absolute(options.runtimeDir ?? reader.string(forKey: "runtime_dir") ?? environment["RUNTIME_DIRECTORY"] ?? "run")
        let data = absolute(options.dataDir ?? reader.string(forKey: "data_dir") ?? environment["STATE_DIRECTORY"] ?? "data")
        let levelName = options.logLevel ?? reader.string(forKey: "log.level", default: "info")
        guard let level = Logger.Level(rawValue: levelName.lowercased()) else {
            throw SettingsError("unknown log level \(levelName)")
        }
        let formatName = reader.string(forKey: "log.format", default: "auto")
        guard let format = LogFormat(rawValue: formatName.lowercased()) else {
            throw SettingsError("unknown log.format \(formatName): use \(LogFormat.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        LogOutput.use(format, environment: environment)
        return Settings(reader: reader, configFile: file, runtimeDirectory: runtime, dataDirectory: data, logLevel: level)
    }

    /// The broker's configuration.
    var broker: BrokerConfiguration {
        BrokerConfiguration(reader: reader, runtimeDirectory: runtimeDirectory, dataDirectory: dataDirectory)
    }

    /// A worker's configuration.
    func worker(name: String?) -> WorkerConfiguration {
        let host = ProcessInfo.processInfo.hostName
        return WorkerConfiguration(reader: reader, runtimeDirectory: runtimeDirectory,
                                   name: name ?? "\(host)-\(ProcessInfo.processInfo.processIdentifier)")
    }

    /// The CURVE keys for client sockets (`client.curve_server_public_key`,
    /// `client.curve_secret_key_file`); nil when CURVE is off.
    func clientCurve() throws -> CurveClientKeys? {
        do {
            return try CurveClientKeys.load(serverPublicKey: reader.string(forKey: "client.curve_server_public_key"),
                                            secretKeyFile: reader.string(forKey: "client.curve_secret_key_file"))
        } catch {
            throw SettingsError(error.description)
        }
    }

    /// How long a client waits for a reply before re-sending (`client.timeout_ms`), in ms.
    var clientTimeoutMs: Int { reader.int(forKey: "client.timeout_ms", default: 5000) }

    /// Re-sends before a client gives up on an article (`client.max_retries`).
    var clientMaxRetries: Int { reader.int(forKey: "client.max_retries", default: 50) }

    /// A producer on the broker's frontend with the client settings (timeout, retries, CURVE).
    func producer() throws -> Producer {
        try Producer(endpoint: broker.frontendEndpoint, timeoutMs: max(1, clientTimeoutMs), maxRetries: max(0, clientMaxRetries), curve: clientCurve())
    }

    /// Creates the runtime and data directories when missing.
    func makeDirectories() throws {
        for (role, dir) in [("runtime", runtimeDirectory), ("data", dataDirectory)] {
            var isDirectory: ObjCBool = false
            if FileManager.default.fileExists(atPath: dir, isDirectory: &isDirectory) {
                guard isDirectory.boolValue else { throw SettingsError("the \(role) directory \(dir) is not a directory (a file is in the way)") }
                continue
            }
            do {
                try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
            } catch {
                throw SettingsError("cannot create the \(role) directory \(dir): \(Self.whyNoDirectory(dir) ?? "\(error)")")
            }
        }
    }

    /// Why `path` cannot be created, in plain words (Foundation's NSError text says little):
    /// a file in the way on the path, else what mkdir(2) says.
    private static func whyNoDirectory(_ path: String) -> String? {
        var prefix = ""
        for part in path.split(separator: "/") {
            prefix += "/" + part
            var isDirectory: ObjCBool = false
            if FileManager.default.fileExists(atPath: prefix, isDirectory: &isDirectory) {
                if !isDirectory.boolValue { return "\(prefix) is a file, not a directory" }
            } else if mkdir(prefix, 0o755) != 0 {
                return "mkdir \(prefix): \(String(cString: strerror(errno)))"
            }
        }
        return nil
    }

    /// A logger for `label` at the configured level (the handler was bootstrapped in main).
    func logger(_ label: String) -> Logger {
        var l = Logger(label: label)
        l.logLevel = logLevel
        return l
    }
}

/// A configuration problem, in words.
struct SettingsError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
