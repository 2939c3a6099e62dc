import Dispatch
import Foundation
import Logging
import Metrics
import Synchronization
import ZeroMQ

/// The broker's ZAP 1.0 handler (ZeroMQ RFC 27): a REP socket at `inproc://zeromq.zap.01` in the
/// broker's context, on its own thread ("tinq-zap"), that lets in CURVE clients whose public key
/// is in the authorized set and refuses every other one (status 400), logging and counting the
/// refusals. libzmq asks it during each CURVE handshake on the broker's sockets; a refused peer
/// never gets a message through.
final class ZAPHandler: Sendable {
    static let endpoint = "inproc://zeromq.zap.01"

    private let stopRequested = Atomic<Bool>(false)
    private let finished = DispatchSemaphore(value: 0)
    /// Read for every handshake; replaced whole by ``replaceAuthorized(_:)`` (a reload).
    private let authorized: Mutex<Set<CurveKey>>

    /// Binds the handler in `context` and starts its thread; returns once it is bound, so no
    /// handshake can happen before it answers.
    init(context: Context, authorized: Set<CurveKey>, logger: Logger) throws(ZMQError) {
        self.authorized = Mutex(authorized)
        let bound = DispatchSemaphore(value: 0)
        let startup = Mutex<ZMQError?>(nil)
        let thread = Thread { [self] in
            ThreadName.set("tinq-zap")
            defer { finished.signal() }
            let socket: Socket
            do throws(ZMQError) {
                socket = try Socket(context: context, type: .rep)
                try socket.setLinger(0)
                try socket.bind(ZAPHandler.endpoint)
            } catch {
                startup.withLock { $0 = error }
                bound.signal()
                return
            }
            bound.signal()
            serve(socket, logger: logger)
            socket.close()
        }
        thread.name = "tinq-zap"
        thread.start()
        bound.wait()
        if let error = startup.withLock({ $0 }) {
            finished.wait()
            throw error
        }
    }

    /// Replaces the authorized keys; the next handshake is decided by the new set. Peers already
    /// connected stay connected: ZAP only runs during a handshake (the broker resets its
    /// connections when keys were removed). Returns how many keys were added and removed.
    @discardableResult
    func replaceAuthorized(_ keys: Set<CurveKey>) -> (added: Int, removed: Int) {
        authorized.withLock { current in
            defer { current = keys }
            return (keys.subtracting(current).count, current.subtracting(keys).count)
        }
    }

    /// How many keys are authorized now.
    var authorizedCount: Int { authorized.withLock { $0.count } }

    /// Stops the thread and waits for it to close its socket. Call once, before the context closes.
    func stop() {
        stopRequested.store(true, ordering: .releasing)
        finished.wait()
    }

    private func serve(_ socket: Socket, logger: Logger) {
        let refusals = Counter(label: "tinq_auth_refusals_total")
        let admitted = Counter(label: "tinq_auth_accepted_total")
        var lastLogged: [String: ContinuousClock.Instant] = [:]
        var poller = Poller()
        let index = poller.add(socket)
        while !stopRequested.load(ordering: .acquiring) {
            do {
                _ = try poller.poll(timeoutMilliseconds: 100)
                guard poller.ready(index).contains(.readable), let request = try socket.receive(dontWait: true) else { continue }
                let decision = authorized.withLock { ZAPHandler.decide(request, authorized: $0) }
                if decision.allowed {
                    admitted.increment()
                } else {
                    refusals.increment()
                    // A refused client reconnects every few hundred ms: log each peer once a minute.
                    let who = "\(decision.address) \(decision.publicKey ?? "-")"
                    let now = ContinuousClock.now
                    if lastLogged[who].map({ now - $0 > .seconds(60) }) ?? true {
                        if lastLogged.count > 10_000 { lastLogged.removeAll() }
                        lastLogged[who] = now
                        logger.warning("Refused a client: its CURVE public key is not authorized.", metadata: [
                            "peer.address": "\(decision.address)", "peer.publicKey": "\(decision.publicKey ?? "-")",
                            "zap.mechanism": "\(decision.mechanism)", "zap.reason": "\(decision.text)",
                        ])
                    }
                }
                _ = try socket.send(decision.reply)
            } catch {
                if error.isTerminated { break }
                logger.error("ZAP handler failed on a request.", metadata: ["error": "\(error)"])
            }
        }
    }

    /// What the handler answers to one ZAP request.
    struct Decision {
        var allowed: Bool
        var text: String
        var address: String
        var mechanism: String
        /// The client's public key in Z85 (public, safe to log), when the request carried one.
        var publicKey: String?
        var reply: [[UInt8]]
    }

    /// Decides a ZAP request: version "1.0", request id, domain, address, identity, mechanism,
    /// credentials. Only CURVE with an authorized key gets 200; the user id is the key.
    static func decide(_ frames: [[UInt8]], authorized: Set<CurveKey>) -> Decision {
        func text(_ i: Int) -> String { i < frames.count ? String(decoding: frames[i], as: UTF8.self) : "" }
        let requestID = frames.count > 1 ? frames[1] : []
        func answer(_ allowed: Bool, _ status: String, _ why: String, key: String?) -> Decision {
            let user = allowed ? Array((key ?? "").utf8) : []
            return Decision(allowed: allowed, text: why, address: text(3), mechanism: text(5), publicKey: key,
                            reply: [Array("1.0".utf8), requestID, Array(status.utf8), Array(why.utf8), user, []])
        }
        guard frames.count >= 6, text(0) == "1.0" else { return answer(false, "500", "malformed ZAP request", key: nil) }
        guard text(5) == "CURVE", frames.count == 7 else { return answer(false, "400", "only CURVE clients are accepted", key: nil) }
        guard let key = try? CurveKey(binary: frames[6]) else { return answer(false, "400", "bad CURVE credentials", key: nil) }
        guard authorized.contains(key) else { return answer(false, "400", "public key not authorized", key: key.z85) }
        return answer(true, "200", "OK", key: key.z85)
    }
}
