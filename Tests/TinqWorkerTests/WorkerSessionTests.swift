import Testing

@testable import TinqWorker

@Suite("WorkerSession")
struct WorkerSessionTests {
    static let interval: Int64 = 1_000
    static let timeout: Int64 = 3_000
    static let initial: Int64 = 100
    static let maximum: Int64 = 5_000

    static func session() -> WorkerSession {
        WorkerSession(heartbeatIntervalMs: interval, heartbeatTimeoutMs: timeout, reconnectInitialMs: initial, reconnectMaxMs: maximum)
    }

    static func reconnectDelay(_ action: WorkerSession.Action) -> Int64? {
        if case .reconnect(let after, _) = action { after } else { nil }
    }

    @Test("a new connection registers first, and then there is nothing to do until something is due")
    func registerOnConnect() {
        var s = Self.session()
        #expect(s.connected(now: 10_000) == .register)
        #expect(s.tick(now: 10_000, idle: true) == .none)
        #expect(s.nextTickDelay(now: 10_000) == Self.interval)
    }

    @Test("a heartbeat goes out when nothing was sent for the interval; any send postpones it")
    func heartbeatWhenDue() {
        var s = Self.session()
        let t: Int64 = 50_000
        _ = s.connected(now: t)
        s.heard(now: t)
        #expect(s.tick(now: t + Self.interval - 1, idle: true) == .none)
        #expect(s.tick(now: t + Self.interval, idle: true) == .heartbeat)
        #expect(s.tick(now: t + Self.interval, idle: true) == .none, "one heartbeat per interval")
        #expect(s.nextTickDelay(now: t + Self.interval) == Self.interval)
        s.heard(now: t + 1_500)
        s.sent(now: t + 1_500)  // a RESULT, say
        #expect(s.tick(now: t + 2_499, idle: false) == .none)
        #expect(s.nextTickDelay(now: t + 2_499) == 1)
        #expect(s.tick(now: t + 2_500, idle: false) == .heartbeat)
        #expect(s.nextTickDelay(now: t + 10_000) == 0, "overdue means now")
    }

    @Test("silence past the timeout means reconnect after the initial back-off; the timeout itself is still fine")
    func reconnectAfterTimeout() throws {
        var s = Self.session()
        let t: Int64 = 0
        _ = s.connected(now: t)
        for k in Int64(1)...(Self.timeout / Self.interval) {
            let now = t + k * Self.interval
            #expect(Self.reconnectDelay(s.tick(now: now, idle: true)) == nil, "at \(now)")
        }
        #expect(s.nextTickDelay(now: t + Self.timeout) == 1, "the loop wakes up just after the timeout")
        let action = s.tick(now: t + Self.timeout + 1, idle: true)
        #expect(Self.reconnectDelay(action) == Self.initial)
        guard case .reconnect(_, let reason) = action else { return }
        #expect(reason.contains("\(Self.timeout + 1)"))
    }

    @Test("hearing from the broker keeps the connection, however long it lasts")
    func hearingKeepsAlive() {
        var s = Self.session()
        _ = s.connected(now: 0)
        for k in Int64(1)...120 {
            let now = k * 500
            s.heard(now: now)
            let action = s.tick(now: now, idle: true)
            #expect(Self.reconnectDelay(action) == nil, "at \(now)")
            if action == .heartbeat { s.sent(now: now) }
        }
    }

    @Test("back-off doubles on each silent connection up to the maximum, and resets once the broker is heard")
    func backoff() {
        var s = Self.session()
        var now: Int64 = 0
        var delays: [Int64] = []
        for _ in 0..<9 {
            _ = s.connected(now: now)
            now += Self.timeout + 1
            delays.append(Self.reconnectDelay(s.tick(now: now, idle: true)) ?? -1)
            now += delays.last!
        }
        #expect(delays == [100, 200, 400, 800, 1_600, 3_200, 5_000, 5_000, 5_000])

        _ = s.connected(now: now)
        s.heard(now: now + 10)
        now += 10 + Self.timeout + 1
        #expect(Self.reconnectDelay(s.tick(now: now, idle: true)) == Self.initial)
        _ = s.connected(now: now)
        now += Self.timeout + 1
        #expect(Self.reconnectDelay(s.tick(now: now, idle: true)) == 2 * Self.initial)
    }

    @Test("a connection alone does not reset the back-off: only hearing the broker does")
    func connectIsNotHearing() {
        var s = Self.session()
        _ = s.connected(now: 0)
        #expect(Self.reconnectDelay(s.tick(now: Self.timeout + 1, idle: true)) == Self.initial)
        _ = s.connected(now: 10_000)
        #expect(Self.reconnectDelay(s.tick(now: 10_000 + Self.timeout + 1, idle: true)) == 2 * Self.initial)
    }

    @Test("DISCONNECT from the broker means reconnect at once, without touching the back-off")
    func disconnectReconnectsAtOnce() {
        var s = Self.session()
        _ = s.connected(now: 0)
        s.heard(now: 5)
        let action = s.disconnected(reason: "unknown worker: send READY")
        #expect(Self.reconnectDelay(action) == 0)
        guard case .reconnect(_, let reason) = action else { return }
        #expect(reason.contains("unknown worker: send READY"))
        _ = s.connected(now: 10)
        #expect(Self.reconnectDelay(s.tick(now: 10 + Self.timeout + 1, idle: true)) == Self.initial)
    }

    @Test("draining: leave once idle, keep heartbeating while a job runs")
    func drainingLeavesWhenIdle() {
        var s = Self.session()
        _ = s.connected(now: 0)
        #expect(!s.draining)
        #expect(s.tick(now: 100, idle: true) == .none, "idle but not draining: stay")
        s.startDraining()
        #expect(s.draining)
        s.heard(now: 900)
        #expect(s.tick(now: Self.interval, idle: false) == .heartbeat, "busy: still a live worker")
        #expect(s.tick(now: Self.interval + 1, idle: false) == .none)
        #expect(s.tick(now: Self.interval + 2, idle: true) == .leave)
    }

    @Test("a draining idle worker leaves even if the broker went silent (it has nothing left to hand back)")
    func drainingBeatsReconnect() {
        var s = Self.session()
        _ = s.connected(now: 0)
        s.startDraining()
        #expect(s.tick(now: Self.timeout + 10, idle: true) == .leave)
    }
}
