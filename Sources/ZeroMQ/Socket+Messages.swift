import CZeroMQ

extension Socket {
    /// Sends `frames` as one multipart message.
    ///
    /// Returns false, having sent nothing, when `dontWait` is set (or `sendTimeout`
    /// expired) and the message cannot be queued (`EAGAIN`); a ROUTER with
    /// `routerMandatory` then has a full pipe to that peer. Signals (`EINTR`) are retried.
    ///
    /// Multipart messages are atomic: libzmq admits a message at the high-water mark as a
    /// whole when its first frame is queued, and the later frames follow into the same
    /// pipe, so only the first frame is sent with `ZMQ_DONTWAIT`. Should a later frame
    /// still fail, the message is half-built inside libzmq and the error says which frame:
    /// close the socket then, as any further send would extend the broken message.
    @discardableResult
    public func send(_ frames: [[UInt8]], dontWait: Bool = false) throws(ZMQError) -> Bool {
        try send(frames: frames, dontWait: dontWait)
    }

    /// Sends `frames` (any byte collections, e.g. `ArraySlice<UInt8>`) as one multipart
    /// message; contiguous frames are handed to libzmq without an extra copy.
    /// Same contract as `send(_:dontWait:)`.
    @discardableResult
    public func send<C: Collection>(frames: [C], dontWait: Bool = false) throws(ZMQError) -> Bool
    where C.Element == UInt8 {
        let socket = try liveHandle("zmq_send")
        guard !frames.isEmpty else {
            throw ZMQError(code: EINVAL, call: "zmq_send(no frames)")
        }
        let last = frames.count - 1
        for (index, frame) in frames.enumerated() {
            var flags: Int32 = index < last ? ZMQ_SNDMORE : 0
            if index == 0, dontWait { flags |= ZMQ_DONTWAIT }
            let code =
                frame.withContiguousStorageIfAvailable { bytes in
                    Self.sendFrame(socket, UnsafeRawBufferPointer(bytes), flags: flags)
                } ?? Array(frame).withUnsafeBytes { bytes in
                    Self.sendFrame(socket, bytes, flags: flags)
                }
            if code == 0 { continue }
            if code == EAGAIN, index == 0 { return false }
            throw ZMQError(code: code, call: "zmq_send(frame \(index + 1) of \(frames.count))")
        }
        return true
    }

    /// One zmq_send, retried on `EINTR`; returns 0 or the errno. Not throwing, so it can
    /// run inside the untyped-rethrows `withContiguousStorageIfAvailable`.
    @inline(__always)
    private static func sendFrame(
        _ socket: UnsafeMutableRawPointer,
        _ bytes: UnsafeRawBufferPointer,
        flags: Int32
    ) -> Int32 {
        while true {
            if zmq_send(socket, bytes.baseAddress, bytes.count, flags) != -1 { return 0 }
            let code = zmq_errno()
            if code != EINTR { return code }
        }
    }

    /// Receives one whole multipart message, each frame copied once into its own array.
    ///
    /// Returns nil when `dontWait` is set and no message is ready, or when
    /// `receiveTimeout` expired (`EAGAIN`). Signals (`EINTR`) are retried.
    public func receive(dontWait: Bool = false) throws(ZMQError) -> [[UInt8]]? {
        let socket = try liveHandle("zmq_msg_recv")
        let message = self.message
        zmq_msg_init(message)
        defer { zmq_msg_close(message) }
        var frames: [[UInt8]] = []
        var flags: Int32 = dontWait ? ZMQ_DONTWAIT : 0
        while true {
            let outcome = try zmqCallAllowingAgain("zmq_msg_recv(frame \(frames.count + 1))") {
                zmq_msg_recv(message, socket, flags)
            }
            guard case .done = outcome else {
                // The parts of a message arrive together, so only the first can be missing.
                if frames.isEmpty { return nil }
                throw ZMQError(code: EAGAIN, call: "zmq_msg_recv(frame \(frames.count + 1))")
            }
            let size = zmq_msg_size(message)
            let data = zmq_msg_data(message)
            frames.append(
                [UInt8](unsafeUninitializedCapacity: size) { buffer, count in
                    if size > 0, let data {
                        UnsafeMutableRawBufferPointer(buffer).copyMemory(
                            from: UnsafeRawBufferPointer(start: data, count: size))
                    }
                    count = size
                })
            if zmq_msg_more(message) == 0 { return frames }
            flags = 0
        }
    }
}
