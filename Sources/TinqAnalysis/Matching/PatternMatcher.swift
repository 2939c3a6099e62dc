/// A multi-pattern matcher over folded bytes: an Aho–Corasick automaton compiled to a full DFA
/// over a compact alphabet, so scanning costs one table load per byte.
///
/// Patterns are folded phrases. A match must sit on word boundaries wherever the pattern starts
/// or ends with a word character, so `dân` never matches inside `dần` or `dâng`.
struct PatternMatcher: Sendable {
    /// One match: the pattern's index and its folded span.
    struct Match: Sendable {
        var pattern: Int32
        var start: Int32
        var end: Int32
    }

    /// For each byte, where its class's transitions lie in a state's row: the plane's start
    /// plus the column (see `next16`).
    private let offsetOf: [UInt32]
    /// Transitions, state-major, states numbered breadth-first; the top bit marks a target state that has outputs. 16-bit
    /// entries while the automaton has fewer than 32,768 states (half the cache footprint).
    ///
    /// The table is cut into planes of 32 classes: plane k holds every state's transitions on
    /// classes 32k ..< 32k + 32, a row of 32 entries per state (one cache line of 16-bit
    /// entries). The classes are numbered by frequency, so nearly every step reads the first
    /// plane: its rows lie together, not interleaved with the rarely read rest of each row, so
    /// the lines the scan keeps in cache hold only rows it reads (the 1.5 MB table outgrows the
    /// L2 cache; with the planes the scan takes about 7% less time).
    private let next16: [UInt16]
    private let next32: [UInt32]
    /// Entries before the first row in `next16` or `next32`, so that rows start at cache-line
    /// boundaries.
    private let tablePad: Int
    private let outStart: [Int32]
    private let outIDs: [Int32]
    /// `outIDs` with what `emit` needs of each pattern in one word: the id in bits 0-31, the
    /// length in bits 32-55, whether the start and the end must sit on a word boundary in bits
    /// 56 and 57 (one load per output instead of three).
    private let outputs: [UInt64]

    /// Pattern count.
    let patternCount: Int
    /// The longest pattern's length: the automaton's state at any position depends only on the
    /// bytes this far back (and one more), which lets `scan` run independent streams over parts
    /// of the text.
    private let longestPattern: Int

