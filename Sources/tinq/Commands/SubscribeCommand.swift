import ArgumentParser
import Foundation
import Synchronization
import TinqClient
import TinqProtocol

/// `tinq subscribe`: print results as they arrive.
struct SubscribeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "subscribe",
        abstract: "Print results as JSON lines as they arrive (optionally replaying stored ones first).",
        discussion: """
            Each line is the result object (the same object `tinq classify` prints) with a \
            "delivery" member added: {"seq", "job_id", "labels"}. Every result of the chosen topics \
            is printed exactly once and in order: with --from-seq N the stored results from N on \
            are replayed first, then live ones follow with no gap and no duplicate; if this \
            subscriber falls behind, the missed range is replayed (a note goes to stderr). With \
            --cursor FILE the last printed seq is kept in FILE and the next run resumes after it: \
            at least once, since results printed after the last save (at most 200 ms of them, \
            none after SIGINT or SIGTERM) are printed again after a crash; dedupe by seq.
            """
    )

    @OptionGroup var options: GlobalOptions

    @Option(name: .customLong("topic"), help: ArgumentHelp("Only results with this label (dan_van, conference, award, ...); repeatable. Default: every result.", valueName: "label"))
    var topics: [String] = []

    @Option(help: ArgumentHelp("Replay stored results from this sequence number on, then go live.", valueName: "seq"))
    var fromSeq: UInt64?

    @Option(help: ArgumentHelp("Keep the last printed seq in this file and resume after it on the next run (--from-seq overrides it).", valueName: "file"))
    var cursor: String?

    @Option(help: "Exit after this many results.")
    var count: Int?

    @Option(help: ArgumentHelp("Exit when no result arrives for this many seconds.", valueName: "seconds"))
    var idleTimeout: Double?

    @Option(help: "Output: jsonl (one result object per line) or brief (seq, labels, date and title, for people).")
    var format: OutputFormat = .jsonl

    enum OutputFormat: String, ExpressibleByArgument {
        case jsonl, brief
    }

    func run() async throws {
        for t in topics where !Wire.isValidLabel(t) { throw ValidationError("topic names are lowercase words like award, not \(t)") }
        let settings = try await Settings.load(options)
        let broker = settings.broker
        var start = fromSeq
        var saved: UInt64?
        if let cursor, FileManager.default.fileExists(atPath: cursor) {
            let text = (try? String(contentsOfFile: cursor, encoding: .utf8)) ?? ""
            guard let seq = UInt64(text.trimmingCharacters(in: .whitespacesAndNewlines)) else {
                throw ValidationError("--cursor \(cursor) does not hold a seq (one decimal number); remove it to start over")
            }
            saved = seq
            if start == nil { start = seq + 1 }
        }
        // SIGINT and SIGTERM end the loop, so the cursor is saved with the last printed seq.
        let stop = Atomic<Bool>(false)
        var signalSources: [any DispatchSourceSignal] = []
        if cursor != nil {
            for sig in [SIGINT, SIGTERM] {
                signal(sig, SIG_IGN)
                let source = DispatchSource.makeSignalSource(signal: sig, queue: .global())
                source.setEventHandler { stop.store(true, ordering: .relaxed) }
                source.resume()
                signalSources.append(source)
            }
        }
        defer { for s in signalSources { s.cancel() } }
        let subscriber = try Subscriber(resultsEndpoint: broker.resultsEndpoint, frontendEndpoint: broker.frontendEndpoint, labels: topics, fromSeq: start,
                                        curve: settings.clientCurve())
        defer { subscriber.close() }
        var lastPrinted = saved
        var lastSave = ContinuousClock.now
        func save() throws {
            guard let cursor, let seq = lastPrinted, seq != saved else { return }
            try Self.writeCursor(seq, to: cursor)
            saved = seq
            lastSave = ContinuousClock.now
        }
        var printed = 0
        var gaps = 0
        let out = FileHandle.standardOutput
        var idleSince = ContinuousClock.now
        while (count.map({ printed < $0 }) ?? true) && !stop.load(ordering: .relaxed) {
            if ContinuousClock.now - lastSave >= .milliseconds(200) { try save() }
            guard let record = try subscriber.next(timeoutMs: 200) else {
                if let idle = idleTimeout, ContinuousClock.now - idleSince > .milliseconds(Int(idle * 1000)) { break }
                continue
            }
            idleSince = ContinuousClock.now
            if subscriber.gapsHealed != gaps {
                gaps = subscriber.gapsHealed
                FileHandle.standardError.write(Data("tinq subscribe: fell behind; replayed the missed results (gap \(gaps))\n".utf8))
            }
            out.write(Data(format == .jsonl ? Self.line(record) : Self.brief(record)))
            printed += 1
            lastPrinted = record.seq
        }
        try save()
    }

    /// Replaces the cursor file in one step (a temporary file renamed over it), so a crash
    /// leaves the old seq or the new one, never a torn file.
    static func writeCursor(_ seq: UInt64, to path: String) throws {
        let temporary = path + ".tmp"
        do {
            try Data("\(seq)\n".utf8).write(to: URL(fileURLWithPath: temporary))
        } catch {
            throw ValidationError("--cursor: cannot write \(temporary): \(error.localizedDescription)")
        }
        guard rename(temporary, path) == 0 else {
            throw ValidationError("--cursor: cannot rename \(temporary) to \(path): \(String(cString: strerror(errno)))")
        }
    }

    /// One line for people: seq, job, labels, date, title.
    static func brief(_ record: ResultRecord) -> [UInt8] {
        let object = (try? JSONSerialization.jsonObject(with: Data(record.result))) as? [String: Any] ?? [:]
        let title = object["title"] as? String ?? "(no title)"
        let date = object["date"] as? String ?? "----------"
        let labels = record.labels.isEmpty ? "-" : record.labels.joined(separator: ",")
        return Array("seq \(record.seq)  job \(record.jobID)  \(date)  [\(labels)]  \(title)\n".utf8)
    }

    /// The result object with a "delivery" member spliced in before its closing brace.
    static func line(_ record: ResultRecord) -> [UInt8] {
        var w = JSONWriter()
        w.beginObject()
        w.uint("seq", record.seq)
        w.string("job_id", String(record.jobID))
        w.beginArray("labels")
        for l in record.labels { w.string(nil, l) }
        w.endArray()
        w.endObject()
        var bytes = record.result
        while let last = bytes.last, last == 0x0A || last == 0x20 { bytes.removeLast() }
        if bytes.last == 0x7D {
            bytes.removeLast()
            if bytes.last != 0x7B { bytes.append(0x2C) }
            bytes.append(contentsOf: Array(#""delivery":"#.utf8))
            bytes.append(contentsOf: w.bytes)
            bytes.append(0x7D)
        }
        bytes.append(0x0A)
        return bytes
    }
}
