import Foundation
import Synchronization
import Testing
import ZeroMQ

@Suite struct ContextTests {
    @Test func closeIsIdempotent() throws {
        let context = try Context(ioThreads: 2)
        #expect(!context.isClosed)
        context.close()
        context.close()
        #expect(context.isClosed)
    }

    @Test func socketOnClosedContextIsTerminated() throws {
        let context = try Context()
        context.close()
        let error = try #require(throws: ZMQError.self) { try Socket(context: context, type: .pair) }
        #expect(error.isTerminated)
        #expect(error.call == "zmq_socket(PAIR)")
    }

    @Test func shutdownWakesABlockedReceiveOnAnotherThread() throws {
        let directory = try TemporaryDirectory()
        let context = try Context()
        let endpoint = directory.ipc("shutdown")
        let bound = DispatchSemaphore(value: 0)
        let finished = DispatchSemaphore(value: 0)
        let outcome = Mutex<String>("not run")

        let thread = Thread {
            do throws(ZMQError) {
                // Created, used and closed on this thread only.
                let socket = try Socket(context: context, type: .pull)
                defer { socket.close() }
                try socket.setLinger(0)
                try socket.bind(endpoint)
                bound.signal()
                _ = try socket.receive()  // no timeout: only the shutdown can end it
                outcome.withLock { $0 = "received" }
            } catch {
                outcome.withLock { $0 = error.isTerminated ? "terminated" : "\(error)" }
            }
            finished.signal()
        }
        thread.start()

        #expect(bound.wait(timeout: .now() + 5) == .success)
        context.shutdown()
        #expect(finished.wait(timeout: .now() + 5) == .success)
        #expect(outcome.withLock { $0 } == "terminated")
        context.close()  // returns because the thread closed its socket
        #expect(context.isClosed)
    }
}
