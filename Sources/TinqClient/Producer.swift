import Foundation
import TinqProtocol
import ZeroMQ

/// A producer connection to the broker's frontend (a DEALER socket), with pipelining and
/// polite retries: BUSY waits `retry_after_ms` (with jitter), a missing reply is re-sent with the
/// same request id (dedupe makes that safe), ERROR is retried a few times.
///
/// Not thread-safe: use it from one thread (its socket belongs to that thread).
public final class Producer {
    private let context: Context
    private let socket: Socket
    private let timeoutMs: Int
    private let maxRetries: Int
    private var nextRequest: UInt64 = 0
    private let clock = ContinuousClock()

    /// Connects to `endpoint` (the broker's frontend).
    /// - Parameters:
    ///   - timeoutMs: how long to wait for a reply before re-sending.
    ///   - maxRetries: re-sends after BUSY, ERROR or a timeout before giving up on an article.
    ///   - curve: the broker's public key and this client's key pair when the broker uses CURVE
    ///     (`broker.curve_secret_key_file`); nil: plain ZeroMQ. A key the broker does not accept
    ///     gets no reply at all, so it ends in timeouts.
    public init(endpoint: String, timeoutMs: Int = 5000, maxRetries: Int = 50, curve: CurveClientKeys? = nil) throws(ClientError) {
        do {
            context = try Context(ioThreads: 1)
            socket = try Socket(context: context, type: .dealer)
            try socket.setLinger(0)
            try socket.setSendHighWaterMark(0)
            try socket.setReceiveHighWaterMark(0)
            try curve?.apply(to: socket)
            try socket.connect(endpoint)
        } catch {
            throw .zmq(error)
        }
        self.timeoutMs = timeoutMs
        self.maxRetries = maxRetries
    }

    /// Closes the socket and context.
    public func close() {
        socket.close()
        context.close()
    }

    deinit { close() }

    private func makeRequestID() -> [UInt8] {
        nextRequest += 1
        return Array("r\(nextRequest)".utf8)
    }

    /// Submits one article and waits for its final outcome.
    public func submit(_ submission: Submission) throws(ClientError) -> SubmitOutcome {
        try submitAll([submission]).first!
    }