    /// Compiles folded patterns; a pattern's index is its id in matches. Empty patterns never match.
    ///
    /// The automaton is anchored at word starts: it has two roots, "after a non-word byte (or at
    /// the start)" and "inside a word", and a suffix of the text read so far counts only where a
    /// match could start there (its first byte is not a word byte, or the byte before it is not).
    /// Inside a word it therefore rests in the second root instead of wandering into states whose
    /// matches would be thrown away for starting mid-word; it reports exactly the matches a plain
    /// Aho–Corasick automaton reports and the start-boundary check keeps, in the same order.
    init(patterns: [[UInt8]]) {
        patternCount = patterns.count
        // Compact alphabet: every byte used by some pattern gets a class; bytes used by none are
        // class 0 (not a word byte) or `otherWord` (a word byte).
        // Classes are numbered by how often their bytes occur in Vietnamese news text, commonest
        // first, so nearly every step reads the first plane of the table (see `next16`): one
        // cache line per step (rows are aligned to lines).
        var used = [Bool](repeating: false, count: 256)
        var byAppearance: [UInt8] = []
        for p in patterns {
            for b in p where !used[Int(b)] {
                used[Int(b)] = true
                byAppearance.append(b)
            }
        }
        let ranked = Self.commonBytes.filter { used[Int($0)] } + byAppearance.filter { !Self.commonBytes.contains($0) }
        var classes = [UInt8](repeating: 0, count: 256)
        var classIsWord: [Bool] = [false]
        for b in ranked {
            classes[Int(b)] = UInt8(classIsWord.count)
            classIsWord.append(Folded.isWord(b))
        }
        let otherWord = classIsWord.count
        classIsWord.append(true)
        for b in 0..<256 where classes[b] == 0 && Folded.isWord(UInt8(b)) { classes[b] = UInt8(otherWord) }
        let w = classIsWord.count

        // Trie; node 0 is the root "after a non-word byte".
        var children: [[Int32]] = [[Int32](repeating: -1, count: w)]
        var own: [[Int32]] = [[]]
        var edgeIsWord: [Bool] = [false]
        for (id, p) in patterns.enumerated() where !p.isEmpty {
            var s = 0
            for b in p {
                let c = Int(classes[Int(b)])
                if children[s][c] < 0 {
                    children[s][c] = Int32(children.count)
                    children.append([Int32](repeating: -1, count: w))
                    own.append([])
                    edgeIsWord.append(Folded.isWord(b))
                }
                s = Int(children[s][c])
            }
            own[s].append(Int32(id))
        }
        // The second root, "inside a word": no pattern starting with a word byte starts here.
        let inWord = children.count
        children.append([Int32](repeating: -1, count: w))
        own.append([])
        edgeIsWord.append(true)

        // Full transitions. The roots first: from either, a non-word byte with no pattern
        // starting on it leads to the first root, a word byte to the second; inside a word only
        // patterns starting with a non-word byte can start.
        let n = children.count
        var table = [Int32](repeating: 0, count: n * w)
        var fail = [Int32](repeating: 0, count: n)
        var outputs = own
        var queue: [Int] = [0, inWord]
        queue.reserveCapacity(n)
        for c in 0..<w {
            let child = children[0][c]
            let rest = Int32(classIsWord[c] ? inWord : 0)
            table[c] = child >= 0 ? child : rest
            table[inWord * w + c] = classIsWord[c] ? Int32(inWord) : (child >= 0 ? child : 0)
        }
        // Breadth-first over the trie: a node's failure is its longest proper suffix where a
        // match could start (the empty one is the root its last byte leads to).
        for c in 0..<w where children[0][c] >= 0 {
            let child = Int(children[0][c])
            fail[child] = Int32(edgeIsWord[child] ? inWord : 0)
            queue.append(child)
        }
        var head = 2
        while head < queue.count {
            let s = queue[head]
            head += 1
            let f = Int(fail[s])
            if !outputs[f].isEmpty { outputs[s] += outputs[f] }
            for c in 0..<w {
                let child = children[s][c]
                if child >= 0 {
                    table[s * w + c] = child
                    fail[Int(child)] = table[f * w + c]
                    queue.append(Int(child))
                } else {
                    table[s * w + c] = table[f * w + c]
                }
            }
        }

        // Renumber states: the shallow ones, where scanning spends nearly all its time,
        // breadth-first so they share a few cache lines; every deeper state depth-first, so that
        // walking along a phrase reads consecutive rows (which the hardware prefetches) instead
        // of one row per depth level scattered over the table. Rows have 32 entries in each
        // plane, so a step is a shift and an add, not a multiply.
        var depth = [Int](repeating: 0, count: n)
        for s in queue {
            for c in 0..<w where children[s][c] >= 0 { depth[Int(children[s][c])] = depth[s] + 1 }
        }
        let shallow = Self.shallowDepth
        var numbering = queue.filter { depth[$0] <= shallow }
        var dfs: [Int] = []
        for top in numbering where depth[top] == shallow {
            var work = (0..<w).reversed().compactMap { children[top][$0] >= 0 ? Int(children[top][$0]) : nil }
            while let s = work.popLast() {
                dfs.append(s)
                for c in (0..<w).reversed() where children[s][c] >= 0 { work.append(Int(children[s][c])) }
            }
        }
        numbering += dfs
        precondition(numbering.count == n)
        var order = [Int](repeating: 0, count: n)
        for (newIndex, old) in numbering.enumerated() { order[old] = newIndex }
        let planes = (w + 31) / 32
        let plane = n << Self.rowShift
        // Where class c lies in a row: its plane's start plus its column.
        func offset(_ c: Int) -> Int { (c >> Self.rowShift) * plane + c & 31 }
        offsetOf = classes.map { UInt32(offset(Int($0))) }
        var starts = [Int32](repeating: 0, count: n + 1)
        var flat: [Int32] = []
        for newIndex in 0..<n {
            starts[newIndex] = Int32(flat.count)
            flat += outputs[numbering[newIndex]]
        }
        starts[n] = Int32(flat.count)
        func target(_ old: Int32) -> (Int, Bool) {
            let t = order[Int(old)]
            return (t, starts[t] != starts[t + 1])
        }
        if n < 0x8000 {
            var next = [UInt16](repeating: 0, count: planes * plane + 32)
            let pad = Self.linePad(next)
            for newIndex in 0..<n {
                let old = numbering[newIndex]
                for c in 0..<w {
                    let (t, out) = target(table[old * w + c])
                    next[pad + newIndex << Self.rowShift + offset(c)] = UInt16(t) | (out ? 0x8000 : 0)
                }
            }
            next16 = next
            next32 = []
            tablePad = pad
        } else {
            var next = [UInt32](repeating: 0, count: planes * plane + 16)
            let pad = Self.linePad(next)
            for newIndex in 0..<n {
                let old = numbering[newIndex]
                for c in 0..<w {
                    let (t, out) = target(table[old * w + c])
                    next[pad + newIndex << Self.rowShift + offset(c)] = UInt32(t) | (out ? 0x8000_0000 : 0)
                }
            }
            next32 = next
            next16 = []
            tablePad = pad
        }
        outStart = starts
        outIDs = flat
        longestPattern = patterns.map(\.count).max() ?? 0
        let boundary: [UInt8] = patterns.map { p in
            guard let first = p.first, let last = p.last else { return 0 }
            return (Folded.isWord(first) ? 1 : 0) | (Folded.isWord(last) ? 2 : 0)
        }
        self.outputs = flat.map { (id: Int32) -> UInt64 in
            let length = UInt64(min(patterns[Int(id)].count, 0xFF_FFFF))
            let edges = UInt64(boundary[Int(id)])
            return UInt64(UInt32(bitPattern: id)) | length << 32 | edges << 56
        }
    }

