import CZeroMQ

// Typed socket options. Setters are methods because libzmq can refuse a value (EINVAL)
// or a dead socket (ETERM, ENOTSOCK), and Swift property setters cannot throw; getters
// are throwing read-only properties for the same reason. Times are milliseconds, and
// ints are Int32 where libzmq says int.
extension Socket {
    // MARK: Lifetime and queues

    /// How long `close()` keeps pending output, in ms (ZMQ_LINGER): -1 forever
    /// (libzmq's default), 0 drop at once.
    public var linger: Int32 {
        get throws(ZMQError) { try int32Option(ZMQ_LINGER, "ZMQ_LINGER") }
    }

    /// Sets `linger` (ZMQ_LINGER), in ms.
    public func setLinger(_ milliseconds: Int32) throws(ZMQError) {
        try setOption(ZMQ_LINGER, milliseconds, "ZMQ_LINGER")
    }

    /// Messages queued per outgoing pipe before PUB/ROUTER drop and the others block
    /// (ZMQ_SNDHWM, default 1000, 0 unlimited).
    public var sendHighWaterMark: Int32 {
        get throws(ZMQError) { try int32Option(ZMQ_SNDHWM, "ZMQ_SNDHWM") }
    }

    /// Sets `sendHighWaterMark` (ZMQ_SNDHWM); takes effect for pipes created afterwards.
    public func setSendHighWaterMark(_ messages: Int32) throws(ZMQError) {
        try setOption(ZMQ_SNDHWM, messages, "ZMQ_SNDHWM")
    }

    /// Messages queued per incoming pipe (ZMQ_RCVHWM, default 1000, 0 unlimited).
    public var receiveHighWaterMark: Int32 {
        get throws(ZMQError) { try int32Option(ZMQ_RCVHWM, "ZMQ_RCVHWM") }
    }

    /// Sets `receiveHighWaterMark` (ZMQ_RCVHWM); takes effect for pipes created afterwards.
    public func setReceiveHighWaterMark(_ messages: Int32) throws(ZMQError) {
        try setOption(ZMQ_RCVHWM, messages, "ZMQ_RCVHWM")
    }

    /// Largest inbound message in bytes; a peer sending more is disconnected
    /// (ZMQ_MAXMSGSIZE, default -1: no limit).
    public var maxMessageSize: Int64 {
        get throws(ZMQError) { try int64Option(ZMQ_MAXMSGSIZE, "ZMQ_MAXMSGSIZE") }
    }

    /// Sets `maxMessageSize` (ZMQ_MAXMSGSIZE), in bytes; -1 for no limit.
    public func setMaxMessageSize(_ bytes: Int64) throws(ZMQError) {
        try setOption(ZMQ_MAXMSGSIZE, int64: bytes, "ZMQ_MAXMSGSIZE")
    }

    /// How long a blocking `receive` waits before returning nil, in ms
    /// (ZMQ_RCVTIMEO, default -1: forever).
    public var receiveTimeout: Int32 {
        get throws(ZMQError) { try int32Option(ZMQ_RCVTIMEO, "ZMQ_RCVTIMEO") }
    }

    /// Sets `receiveTimeout` (ZMQ_RCVTIMEO), in ms.
    public func setReceiveTimeout(_ milliseconds: Int32) throws(ZMQError) {
        try setOption(ZMQ_RCVTIMEO, milliseconds, "ZMQ_RCVTIMEO")
    }

    /// How long a blocking `send` waits before returning false, in ms
    /// (ZMQ_SNDTIMEO, default -1: forever).
    public var sendTimeout: Int32 {
        get throws(ZMQError) { try int32Option(ZMQ_SNDTIMEO, "ZMQ_SNDTIMEO") }
    }

    /// Sets `sendTimeout` (ZMQ_SNDTIMEO), in ms.
    public func setSendTimeout(_ milliseconds: Int32) throws(ZMQError) {
        try setOption(ZMQ_SNDTIMEO, milliseconds, "ZMQ_SNDTIMEO")
    }