    /// Submits every article, keeping up to `window` unanswered at once. `onOutcome` is called
    /// once per article as its final outcome arrives, with its index and the time from first
    /// send to that reply. With `ratePerSecond`, first sends are paced to that offered load.
    /// Returns the outcomes in input order.
    @discardableResult
    public func submitAll(_ submissions: [Submission], window: Int = 256, ratePerSecond: Double? = nil,
                          onOutcome: (Int, SubmitOutcome, Duration) -> Void = { _, _, _ in }) throws(ClientError) -> [SubmitOutcome] {
        struct Pending {
            var index: Int
            var frames: [[UInt8]]
            var firstSent: ContinuousClock.Instant
            var lastSent: ContinuousClock.Instant
            var retries: Int
        }
        var outcomes = [SubmitOutcome?](repeating: nil, count: submissions.count)
        var pending: [[UInt8]: Pending] = [:]
        var scheduled: [(at: ContinuousClock.Instant, id: [UInt8])] = []
        var next = 0
        var done = 0
        var poller = Poller()
        let s = poller.add(socket)
        var rng = SystemRandomNumberGenerator()
        let start = clock.now
        let scanInterval = Duration.milliseconds(max(10, timeoutMs / 4))
        var nextTimeoutScan = start + scanInterval
        func dueTime(_ i: Int) -> ContinuousClock.Instant {
            guard let rate = ratePerSecond, rate > 0 else { return start }
            return start + .nanoseconds(Int64(Double(i) / rate * 1e9))
        }

        func finish(_ id: [UInt8], _ outcome: SubmitOutcome) {
            guard let p = pending.removeValue(forKey: id) else { return }
            outcomes[p.index] = outcome
            done += 1
            onOutcome(p.index, outcome, clock.now - p.firstSent)
        }

        // Sends never block: a DEALER whose connection failed its handshake (a CURVE key the
        // broker refuses, or no key at all) has no pipe left, and a blocking send would wait
        // forever. An unsent request stays pending and ends like an unanswered one.
        do throws(ZMQError) {
            while done < submissions.count {
                let now = clock.now
                // Fill the window.
                while next < submissions.count && pending.count < window && dueTime(next) <= now {
                    let id = makeRequestID()
                    let frames = ClientRequest(requestID: id, body: .submit(submissions[next])).frames()
                    _ = try socket.send(frames, dontWait: true)
                    pending[id] = Pending(index: next, frames: frames, firstSent: now, lastSent: now, retries: 0)
                    next += 1
                }
                // Re-send what is due (BUSY back-off elapsed, or no reply in time).
                var keep: [(at: ContinuousClock.Instant, id: [UInt8])] = []
                for item in scheduled {
                    if item.at <= now, var p = pending[item.id] {
                        _ = try socket.send(p.frames, dontWait: true)
                        p.lastSent = now
                        pending[item.id] = p
                    } else if item.at > now {
                        keep.append(item)
                    }
                }
                scheduled = keep
                // Look for timed-out requests a few times per timeout, not on every wake-up: a
                // scan visits every pending request, and a full window holds a thousand.
                if now >= nextTimeoutScan {
                    nextTimeoutScan = now + scanInterval
                    let waiting = Set(scheduled.lazy.map(\.id))
                    for (id, p) in pending where now - p.lastSent > .milliseconds(timeoutMs) && !waiting.contains(id) {
                        if p.retries >= maxRetries {
                            finish(id, .gaveUp(reason: "no reply after \(p.retries + 1) tries"))
                            continue
                        }
                        var q = p
                        q.retries += 1
                        q.lastSent = now
                        pending[id] = q
                        _ = try socket.send(q.frames, dontWait: true)
                    }
                }
                if done >= submissions.count { break }
                var wait = 50
                if next < submissions.count && ratePerSecond != nil {
                    // Round up: a zero timeout would spin and steal the CPU the broker needs.
                    let d = dueTime(next) - clock.now
                    let micros = d.components.seconds * 1_000_000 + d.components.attoseconds / 1_000_000_000_000
                    wait = max(0, min(wait, Int((micros + 999) / 1000)))
                }
                _ = try poller.poll(timeoutMilliseconds: wait)
                guard poller.ready(s).contains(.readable) else { continue }
                while let frames = try socket.receive(dontWait: true) {
                    guard let reply = try? BrokerReply.decode(frames), var p = pending[reply.requestID] else { continue }
                    if let outcome = SubmitOutcome.from(reply) {
                        finish(reply.requestID, outcome)
                        continue
                    }
                    // BUSY or ERROR: try again later, politely.
                    if p.retries >= maxRetries {
                        finish(reply.requestID, .gaveUp(reason: "broker stayed \(reply.status.rawValue.lowercased())"))
                        continue
                    }
                    p.retries += 1
                    let base = reply.status == .busy ? SubmitOutcome.retryAfter(reply) : 500
                    let delay = base + Int.random(in: 0...max(1, base / 4), using: &rng)
                    p.lastSent = clock.now + .milliseconds(delay)  // not counted as timed out meanwhile
                    pending[reply.requestID] = p
                    scheduled.append((clock.now + .milliseconds(delay), reply.requestID))
                }
            }
        } catch {
            throw .zmq(error)
        }
        return outcomes.map { $0! }
    }

    /// Sends an admin or replay request and waits for its reply.
    public func request(_ body: ClientRequest.Body, timeoutMs: Int? = nil) throws(ClientError) -> BrokerReply {
        let id = makeRequestID()
        var poller = Poller()
        _ = poller.add(socket)
        let deadline = clock.now + .milliseconds(timeoutMs ?? self.timeoutMs)
        var sent = false
        do throws(ZMQError) {
            // Never blocks: see submitAll.
            sent = try socket.send(ClientRequest(requestID: id, body: body).frames(), dontWait: true)
            while sent && clock.now < deadline {
                let left = deadline - clock.now
                _ = try poller.poll(timeoutMilliseconds: max(1, Int(left.components.seconds * 1000 + left.components.attoseconds / 1_000_000_000_000_000)))
                while let frames = try socket.receive(dontWait: true) {
                    guard let reply = try? BrokerReply.decode(frames), reply.requestID == id else { continue }
                    return reply
                }
            }
        } catch {
            throw .zmq(error)
        }
        if !sent { throw .timeout("no connection to the broker (a refused CURVE handshake?)") }
        throw .timeout("no reply from the broker")
    }
}
