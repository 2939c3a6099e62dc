import Foundation
import Testing
import TinqTesting

extension Integration {
    @Suite("systemd readiness") struct SystemdReadinessTests {
        /// `tinq broker` under a fake NOTIFY_SOCKET: READY=1 comes only once the frontend
        /// answers, SIGTERM brings STOPPING=1 and exit status 0.
        @Test(.timeLimit(.minutes(1)))
        func brokerNotifiesReadyAndStopping() async throws {
            let sandbox = try TinqSandbox("notify")
            defer { sandbox.shutdown() }
            let listener = try NotifyListener(path: sandbox.directory.file("notify.sock"))
            let broker = try sandbox.broker(environment: ["NOTIFY_SOCKET": listener.path])

            let clock = ContinuousClock()
            let start = clock.now
            let ready = await listener.receive(until: "READY=1", timeout: .seconds(20))
            let readyAfter = clock.now - start
            #expect(ready != nil, "no READY=1 within 20 s; broker: \(broker.stderrTail())")
            // Ready means ready: the frontend answers at once, with no retry.
            let ping = try await sandbox.status(timeout: 1)
            #expect(ping != nil, "READY=1 was sent but the frontend does not answer")

            broker.signal(SIGTERM)
            let stopping = await listener.receive(until: "STOPPING=1", timeout: .seconds(25))
            let end = await broker.wait(timeout: .seconds(25))
            report("notify", "READY=1 after \(readyAfter) (\(ready?.joined(separator: " | ").replacingOccurrences(of: "\n", with: " ") ?? "none")); frontend answered: \(ping != nil); SIGTERM -> \(stopping?.last?.replacingOccurrences(of: "\n", with: " ") ?? "no STOPPING=1"), \(end.map { "\($0)" } ?? "still running")")
            #expect(stopping != nil, "no STOPPING=1 after SIGTERM")
            #expect(end == .exited(0), "broker after SIGTERM: \(end.map { "\($0)" } ?? "still running") \(broker.stderrTail())")
        }
    }
}
