import Foundation
import Logging
import Synchronization
import TinqProtocol

/// How log lines are written to standard error (`log.format`).
enum LogFormat: String, CaseIterable, Sendable {
    /// `journal` when standard error is connected to the systemd journal, else `text`.
    case auto
    /// swift-log's stream format: timestamp, level, label, metadata, message.
    case text
    /// For journald: a `<priority>` prefix (so `journalctl -p warning` filters by level) and no
    /// timestamp (the journal keeps its own).
    case journal
    /// One JSON object per line: `ts`, `level`, `label`, `msg`, then the metadata keys.
    case json
}

/// The process's log output: the format is chosen once the settings are read (the handler
/// factory is bootstrapped before that, in `main`, and asks here when a logger is made).
enum LogOutput {
    private static let chosen = Mutex<LogFormat>(.auto)

    /// Sets the format for loggers made from now on.
    static func use(_ format: LogFormat, environment: [String: String] = ProcessInfo.processInfo.environment) {
        chosen.withLock { $0 = format == .auto ? (standardErrorIsJournal(environment) ? .journal : .text) : format }
    }

    /// The format in use (never `auto` once ``use(_:environment:)`` ran).
    static var format: LogFormat { chosen.withLock { $0 } }

    /// The handler for a new logger.
    static func handler(label: String) -> any LogHandler {
        let format = chosen.withLock { $0 }
        switch format {
        case .journal, .json: return LineLogHandler(label: label, json: format == .json)
        case .auto, .text: return StreamLogHandler.standardError(label: label)
        }
    }

    /// systemd sets JOURNAL_STREAM to "device:inode" of the stream it connected to the journal;
    /// it only counts when standard error is still that stream (not redirected since).
    static func standardErrorIsJournal(_ environment: [String: String]) -> Bool {
        guard let value = environment["JOURNAL_STREAM"] else { return false }
        let parts = value.split(separator: ":")
        guard parts.count == 2, let device = UInt64(parts[0]), let inode = UInt64(parts[1]) else { return false }
        var st = stat()
        guard fstat(STDERR_FILENO, &st) == 0 else { return false }
        return UInt64(st.st_dev) == device && UInt64(st.st_ino) == inode
    }
}

/// Writes each record as one line with one write(2), so lines of concurrent threads and of
/// the worker processes sharing the stream never interleave.
struct LineLogHandler: LogHandler {
    let label: String
    let json: Bool
    var logLevel: Logger.Level = .info
    var metadata: Logger.Metadata = [:]
    var metadataProvider: Logger.MetadataProvider?

    init(label: String, json: Bool) {
        self.label = label
        self.json = json
        self.metadataProvider = LoggingSystem.metadataProvider
    }

    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    func log(event: LogEvent) {
        var all = metadata
        if let provided = metadataProvider?.get() { all.merge(provided) { _, new in new } }
        if let extra = event.metadata { all.merge(extra) { _, new in new } }
        var line = json ? jsonLine(event, all) : journalLine(event, all)
        line.append(0x0A)
        line.withUnsafeBytes { bytes in
            var offset = 0
            while offset < bytes.count {
                let n = write(STDERR_FILENO, bytes.baseAddress! + offset, bytes.count - offset)
                if n > 0 { offset += n } else if n < 0 && errno == EINTR { continue } else { break }
            }
        }
    }

    /// syslog priorities, as journald reads them from a `<N>` prefix.
    static func priority(_ level: Logger.Level) -> Int {
        switch level {
        case .trace, .debug: return 7
        case .info: return 6
        case .notice: return 5
        case .warning: return 4
        case .error: return 3
        case .critical: return 2
        }
    }

    private func journalLine(_ event: LogEvent, _ metadata: Logger.Metadata) -> [UInt8] {
        var text = "<\(Self.priority(event.level))>\(label): \(event.message)"
        for key in metadata.keys.sorted() { text += " \(key)=\(metadata[key]!)" }
        // One record, one line: a line break inside a message would start a new journal entry.
        return Array(text.utf8).map { $0 == 0x0A || $0 == 0x0D ? 0x20 : $0 }
    }

    private func jsonLine(_ event: LogEvent, _ metadata: Logger.Metadata) -> [UInt8] {
        var w = JSONWriter(capacity: 256)
        w.beginObject()
        w.string("ts", Date().formatted(.iso8601.year().month().day().time(includingFractionalSeconds: true).timeZone(separator: .omitted)))
        w.string("level", event.level.rawValue)
        w.string("label", label)
        w.string("msg", "\(event.message)")
        for key in metadata.keys.sorted() {
            let name = ["ts", "level", "label", "msg"].contains(key) ? "meta.\(key)" : key
            w.string(name, "\(metadata[key]!)")
        }
        w.endObject()
        return w.bytes
    }
}
