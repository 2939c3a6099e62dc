import Foundation
import Testing
import ZeroMQ

@Suite struct WakeupTests {
    @Test func signalFromAnotherThreadWakesThePollerAndDrainClearsIt() throws {
        let wakeup = try Wakeup()
        var poller = Poller()
        let index = poller.add(fileDescriptor: wakeup.fileDescriptor)
        #expect(try poller.poll(timeoutMilliseconds: 0) == 0)

        let signalled = DispatchSemaphore(value: 0)
        let thread = Thread {
            for _ in 0..<3 { wakeup.signal() }
            signalled.signal()
        }
        thread.start()
        #expect(try poller.poll(timeoutMilliseconds: Int(testTimeout)) == 1)
        #expect(poller.ready(index) == .readable)

        // Drain only after all three signals are in, or a late one would wake the next poll.
        #expect(signalled.wait(timeout: .now() + 5) == .success)
        wakeup.drain()
        #expect(try poller.poll(timeoutMilliseconds: 0) == 0)
        #expect(poller.ready(index).isEmpty)
    }

    @Test func signalNeverBlocksOnAFullPipe() throws {
        let wakeup = try Wakeup()
        // Far more than a pipe buffer (64 KiB): a non-blocking write end just drops them.
        for _ in 0..<100_000 { wakeup.signal() }
        var poller = Poller()
        poller.add(fileDescriptor: wakeup.fileDescriptor)
        #expect(try poller.poll(timeoutMilliseconds: 0) == 1)
        wakeup.drain()
        #expect(try poller.poll(timeoutMilliseconds: 0) == 0)
    }
}