    /// Appends every match in `text` (folded bytes) to `matches`, ordered by end position.
    func scan(_ text: UnsafeBufferPointer<UInt8>, into matches: inout [Match]) {
        if next32.isEmpty {
            next16.withUnsafeBufferPointer { scan(text, UnsafeBufferPointer(rebasing: $0[tablePad...]), flag: 0x8000, into: &matches) }
        } else {
            next32.withUnsafeBufferPointer {
                scan(text, UnsafeBufferPointer(rebasing: $0[tablePad...]), flag: 0x8000_0000, into: &matches)
            }
        }
    }

    /// `scan` as one stream whatever the length (the specification the interleaved scan is
    /// tested against).
    func scanOneStream(_ text: UnsafeBufferPointer<UInt8>, into matches: inout [Match]) {
        guard let p = text.baseAddress else { return }
        offsetOf.withUnsafeBufferPointer { cls in
            if next32.isEmpty {
                next16.withUnsafeBufferPointer {
                    _ = scanStream(p, text.count, from: 0, to: text.count, reportAfter: 0, state: 0, $0.baseAddress! + tablePad,
                        cls.baseAddress!, flag: 0x8000, into: &matches)
                }
            } else {
                next32.withUnsafeBufferPointer {
                    _ = scanStream(p, text.count, from: 0, to: text.count, reportAfter: 0, state: 0, $0.baseAddress! + tablePad,
                        cls.baseAddress!, flag: 0x8000_0000, into: &matches)
                }
            }
        }
    }

    /// Folded bytes by how often they occur in Vietnamese news text, commonest first (space,
    /// n, h, a, i, t, the sắc tone, ...): the order of the byte classes.
    static let commonBytes: [UInt8] = [
        0x20, 0x6E, 0x68, 0x61, 0x69, 0x74, 0x92, 0x63, 0x67, 0x91, 0x95, 0x75, 0x82, 0x6F, 0x93, 0x85, 0x83, 0x86,
        0x6D, 0x84, 0x80, 0x72, 0x76, 0x6C, 0x79, 0x70, 0x2C, 0x62, 0x73, 0x94, 0x6B, 0x65, 0x2E, 0x64, 0x81, 0x71,
        0x78, 0x30, 0x31, 0x32, 0xFD, 0x2D, 0x33, 0x35, 0x29, 0x28, 0x2F, 0x36, 0x37, 0x22, 0x3A, 0x34, 0x0A, 0x39,
        0x38, 0x66, 0x77, 0x7A, 0x3B, 0x6A, 0x25, 0x27, 0x3F, 0x21,
    ]

