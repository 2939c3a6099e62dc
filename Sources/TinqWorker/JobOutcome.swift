import TinqProtocol

/// What processing one job produced.
public enum JobOutcome: Sendable {
    /// The labels that apply and the result JSON object.
    case result(labels: [String], json: [UInt8])
    /// The job failed; `retryable` says whether another attempt could succeed.
    case failure(JobFailure)
}

/// Turns a delivered job into an outcome. Runs on the worker's processing thread; must not block
/// on the network. ``AnalysisProcessor`` is the real one; tests pass their own.
public typealias JobProcessor = @Sendable (JobDelivery) -> JobOutcome
