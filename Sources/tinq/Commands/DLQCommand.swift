import ArgumentParser
import Foundation
import TinqClient
import TinqProtocol

/// `tinq dlq`: inspect and manage the dead-letter queue.
struct DLQCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "dlq",
        abstract: "List, show, requeue or purge dead-lettered jobs (jobs that failed broker.max_attempts times).",
        subcommands: [List.self, Show.self, Requeue.self, Purge.self]
    )

    static func send(_ options: GlobalOptions, _ request: DeadLetterRequest) async throws {
        let settings = try await Settings.load(options)
        let producer = try settings.producer()
        defer { producer.close() }
        let reply = try producer.request(.dlq(request))
        print(String(decoding: reply.json, as: UTF8.self))
        if reply.status != .ok { throw ExitCode.failure }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List dead-lettered jobs, newest first (JSON).")
        @OptionGroup var options: GlobalOptions
        @Option(help: "Most jobs to list.") var limit: Int = 100
        func run() async throws { try await DLQCommand.send(options, DeadLetterRequest(action: .list, limit: limit)) }
    }

    struct Show: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Show one dead-lettered job with its last error (JSON).")
        @OptionGroup var options: GlobalOptions
        @Argument(help: "The job id.") var jobID: String
        func run() async throws { try await DLQCommand.send(options, DeadLetterRequest(action: .show, jobID: jobID)) }
    }

    struct Requeue: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Put a dead-lettered job (or, with --all, every one) back on the queue.")
        @OptionGroup var options: GlobalOptions
        @Argument(help: "The job id.") var jobID: String?
        @Flag(help: "Requeue every dead-lettered job.") var all = false
        func validate() throws { if (jobID == nil) == !all { throw ValidationError("give a job id or --all") } }
        func run() async throws { try await DLQCommand.send(options, DeadLetterRequest(action: .requeue, jobID: jobID)) }
    }

    struct Purge: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Delete a dead-lettered job (or, with --all, every one).")
        @OptionGroup var options: GlobalOptions
        @Argument(help: "The job id.") var jobID: String?
        @Flag(help: "Delete every dead-lettered job.") var all = false
        func validate() throws { if (jobID == nil) == !all { throw ValidationError("give a job id or --all") } }
        func run() async throws { try await DLQCommand.send(options, DeadLetterRequest(action: .purge, jobID: jobID)) }
    }
}
