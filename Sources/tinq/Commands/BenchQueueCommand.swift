import ArgumentParser
import Foundation
import Histogram
import Synchronization
import TinqClient
import TinqProtocol
import ZeroMQ

/// `tinq bench queue`: end-to-end throughput and latency through a real broker and workers.
struct BenchQueueCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "queue",
        abstract: "Run a broker and workers, push a corpus through them, print articles/s and latency percentiles.",
        discussion: """
            Starts `tinq broker` and N `tinq worker` processes in a private temp directory (the \
            store is durable as always: fsync'd group commit), subscribes to every result, and \
            pushes the corpus (JSON-lines rows with "text" or "html"; repeated to reach --count). \
            Two phases by default: as fast as possible (throughput), then a fixed offered load \
            (--rate, default 1000 articles/s) for latency. Prints submit->reply and submit->result \
            percentiles for each, and the CPU time each process used per article (from /proc). \
            With --curve every socket uses CURVE (keys made for the run, every client checked by \
            the broker's ZAP handler), to measure what encryption costs.
            """
    )

    @Option(help: "JSON-lines corpus.")
    var corpus: String = "../shared/corpus/articles-5k.jsonl"

    @Option(help: "Worker processes.")
    var workers: Int = 2

    @Option(help: "Articles in the throughput phase (the corpus is cycled).")
    var count: Int = 20_000

    @Option(help: "Offered load of the latency phase, articles per second (0 skips the phase).")
    var rate: Double = 1000

    @Option(help: "Seconds of the latency phase.")
    var seconds: Double = 5

    @Option(help: "Most unanswered submissions at once in the throughput phase.")
    var window: Int = 1024

    @Option(help: "Worker credit (prefetch).")
    var credit: Int = 64

    @Flag(help: "Workers skip the analysis and return a minimal result: measures the queue alone.")
    var nullAnalysis = false

    @Flag(help: "CURVE encryption and authentication on every socket (keys made for the run).")
    var curve = false

    func run() async throws {
        let articles = try ArticleFiles.read([corpus], jsonl: true)
        guard !articles.isEmpty else { throw SettingsError("no articles in \(corpus)") }
        let dir = try makeTempDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let run = "\(dir)/run"
        // The broker and each worker as separate processes, as under systemd.
        var common = ["--runtime-dir", run, "--data-dir", "\(dir)/data", "--log-level", "warning",
                      "--set", "worker.credit=\(credit)", "--set", "broker.max_queued_jobs=200000"]
        let clientKeys = curve ? try makeCurveKeys(in: dir, settings: &common) : nil
        var children: [Process] = []
        defer {
            for p in children.reversed() where p.isRunning { kill(p.processIdentifier, SIGTERM); p.waitUntilExit() }
        }
        func launch(_ arguments: [String]) throws {
            let p = Process()
            p.executableURL = URL(fileURLWithPath: WorkerProcesses.executablePath)
            p.arguments = arguments
            p.standardError = FileHandle(forWritingAtPath: "/dev/null")
            try p.run()
            children.append(p)
        }
        try launch(["broker"] + common)
        for i in 1...max(1, workers) {
            try launch(["worker", "--name", "bench-\(i)"] + common + (nullAnalysis ? ["--bench-null-analysis"] : []))
        }
        let frontend = "ipc://\(run)/frontend.sock"
        let results = "ipc://\(run)/results.sock"
        try waitForBroker(frontend, curve: clientKeys)
        // Let the workers register.
        try await Task.sleep(for: .milliseconds(500))
        print("tinq bench queue: \(workers) workers\(nullAnalysis ? " (null analysis: the queue alone)" : "")\(curve ? ", CURVE on every socket" : ""), credit \(credit), corpus \(articles.count) articles from \(corpus)")
        print("machine: \(ProcessInfo.processInfo.activeProcessorCount) cores")
        // What the disk under the store gives: a producer's reply waits for one of these.
        if let sync = DiskSyncProbe.measure(directory: dir, count: 200) {
            print(String(format: "disk: fdatasync of 8 KiB in the data directory, ms: p50 %.3f  p90 %.3f  p99 %.3f  max %.3f", sync.p50, sync.p90, sync.p99, sync.max))
        }

        var offset = 0
        func batch(_ n: Int, tag: String) -> [Submission] {
            (0..<n).map { i in
                let a = articles[(offset + i) % articles.count]
                return Submission(metadata: SubmitMetadata(id: "\(tag)-\(offset + i)", source: "bench", contentType: a.isHTML ? .html : .text, force: true), body: a.body)
            }
        }
        let roles = [("broker", children[0].processIdentifier)]
            + children.dropFirst().enumerated().map { ("worker \($0.offset + 1)", $0.element.processIdentifier) }
            + [("bench client", getpid())]
        func measured(_ body: () throws -> Figures) rethrows {
            let before = roles.map { CPUTime.of(pid: $0.1) }
            let figures = try body()
            figures.print()
            let after = roles.map { CPUTime.of(pid: $0.1) }
            var line = "CPU µs per article:"
            var total = 0.0
            for (i, role) in roles.enumerated() {
                let us = (after[i] - before[i]) * 1e6 / Double(max(1, figures.published))
                total += us
                line += String(format: " %@ %.1f,", role.0, us)
            }
            Swift.print(line + String(format: " total %.1f", total))
        }
        try measured { try phase(name: "throughput (as fast as possible)", submissions: batch(count, tag: "t"), rate: nil, frontend: frontend, results: results, curve: clientKeys) }
        offset += count
        if rate > 0 {
            let n = Int(rate * seconds)
            try measured { try phase(name: "latency at \(Int(rate)) articles/s offered", submissions: batch(n, tag: "l"), rate: rate, frontend: frontend, results: results, curve: clientKeys) }
        }
    }

    private func makeTempDirectory() throws -> String {
        var template = Array("/tmp/tinq-bench.XXXXXX".utf8CString)
        guard let p = mkdtemp(&template) else { throw SettingsError("mkdtemp failed") }
        return String(cString: p)
    }

    /// Key pairs for the broker, the workers and this client; the broker and worker settings go
    /// into `settings`, the client's keys are returned.
    private func makeCurveKeys(in dir: String, settings: inout [String]) throws -> CurveClientKeys {
        let broker = try CurveKeyPair.generate()
        let worker = try CurveKeyPair.generate()
        let client = try CurveKeyPair.generate()
        let brokerFile = "\(dir)/broker.key"
        let workerFile = "\(dir)/worker.key"
        let authorizedFile = "\(dir)/authorized_keys"
        try CurveKeyFile.writeSecretKey(broker, to: brokerFile, overwrite: false)
        try CurveKeyFile.writeSecretKey(worker, to: workerFile, overwrite: false)
        try "\(worker.publicKey.z85) workers\n\(client.publicKey.z85) bench client\n".write(toFile: authorizedFile, atomically: true, encoding: .utf8)
        settings += ["--set", "broker.curve_secret_key_file=\(brokerFile)", "--set", "broker.curve_authorized_keys_file=\(authorizedFile)",
                     "--set", "client.curve_server_public_key=\(broker.publicKey.z85)", "--set", "client.curve_secret_key_file=\(workerFile)"]
        return CurveClientKeys(serverPublicKey: broker.publicKey, keyPair: client)
    }

    private func waitForBroker(_ frontend: String, curve: CurveClientKeys?) throws {
        let producer = try Producer(endpoint: frontend, curve: curve)
        defer { producer.close() }
        for _ in 0..<100 {
            if (try? producer.request(.ping, timeoutMs: 200)) != nil { return }
        }
        throw SettingsError("the broker did not start")
    }

    /// Figures of one phase.
    struct Figures {
        var name: String
        var articles: Int
        var accepted: Int
        var published: Int
        var seconds: Double
        var reply: Histogram<UInt64>
        var result: Histogram<UInt64>

        func print() {
            Swift.print("")
            Swift.print("== \(name)")
            Swift.print("articles: \(articles) pushed, \(accepted) accepted, \(published) results received in \(String(format: "%.2f", seconds)) s")
            Swift.print("throughput: \(String(format: "%.0f", Double(published) / seconds)) articles/s end to end")
            for (label, h) in [("submit->reply ", reply), ("submit->result", result)] {
                func q(_ p: Double) -> String { String(format: "%.3f", Double(h.valueAtPercentile(p)) / 1000) }
                Swift.print("\(label) ms: p50 \(q(50))  p90 \(q(90))  p99 \(q(99))  p99.9 \(q(99.9))  max \(String(format: "%.3f", Double(h.max) / 1000))")
            }
        }
    }

    private func phase(name: String, submissions: [Submission], rate: Double?, frontend: String, results: String, curve: CurveClientKeys?) throws -> Figures {
        let arrivals = Mutex<[UInt64: ContinuousClock.Instant]>([:])
        let expected = submissions.count
        let done = Atomic<Bool>(false)
        let subscriberReady = DispatchSemaphore(value: 0)
        let finished = DispatchSemaphore(value: 0)
        let thread = Thread {
            defer { finished.signal() }
            guard let sub = try? Subscriber(resultsEndpoint: results, frontendEndpoint: frontend, curve: curve) else { subscriberReady.signal(); return }
            subscriberReady.signal()
            var received = 0
            while received < expected && !done.load(ordering: .relaxed) {
                guard let r = try? sub.next(timeoutMs: 100) else { continue }
                let now = ContinuousClock.now
                arrivals.withLock { $0[r.jobID] = now }
                received += 1
            }
            sub.close()
        }
        thread.start()
        subscriberReady.wait()
        Thread.sleep(forTimeInterval: 0.3)  // let the subscription reach the broker
        let producer = try Producer(endpoint: frontend, timeoutMs: 30_000, curve: curve)
        defer { producer.close() }
        var submitted: [UInt64: ContinuousClock.Instant] = [:]
        var replyHistogram = Histogram<UInt64>(highestTrackableValue: 60_000_000, numberOfSignificantValueDigits: .three)
        var accepted = 0
        let start = ContinuousClock.now
        try producer.submitAll(submissions, window: rate == nil ? window : 4096, ratePerSecond: rate) { _, outcome, duration in
            let now = ContinuousClock.now
            _ = replyHistogram.record(UInt64(max(0, duration.components.attoseconds / 1_000_000_000_000 + duration.components.seconds * 1_000_000)))
            if case .accepted(let id) = outcome, let job = UInt64(id) {
                accepted += 1
                submitted[job] = now - duration
            }
        }
        let deadline = ContinuousClock.now + .seconds(120)
        while arrivals.withLock({ $0.count }) < accepted && ContinuousClock.now < deadline {
            Thread.sleep(forTimeInterval: 0.01)
        }
        let end = ContinuousClock.now
        done.store(true, ordering: .relaxed)
        finished.wait()
        var resultHistogram = Histogram<UInt64>(highestTrackableValue: 120_000_000, numberOfSignificantValueDigits: .three)
        let seen = arrivals.withLock { $0 }
        var last = start
        for (job, arrival) in seen {
            guard let sent = submitted[job] else { continue }
            let d = arrival - sent
            _ = resultHistogram.record(UInt64(max(0, d.components.seconds * 1_000_000 + d.components.attoseconds / 1_000_000_000_000)))
            if arrival > last { last = arrival }
        }
        let elapsed = (rate == nil ? last : end) - start
        return Figures(name: name, articles: submissions.count, accepted: accepted, published: seen.count,
                       seconds: Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18,
                       reply: replyHistogram, result: resultHistogram)
    }
}

