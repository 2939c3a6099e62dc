import ArgumentParser
import Foundation
import TinqClient

/// `tinq metrics`: the broker's metrics in the Prometheus text format.
struct MetricsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "metrics",
        abstract: "Print the broker's metrics in the Prometheus text format.",
        discussion: """
            Asks a running broker (METRICS request on the frontend socket) for its counters, \
            gauges and histograms: submissions by outcome, rejections by code, results \
            published, retries, dead letters, workers lost, queue depth, submit->result time, and \
            the store's commit and fsync times. The broker also rewrites the same text every \
            broker.metrics_interval_ms to broker.metrics_file (default metrics.prom in the \
            runtime directory) for node_exporter's textfile collector. Exits 1 if the broker \
            does not answer within --timeout seconds.
            """
    )

    @OptionGroup var options: GlobalOptions

    @Option(help: "Seconds to wait for the broker.")
    var timeout: Double = 3

    func run() async throws {
        let settings = try await Settings.load(options)
        let producer = try settings.producer()
        defer { producer.close() }
        do {
            let reply = try producer.request(.metrics, timeoutMs: Int(timeout * 1000))
            guard reply.status == .ok else {
                print(String(decoding: reply.json, as: UTF8.self))
                throw ExitCode.failure
            }
            print(String(decoding: reply.extra.first ?? [], as: UTF8.self), terminator: "")
        } catch let error as ClientError {
            print("broker at \(settings.broker.frontendEndpoint) did not answer: \(error)")
            throw ExitCode.failure
        }
    }
}
