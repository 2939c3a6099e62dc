import Metrics
import TinqProtocol

/// The broker's metric objects, created once (labels are few and bounded: outcome, code).
struct BrokerMetrics {
    let accepted = Counter(label: "tinq_submissions_total", dimensions: [("outcome", "accepted")])
    let duplicate = Counter(label: "tinq_submissions_total", dimensions: [("outcome", "duplicate")])
    let busy = Counter(label: "tinq_submissions_total", dimensions: [("outcome", "busy")])
    let repliesDropped = Counter(label: "tinq_replies_dropped_total")
    let published = Counter(label: "tinq_results_published_total")
    let workersLost = Counter(label: "tinq_workers_lost_total")
    let staleResults = Counter(label: "tinq_stale_results_total")
    let retries = Counter(label: "tinq_job_retries_total")
    let deadLettered = Counter(label: "tinq_jobs_dead_lettered_total")
    let workerProtocolErrors = Counter(label: "tinq_worker_protocol_errors_total")
    let reloads = Counter(label: "tinq_reloads_total", dimensions: [("result", "ok")])
    let reloadFailures = Counter(label: "tinq_reloads_total", dimensions: [("result", "failed")])
    let queued = Gauge(label: "tinq_jobs_queued")
    let inFlight = Gauge(label: "tinq_jobs_in_flight")
    let held = Gauge(label: "tinq_jobs_held")
    let workers = Gauge(label: "tinq_workers")
    let submitToResult = Metrics.Timer(label: "tinq_submit_to_result_seconds")
    private let rejections: [RejectCode: Counter] = Dictionary(uniqueKeysWithValues: RejectCode.allCases.map {
        ($0, Counter(label: "tinq_rejections_total", dimensions: [("code", $0.rawValue)]))
    })

    /// Counts a rejection by its code.
    func rejected(_ code: RejectCode) { rejections[code]?.increment() }
}
