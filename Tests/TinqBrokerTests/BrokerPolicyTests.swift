import Testing

@testable import TinqBroker

@Suite("BrokerPolicy")
struct BrokerPolicyTests {
    @Test("defaults are the values PROTOCOL.md documents")
    func defaults() {
        let p = BrokerPolicy()
        #expect(p.heartbeatIntervalMs == 1_000)
        #expect(p.heartbeatTimeoutMs == 3_000)
        #expect(p.maxAttempts == 5)
        #expect(p.retryBaseDelayMs == 500)
        #expect(p.retryMaxDelayMs == 60_000)
        #expect(p.busyRetryAfterMs == 200)
        #expect(p.maxQueuedJobs == 50_000)
        #expect(p.maxBodyBytes == 4 * 1024 * 1024)
        #expect(p.dedupeWindowMs == 168 * 3_600_000)
        #expect(p.replayPageLimit == 1_000)
        #expect(p.heartbeatTimeoutMs > p.heartbeatIntervalMs, "a worker must get a chance to heartbeat before it is declared lost")
    }
}
