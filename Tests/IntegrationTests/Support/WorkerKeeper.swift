import TinqTesting

/// Keeps N `tinq worker` processes running in a sandbox: ``revive()`` restarts any that died
/// (as systemd's Restart=always or `tinq serve` would). Call it from a wait loop.
final class WorkerKeeper {
    private let sandbox: TinqSandbox
    private let delayMs: Int
    private let crashMarker: String?
    private let hangMarker: String?
    private let settings: [String]
    private(set) var workers: [ChildProcess] = []
    /// Workers that died so far, with how they ended.
    private(set) var deaths: [ProcessTermination] = []

    init(sandbox: TinqSandbox, count: Int, delayMs: Int = 0, crashMarker: String? = nil, hangMarker: String? = nil, settings: [String] = []) throws {
        self.sandbox = sandbox
        self.delayMs = delayMs
        self.crashMarker = crashMarker
        self.hangMarker = hangMarker
        self.settings = settings
        for i in 1...count { workers.append(try start(i)) }
    }

    private func start(_ index: Int) throws -> ChildProcess {
        try sandbox.worker("worker-\(index)", settings: settings, delayMs: delayMs, crashMarker: crashMarker, hangMarker: hangMarker)
    }

    /// Every death so far, including workers dead now and not yet restarted.
    var allDeaths: [ProcessTermination] { deaths + workers.compactMap(\.termination) }

    /// Restarts every worker that has ended; returns how many.
    @discardableResult
    func revive() throws -> Int {
        var restarted = 0
        for (i, w) in workers.enumerated() {
            if let end = w.termination {
                deaths.append(end)
                workers[i] = try start(i + 1)
                restarted += 1
            }
        }
        return restarted
    }
}
