import Foundation
import Testing
import TinqProtocol

@testable import TinqBroker

typealias Action = BrokerStateMachine.Action

/// The UTF-8 bytes of `text`.
func bytes(_ text: String) -> [UInt8] { Array(text.utf8) }

/// Drives a ``BrokerStateMachine`` the way ``BrokerEngine`` does, with a hand-moved clock, and
/// answers the store's actions the way the store would (ids from 1 up).
struct MachineDriver {
    var machine: BrokerStateMachine
    var now: Int64 = 1_000_000
    var nextJobID: UInt64 = 1
    static let client = bytes("producer-1")

    init(policy: BrokerPolicy = BrokerPolicy()) {
        machine = BrokerStateMachine(policy: policy)
    }

    static func submission(_ n: Int, url: String? = nil) -> Submission {
        Submission(metadata: SubmitMetadata(id: "a\(n)", url: url), body: bytes("Bài báo số \(n)"))
    }

    /// SUBMIT only: returns the actions (an insert, or a BUSY reply).
    mutating func submit(_ submission: Submission, requestID: [UInt8] = bytes("r")) -> [Action] {
        var actions: [Action] = []
        machine.submitted(client: Self.client, requestID: requestID, submission: submission, now: now, actions: &actions)
        return actions
    }

    /// The store answers the insert actions among `actions` with `outcome` (accepted gets fresh ids).
    mutating func answerInserts(in actions: [Action], outcome: (BrokerStateMachine.PendingSubmission) -> BrokerStateMachine.InsertOutcome? = { _ in nil }) -> [Action] {
        var out: [Action] = []
        for case .insert(let batch) in actions {
            let outcomes = batch.map { pending -> (BrokerStateMachine.PendingSubmission, BrokerStateMachine.InsertOutcome) in
                if let o = outcome(pending) { return (pending, o) }
                defer { nextJobID += 1 }
                return (pending, .accepted(jobID: nextJobID))
            }
            machine.inserted(outcomes, now: now, actions: &out)
            machine.insertsDurable(outcomes, actions: &out)
        }
        return out
    }

    /// Submits and accepts `count` jobs; returns every action of the answers (replies, deliveries).
    mutating func accept(_ count: Int) -> [Action] {
        var out: [Action] = []
        for _ in 0..<count {
            let submitted = submit(Self.submission(Int(nextJobID)))
            out += answerInserts(in: submitted)
        }
        return out
    }

    mutating func send(_ worker: [UInt8], _ message: WorkerMessage) -> [Action] {
        var actions: [Action] = []
        machine.workerMessage(from: worker, message, now: now, actions: &actions)
        return actions
    }

    mutating func ready(_ worker: [UInt8], credit: Int) -> [Action] {
        send(worker, .ready(WorkerHello(name: String(decoding: worker, as: UTF8.self), pid: 1, credit: credit)))
    }

    mutating func tick() -> [Action] {
        var actions: [Action] = []
        machine.tick(now: now, actions: &actions)
        return actions
    }

    mutating func stored(_ records: [ResultRecord]) -> [Action] {
        var actions: [Action] = []
        machine.resultsStored(records, now: now, actions: &actions)
        return actions
    }

    /// A worker answers a delivery with a result, and the store stores it as `seq`.
    mutating func complete(_ worker: [UInt8], _ job: JobDelivery, seq: UInt64, labels: [String] = ["award"]) -> [Action] {
        var out = send(worker, .result(jobID: job.jobID, attempt: job.attempt, labels: labels, result: bytes("{}")))
        for case .storeResult(let id, let l, let r) in out {
            out += stored([ResultRecord(seq: seq, jobID: id, labels: l, result: r)])
        }
        return out
    }
}

// MARK: Reading actions

extension Array where Element == Action {
    var deliveries: [(worker: [UInt8], job: JobDelivery)] {
        compactMap { if case .sendToWorker(let w, .job(let j)) = $0 { (w, j) } else { nil } }
    }

    func deliveries(to worker: [UInt8]) -> [JobDelivery] { deliveries.filter { $0.worker == worker }.map(\.job) }

    var replies: [BrokerReply] { compactMap { if case .reply(_, let r) = $0 { r } else { nil } } }

    var inserts: [BrokerStateMachine.PendingSubmission] {
        flatMap { action -> [BrokerStateMachine.PendingSubmission] in if case .insert(let b) = action { b } else { [] } }
    }

    var storeResults: [UInt64] { compactMap { if case .storeResult(let id, _, _) = $0 { id } else { nil } } }

    var deadLetters: [(jobID: UInt64, attempts: UInt32, error: String)] {
        compactMap { if case .deadLetter(let id, let a, let e) = $0 { (id, a, e) } else { nil } }
    }

    var publishes: [(record: ResultRecord, submittedAt: Int64)] {
        compactMap { if case .publish(let r, let at) = $0 { (r, at) } else { nil } }
    }

    var recordedDeliveries: [(jobID: UInt64, attempts: UInt32, failures: UInt32)] {
        compactMap { if case .recordDelivery(let id, let a, let f) = $0 { (id, a, f) } else { nil } }
    }

    var notes: [BrokerStateMachine.Note] { compactMap { if case .note(let n) = $0 { n } else { nil } } }

    func heartbeats(to worker: [UInt8]) -> Int {
        filter { if case .sendToWorker(let w, .heartbeat) = $0 { w == worker } else { false } }.count
    }

    func disconnects(to worker: [UInt8]) -> Int {
        filter { if case .sendToWorker(let w, .disconnect) = $0 { w == worker } else { false } }.count
    }

    var retriesScheduled: [(jobID: UInt64, failures: UInt32, delayMs: Int64)] {
        notes.compactMap { if case .retryScheduled(let id, let f, let d, _) = $0 { (id, f, d) } else { nil } }
    }
}

/// The JSON object of a reply, parsed independently.
func replyJSON(_ reply: BrokerReply) -> [String: Any]? {
    (try? JSONSerialization.jsonObject(with: Data(reply.json))) as? [String: Any]
}

