import Foundation
import Glibc
import SystemdNotify
import Testing

@Suite("SystemdNotifier")
struct SystemdNotifierTests {
    @Test("sends READY=1, STATUS and STOPPING=1 to a filesystem socket, one datagram each")
    func filesystemSocket() throws {
        let manager = try FakeNotifySocket.filesystem()
        let notifier = SystemdNotifier(environment: ["NOTIFY_SOCKET": manager.notifySocket])
        #expect(notifier.isEnabled)

        try notifier.notify(.ready)
        #expect(try manager.receive() == "READY=1")
        try notifier.notify(.status("serving 2 workers"))
        #expect(try manager.receive() == "STATUS=serving 2 workers")
        try notifier.notify(.stopping)
        #expect(try manager.receive() == "STOPPING=1")
        #expect(try manager.receive(timeout: .milliseconds(50)) == nil)
    }

    @Test("reaches an abstract socket named with a leading @")
    func abstractSocket() throws {
        let manager = try FakeNotifySocket.abstract()
        let notifier = SystemdNotifier(environment: ["NOTIFY_SOCKET": manager.notifySocket])

        try notifier.notify(.ready, .status("ready, Vietnamese text: Hà Nội"))
        #expect(try manager.receive() == "READY=1\nSTATUS=ready, Vietnamese text: Hà Nội")
    }

    @Test("several states travel in one datagram, one assignment per line")
    func severalStates() throws {
        let manager = try FakeNotifySocket.filesystem()
        let notifier = SystemdNotifier(socketPath: manager.notifySocket)

        try notifier.notify([.stopping, .extendTimeout(microseconds: 5_000_000), .status("draining 3 jobs")])
        #expect(try manager.receive() == "STOPPING=1\nEXTEND_TIMEOUT_USEC=5000000\nSTATUS=draining 3 jobs")
    }

    @Test("without NOTIFY_SOCKET every call is a no-op")
    func unsetIsNoOp() throws {
        for environment in [[:], ["NOTIFY_SOCKET": ""], ["HOME": "/root"]] {
            let notifier = SystemdNotifier(environment: environment)
            #expect(!notifier.isEnabled)
            #expect(notifier.socketPath == nil)
            try notifier.notify(.ready, .status("nobody listens"))
        }
    }

    @Test("a socket nobody listens on is reported with its errno")
    func missingSocketThrows() throws {
        let notifier = SystemdNotifier(socketPath: "/nonexistent/tinq-notify-\(UUID().uuidString)")
        #expect(throws: NotifyError(call: "sendto", errno: ENOENT)) {
            try notifier.notify(.ready)
        }
    }

    @Test("relative and overlong socket paths are refused before sending")
    func malformedSocketPaths() throws {
        #expect(throws: NotifyError(call: "NOTIFY_SOCKET", errno: EAFNOSUPPORT)) {
            try SystemdNotifier(socketPath: "relative/notify").notify(.ready)
        }
        #expect(throws: NotifyError(call: "NOTIFY_SOCKET", errno: ENAMETOOLONG)) {
            try SystemdNotifier(socketPath: "/" + String(repeating: "x", count: 200)).notify(.ready)
        }
        #expect(throws: NotifyError(call: "NOTIFY_SOCKET", errno: ENAMETOOLONG)) {
            try SystemdNotifier(socketPath: "@" + String(repeating: "x", count: 108)).notify(.ready)
        }
    }

    @Test("watchdog interval comes from WATCHDOG_USEC when WATCHDOG_PID is this process or unset")
    func watchdogInterval() {
        let me = String(getpid())
        #expect(SystemdNotifier(environment: ["WATCHDOG_USEC": "3000000"]).watchdogInterval == .seconds(3))
        #expect(
            SystemdNotifier(environment: ["WATCHDOG_USEC": "1500", "WATCHDOG_PID": me]).watchdogInterval
                == .microseconds(1500)
        )
        #expect(SystemdNotifier(environment: ["WATCHDOG_USEC": "3000000", "WATCHDOG_PID": "1"]).watchdogInterval == nil)
        #expect(SystemdNotifier(environment: ["WATCHDOG_USEC": "0"]).watchdogInterval == nil)
        #expect(SystemdNotifier(environment: ["WATCHDOG_USEC": "soon"]).watchdogInterval == nil)
        #expect(SystemdNotifier(environment: [:]).watchdogInterval == nil)
    }

    @Test("watchdog pings reach the socket")
    func watchdogPing() throws {
        let manager = try FakeNotifySocket.abstract()
        let notifier = SystemdNotifier(socketPath: manager.notifySocket)
        try notifier.notify(.watchdog)
        #expect(try manager.receive() == "WATCHDOG=1")
    }
}