    /// Entries of `T` to skip in `table` for a 64-byte boundary (the array's storage does not move:
    /// it is never mutated after the table is filled).
    private static func linePad<T>(_ table: [T]) -> Int {
        table.withUnsafeBufferPointer { (64 - Int(bitPattern: $0.baseAddress!) & 63) & 63 } / MemoryLayout<T>.stride
    }

    /// A state's row in each plane has `1 << rowShift` entries.
    static let rowShift = 5

    /// States down to this depth are numbered breadth-first, deeper ones depth-first.
    static let shallowDepth = 2

    /// Texts shorter than this are scanned as one stream.
    static let interleaveMinimum = 512

    /// Scans in four interleaved streams, one per quarter of the text: one stream is a chain of
    /// dependent table loads (latency-bound), four independent ones keep the core busy. A stream
    /// after the first starts `longestPattern + 1` bytes before its quarter, from the root, so its
    /// state is exact by the time it enters its quarter; it reports only matches ending inside
    /// its quarter. The quarters' matches are concatenated, which keeps them ordered by end.
    @inline(__always)
    private func scan<T: FixedWidthInteger & UnsignedInteger>(
        _ text: UnsafeBufferPointer<UInt8>, _ tbl: UnsafeBufferPointer<T>, flag: T, into matches: inout [Match]
    ) {
        guard let p = text.baseAddress, let t0 = tbl.baseAddress else { return }
        let n = text.count
        offsetOf.withUnsafeBufferPointer { clsBuf in
            let cls = clsBuf.baseAddress!
            let quarter = n / 4
            guard n >= Self.interleaveMinimum && quarter > longestPattern + 1 else {
                _ = scanStream(p, n, from: 0, to: n, reportAfter: 0, state: 0, t0, cls, flag: flag, into: &matches)
                return
            }
            let mask = ~flag
            // One byte more than the longest pattern: the byte before a suffix decides whether
            // a match may start there.
            let warmUp = longestPattern + 1
            // Quarter k is [k * quarter, (k + 1) * quarter), the last one up to n.
            var s0 = 0
            var s1 = 0
            var s2 = 0
            var s3 = 0
            var i0 = 0
            var i1 = quarter - warmUp
            var i2 = 2 * quarter - warmUp
            var i3 = 3 * quarter - warmUp
            // Every stream has at least `quarter` bytes to read.
            let stop = quarter
            // Each stream notes every step into a state with outputs (the state and the end)
            // in a buffer of its own, `quarter` entries (one per step at most): an entry is
            // written at every step and kept (the cursor advances) only when the flag is set,
            // so outputs cost no branch, and no exit from the loop, in the loop.
            let found = UnsafeMutablePointer<UInt64>.allocate(capacity: 4 * quarter)
            defer { found.deallocate() }
            var c0 = found
            var c1 = found + quarter
            var c2 = found + 2 * quarter
            var c3 = found + 3 * quarter
            let top = T.bitWidth - 1
            while i0 < stop {
                let a = t0[s0 &<< Self.rowShift &+ Int(cls[Int(p[i0])])]
                let b = t0[s1 &<< Self.rowShift &+ Int(cls[Int(p[i1])])]
                let c = t0[s2 &<< Self.rowShift &+ Int(cls[Int(p[i2])])]
                let d = t0[s3 &<< Self.rowShift &+ Int(cls[Int(p[i3])])]
                s0 = Int(a & mask)
                s1 = Int(b & mask)
                s2 = Int(c & mask)
                s3 = Int(d & mask)
                i0 &+= 1
                i1 &+= 1
                i2 &+= 1
                i3 &+= 1
                c0.pointee = UInt64(truncatingIfNeeded: s0) &<< 32 | UInt64(truncatingIfNeeded: i0)
                c1.pointee = UInt64(truncatingIfNeeded: s1) &<< 32 | UInt64(truncatingIfNeeded: i1)
                c2.pointee = UInt64(truncatingIfNeeded: s2) &<< 32 | UInt64(truncatingIfNeeded: i2)
                c3.pointee = UInt64(truncatingIfNeeded: s3) &<< 32 | UInt64(truncatingIfNeeded: i3)
                c0 += Int(truncatingIfNeeded: a &>> top)
                c1 += Int(truncatingIfNeeded: b &>> top)
                c2 += Int(truncatingIfNeeded: c &>> top)
                c3 += Int(truncatingIfNeeded: d &>> top)
            }
            // The noted outputs, stream by stream (each followed by the rest of its quarter),
            // which keeps the matches ordered by end.
            func drain(_ from: UnsafeMutablePointer<UInt64>, _ to: UnsafeMutablePointer<UInt64>, after: Int) {
                var q = from
                while q < to {
                    let v = q.pointee
                    let end = Int(truncatingIfNeeded: v & 0xFFFF_FFFF)
                    if end > after { emit(state: Int(truncatingIfNeeded: v &>> 32), end: end, p, n, into: &matches) }
                    q += 1
                }
            }
            drain(found, c0, after: 0)
            drain(found + quarter, c1, after: quarter)
            _ = scanStream(p, n, from: i1, to: 2 * quarter, reportAfter: quarter, state: s1, t0, cls, flag: flag, into: &matches)
            drain(found + 2 * quarter, c2, after: 2 * quarter)
            _ = scanStream(p, n, from: i2, to: 3 * quarter, reportAfter: 2 * quarter, state: s2, t0, cls, flag: flag, into: &matches)
            drain(found + 3 * quarter, c3, after: 3 * quarter)
            _ = scanStream(p, n, from: i3, to: n, reportAfter: 3 * quarter, state: s3, t0, cls, flag: flag, into: &matches)
        }
    }