/// CPU time (user + system) a process has used so far, from /proc/PID/stat.
enum CPUTime {
    static func of(pid: pid_t) -> Double {
        guard let data = FileManager.default.contents(atPath: "/proc/\(pid)/stat"),
              let text = String(data: data, encoding: .utf8),
              let close = text.lastIndex(of: ")") else { return 0 }
        // After "pid (comm) ": state is field 3, utime field 14, stime field 15.
        let fields = text[text.index(after: close)...].split(separator: " ")
        guard fields.count > 13, let user = Double(fields[11]), let system = Double(fields[12]) else { return 0 }
        return (user + system) / Double(sysconf(Int32(_SC_CLK_TCK)))
    }
}

/// Times fdatasync on the disk that holds the store, so latency figures can be read against it.
enum DiskSyncProbe {
    struct Figures { var p50, p90, p99, max: Double }

    static func measure(directory: String, count: Int) -> Figures? {
        let path = "\(directory)/sync-probe"
        let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o600)
        guard fd >= 0 else { return nil }
        defer { close(fd); unlink(path) }
        let block = [UInt8](repeating: 0x61, count: 8192)
        var samples: [Double] = []
        for i in 0..<count {
            _ = block.withUnsafeBytes { pwrite(fd, $0.baseAddress, $0.count, off_t(i % 64) * 8192) }
            let start = ContinuousClock.now
            guard fdatasync(fd) == 0 else { return nil }
            let d = ContinuousClock.now - start
            samples.append(Double(d.components.seconds) * 1000 + Double(d.components.attoseconds) / 1e15)
        }
        samples.sort()
        func q(_ p: Double) -> Double { samples[min(samples.count - 1, Int(Double(samples.count) * p))] }
        return Figures(p50: q(0.5), p90: q(0.9), p99: q(0.99), max: samples.last ?? 0)
    }
}
