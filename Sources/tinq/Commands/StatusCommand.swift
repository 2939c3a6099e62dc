import ArgumentParser
import Foundation
import TinqClient

/// `tinq status`: ask a running broker how it is doing.
struct StatusCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "status",
        abstract: "Show queue depth, jobs in flight, workers and their state, and totals.",
        discussion: "Exits 1 if the broker does not answer within --timeout seconds."
    )

    @OptionGroup var options: GlobalOptions

    @Flag(help: "Print the broker's JSON reply as is.")
    var json = false

    @Option(help: "Seconds to wait for the broker.")
    var timeout: Double = 3

    func run() async throws {
        let settings = try await Settings.load(options)
        let producer = try settings.producer()
        defer { producer.close() }
        let reply: BrokerReplyText
        do {
            let r = try producer.request(.status, timeoutMs: Int(timeout * 1000))
            reply = BrokerReplyText(status: r.status.rawValue, json: r.json)
        } catch {
            print("broker at \(settings.broker.frontendEndpoint) did not answer: \(error)")
            throw ExitCode.failure
        }
        if json || reply.status != "OK" {
            print(String(decoding: reply.json, as: UTF8.self))
            if reply.status != "OK" { throw ExitCode.failure }
            return
        }
        guard let s = try JSONSerialization.jsonObject(with: Data(reply.json)) as? [String: Any] else { throw ExitCode.failure }
        let queue = s["queue"] as? [String: Any] ?? [:]
        let totals = s["totals"] as? [String: Any] ?? [:]
        print("broker: up \(s["uptime_s"] ?? 0) s\((s["draining"] as? Bool) == true ? ", draining" : ""), last result seq \(s["last_seq"] ?? 0)")
        print("queue:  \(queue["queued"] ?? 0) queued, \(queue["in_flight"] ?? 0) in flight (held \(queue["held"] ?? 0) of max \(queue["max"] ?? 0)), \(queue["dead_letters"] ?? 0) dead letters")
        let workers = s["workers"] as? [[String: Any]] ?? []
        print("workers: \(workers.count)")
        for w in workers {
            print("  \(w["name"] ?? "?") pid \(w["pid"] ?? 0): \(w["state"] ?? "?"), \(w["in_flight"] ?? 0)/\(w["credit"] ?? 0) in flight, \(w["completed"] ?? 0) done, \(w["failed"] ?? 0) failed, seen \(w["last_seen_ms_ago"] ?? 0) ms ago")
        }
        print("totals: " + totals.keys.sorted().map { "\($0) \(totals[$0]!)" }.joined(separator: ", "))
    }
}

/// A reply reduced to what `status` prints.
struct BrokerReplyText {
    var status: String
    var json: [UInt8]
}
