import Foundation
import Testing
import ZeroMQ

@Suite struct SocketOptionsTests {
    @Test func integerOptionsReadBackWhatWasSet() throws {
        let context = try Context()
        defer { context.close() }
        let socket = try makeSocket(context, .dealer)
        defer { socket.close() }

        try socket.setLinger(250)
        #expect(try socket.linger == 250)
        try socket.setSendHighWaterMark(17)
        #expect(try socket.sendHighWaterMark == 17)
        try socket.setReceiveHighWaterMark(19)
        #expect(try socket.receiveHighWaterMark == 19)
        try socket.setMaxMessageSize(5_000_000_000)
        #expect(try socket.maxMessageSize == 5_000_000_000)
        try socket.setReceiveTimeout(1234)
        #expect(try socket.receiveTimeout == 1234)
        try socket.setSendTimeout(4321)
        #expect(try socket.sendTimeout == 4321)
        try socket.setReconnectInterval(150)
        #expect(try socket.reconnectInterval == 150)
        try socket.setReconnectIntervalMax(32_000)
        #expect(try socket.reconnectIntervalMax == 32_000)
        try socket.setHeartbeatInterval(1000)
        #expect(try socket.heartbeatInterval == 1000)
        try socket.setHeartbeatTimeout(3000)
        #expect(try socket.heartbeatTimeout == 3000)
        try socket.setHeartbeatTTL(6000)
        #expect(try socket.heartbeatTTL == 6000)
        try socket.setTCPKeepalive(1)
        #expect(try socket.tcpKeepalive == 1)
    }

    @Test func booleanOptionsReadBackWhatWasSet() throws {
        let context = try Context()
        defer { context.close() }
        let socket = try makeSocket(context, .router)
        defer { socket.close() }

        #expect(try socket.immediate == false)
        try socket.setImmediate(true)
        #expect(try socket.immediate)
        #expect(try socket.ipv6 == false)
        try socket.setIPv6(true)
        #expect(try socket.ipv6)
        // Set-only options: accepted by libzmq, refused on a socket type that lacks them.
        try socket.setRouterMandatory(true)
        try socket.setRouterHandover(true)
        try socket.setProbeRouter(true)
    }

    @Test func routingIDIsRawBytes() throws {
        let context = try Context()
        defer { context.close() }
        let socket = try makeSocket(context, .dealer)
        defer { socket.close() }

        #expect(try socket.routingID == [])
        let id: [UInt8] = [0x01, 0x00, 0xFF, 0xC3]
        try socket.setRoutingID(id)
        #expect(try socket.routingID == id)
        let tooLong = try #require(throws: ZMQError.self) { try socket.setRoutingID(Array(repeating: 1, count: 256)) }
        #expect(tooLong.code == EINVAL)
        #expect(tooLong.call == "zmq_setsockopt(ZMQ_ROUTING_ID, 256 bytes)")
    }

    @Test func invalidValuesAreRefusedWithTheOptionNamed() throws {
        let context = try Context()
        defer { context.close() }
        let socket = try makeSocket(context, .pair)
        defer { socket.close() }

        let error = try #require(throws: ZMQError.self) { try socket.setHeartbeatTTL(10_000_000) }
        #expect(error.code == EINVAL)
        #expect(error.call == "zmq_setsockopt(ZMQ_HEARTBEAT_TTL, 10000000)")
        let linger = try #require(throws: ZMQError.self) { try socket.setLinger(-2) }
        #expect(linger.code == EINVAL)
        #expect(linger.call == "zmq_setsockopt(ZMQ_LINGER, -2)")
    }

    @Test func eventsAndFileDescriptorFollowTheQueue() throws {
        let context = try Context()
        defer { context.close() }
        let left = try makeSocket(context, .pair)
        defer { left.close() }
        let right = try makeSocket(context, .pair)
        defer { right.close() }
        try left.bind("inproc://events")
        try right.connect("inproc://events")

        #expect(try right.fileDescriptor >= 0)
        #expect(try right.events.contains(.readable) == false)
        try left.send([[9]])
        var poller = Poller()
        poller.add(right)
        #expect(try poller.poll(timeoutMilliseconds: Int(testTimeout)) == 1)
        #expect(try right.events.contains(.readable))
        #expect(try right.receive(dontWait: true) == [[9]])
        #expect(try right.events.contains(.readable) == false)
        #expect(try right.events.contains(.writable))
    }
}
