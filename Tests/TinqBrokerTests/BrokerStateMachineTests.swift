import Foundation
import Testing
import TinqProtocol

@testable import TinqBroker

@Suite("BrokerStateMachine")
struct BrokerStateMachineTests {
    static let w1 = bytes("worker-1")
    static let w2 = bytes("worker-2")

    static func policy(_ change: (inout BrokerPolicy) -> Void = { _ in }) -> BrokerPolicy {
        var p = BrokerPolicy()
        change(&p)
        return p
    }

    // MARK: Submissions

    @Test("SUBMIT asks the store to insert; ACCEPTED only after the store answers, then the job goes to a READY worker")
    func submitToDelivery() throws {
        var d = MachineDriver()
        _ = d.ready(Self.w1, credit: 4)
        let submission = MachineDriver.submission(1, url: "https://Example.vn/a#x")
        let first = d.submit(submission, requestID: bytes("req-1"))
        #expect(first.replies.isEmpty, "no reply before the store committed")
        let pending = try #require(first.inserts.first)
        #expect(first.inserts.count == 1)
        #expect(pending.client == MachineDriver.client)
        #expect(pending.requestID == bytes("req-1"))
        #expect(pending.dedupeKey == DedupeKey.make(metadata: submission.metadata, body: submission.body))
        #expect(pending.receivedAt == d.now)
        #expect(d.machine.heldCount == 1)
        #expect(!d.machine.isQuiescent, "a submission being stored is not quiescent")

        d.now += 5
        let answered = d.answerInserts(in: first) { _ in .accepted(jobID: 77) }
        #expect(answered.replies == [.accepted(jobID: 77, requestID: bytes("req-1"))])
        let delivery = try #require(answered.deliveries(to: Self.w1).first)
        #expect(answered.deliveries.count == 1)
        #expect(delivery == JobDelivery(jobID: 77, attempt: 1, metadataJSON: submission.metadataJSON, body: submission.body))
        // A first delivery is not written to disk; only redeliveries are (see dispatch).
        #expect(answered.recordedDeliveries.isEmpty)
        #expect(d.machine.inFlightCount == 1)
        #expect(d.machine.totals.accepted == 1)
    }

    @Test("a duplicate outcome is answered DUPLICATE naming the earlier job and queues nothing")
    func duplicate() throws {
        var d = MachineDriver()
        _ = d.ready(Self.w1, credit: 4)
        let out = d.answerInserts(in: d.submit(MachineDriver.submission(1), requestID: bytes("dup"))) { _ in .duplicate(of: 12) }
        #expect(out.replies == [.duplicate(of: 12, requestID: bytes("dup"))])
        #expect(out.deliveries.isEmpty)
        #expect(d.machine.queuedCount == 0)
        #expect(d.machine.heldCount == 0)
        #expect(d.machine.totals.duplicates == 1)
        #expect(d.machine.totals.accepted == 0)
    }

    @Test("a failed store is answered ERROR storage_failed with the store's message")
    func storeFailed() throws {
        var d = MachineDriver()
        _ = d.ready(Self.w1, credit: 4)
        let out = d.answerInserts(in: d.submit(MachineDriver.submission(1), requestID: bytes("e1"))) { _ in .failed("disk I/O error") }
        let reply = try #require(out.replies.first)
        #expect(reply.status == .error)
        #expect(reply.requestID == bytes("e1"))
        let json = try #require(replyJSON(reply))
        #expect(json["code"] as? String == "storage_failed")
        #expect(json["message"] as? String == "disk I/O error")
        #expect(out.deliveries.isEmpty)
        #expect(d.machine.heldCount == 0)
        #expect(d.machine.totals.storeFailures == 1)
    }

    @Test("one insert batch with mixed outcomes answers each producer by its own request id")
    func mixedBatch() {
        var d = MachineDriver()
        var actions: [Action] = []
        var pendings: [BrokerStateMachine.PendingSubmission] = []
        for n in 1...3 {
            pendings += d.submit(MachineDriver.submission(n), requestID: bytes("r\(n)")).inserts
        }
        let outcomes: [(BrokerStateMachine.PendingSubmission, BrokerStateMachine.InsertOutcome)] =
            [(pendings[0], .accepted(jobID: 1)), (pendings[1], .duplicate(of: 1)), (pendings[2], .failed("x"))]
        d.machine.inserted(outcomes, now: d.now, actions: &actions)
        #expect(actions.replies.isEmpty, "written is not yet on disk: nobody hears back")
        d.machine.insertsDurable(outcomes, actions: &actions)
        #expect(actions.replies.map(\.status) == [.accepted, .duplicate, .error])
        #expect(actions.replies.map(\.requestID) == [bytes("r1"), bytes("r2"), bytes("r3")])
        #expect(d.machine.heldCount == 1)
        #expect(d.machine.queuedCount == 1)
    }

