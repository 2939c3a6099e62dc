import SystemdNotify
import Testing

@Suite("NotifyState")
struct NotifyStateTests {
    @Test(
        "each state renders as its sd_notify assignment",
        arguments: [
            (NotifyState.ready, "READY=1"),
            (.stopping, "STOPPING=1"),
            (.reloading, "RELOADING=1"),
            (.watchdog, "WATCHDOG=1"),
            (.watchdogTrigger, "WATCHDOG=trigger"),
            (.mainPID(4242), "MAINPID=4242"),
            (.extendTimeout(microseconds: 30_000_000), "EXTEND_TIMEOUT_USEC=30000000"),
            (.errno(28), "ERRNO=28"),
            (.status("3 workers, 12 jobs queued"), "STATUS=3 workers, 12 jobs queued"),
        ]
    )
    func assignment(state: NotifyState, expected: String) {
        #expect(state.assignment == expected)
    }

    @Test("a newline in a status cannot smuggle in another assignment")
    func statusStaysOneLine() {
        #expect(NotifyState.status("draining\nREADY=1").assignment == "STATUS=draining READY=1")
        #expect(NotifyState.status("a\r\nb").assignment == "STATUS=a b")
    }
}
