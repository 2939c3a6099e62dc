import Foundation

/// Reads the parent links of running processes from /proc.
enum ProcessTable {
    /// Every process whose parent chain leads to `root` (not `root` itself), deepest last.
    static func descendants(of root: pid_t) -> [pid_t] {
        var children: [pid_t: [pid_t]] = [:]
        for entry in (try? FileManager.default.contentsOfDirectory(atPath: "/proc")) ?? [] {
            guard let pid = pid_t(entry), let parent = parent(of: pid) else { continue }
            children[parent, default: []].append(pid)
        }
        var out: [pid_t] = []
        var frontier = [root]
        while let next = frontier.popLast() {
            for child in children[next] ?? [] where !out.contains(child) {
                out.append(child)
                frontier.append(child)
            }
        }
        return out
    }

    /// The parent pid from /proc/PID/stat ("pid (comm) state ppid ..."; comm may hold spaces
    /// and parentheses, so parse after the last ')').
    static func parent(of pid: pid_t) -> pid_t? {
        guard let data = FileManager.default.contents(atPath: "/proc/\(pid)/stat") else { return nil }
        let text = String(decoding: data, as: UTF8.self)
        guard let close = text.lastIndex(of: ")") else { return nil }
        let fields = text[text.index(after: close)...].split(separator: " ")
        guard fields.count > 1 else { return nil }
        return pid_t(fields[1])
    }

    /// Every process whose environment holds exactly `entry` ("NAME=value"), this one excepted.
    static func processes(withEnvironmentEntry entry: String) -> [pid_t] {
        let needle = Array(entry.utf8)
        let me = getpid()
        var out: [pid_t] = []
        for name in (try? FileManager.default.contentsOfDirectory(atPath: "/proc")) ?? [] {
            guard let pid = pid_t(name), pid != me,
                  let data = FileManager.default.contents(atPath: "/proc/\(pid)/environ")
            else { continue }
            if data.split(separator: 0).contains(where: { $0.elementsEqual(needle) }) { out.append(pid) }
        }
        return out
    }
}