    @Test("a written insert runs before it is on disk; its producer hears accepted only once it is")
    func workBeforeDurability() throws {
        var d = MachineDriver()
        _ = d.send(bytes("w1"), .ready(WorkerHello(name: "w1", pid: 1, credit: 4)))
        var pendings: [BrokerStateMachine.PendingSubmission] = []
        for case .insert(let batch) in d.submit(MachineDriver.submission(1)) { pendings += batch }
        let outcomes = [(try #require(pendings.first), BrokerStateMachine.InsertOutcome.accepted(jobID: 7))]
        var actions: [Action] = []
        d.machine.inserted(outcomes, now: d.now, actions: &actions)
        #expect(actions.deliveries.map(\.job.jobID) == [7])
        #expect(actions.replies.isEmpty)
        #expect(d.machine.totals.accepted == 0)
        actions.removeAll()
        d.machine.insertsDurable(outcomes, actions: &actions)
        #expect(actions.replies.map(\.status) == [.accepted])
        #expect(actions.deliveries.isEmpty)
        #expect(d.machine.totals.accepted == 1)
    }

    @Test("when the held jobs reach maxQueuedJobs, SUBMIT is answered BUSY queue_full until one finishes")
    func queueFull() throws {
        var d = MachineDriver(policy: Self.policy { $0.maxQueuedJobs = 2; $0.busyRetryAfterMs = 150 })
        let a = d.submit(MachineDriver.submission(1))
        let b = d.submit(MachineDriver.submission(2))
        #expect(a.inserts.count == 1 && b.inserts.count == 1)
        let busy = d.submit(MachineDriver.submission(3), requestID: bytes("third"))
        #expect(busy.inserts.isEmpty)
        let reply = try #require(busy.replies.first)
        #expect(reply.status == .busy)
        #expect(reply.requestID == bytes("third"))
        let json = try #require(replyJSON(reply))
        #expect(json["reason"] as? String == "queue_full")
        #expect(json["retry_after_ms"] as? Int == 150)
        #expect(d.machine.totals.busy == 1)

        // Stored jobs still count; a finished one frees a place.
        _ = d.answerInserts(in: a + b)
        #expect(d.submit(MachineDriver.submission(4)).replies.first?.status == .busy)
        let delivered = d.ready(Self.w1, credit: 1).deliveries(to: Self.w1)
        let job = try #require(delivered.first)
        _ = d.complete(Self.w1, job, seq: 1)
        #expect(d.submit(MachineDriver.submission(5)).inserts.count == 1)
    }

    // MARK: Credit and fairness

    @Test("a worker never holds more than its credit; each answer frees exactly one slot")
    func creditRespected() throws {
        var d = MachineDriver()
        _ = d.ready(Self.w1, credit: 3)
        let first = d.accept(10)
        #expect(first.deliveries.count == 3)
        #expect(d.machine.inFlightCount == 3)
        #expect(d.machine.queuedCount == 7)
        let job = try #require(first.deliveries.first?.job)
        let next = d.send(Self.w1, .result(jobID: job.jobID, attempt: job.attempt, labels: [], result: bytes("{}")))
        #expect(next.storeResults == [job.jobID])
        #expect(next.deliveries.count == 1)
        #expect(d.machine.inFlightCount == 3)
        #expect(d.machine.queuedCount == 6)
    }

    @Test("100 jobs over two workers of credit 10: round robin, both busy, neither above its credit, each job delivered once")
    func fairRoundRobin() throws {
        var d = MachineDriver()
        _ = d.ready(Self.w1, credit: 10)
        _ = d.ready(Self.w2, credit: 10)
        var actions = d.accept(100)
        let firstTwenty = actions.deliveries.map(\.worker)
        #expect(firstTwenty.count == 20)
        #expect(firstTwenty.filter { $0 == Self.w1 }.count == 10)
        #expect(firstTwenty.filter { $0 == Self.w2 }.count == 10)
        #expect(zip(firstTwenty, firstTwenty.dropFirst()).allSatisfy { $0 != $1 }, "deliveries alternate between the workers")

        var held: [[UInt8]: [JobDelivery]] = [Self.w1: [], Self.w2: []]
        var delivered: [UInt64: Int] = [:]
        var perWorker: [[UInt8]: Int] = [:]
        var seq: UInt64 = 0
        var rounds = 0
        while true {
            for (worker, job) in actions.deliveries {
                held[worker, default: []].append(job)
                delivered[job.jobID, default: 0] += 1
                perWorker[worker, default: 0] += 1
                #expect(job.attempt == 1)
            }
            for worker in [Self.w1, Self.w2] {
                #expect(held[worker]!.count <= 10, "worker \(worker) holds \(held[worker]!.count) jobs")
            }
            if held.values.allSatisfy(\.isEmpty) { break }
            rounds += 1
            try #require(rounds < 1000, "the jobs never drained")
            actions = []
            // Worker 1 is twice as fast as worker 2.
            for (worker, answers) in [(Self.w1, 2), (Self.w2, 1)] {
                for _ in 0..<answers where !held[worker]!.isEmpty {
                    let job = held[worker]!.removeFirst()
                    seq += 1
                    actions += d.complete(worker, job, seq: seq)
                }
            }
        }
        #expect(delivered.count == 100)
        #expect(delivered.values.allSatisfy { $0 == 1 })
        #expect(perWorker[Self.w1, default: 0] + perWorker[Self.w2, default: 0] == 100)
        #expect(perWorker[Self.w1, default: 0] > perWorker[Self.w2, default: 0], "the faster worker gets more work")
        #expect(perWorker[Self.w2, default: 0] >= 10)
        #expect(d.machine.totals.completed == 100)
        #expect(d.machine.isQuiescent)
        #expect(d.machine.heldCount == 0)
    }

    @Test("under light load a job goes to the worker holding the fewest jobs, not the next in turn")
    func leastLoadedUnderLightLoad() throws {
        var d = MachineDriver()
        _ = d.ready(Self.w1, credit: 8)
        _ = d.ready(Self.w2, credit: 8)
        // Two jobs: one each. Worker 2 answers; worker 1 is still on a long article.
        let first = d.accept(2).deliveries
        #expect(Set(first.map(\.worker)) == [Self.w1, Self.w2])
        let onW2 = try #require(first.first { $0.worker == Self.w2 }?.job)
        _ = d.complete(Self.w2, onW2, seq: 1)
        // The next three jobs: round robin would give worker 1 one of them to queue behind its
        // long article; least-loaded gives the first to idle worker 2, then alternates by load.
        let next = d.accept(3).deliveries.map(\.worker)
        #expect(next.first == Self.w2, "the idle worker first: \(next)")
        #expect(next.filter { $0 == Self.w2 }.count == 2 && next.filter { $0 == Self.w1 }.count == 1, "\(next)")
    }

    @Test("jobs accepted while no worker is registered wait, and go out when one sends READY")
    func queuedUntilReady() {
        var d = MachineDriver()
        #expect(d.accept(3).deliveries.isEmpty)
        #expect(d.machine.queuedCount == 3)
        #expect(d.machine.isQuiescent, "queued jobs are durable: nothing in flight")
        let out = d.ready(Self.w1, credit: 8)
        #expect(out.deliveries(to: Self.w1).map(\.jobID) == [1, 2, 3], "in submission order")
        #expect(out.notes.contains(.workerJoined(name: "worker-1", credit: 8)))
        #expect(d.machine.workerCount == 1)
    }

    // MARK: Results

    @Test("a result from the current attempt is stored, then published exactly once")
    func resultPublishedOnce() throws {
        var d = MachineDriver()
        _ = d.ready(Self.w1, credit: 1)
        let submittedAt = d.now
        let job = try #require(d.accept(1).deliveries.first?.job)
        d.now += 40
        let out = d.send(Self.w1, .result(jobID: job.jobID, attempt: job.attempt, labels: ["award", "dan_van"], result: bytes(#"{"t":1}"#)))
        #expect(out.contains { if case .storeResult(job.jobID, ["award", "dan_van"], bytes(#"{"t":1}"#)) = $0 { true } else { false } })
        #expect(out.publishes.isEmpty, "nothing is published before the store committed")
        #expect(!d.machine.isQuiescent, "a result being stored is not quiescent")

        let record = ResultRecord(seq: 9, jobID: job.jobID, labels: ["award", "dan_van"], result: bytes(#"{"t":1}"#))
        let first = d.stored([record])
        #expect(first.publishes.count == 1)
        #expect(first.publishes.first?.record == record)
        #expect(first.publishes.first?.submittedAt == submittedAt)
        #expect(d.stored([record]).publishes.isEmpty, "the same job is never published twice")
        #expect(d.machine.totals.completed == 1)
        #expect(d.machine.isQuiescent)
        #expect(d.machine.heldCount == 0)
    }

    @Test("a result for the wrong attempt is ignored and counted stale")
    func staleAttempt() throws {
        var d = MachineDriver()
        _ = d.ready(Self.w1, credit: 1)
        let job = try #require(d.accept(1).deliveries.first?.job)
        let out = d.send(Self.w1, .result(jobID: job.jobID, attempt: job.attempt + 1, labels: [], result: bytes("{}")))
        #expect(out.storeResults.isEmpty)
        #expect(out.notes == [.staleResult(jobID: job.jobID, attempt: job.attempt + 1)])
        #expect(d.machine.totals.staleResults == 1)
        #expect(d.machine.inFlightCount == 1, "the real lease is untouched")
        // The right answer still counts.
        #expect(d.send(Self.w1, .result(jobID: job.jobID, attempt: job.attempt, labels: [], result: bytes("{}"))).storeResults == [job.jobID])
    }

    @Test("a result or failure from a worker that does not hold the job is ignored and counted stale")
    func staleWorker() throws {
        var d = MachineDriver()
        _ = d.ready(Self.w1, credit: 1)
        let job = try #require(d.accept(1).deliveries(to: Self.w1).first)
        _ = d.ready(Self.w2, credit: 1)
        let result = d.send(Self.w2, .result(jobID: job.jobID, attempt: job.attempt, labels: [], result: bytes("{}")))
        let failure = d.send(Self.w2, .failure(jobID: job.jobID, attempt: job.attempt, JobFailure(code: "x", message: "y", retryable: false)))
        #expect(result.storeResults.isEmpty)
        #expect(failure.deadLetters.isEmpty)
        #expect(d.machine.totals.staleResults == 2)
        #expect(d.machine.totals.failedAttempts == 0)
        let unknownJob = d.send(Self.w1, .result(jobID: 999, attempt: 1, labels: [], result: bytes("{}")))
        #expect(unknownJob.storeResults.isEmpty)
        #expect(d.machine.totals.staleResults == 3)
        #expect(d.send(Self.w1, .result(jobID: job.jobID, attempt: job.attempt, labels: [], result: bytes("{}"))).storeResults == [job.jobID])
    }

    @Test("a result the store could not write sends the job back for another attempt")
    func resultStoreFailed() throws {
        var d = MachineDriver()
        _ = d.ready(Self.w1, credit: 1)
        let job = try #require(d.accept(1).deliveries.first?.job)
        _ = d.send(Self.w1, .result(jobID: job.jobID, attempt: 1, labels: [], result: bytes("{}")))
        var actions: [Action] = []
        d.machine.resultStoreFailed(jobID: job.jobID, error: "disk full", now: d.now, actions: &actions)
        let retry = try #require(actions.retriesScheduled.first)
        #expect(retry.jobID == job.jobID)
        #expect(d.machine.totals.storeFailures == 1)
        d.now += retry.delayMs
        let again = d.tick().deliveries(to: Self.w1)
        #expect(again.map(\.jobID) == [job.jobID])
        #expect(again.first?.attempt == 2)
    }

    // MARK: Failures and retries

    @Test("a retryable FAIL is retried after the back-off: not one millisecond before")
    func retryAfterBackoff() throws {
        var d = MachineDriver()
        _ = d.ready(Self.w1, credit: 1)
        let job = try #require(d.accept(1).deliveries.first?.job)
        let out = d.send(Self.w1, .failure(jobID: job.jobID, attempt: 1, JobFailure(code: "internal", message: "boom", retryable: true)))
        let retry = try #require(out.retriesScheduled.first)
        #expect(retry.jobID == job.jobID)
        #expect(retry.failures == 1)
        #expect(retry.delayMs == BrokerStateMachine.retryDelay(policy: d.machine.policy, jobID: job.jobID, failures: 1))
        #expect(out.recordedDeliveries.contains { $0.jobID == job.jobID && $0.failures == 1 }, "the failure count is persisted")
        #expect(out.deliveries.isEmpty)
        #expect(d.machine.queuedCount == 1, "a job waiting for its retry still counts as queued")
        #expect(d.machine.totals.retried == 1)
        #expect(d.machine.totals.failedAttempts == 1)

        let failedAt = d.now
        d.now = failedAt + retry.delayMs - 1
        #expect(d.tick().deliveries.isEmpty)
        d.now = failedAt + retry.delayMs
        let again = d.tick().deliveries(to: Self.w1)
        #expect(again.map(\.jobID) == [job.jobID])
        #expect(again.first?.attempt == 2)
    }

    @Test("nextTickDelay wakes the loop in time for a retry")
    func nextTickForRetry() throws {
        var d = MachineDriver(policy: Self.policy { $0.heartbeatIntervalMs = 10_000; $0.heartbeatTimeoutMs = 30_000 })
        #expect(d.machine.nextTickDelay(now: d.now) == 10_000)
        _ = d.ready(Self.w1, credit: 1)
        let job = try #require(d.accept(1).deliveries.first?.job)
        let retry = try #require(d.send(Self.w1, .failure(jobID: job.jobID, attempt: 1, JobFailure(code: "c", message: "m", retryable: true))).retriesScheduled.first)
        #expect(d.machine.nextTickDelay(now: d.now) == retry.delayMs)
        #expect(d.machine.nextTickDelay(now: d.now + retry.delayMs + 5) == 0)
    }

    @Test("a non-retryable FAIL dead-letters the job at once with its error")
    func nonRetryable() throws {
        var d = MachineDriver()
        _ = d.ready(Self.w1, credit: 1)
        let job = try #require(d.accept(1).deliveries.first?.job)
        let out = d.send(Self.w1, .failure(jobID: job.jobID, attempt: 1, JobFailure(code: "not_utf8", message: "bad byte", retryable: false)))
        let dead = try #require(out.deadLetters.first)
        #expect(out.deadLetters.count == 1)
        #expect(dead.jobID == job.jobID)
        #expect(dead.attempts == 1)
        #expect(dead.error.contains("not_utf8") && dead.error.contains("bad byte"))
        #expect(out.notes.contains(.deadLettered(jobID: job.jobID, failures: 1, error: dead.error)))
        #expect(out.retriesScheduled.isEmpty)
        #expect(d.machine.queuedCount == 0)
        #expect(d.machine.heldCount == 0)
        #expect(d.machine.totals.deadLettered == 1)
        d.now += 3_600_000
        _ = d.send(Self.w1, .heartbeat)
        #expect(d.tick().deliveries.isEmpty)
    }

    @Test("a dead letter is preceded by a delivery record carrying the final failure count, so the store keeps it")
    func deadLetterRecordsFailures() throws {
        var d = MachineDriver(policy: Self.policy { $0.maxAttempts = 2 })
        _ = d.ready(Self.w1, credit: 1)
        let job = try #require(d.accept(1).deliveries.first?.job)
        let out = d.send(Self.w1, .failure(jobID: job.jobID, attempt: 1, JobFailure(code: "c", message: "m", retryable: false)))
        let record = out.firstIndex { if case .recordDelivery(job.jobID, 1, 1) = $0 { true } else { false } }
        let dead = out.firstIndex { if case .deadLetter(job.jobID, _, _) = $0 { true } else { false } }
        #expect(record != nil && dead != nil && record! < dead!, "actions: \(out)")
    }

    @Test("after maxAttempts retryable failures the job is dead-lettered, not retried again")
    func maxAttempts() throws {
        var d = MachineDriver(policy: Self.policy { $0.maxAttempts = 3; $0.heartbeatTimeoutMs = 10_000_000 })
        _ = d.ready(Self.w1, credit: 1)
        var job = try #require(d.accept(1).deliveries.first?.job)
        for attempt in UInt32(1)...3 {
            #expect(job.attempt == attempt)
            let out = d.send(Self.w1, .failure(jobID: job.jobID, attempt: attempt, JobFailure(code: "c", message: "try \(attempt)", retryable: true)))
            if attempt < 3 {
                #expect(out.deadLetters.isEmpty)
                let retry = try #require(out.retriesScheduled.first)
                d.now += retry.delayMs
                job = try #require(d.tick().deliveries.first?.job)
            } else {
                #expect(out.retriesScheduled.isEmpty)
                let dead = try #require(out.deadLetters.first)
                #expect(dead.attempts == 3)
                #expect(dead.error.contains("try 3"))
            }
        }
        #expect(d.machine.totals.failedAttempts == 3)
        #expect(d.machine.totals.retried == 2)
        #expect(d.machine.heldCount == 0)
    }

    @Test("retryDelay doubles per failure, jitters within ±25%, and never exceeds retryMaxDelayMs")
    func retryDelayBounds() {
        let policy = Self.policy { $0.retryBaseDelayMs = 500; $0.retryMaxDelayMs = 60_000 }
        // Violations are summarised in one issue each, so a broken bound reads as one line, not thousands.
        var outsideJitter: [String] = []
        var aboveMax: [String] = []
        var notDeterministic: [String] = []
        for failures in UInt32(1)...40 {
            let nominal = min(policy.retryMaxDelayMs, policy.retryBaseDelayMs << Int64(min(failures - 1, 40)))
            var seen = Set<Int64>()
            for jobID in UInt64(1)...500 {
                let delay = BrokerStateMachine.retryDelay(policy: policy, jobID: jobID, failures: failures)
                seen.insert(delay)
                let where_ = "job \(jobID) failure \(failures): \(delay) ms"
                if Double(delay) < Double(nominal) * 0.75 - 1 || Double(delay) > Double(nominal) * 1.25 || delay < 1 { outsideJitter.append("\(where_), nominal \(nominal)") }
                if delay > policy.retryMaxDelayMs { aboveMax.append(where_) }
                if delay != BrokerStateMachine.retryDelay(policy: policy, jobID: jobID, failures: failures) { notDeterministic.append(where_) }
            }
            #expect(seen.count > 100, "the jitter spreads retries of different jobs (failure \(failures): \(seen.count) distinct)")
        }
        if !outsideJitter.isEmpty { Issue.record("\(outsideJitter.count) delays outside ±25% of nominal, first: \(outsideJitter[0])") }
        if !aboveMax.isEmpty { Issue.record("\(aboveMax.count) of 20000 delays above retryMaxDelayMs (\(policy.retryMaxDelayMs)), first: \(aboveMax[0])") }
        if !notDeterministic.isEmpty { Issue.record("\(notDeterministic.count) delays differ between calls, first: \(notDeterministic[0])") }
    }

    @Test("retryDelay grows exponentially until the cap")
    func retryDelayGrowth() {
        let policy = Self.policy { $0.retryBaseDelayMs = 100; $0.retryMaxDelayMs = 1_000_000 }
        func mean(_ failures: UInt32) -> Double {
            let sum = (UInt64(1)...400).reduce(0.0) { $0 + Double(BrokerStateMachine.retryDelay(policy: policy, jobID: $1, failures: failures)) }
            return sum / 400
        }
        for failures in UInt32(1)...12 {
            let ratio = mean(failures + 1) / mean(failures)
            #expect(ratio > 1.8 && ratio < 2.2, "failure \(failures) -> \(failures + 1): ratio \(ratio)")
        }
        let capped = Self.policy { $0.retryBaseDelayMs = 100; $0.retryMaxDelayMs = 1_000 }
        #expect(BrokerStateMachine.retryDelay(policy: capped, jobID: 3, failures: 1_000) <= 1_000)
        #expect(BrokerStateMachine.retryDelay(policy: capped, jobID: 3, failures: UInt32.max) <= 1_000)
    }

    // MARK: Lost workers

    /// Worker 1 holds three jobs; worker 2 is idle and alive; worker 1 then goes silent.
    static func lostWorkerScenario() throws -> (MachineDriver, [JobDelivery], [Action]) {
        var d = MachineDriver(policy: Self.policy { $0.heartbeatIntervalMs = 1_000; $0.heartbeatTimeoutMs = 3_000 })
        _ = d.ready(Self.w1, credit: 3)
        let held = d.accept(3).deliveries(to: Self.w1)
        try #require(held.count == 3)
        _ = d.ready(Self.w2, credit: 3)
        d.now += 3_001
        _ = d.send(Self.w2, .heartbeat)
        let out = d.tick()
        return (d, held, out)
    }

    @Test("a worker silent past the timeout is lost: its oldest job counts a failure, the others go to another worker with a higher attempt")
    func workerLost() throws {
        var (d, held, out) = try Self.lostWorkerScenario()
        #expect(out.notes.contains { if case .workerLost("worker-1", 3, _) = $0 { true } else { false } })
        #expect(d.machine.totals.workersLost == 1)
        #expect(d.machine.workerCount == 1)
        let retry = try #require(out.retriesScheduled.first)
        #expect(out.retriesScheduled.count == 1)
        #expect(retry.jobID == held[0].jobID, "only the job it was working on is penalised")
        #expect(retry.failures == 1)
        let moved = out.deliveries(to: Self.w2)
        #expect(moved.map(\.jobID) == [held[1].jobID, held[2].jobID], "the others keep their place at the front of the queue")
        #expect(moved.allSatisfy { $0.attempt == 2 })
        #expect(out.deliveries(to: Self.w1).isEmpty)
        #expect(out.recordedDeliveries.filter { $0.jobID != held[0].jobID }.allSatisfy { $0.failures == 0 })

        d.now += retry.delayMs
        _ = d.send(Self.w2, .heartbeat)
        let later = d.tick().deliveries(to: Self.w2)
        #expect(later.map(\.jobID) == [held[0].jobID])
        #expect(later.first?.attempt == 2)
    }

    @Test("a worker alive but on one job past broker.job_timeout_ms: the job counts a failure, the rest move on, the worker is told to start over")
    func jobTimeoutBackstop() throws {
        var d = MachineDriver(policy: Self.policy { $0.heartbeatIntervalMs = 1_000; $0.heartbeatTimeoutMs = 3_000; $0.jobTimeoutMs = 10_000 })
        _ = d.ready(Self.w1, credit: 2)
        let held = d.accept(2).deliveries(to: Self.w1)
        try #require(held.count == 2)
        _ = d.ready(Self.w2, credit: 2)
        // The first job finishes quickly; the second then runs for ever while w1 keeps heartbeating.
        _ = d.tick()
        _ = d.complete(Self.w1, held[0], seq: 1)
        var out: [Action] = []
        for _ in 0..<10 {
            d.now += 1_000
            _ = d.send(Self.w1, .heartbeat)
            _ = d.send(Self.w2, .heartbeat)
            out = d.tick()
            #expect(out.notes.isEmpty, "nothing happens inside the timeout")
        }
        d.now += 1_500
        _ = d.send(Self.w1, .heartbeat)
        _ = d.send(Self.w2, .heartbeat)
        out = d.tick()
        #expect(out.notes.contains { if case .workerLost("worker-1", 1, let reason) = $0 { reason.contains("job_timeout_ms") } else { false } })
        #expect(out.retriesScheduled.map(\.jobID) == [held[1].jobID], "the stuck job counts a failure")
        #expect(out.contains { if case .sendToWorker(Self.w1, .disconnect(let r)) = $0 { r.hasPrefix("job_timeout") } else { false } })
        #expect(d.machine.workerCount == 1)
    }

    @Test("a late RESULT from the lost worker's old attempt is ignored; the worker is told to re-register")
    func lateResultFromLostWorker() throws {
        var (d, held, out) = try Self.lostWorkerScenario()
        let moved = try #require(out.deliveries(to: Self.w2).first)
        let late = d.send(Self.w1, .result(jobID: moved.jobID, attempt: 1, labels: [], result: bytes("{}")))
        #expect(late.storeResults.isEmpty)
        #expect(late.disconnects(to: Self.w1) == 1)
        #expect(d.machine.inFlightCount == 2, "the new lease on worker 2 is untouched")
        // The current attempt still completes, exactly once.
        let done = d.complete(Self.w2, moved, seq: 1)
        #expect(done.publishes.map(\.record.jobID) == [moved.jobID])
        _ = held
    }

    @Test("a late RESULT or FAIL from a lost worker is counted as stale (PROTOCOL.md §4.3)")
    func lateResultCountedStale() throws {
        var (d, held, out) = try Self.lostWorkerScenario()
        let moved = try #require(out.deliveries(to: Self.w2).first)
        let before = d.machine.totals.staleResults
        let late = d.send(Self.w1, .result(jobID: moved.jobID, attempt: 1, labels: [], result: bytes("{}")))
        _ = d.send(Self.w1, .failure(jobID: held[0].jobID, attempt: 1, JobFailure(code: "c", message: "m", retryable: false)))
        #expect(d.machine.totals.staleResults == before + 2)
        #expect(late.notes.contains(.staleResult(jobID: moved.jobID, attempt: 1)))
        #expect(d.machine.totals.deadLettered == 0)
    }

    @Test("BYE re-queues the worker's jobs without counting a failure")
    func byeRequeues() throws {
        var d = MachineDriver()
        _ = d.ready(Self.w1, credit: 2)
        let held = d.accept(2).deliveries(to: Self.w1)
        try #require(held.count == 2)
        _ = d.ready(Self.w2, credit: 2)
        let out = d.send(Self.w1, .bye)
        #expect(out.notes.contains { if case .workerLeft("worker-1", 2, _) = $0 { true } else { false } })
        #expect(d.machine.totals.workersLost == 0)
        #expect(out.retriesScheduled.isEmpty)
        #expect(out.deadLetters.isEmpty)
        #expect(d.machine.totals.failedAttempts == 0)
        let moved = out.deliveries(to: Self.w2)
        #expect(moved.map(\.jobID) == held.map(\.jobID))
        #expect(moved.allSatisfy { $0.attempt == 2 })
        #expect(out.recordedDeliveries.allSatisfy { $0.failures == 0 })
        #expect(d.machine.workerCount == 1)
        #expect(d.send(Self.w1, .heartbeat).disconnects(to: Self.w1) == 1, "a worker that left is unknown")
    }

    @Test("READY again from a registered worker re-queues its jobs without penalty and redelivers them")
    func readyAgain() throws {
        var d = MachineDriver()
        _ = d.ready(Self.w1, credit: 2)
        let held = d.accept(2).deliveries(to: Self.w1)
        try #require(held.count == 2)
        let out = d.ready(Self.w1, credit: 2)
        #expect(out.retriesScheduled.isEmpty)
        let again = out.deliveries(to: Self.w1)
        #expect(again.map(\.jobID) == held.map(\.jobID))
        #expect(again.allSatisfy { $0.attempt == 2 })
        #expect(d.machine.workerCount == 1)
        #expect(d.machine.inFlightCount == 2)
        // The old attempt's answers are now stale.
        #expect(d.send(Self.w1, .result(jobID: held[0].jobID, attempt: 1, labels: [], result: bytes("{}"))).storeResults.isEmpty)
        #expect(d.send(Self.w1, .result(jobID: held[0].jobID, attempt: 2, labels: [], result: bytes("{}"))).storeResults == [held[0].jobID])
    }

    @Test("a message from a worker that never sent READY is answered DISCONNECT", arguments: [
        WorkerMessage.heartbeat, .bye, .result(jobID: 1, attempt: 1, labels: [], result: []),
        .failure(jobID: 1, attempt: 1, JobFailure(code: "c", message: "m", retryable: true)),
    ])
    func unknownWorker(message: WorkerMessage) {
        var d = MachineDriver()
        let out = d.send(Self.w1, message)
        #expect(out.disconnects(to: Self.w1) == 1)
        #expect(out.notes.contains(.unknownWorker))
        #expect(out.storeResults.isEmpty && out.deadLetters.isEmpty)
        #expect(d.machine.workerCount == 0)
    }

    // MARK: Heartbeats

    @Test("heartbeats go to a worker when nothing was sent to it for the interval, and any message keeps it alive")
    func heartbeats() throws {
        var d = MachineDriver(policy: Self.policy { $0.heartbeatIntervalMs = 1_000; $0.heartbeatTimeoutMs = 3_000 })
        let start = d.now
        _ = d.ready(Self.w1, credit: 1)
        d.now = start + 999
        #expect(d.tick().heartbeats(to: Self.w1) == 0)
        #expect(d.machine.nextTickDelay(now: d.now) == 1)
        d.now = start + 1_000
        #expect(d.tick().heartbeats(to: Self.w1) == 1)
        #expect(d.tick().heartbeats(to: Self.w1) == 0, "not twice for the same interval")
        // A delivery counts as something sent.
        d.now = start + 1_500
        #expect(d.accept(1).deliveries.count == 1)
        d.now = start + 2_400
        #expect(d.tick().heartbeats(to: Self.w1) == 0)
        d.now = start + 2_500
        _ = d.send(Self.w1, .heartbeat)
        #expect(d.tick().heartbeats(to: Self.w1) == 1)
        // Still alive at exactly the timeout after its last message, lost one millisecond later.
        d.now = start + 2_500 + 3_000
        #expect(!d.tick().notes.contains { if case .workerLost = $0 { true } else { false } })
        d.now += 1
        #expect(d.tick().notes.contains { if case .workerLost = $0 { true } else { false } })
        #expect(d.machine.workerCount == 0)
    }

    // MARK: Draining

    @Test("while draining: SUBMIT gets BUSY draining, nothing new is delivered, jobs in flight still finish")
    func draining() throws {
        var d = MachineDriver()
        _ = d.ready(Self.w1, credit: 1)
        let job = try #require(d.accept(2).deliveries.first?.job)
        d.machine.startDraining()
        #expect(d.machine.draining)
        let busy = d.submit(MachineDriver.submission(9), requestID: bytes("late"))
        #expect(busy.inserts.isEmpty)
        let reply = try #require(busy.replies.first)
        #expect(reply.status == .busy)
        #expect(replyJSON(reply)?["reason"] as? String == "draining")
        #expect(!d.machine.isQuiescent)
        let done = d.complete(Self.w1, job, seq: 1)
        #expect(done.publishes.count == 1)
        #expect(done.deliveries.isEmpty, "the second job is not delivered while draining")
        _ = d.ready(Self.w2, credit: 5)
        #expect(d.tick().deliveries.isEmpty)
        #expect(d.machine.queuedCount == 1)
        #expect(d.machine.isQuiescent)
    }

    @Test("isQuiescent is false while an insert, a lease or a result store is pending")
    func quiescence() throws {
        var d = MachineDriver()
        #expect(d.machine.isQuiescent)
        let submitted = d.submit(MachineDriver.submission(1))
        #expect(!d.machine.isQuiescent)
        _ = d.answerInserts(in: submitted)
        #expect(d.machine.isQuiescent)
        let job = try #require(d.ready(Self.w1, credit: 1).deliveries.first?.job)
        #expect(!d.machine.isQuiescent)
        _ = d.send(Self.w1, .result(jobID: job.jobID, attempt: job.attempt, labels: [], result: bytes("{}")))
        #expect(!d.machine.isQuiescent)
        _ = d.stored([ResultRecord(seq: 1, jobID: job.jobID, labels: [], result: bytes("{}"))])
        #expect(d.machine.isQuiescent)
    }

    // MARK: Recovery

    @Test("restored jobs are queued with their recorded attempts and failures, and a job already held is not restored twice")
    func restored() throws {
        var d = MachineDriver()
        let stored = [
            BrokerStateMachine.StoredJob(id: 5, metadataJSON: bytes(#"{"id":"x"}"#), body: bytes("năm"), attempts: 2, failures: 1),
            BrokerStateMachine.StoredJob(id: 6, metadataJSON: bytes("{}"), body: bytes("sáu"), attempts: 0, failures: 0),
        ]
        var actions: [Action] = []
        d.machine.restored(stored, now: d.now, actions: &actions)
        #expect(d.machine.queuedCount == 2)
        #expect(actions.deliveries.isEmpty)
        let out = d.ready(Self.w1, credit: 10)
        let delivered = out.deliveries(to: Self.w1)
        #expect(delivered == [
            JobDelivery(jobID: 5, attempt: 3, metadataJSON: bytes(#"{"id":"x"}"#), body: bytes("năm")),
            JobDelivery(jobID: 6, attempt: 1, metadataJSON: bytes("{}"), body: bytes("sáu")),
        ])
        #expect(out.recordedDeliveries.first { $0.jobID == 5 }?.failures == 1)

        actions = []
        d.machine.restored(stored, now: d.now, actions: &actions)
        #expect(actions.deliveries.isEmpty)
        #expect(d.machine.queuedCount == 0)
        #expect(d.machine.inFlightCount == 2)
    }

    @Test("STATUS snapshots list workers by name with their load")
    func snapshots() throws {
        var d = MachineDriver()
        _ = d.ready(Self.w2, credit: 4)
        _ = d.ready(Self.w1, credit: 2)
        _ = d.accept(3)
        let snaps = d.machine.workerSnapshots(now: d.now + 10)
        #expect(snaps.map(\.name) == ["worker-1", "worker-2"])
        #expect(snaps.map(\.inFlight).reduce(0, +) == 3)
        #expect(snaps.allSatisfy { $0.state == "busy" && $0.lastSeenMsAgo == 10 })
        #expect(snaps.map(\.credit) == [2, 4])
    }
}
