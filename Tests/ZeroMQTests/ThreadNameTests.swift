import Foundation
import Testing
import ZeroMQ

@Suite struct ThreadNameTests {
    @Test func aThreadNamesItselfForTheKernel() {
        let seen = NSLock()
        nonisolated(unsafe) var names: [String] = []
        let done = DispatchSemaphore(value: 0)
        let thread = Thread {
            ThreadName.set("tinq-test")
            let short = ThreadName.current()
            ThreadName.set("tinq-a-name-longer-than-fifteen")
            let cut = ThreadName.current()
            seen.lock(); names = [short, cut]; seen.unlock()
            done.signal()
        }
        thread.start()
        done.wait()
        seen.lock(); defer { seen.unlock() }
        #expect(names == ["tinq-test", "tinq-a-name-lon"])
    }
}
