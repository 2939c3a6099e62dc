import Foundation
import Testing
import TinqTesting

extension Integration {
    @Suite("CURVE") struct CurveTests {
        /// A broker with a CURVE secret key and an authorized-keys file (the worker's and one
        /// client's public keys) serves the authorized client and worker end to end, gives an
        /// unauthorized key and a client without keys no reply at all (they give up within their
        /// short client timeout), counts the refusals, and keeps serving; no secret key is logged.
        @Test(.timeLimit(.minutes(3)))
        func onlyAuthorizedKeysGetThrough() async throws {
            // Keys first, with `tinq keygen`, in a directory of their own (the main sandbox's
            // settings must name the files).
            let keys = try TinqSandbox("curve-keys")
            defer { keys.shutdown() }
            var publicKeys: [String: String] = [:]
            for name in ["broker", "worker", "client", "intruder"] {
                let made = try await keys.run(["keygen", "--out", keys.directory.file("\(name).key")], common: false)
                #expect(made.succeeded, "\(made)")
                publicKeys[name] = made.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
                #expect(publicKeys[name]?.utf8.count == 40)
            }
            let again = try await keys.run(["keygen", "--out", keys.directory.file("broker.key")], common: false)
            #expect(!again.succeeded && again.stderr.contains("--force"), "an existing key file is not replaced: \(again)")
            let derived = try await keys.run(["keygen", "--public", keys.directory.file("broker.key")], common: false)
            #expect(derived.stdout.trimmingCharacters(in: .whitespacesAndNewlines) == publicKeys["broker"])
            let secrets = try ["broker", "worker", "client", "intruder"].map {
                try String(contentsOfFile: keys.directory.file("\($0).key"), encoding: .utf8).trimmingCharacters(in: .whitespacesAndNewlines)
            }
            let authorized = try keys.directory.write("authorized_keys", """
                # tinq curve test
                \(publicKeys["worker"]!) worker w1
                \(publicKeys["client"]!) the scraper

                """)

            let sandbox = try TinqSandbox("curve", settings: [
                "broker.curve_secret_key_file=\(keys.directory.file("broker.key"))",
                "broker.curve_authorized_keys_file=\(authorized)",
                "client.curve_server_public_key=\(publicKeys["broker"]!)",
                "client.curve_secret_key_file=\(keys.directory.file("client.key"))",
            ])
            defer { sandbox.shutdown() }
            let check = try await sandbox.run(["check-config"])
            #expect(check.succeeded && check.stdout.contains("broker CURVE:      secret key file"), "\(check)")
            let broker = try sandbox.broker()
            try await sandbox.waitForBroker()
            _ = try sandbox.worker("w1", settings: ["client.curve_secret_key_file=\(keys.directory.file("worker.key"))"])
            try await sandbox.waitForStatus("the worker registered") { $0.workers.count == 1 }

            let articles = ArticleGenerator(prefix: "cv", seed: 77).articles(4)
            let subscriber = try sandbox.subscriber("sub", fromSeq: 1, count: articles.count)
            let input = try sandbox.directory.write("articles.jsonl", try ArticleGenerator.jsonLines(articles))
            let pushed = try await sandbox.run(["push", "--jsonl", "--quiet", input])
            #expect(try PushSummary(pushed.stdout).accepted == articles.count, "\(pushed)")
            let ended = await subscriber.wait(timeout: .seconds(60))
            #expect(ended?.isSuccess == true, "subscriber: \(subscriber.stderrTail())")
            let delivered = try DeliveredResult.parse(subscriber.stdout())
            #expect(Set(delivered.map(\.seq)) == Set(1...UInt64(articles.count)), "\(delivered.map(\.seq))")

            // Unauthorized: a key the broker does not list, and no keys at all. Neither gets a
            // reply, so each push gives up after its short timeout and one retry.
            let other = try sandbox.directory.write("other.jsonl", try ArticleGenerator.jsonLines(ArticleGenerator(prefix: "cx", seed: 78).articles(2)))
            let giveUpFast = ["client.timeout_ms=300", "client.max_retries=1"]
            let intruder = try await sandbox.run(["push", "--jsonl", "--quiet", other],
                                                 settings: giveUpFast + ["client.curve_secret_key_file=\(keys.directory.file("intruder.key"))"],
                                                 timeout: .seconds(30))
            let intruderSummary = try PushSummary(intruder.stdout)
            #expect(!intruder.succeeded && intruderSummary.notSubmitted == 2 && intruderSummary.accepted == 0, "\(intruder)")
            let plain = try await sandbox.run(["push", "--jsonl", "--quiet", other],
                                              settings: giveUpFast + ["client.curve_server_public_key=", "client.curve_secret_key_file="],
                                              timeout: .seconds(30))
            let plainSummary = try PushSummary(plain.stdout)
            #expect(!plain.succeeded && plainSummary.notSubmitted == 2 && plainSummary.accepted == 0, "\(plain)")
            #expect(intruder.duration < .seconds(10) && plain.duration < .seconds(10), "bounded give-up: \(intruder.duration), \(plain.duration)")

            // The broker kept serving: the authorized client pushes the same two articles.
            let later = try await sandbox.run(["push", "--jsonl", "--quiet", other])
            #expect(try PushSummary(later.stdout).accepted == 2, "\(later)")
            var status = try await sandbox.waitForStatus("all six published") { $0.lastSeq >= articles.count + 2 }
            #expect(broker.isRunning)

            // SIGHUP (`systemctl reload`): a broken file keeps the keys in force; then the
            // intruder's key is added and its next push gets through, with no restart.
            try "not a key\n".write(toFile: authorized, atomically: true, encoding: .utf8)
            broker.signal(SIGHUP)
            try await sandbox.waitForLog(broker, "Reload failed")
            let stillRefused = try await sandbox.run(["push", "--jsonl", "--quiet", other],
                                                     settings: giveUpFast + ["client.curve_secret_key_file=\(keys.directory.file("intruder.key"))"],
                                                     timeout: .seconds(30))
            #expect(try PushSummary(stillRefused.stdout).notSubmitted == 2, "a failed reload changes nothing: \(stillRefused)")
            let granted = try keys.directory.write("authorized_keys", """
                \(publicKeys["worker"]!) worker w1
                \(publicKeys["client"]!) the scraper
                \(publicKeys["intruder"]!) a new scraper

                """)
            #expect(granted == authorized)
            broker.signal(SIGHUP)
            try await sandbox.waitForLog(broker, "Reloaded the authorized CURVE keys")
            let fresh = try sandbox.directory.write("fresh.jsonl", try ArticleGenerator.jsonLines(ArticleGenerator(prefix: "cy", seed: 79).articles(2)))
            let newcomer = try await sandbox.run(["push", "--jsonl", "--quiet", fresh],
                                                 settings: ["client.curve_secret_key_file=\(keys.directory.file("intruder.key"))"])
            #expect(try PushSummary(newcomer.stdout).accepted == 2, "after the reload the new key is served: \(newcomer)")
            status = try await sandbox.waitForStatus("all eight published") { $0.lastSeq >= articles.count + 4 }
            #expect(broker.isRunning, "SIGHUP never ends the broker")

            // PROTOCOL.md's pyzmq example, when Debian's python3-zmq is there: the authorized key
            // gets a PONG, a fresh zmq.curve_keypair() gets nothing within its poll.
            var python = "skipped (no python3-zmq)"
            if PythonClientTests.pythonHasZMQ {
                let script = try sandbox.directory.write("curve_ping.py", Self.pythonPing)
                let run = try sandbox.startExecutable("python-curve", PythonClientTests.python, [
                    script, "ipc://\(sandbox.directory.runtimeDirectory)/frontend.sock", publicKeys["broker"]!,
                    publicKeys["client"]!, keys.directory.file("client.key"),
                ])
                let end = await run.wait(timeout: .seconds(30))
                if end == nil { run.killTree() }
                python = run.stdout().trimmingCharacters(in: .whitespacesAndNewlines)
                #expect(end == .exited(0) && python == "authorized: OK; unauthorized: no reply", "\(python) \(run.stderrTail())")
            }

            let metrics = try await sandbox.run(["metrics"])
            let refusals = MetricsTests.samples(metrics.stdout)["tinq_auth_refusals_total"] ?? 0
            let admitted = MetricsTests.samples(metrics.stdout)["tinq_auth_accepted_total"] ?? 0
            #expect(refusals >= 1, "the intruder's handshakes are counted: \(metrics.stdout.suffix(1500))")
            #expect(admitted >= 3, "worker, subscriber, pushes")
            let samples = MetricsTests.samples(metrics.stdout)
            #expect(samples["tinq_reloads_total{result=\"ok\"}"] == 1 && samples["tinq_reloads_total{result=\"failed\"}"] == 1,
                    "one reload failed, one applied: \(metrics.stdout.suffix(1500))")
            let brokerLog = (try? String(contentsOfFile: broker.stderrPath, encoding: .utf8)) ?? ""
            #expect(brokerLog.contains("Refused a client") && brokerLog.contains(publicKeys["intruder"]!), "the refusal is logged with the public key")

