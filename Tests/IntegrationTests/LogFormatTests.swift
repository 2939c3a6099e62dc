import Foundation
import Testing
import TinqTesting

extension Integration {
    @Suite("Log formats") struct LogFormatTests {
        /// `log.format: json` gives one JSON object per line with ts, level, label, msg and the
        /// metadata; `journal` gives `<priority>` prefixes journald reads (notice 5, warning 4);
        /// `auto` picks journal only when standard error is the stream JOURNAL_STREAM names.
        @Test(.timeLimit(.minutes(2)))
        func jsonJournalAndAuto() async throws {
            let sandbox = try TinqSandbox("logfmt")
            defer { sandbox.shutdown() }

            let json = try sandbox.broker(settings: ["log.format=json"])
            try await sandbox.waitForLog(json, "Broker ready.")
            json.signal(SIGTERM)
            #expect(await json.wait(timeout: .seconds(30)) == .exited(0))
            let lines = json.stderr().split(separator: "\n")
            #expect(lines.count >= 3, "ready, draining, stopped: \(lines)")
            for line in lines {
                let object = try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any]
                #expect(object?["ts"] is String && object?["level"] is String && object?["label"] is String && object?["msg"] is String, "\(line)")
            }
            let ready = lines.compactMap { try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any] }
                .first { $0["msg"] as? String == "Broker ready." }
            #expect(ready?["level"] as? String == "notice" && (ready?["store.path"] as? String)?.hasSuffix("tinq.sqlite") == true, "\(String(describing: ready))")

            // journal: the same lines with journald's priority prefix and no timestamp.
            let journal = try sandbox.broker(settings: ["log.format=journal"])
            try await sandbox.waitForLog(journal, "Broker ready.")
            #expect(journal.stderr().hasPrefix("<5>tinq.broker: Broker ready. "), "\(journal.stderrTail())")
            journal.signal(SIGTERM)
            #expect(await journal.wait(timeout: .seconds(30)) == .exited(0))

            // auto: text unless standard error is the journal stream (here: the log file the
            // shell names in JOURNAL_STREAM, as systemd would).
            let text = try await sandbox.run(["check-config"], environment: ["JOURNAL_STREAM": "1:2"])
            #expect(text.stdout.contains("format text"), "\(text.stdout)")
            let auto = try sandbox.startExecutable("auto", "/bin/sh", [
                "-c", #"JOURNAL_STREAM=$(stat -L -c %d:%i /proc/self/fd/2) exec "$0" check-config "$@""#,
                sandbox.binary,
            ] + sandbox.commonOptions())
            #expect(await auto.wait(timeout: .seconds(30)) == .exited(0))
            #expect(auto.stdout().contains("format journal"), "\(auto.stdout())")
            let bad = try await sandbox.run(["check-config"], settings: ["log.format=xml"])
            #expect(!bad.succeeded && bad.stderr.contains("unknown log.format xml"), "\(bad)")
            report("log formats", "json lines \(lines.count), journal prefix <5>, auto -> journal under JOURNAL_STREAM")
        }
    }
}
