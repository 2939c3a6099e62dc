import ArgumentParser
import Foundation

/// `tinq check-config`: validate the configuration and exit.
struct CheckConfigCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check-config",
        abstract: "Validate the configuration (file, environment, --set) and print the effective values.",
        discussion: "Exits 0 when the broker and a worker could start with it, 1 with the problems otherwise."
    )

    @OptionGroup var options: GlobalOptions

    func run() async throws {
        let settings = try await Settings.load(options)
        let broker = settings.broker
        let worker = settings.worker(name: nil)
        var problems = broker.problems() + worker.problems()
        var curve: String = "off"
        do {
            if let keys = try settings.clientCurve() { curve = "server key set, client public key \(keys.keyPair.publicKey.z85)" }
        } catch {
            // The worker's problems already name a bad client key; say it once.
            if !problems.contains("\(error)") { problems.append("\(error)") }
        }
        if let path = worker.taxonomyPath {
            do { _ = try loadTaxonomy(path) } catch { problems.append("\(error)") }
        }
        print("config file:       \(settings.configFile ?? "(none; built-in defaults)")")
        print("runtime directory: \(settings.runtimeDirectory)")
        print("data directory:    \(settings.dataDirectory)")
        print("log:               level \(settings.logLevel.rawValue), format \(LogOutput.format.rawValue)")
        print("frontend:          \(broker.frontendEndpoint)")
        print("backend:           \(broker.backendEndpoint)")
        print("results:           \(broker.resultsEndpoint)")
        print("store:             \(broker.storePath)")
        print("max body bytes:    \(broker.policy.maxBodyBytes)")
        print("max queued jobs:   \(broker.policy.maxQueuedJobs)")
        print("max attempts:      \(broker.policy.maxAttempts)")
        print("heartbeat:         every \(broker.policy.heartbeatIntervalMs) ms, dead after \(broker.policy.heartbeatTimeoutMs) ms")
        print("dedupe window:     \(broker.policy.dedupeWindowMs / 3_600_000) h")
        print("worker credit:     \(worker.credit)")
        print("taxonomy:          \(worker.taxonomyPath ?? "(built-in)")")
        print("broker CURVE:      \(broker.curveSecretKeyFile.map { "secret key file \($0), authorized keys \(broker.curveAuthorizedKeysFile ?? "(any client)")" } ?? "off")")
        print("client CURVE:      \(curve)")
        if problems.isEmpty {
            print("configuration OK")
        } else {
            for p in problems { print("problem: \(p)") }
            throw ExitCode.failure
        }
    }
}