            // No secret key in any process's output.
            let logs = try FileManager.default.contentsOfDirectory(atPath: sandbox.directory.file("logs"))
            for file in logs {
                let text = (try? String(contentsOfFile: sandbox.directory.file("logs/\(file)"), encoding: .utf8)) ?? ""
                for secret in secrets { #expect(!text.contains(secret), "a secret key in logs/\(file)") }
            }
            report("curve", "delivered \(delivered.count)/\(articles.count); intruder not submitted \(intruderSummary.notSubmitted) in \(intruder.duration), no-keys not submitted \(plainSummary.notSubmitted) in \(plain.duration); later accepted 2; after SIGHUP the added key pushed 2; last_seq \(status.lastSeq); auth refusals \(Int(refusals)), accepted \(Int(admitted)); pyzmq: \(python)")
        }

        /// A reload that removes a key shuts out the peer holding it at once, though it was
        /// connected before: the broker resets every connection, the removed key's reconnect is
        /// refused, and everyone else reconnects and goes on (the worker registers again and the
        /// next article is analysed and published to the listed subscriber, not to the removed one).
        @Test(.timeLimit(.minutes(3)))
        func aRemovedKeyIsShutOutAtOnce() async throws {
            let keys = try TinqSandbox("curve-revoke-keys")
            defer { keys.shutdown() }
            var publicKeys: [String: String] = [:]
            for name in ["broker", "worker", "client", "revoked"] {
                let made = try await keys.run(["keygen", "--out", keys.directory.file("\(name).key")], common: false)
                #expect(made.succeeded, "\(made)")
                publicKeys[name] = made.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
            }
            let authorized = try keys.directory.write("authorized_keys", """
                \(publicKeys["worker"]!) worker
                \(publicKeys["client"]!) scraper
                \(publicKeys["revoked"]!) a subscriber about to lose its access

                """)
            let sandbox = try TinqSandbox("curve-revoke", settings: [
                "broker.curve_secret_key_file=\(keys.directory.file("broker.key"))",
                "broker.curve_authorized_keys_file=\(authorized)",
                "client.curve_server_public_key=\(publicKeys["broker"]!)",
                "client.curve_secret_key_file=\(keys.directory.file("client.key"))",
            ])
            defer { sandbox.shutdown() }
            let broker = try sandbox.broker()
            try await sandbox.waitForBroker()
            _ = try sandbox.worker("w1", settings: ["client.curve_secret_key_file=\(keys.directory.file("worker.key"))"])
            try await sandbox.waitForStatus("the worker registered") { $0.workers.count == 1 }

            // A subscriber with the key about to go follows live results and never stops by
            // itself. It may join a moment after a push: push new articles until it has seen one.
            let revoked = try sandbox.subscriber("revoked", settings: ["client.curve_secret_key_file=\(keys.directory.file("revoked.key"))"])
            var pushes = 0
            try await waitUntil("the soon-revoked subscriber receives a result", timeout: .seconds(30), interval: .milliseconds(500)) {
                if (try? DeliveredResult.parse(revoked.stdout()))?.isEmpty == false { return true }
                pushes += 1
                let file = try sandbox.directory.write("early\(pushes).jsonl",
                                                       try ArticleGenerator.jsonLines(ArticleGenerator(prefix: "rv\(pushes)", seed: UInt64(80 + pushes)).articles(1)))
                _ = try await sandbox.run(["push", "--jsonl", "--quiet", file])
                return false
            }

            try keys.directory.write("authorized_keys", """
                \(publicKeys["worker"]!) worker
                \(publicKeys["client"]!) scraper

                """)
            broker.signal(SIGHUP)
            try await sandbox.waitForLog(broker, "Reset every connection")
            try await sandbox.waitForLog(broker, publicKeys["revoked"]!)  // its reconnect refused, and logged
            let seenBefore = try DeliveredResult.parse(revoked.stdout()).count

            // A listed subscriber from the next seq on, and one more article.
            let before = try await sandbox.waitForBroker()
            let listed = try sandbox.subscriber("listed", fromSeq: UInt64(before.lastSeq + 1), count: 1)
            let after = try sandbox.directory.write("after.jsonl",
                                                    try ArticleGenerator.jsonLines(ArticleGenerator(prefix: "rz", seed: 99).articles(1)))
            let pushed = try await sandbox.run(["push", "--jsonl", "--quiet", after])
            #expect(try PushSummary(pushed.stdout).accepted == 1, "the producer is served after the reset: \(pushed)")
            let ended = await listed.wait(timeout: .seconds(60))
            #expect(ended?.isSuccess == true, "the listed subscriber gets the next result: \(listed.stderrTail())")
            let status = try await sandbox.waitForStatus("the worker registered again") { $0.workers.count >= 1 && $0.lastSeq > before.lastSeq }
            // Time for a result to reach the removed subscriber, were it still connected.
            try await Task.sleep(for: .seconds(2))
            let seenAfter = try DeliveredResult.parse(revoked.stdout()).count
            #expect(seenAfter == seenBefore, "the removed key's subscriber got nothing after the reload")
            #expect(revoked.isRunning && broker.isRunning)
            report("curve-revoke", "removed key saw \(seenBefore) then \(seenAfter); last_seq \(status.lastSeq); workers \(status.workers.count)")
        }

        /// argv: endpoint, server public key, client public key, client secret key file.
        static let pythonPing = """
            import sys, zmq
            endpoint, server_public, client_public, secret_file = sys.argv[1:5]

            def ping(public, secret):
                ctx = zmq.Context()
                s = ctx.socket(zmq.DEALER)
                s.curve_serverkey = server_public.encode()
                s.curve_publickey = public
                s.curve_secretkey = secret
                s.connect(endpoint)
                s.send_multipart([b"", b"tinq/1", b"PING", b"req-1"])
                answer = s.recv_multipart()[2].decode() if s.poll(1500) else "no reply"
                s.close(0)
                ctx.term()
                return answer

            with open(secret_file, "rb") as f:
                secret = f.read().strip()
            fresh_public, fresh_secret = zmq.curve_keypair()
            print("authorized: %s; unauthorized: %s" % (ping(client_public.encode(), secret), ping(fresh_public, fresh_secret)))
            """
    }
}