    // MARK: Connections

    /// Queue messages only to completed connections (ZMQ_IMMEDIATE, default false).
    public var immediate: Bool {
        get throws(ZMQError) { try int32Option(ZMQ_IMMEDIATE, "ZMQ_IMMEDIATE") != 0 }
    }

    /// Sets `immediate` (ZMQ_IMMEDIATE).
    public func setImmediate(_ enabled: Bool) throws(ZMQError) {
        try setOption(ZMQ_IMMEDIATE, enabled ? Int32(1) : Int32(0), "ZMQ_IMMEDIATE")
    }

    /// First reconnect delay, in ms (ZMQ_RECONNECT_IVL, default 100; -1 never reconnect).
    public var reconnectInterval: Int32 {
        get throws(ZMQError) { try int32Option(ZMQ_RECONNECT_IVL, "ZMQ_RECONNECT_IVL") }
    }

    /// Sets `reconnectInterval` (ZMQ_RECONNECT_IVL), in ms.
    public func setReconnectInterval(_ milliseconds: Int32) throws(ZMQError) {
        try setOption(ZMQ_RECONNECT_IVL, milliseconds, "ZMQ_RECONNECT_IVL")
    }

    /// Cap of the doubling reconnect delay, in ms (ZMQ_RECONNECT_IVL_MAX, default 0: no doubling).
    public var reconnectIntervalMax: Int32 {
        get throws(ZMQError) { try int32Option(ZMQ_RECONNECT_IVL_MAX, "ZMQ_RECONNECT_IVL_MAX") }
    }

    /// Sets `reconnectIntervalMax` (ZMQ_RECONNECT_IVL_MAX), in ms.
    public func setReconnectIntervalMax(_ milliseconds: Int32) throws(ZMQError) {
        try setOption(ZMQ_RECONNECT_IVL_MAX, milliseconds, "ZMQ_RECONNECT_IVL_MAX")
    }

    /// ZMTP PING period, in ms (ZMQ_HEARTBEAT_IVL, default 0: off).
    public var heartbeatInterval: Int32 {
        get throws(ZMQError) { try int32Option(ZMQ_HEARTBEAT_IVL, "ZMQ_HEARTBEAT_IVL") }
    }

    /// Sets `heartbeatInterval` (ZMQ_HEARTBEAT_IVL), in ms.
    public func setHeartbeatInterval(_ milliseconds: Int32) throws(ZMQError) {
        try setOption(ZMQ_HEARTBEAT_IVL, milliseconds, "ZMQ_HEARTBEAT_IVL")
    }

    /// How long to wait for traffic after a PING before dropping the connection, in ms
    /// (ZMQ_HEARTBEAT_TIMEOUT, default: the interval).
    public var heartbeatTimeout: Int32 {
        get throws(ZMQError) { try int32Option(ZMQ_HEARTBEAT_TIMEOUT, "ZMQ_HEARTBEAT_TIMEOUT") }
    }

    /// Sets `heartbeatTimeout` (ZMQ_HEARTBEAT_TIMEOUT), in ms.
    public func setHeartbeatTimeout(_ milliseconds: Int32) throws(ZMQError) {
        try setOption(ZMQ_HEARTBEAT_TIMEOUT, milliseconds, "ZMQ_HEARTBEAT_TIMEOUT")
    }

    /// How long the peer should wait for traffic before dropping us, in ms
    /// (ZMQ_HEARTBEAT_TTL; sent in PINGs, with 100 ms resolution).
    public var heartbeatTTL: Int32 {
        get throws(ZMQError) { try int32Option(ZMQ_HEARTBEAT_TTL, "ZMQ_HEARTBEAT_TTL") }
    }

    /// Sets `heartbeatTTL` (ZMQ_HEARTBEAT_TTL), in ms; 0 to 6 553 599.
    public func setHeartbeatTTL(_ milliseconds: Int32) throws(ZMQError) {
        try setOption(ZMQ_HEARTBEAT_TTL, milliseconds, "ZMQ_HEARTBEAT_TTL")
    }