    /// One stream over `[from, to)` starting in `state`; reports matches ending after
    /// `reportAfter`. Returns the final state.
    @inline(__always)
    private func scanStream<T: FixedWidthInteger & UnsignedInteger>(
        _ p: UnsafePointer<UInt8>, _ n: Int, from: Int, to: Int, reportAfter: Int, state: Int,
        _ t0: UnsafePointer<T>, _ cls: UnsafePointer<UInt32>, flag: T, into matches: inout [Match]
    ) -> Int {
        let mask = ~flag
        var s = state
        var i = from
        // The hot loop keeps only the state and the position live; outputs are rare and
        // handled out of line.
        while i < to {
            let t = t0[s &<< Self.rowShift &+ Int(cls[Int(p[i])])]
            s = Int(t & mask)
            i &+= 1
            if t & flag != 0 && i > reportAfter { emit(state: s, end: i, p, n, into: &matches) }
        }
        return s
    }

    /// Appends the outputs of `state` reached at `end` that sit on the word boundaries they need.
    @inline(never)
    private func emit(state s: Int, end: Int, _ p: UnsafePointer<UInt8>, _ n: Int, into matches: inout [Match]) {
        let rightOK = end == n || !Folded.isWord(p[end])
        outStart.withUnsafeBufferPointer { os in
            outputs.withUnsafeBufferPointer { outs in
                for k in Int(os[s])..<Int(os[s + 1]) {
                    let o = outs[k]
                    let flags = o &>> 56
                    if flags & 2 != 0 && !rightOK { continue }
                    let start = end &- Int(truncatingIfNeeded: (o &>> 32) & 0xFF_FFFF)
                    if flags & 1 != 0 && start > 0 && Folded.isWord(p[start &- 1]) { continue }
                    matches.append(
                        Match(
                            pattern: Int32(truncatingIfNeeded: o & 0xFFFF_FFFF), start: Int32(truncatingIfNeeded: start),
                            end: Int32(truncatingIfNeeded: end)))
                }
            }
        }
    }
}
