import Foundation
import TinqProtocol
import ZeroMQ

/// A results subscriber that delivers every result of its topic exactly once, in sequence order,
/// with no gap: the ZeroMQ Guide's Clone pattern.
///
/// It subscribes first, then (with a start sequence) replays stored results from the broker, then
/// goes live, dropping live results it already has. Each published result names the previous
/// sequence number on its topic, so a result that does not follow the last one delivered reveals
/// a gap (the subscriber fell behind and PUB dropped for it, or the broker restarted): the
/// subscriber replays the missing range before going on.
///
/// Not thread-safe: use it from one thread.
public final class Subscriber {
    private let context: Context
    private let sub: Socket
    private let admin: Producer
    private let replayLabels: [String]
    private let localFilter: Set<String>?
    private var lastSeq: UInt64?
    private var needsReplay: Bool
    private var ready: [ResultRecord] = []
    private var readyIndex = 0

    /// Gaps found and filled by replay so far.
    public private(set) var gapsHealed = 0

    /// How long without a live result before the subscriber asks the broker (a REPLAY from the
    /// last delivered seq) whether it missed results. A gap shows in the next live result, but
    /// results dropped at the very end of a burst have no next one: without this probe a
    /// subscriber that fell behind on the last results would wait for them forever.
    public var idleProbeMs = 1000
    private var lastHeard = ContinuousClock.now

    /// Subscribes to results for `labels` (empty: every result). With `fromSeq`, starts with the
    /// stored results from that sequence number on; without, starts with the next live result.
    /// `curve` (the broker's public key and this client's key pair) is used for both the SUB
    /// socket and the replay requests when the broker uses CURVE.
    public init(resultsEndpoint: String, frontendEndpoint: String, labels: [String] = [], fromSeq: UInt64? = nil,
                curve: CurveClientKeys? = nil) throws(ClientError) {
        do {
            context = try Context(ioThreads: 1)
            sub = try Socket(context: context, type: .sub)
            try sub.setLinger(0)
            try sub.setReceiveHighWaterMark(0)
            // One label: let the broker filter by topic. Several: take `all` (each result once)
            // and filter here, so a result with two wanted labels is not delivered twice.
            try sub.subscribe(labels.count == 1 ? Wire.topic(forLabel: labels[0]) : Wire.allTopic)
            try curve?.apply(to: sub)
            try sub.connect(resultsEndpoint)
        } catch {
            throw .zmq(error)
        }
        admin = try Producer(endpoint: frontendEndpoint, curve: curve)
        replayLabels = labels.count == 1 ? labels : []
        localFilter = labels.count > 1 ? Set(labels) : nil
        if let fromSeq {
            lastSeq = fromSeq > 0 ? fromSeq - 1 : 0
            needsReplay = true
        } else {
            needsReplay = false
        }
    }

    /// Closes the sockets.
    public func close() {
        sub.close()
        admin.close()
        context.close()
    }

    deinit { close() }

    /// The sequence number of the last result delivered (on this subscriber's topic).
    public var lastDeliveredSeq: UInt64? { lastSeq }

    /// The next result, or nil if none arrived within `timeoutMs`.
    public func next(timeoutMs: Int) throws(ClientError) -> ResultRecord? {
        let clock = ContinuousClock()
        let deadline = clock.now + .milliseconds(timeoutMs)
        while true {
            if readyIndex < ready.count {
                let r = ready[readyIndex]
                readyIndex += 1
                if readyIndex == ready.count { ready.removeAll(keepingCapacity: true); readyIndex = 0 }
                return r
            }
            if needsReplay {
                try replay()
                needsReplay = false
                continue
            }
            if lastSeq != nil, clock.now - lastHeard > .milliseconds(idleProbeMs) {
                lastHeard = clock.now
                probeForMissedResults()
                if readyIndex < ready.count { continue }
            }
            let left = min(deadline - clock.now, .milliseconds(idleProbeMs))
            let ms = Int(left.components.seconds * 1000 + left.components.attoseconds / 1_000_000_000_000_000)
            if deadline <= clock.now { return nil }
            var poller = Poller()
            let s = poller.add(sub)
            do {
                _ = try poller.poll(timeoutMilliseconds: max(1, ms))
                guard poller.ready(s).contains(.readable) else { continue }
                lastHeard = clock.now
                while let frames = try sub.receive(dontWait: true) {
                    guard let published = try? PublishedResult.decode(frames) else { continue }
                    accept(published)
                    if needsReplay { break }
                }
            } catch {
                throw .zmq(error)
            }
        }
    }

    private func accept(_ p: PublishedResult) {
        let seq = p.record.seq
        if let last = lastSeq {
            if seq <= last { return }  // already delivered (replay overlap)
            if p.previousSeq != last {
                gapsHealed += 1
                needsReplay = true  // the replay also brings this result
                return
            }
        }
        lastSeq = seq
        deliver(p.record)
    }

    private func deliver(_ r: ResultRecord) {
        if let filter = localFilter, !r.labels.contains(where: filter.contains) { return }
        ready.append(r)
    }

    /// The idle probe: replays from the last delivered seq. Finding nothing is the normal case;
    /// a broker that does not answer now is asked again at the next probe.
    private func probeForMissedResults() {
        let before = ready.count - readyIndex
        do {
            try replay(timeoutMs: 1000)
        } catch {
            return
        }
        if ready.count - readyIndex > before { gapsHealed += 1 }
    }

    private func replay(timeoutMs: Int = 30_000) throws(ClientError) {
        while true {
            let from = (lastSeq ?? 0) + 1
            let reply = try admin.request(.replay(ReplayRequest(fromSeq: from, limit: ReplayRequest.maxLimit, labels: replayLabels)), timeoutMs: timeoutMs)
            guard reply.status == .ok else {
                throw .refused(status: reply.status.rawValue, message: String(decoding: reply.json, as: UTF8.self))
            }
            let records: [ResultRecord]
            do { records = try ResultRecord.decodeReplay(reply.extra) } catch { throw .protocolError(error) }
            for r in records where r.seq > (lastSeq ?? 0) {
                lastSeq = r.seq
                deliver(r)
            }
            let summary = (try? JSONSerialization.jsonObject(with: Data(reply.json))) as? [String: Any] ?? [:]
            if records.isEmpty || (summary["more"] as? Bool) != true { return }
        }
    }
}