    /// Use IPv6 as well as IPv4 on tcp endpoints (ZMQ_IPV6, default false).
    public var ipv6: Bool {
        get throws(ZMQError) { try int32Option(ZMQ_IPV6, "ZMQ_IPV6") != 0 }
    }

    /// Sets `ipv6` (ZMQ_IPV6).
    public func setIPv6(_ enabled: Bool) throws(ZMQError) {
        try setOption(ZMQ_IPV6, enabled ? Int32(1) : Int32(0), "ZMQ_IPV6")
    }

    /// SO_KEEPALIVE for tcp (ZMQ_TCP_KEEPALIVE): -1 system default, 0 off, 1 on.
    public var tcpKeepalive: Int32 {
        get throws(ZMQError) { try int32Option(ZMQ_TCP_KEEPALIVE, "ZMQ_TCP_KEEPALIVE") }
    }

    /// Sets `tcpKeepalive` (ZMQ_TCP_KEEPALIVE).
    public func setTCPKeepalive(_ mode: Int32) throws(ZMQError) {
        try setOption(ZMQ_TCP_KEEPALIVE, mode, "ZMQ_TCP_KEEPALIVE")
    }

    // MARK: Identity and routing

    /// This socket's identity as its ROUTER peers see it (ZMQ_ROUTING_ID, 1 to 255
    /// bytes, not starting with 0); empty when libzmq picks one.
    public var routingID: [UInt8] {
        get throws(ZMQError) { try bytesOption(ZMQ_ROUTING_ID, capacity: 255, "ZMQ_ROUTING_ID") }
    }

    /// Sets `routingID` (ZMQ_ROUTING_ID); only before `connect`.
    public func setRoutingID(_ id: [UInt8]) throws(ZMQError) {
        try setOption(ZMQ_ROUTING_ID, bytes: id, "ZMQ_ROUTING_ID")
    }

    /// Makes a ROUTER fail a send to an unknown peer with `EHOSTUNREACH`, and a send to a
    /// full peer with `EAGAIN`, instead of dropping silently (ZMQ_ROUTER_MANDATORY).
    public func setRouterMandatory(_ enabled: Bool) throws(ZMQError) {
        try setOption(ZMQ_ROUTER_MANDATORY, enabled ? Int32(1) : Int32(0), "ZMQ_ROUTER_MANDATORY")
    }

    /// Lets a new ROUTER peer take over the routing id of a connected one instead of
    /// being refused (ZMQ_ROUTER_HANDOVER).
    public func setRouterHandover(_ enabled: Bool) throws(ZMQError) {
        try setOption(ZMQ_ROUTER_HANDOVER, enabled ? Int32(1) : Int32(0), "ZMQ_ROUTER_HANDOVER")
    }

    /// Sends an empty message to each ROUTER this socket connects to, so the ROUTER
    /// learns its routing id at once (ZMQ_PROBE_ROUTER); set before `connect`.
    public func setProbeRouter(_ enabled: Bool) throws(ZMQError) {
        try setOption(ZMQ_PROBE_ROUTER, enabled ? Int32(1) : Int32(0), "ZMQ_PROBE_ROUTER")
    }

    /// Receives (SUB) messages whose first frame starts with `prefix`; empty for all.
    public func subscribe(_ prefix: [UInt8]) throws(ZMQError) {
        try setOption(ZMQ_SUBSCRIBE, bytes: prefix, "ZMQ_SUBSCRIBE")
    }

    /// Receives (SUB) messages whose first frame starts with the UTF-8 of `prefix`.
    public func subscribe(_ prefix: String) throws(ZMQError) {
        try subscribe(Array(prefix.utf8))
    }

    /// Removes one earlier `subscribe` of the same prefix.
    public func unsubscribe(_ prefix: [UInt8]) throws(ZMQError) {
        try setOption(ZMQ_UNSUBSCRIBE, bytes: prefix, "ZMQ_UNSUBSCRIBE")
    }

