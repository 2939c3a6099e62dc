/// One assignment of the sd_notify(3) protocol, sent to the service manager as `KEY=VALUE`.
public enum NotifyState: Sendable, Hashable {
    /// Start-up is finished: sockets are bound and the service accepts work (`READY=1`).
    case ready
    /// The service has begun to shut down (`STOPPING=1`).
    case stopping
    /// The service is reloading its configuration; send `.ready` when done (`RELOADING=1`).
    case reloading
    /// A one-line, human-readable status shown by `systemctl status` (`STATUS=...`).
    case status(String)
    /// Keep-alive ping for `WatchdogSec=` (`WATCHDOG=1`).
    case watchdog
    /// Asks the manager to treat the watchdog as expired now (`WATCHDOG=trigger`).
    case watchdogTrigger
    /// The main process of the service, when it is not the one that was started (`MAINPID=`).
    case mainPID(Int32)
    /// Asks for more time for the current start, reload or stop (`EXTEND_TIMEOUT_USEC=`).
    case extendTimeout(microseconds: UInt64)
    /// The errno-style reason of a failure, shown with the status (`ERRNO=`).
    case errno(Int32)

    /// The `KEY=VALUE` line this state is sent as.
    ///
    /// The protocol separates assignments with newlines, so a newline inside a status text
    /// would start a bogus assignment; it is sent as a space instead.
    public var assignment: String {
        switch self {
        case .ready: return "READY=1"
        case .stopping: return "STOPPING=1"
        case .reloading: return "RELOADING=1"
        case .status(let text):
            let oneLine = String(text.map { $0.isNewline ? " " : $0 })
            return "STATUS=\(oneLine)"
        case .watchdog: return "WATCHDOG=1"
        case .watchdogTrigger: return "WATCHDOG=trigger"
        case .mainPID(let pid): return "MAINPID=\(pid)"
        case .extendTimeout(let microseconds): return "EXTEND_TIMEOUT_USEC=\(microseconds)"
        case .errno(let code): return "ERRNO=\(code)"
        }
    }
}
