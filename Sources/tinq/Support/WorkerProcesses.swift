import Foundation
import Logging
import ServiceLifecycle
import Synchronization

/// Runs `count` `tinq worker` child processes (one process per worker, as under systemd) and
/// restarts any that dies, with back-off. On graceful shutdown it sends SIGTERM to each (they
/// finish their current job) and waits, then SIGKILLs stragglers after `stopTimeout`.
struct WorkerProcesses: Service {
    let count: Int
    let arguments: [String]
    let logger: Logger
    var stopTimeout: Duration = .seconds(25)

    /// This executable's path.
    static var executablePath: String {
        (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? CommandLine.arguments[0]
    }

    func run() async throws {
        let children = Mutex<[Int: Process]>([:])
        let stopping = Atomic<Bool>(false)
        func spawn(_ index: Int) throws {
            let p = Process()
            p.executableURL = URL(fileURLWithPath: Self.executablePath)
            p.arguments = ["worker", "--name", "worker-\(index)"] + arguments
            // Readiness is the parent's to report: children must not talk to systemd.
            var environment = ProcessInfo.processInfo.environment
            environment.removeValue(forKey: "NOTIFY_SOCKET")
            p.environment = environment
            try p.run()
            children.withLock { $0[index] = p }
            logger.info("Started a worker process.", metadata: ["worker.name": "worker-\(index)", "worker.pid": "\(p.processIdentifier)"])
        }
        for i in 1...count { try spawn(i) }
        await withGracefulShutdownHandler {
            var restarts = [Int: Int]()
            while !stopping.load(ordering: .relaxed) {
                try? await Task.sleep(for: .milliseconds(200))
                if stopping.load(ordering: .relaxed) { break }
                let dead = children.withLock { $0.filter { !$0.value.isRunning }.map { ($0.key, $0.value.terminationStatus) } }
                for (index, status) in dead {
                    let n = restarts[index, default: 0] + 1
                    restarts[index] = n
                    logger.warning("A worker process exited; restarting it.", metadata: ["worker.name": "worker-\(index)", "exit.status": "\(status)", "restarts": "\(n)"])
                    try? await Task.sleep(for: .milliseconds(min(5000, 100 << min(n, 6))))
                    if stopping.load(ordering: .relaxed) { break }
                    try? spawn(index)
                }
            }
        } onGracefulShutdown: {
            stopping.store(true, ordering: .relaxed)
            children.withLock { for p in $0.values where p.isRunning { kill(p.processIdentifier, SIGTERM) } }
        }
        let deadline = ContinuousClock.now + stopTimeout
        while children.withLock({ $0.values.contains { $0.isRunning } }) {
            if ContinuousClock.now > deadline {
                children.withLock { for p in $0.values where p.isRunning { kill(p.processIdentifier, SIGKILL) } }
                logger.warning("Worker processes did not stop in time; killed them.")
                break
            }
            try? await Task.sleep(for: .milliseconds(50))
        }
    }
}