    /// Removes one earlier `subscribe` of the same UTF-8 prefix.
    public func unsubscribe(_ prefix: String) throws(ZMQError) {
        try unsubscribe(Array(prefix.utf8))
    }

    // MARK: State

    /// The endpoint of the last `bind`/`connect`, with a wildcard port resolved
    /// (ZMQ_LAST_ENDPOINT); nil if there was none or the socket is closed.
    public var lastEndpoint: String? {
        guard let bytes = try? bytesOption(ZMQ_LAST_ENDPOINT, capacity: 1024, "ZMQ_LAST_ENDPOINT")
        else { return nil }
        let text = bytes.prefix { $0 != 0 }
        return text.isEmpty ? nil : String(decoding: text, as: UTF8.self)
    }

    /// What the socket can do now without blocking (ZMQ_EVENTS).
    ///
    /// Reading it also makes libzmq process pending commands, which is what re-arms the
    /// edge-triggered `fileDescriptor`: read it after each send/receive batch and drain
    /// until `.readable` is gone.
    public var events: PollEvents {
        get throws(ZMQError) {
            PollEvents(rawValue: Int16(truncatingIfNeeded: try int32Option(ZMQ_EVENTS, "ZMQ_EVENTS")))
        }
    }

    /// A descriptor that becomes readable when `events` may have changed (ZMQ_FD).
    /// Edge-triggered and owned by libzmq: poll it, never read or close it.
    public var fileDescriptor: Int32 {
        get throws(ZMQError) { try int32Option(ZMQ_FD, "ZMQ_FD") }
    }

    // MARK: Raw access, inside the module only

    func setOption(_ option: Int32, _ value: Int32, _ name: String) throws(ZMQError) {
        let socket = try liveHandle("zmq_setsockopt(\(name))")
        var value = value
        try zmqCall("zmq_setsockopt(\(name), \(value))") {
            zmq_setsockopt(socket, option, &value, MemoryLayout<Int32>.size)
        }
    }

    func setOption(_ option: Int32, int64 value: Int64, _ name: String) throws(ZMQError) {
        let socket = try liveHandle("zmq_setsockopt(\(name))")
        var value = value
        try zmqCall("zmq_setsockopt(\(name), \(value))") {
            zmq_setsockopt(socket, option, &value, MemoryLayout<Int64>.size)
        }
    }

    func setOption(_ option: Int32, bytes: [UInt8], _ name: String) throws(ZMQError) {
        let socket = try liveHandle("zmq_setsockopt(\(name))")
        try zmqCall("zmq_setsockopt(\(name), \(bytes.count) bytes)") {
            bytes.withUnsafeBytes { zmq_setsockopt(socket, option, $0.baseAddress, $0.count) }
        }
    }

    func int32Option(_ option: Int32, _ name: String) throws(ZMQError) -> Int32 {
        let socket = try liveHandle("zmq_getsockopt(\(name))")
        var value: Int32 = 0
        var size = MemoryLayout<Int32>.size
        try zmqCall("zmq_getsockopt(\(name))") { zmq_getsockopt(socket, option, &value, &size) }
        return value
    }

    func int64Option(_ option: Int32, _ name: String) throws(ZMQError) -> Int64 {
        let socket = try liveHandle("zmq_getsockopt(\(name))")
        var value: Int64 = 0
        var size = MemoryLayout<Int64>.size
        try zmqCall("zmq_getsockopt(\(name))") { zmq_getsockopt(socket, option, &value, &size) }
        return value
    }

    func bytesOption(_ option: Int32, capacity: Int, _ name: String) throws(ZMQError) -> [UInt8] {
        let socket = try liveHandle("zmq_getsockopt(\(name))")
        var bytes = [UInt8](repeating: 0, count: capacity)
        var size = capacity
        try zmqCall("zmq_getsockopt(\(name))") {
            bytes.withUnsafeMutableBytes { zmq_getsockopt(socket, option, $0.baseAddress, &size) }
        }
        bytes.removeSubrange(min(size, capacity)...)
        return bytes
    }
}
