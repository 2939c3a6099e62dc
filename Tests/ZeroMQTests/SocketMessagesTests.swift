import Foundation
import Testing
import ZeroMQ

@Suite struct SocketMessagesTests {
    /// Empty frames, NUL, invalid UTF-8 and a 1 MiB frame of every byte value.
    static let awkwardMessage: [[UInt8]] = [
        [],
        Array("tiêu đề".utf8),
        [0, 0, 0],
        [],
        [0xC3, 0x28, 0xFF, 0xFE, 0x80],
        arbitraryBytes(count: 1 << 20),
        [],
    ]

    @Test func pairRoundTripKeepsEveryFrameExact() throws {
        let directory = try TemporaryDirectory()
        let context = try Context()
        defer { context.close() }
        let left = try makeSocket(context, .pair)
        defer { left.close() }
        let right = try makeSocket(context, .pair)
        defer { right.close() }

        try left.bind(directory.ipc("pair"))
        try right.connect(directory.ipc("pair"))

        #expect(try left.send(Self.awkwardMessage))
        let received = try receiveOrFail(right)
        #expect(received.count == Self.awkwardMessage.count)
        #expect(received.map(\.count) == Self.awkwardMessage.map(\.count))
        #expect(received == Self.awkwardMessage)

        // And back, as one single empty frame.
        try right.send([[]])
        #expect(try receiveOrFail(left) == [[]])
    }

    @Test func dealerRouterRoundTripAddsAndUsesTheRoutingID() throws {
        let context = try Context()
        defer { context.close() }
        let router = try makeSocket(context, .router)
        defer { router.close() }
        let dealer = try makeSocket(context, .dealer)
        defer { dealer.close() }

        try router.bind("tcp://127.0.0.1:*")
        let identity = Array("worker-1".utf8)
        try dealer.setRoutingID(identity)
        try dealer.connect(try #require(router.lastEndpoint))

        try dealer.send(Self.awkwardMessage)
        let request = try receiveOrFail(router)
        #expect(request.first == identity)
        #expect(Array(request.dropFirst()) == Self.awkwardMessage)

        try router.send([identity, [], Array("done".utf8)])
        #expect(try receiveOrFail(dealer) == [[], Array("done".utf8)])
    }

    @Test func routerMandatoryReportsAnUnknownPeer() throws {
        let context = try Context()
        defer { context.close() }
        let router = try makeSocket(context, .router)
        defer { router.close() }
        let dealer = try makeSocket(context, .dealer)
        defer { dealer.close() }
        try router.bind("tcp://127.0.0.1:*")

        // Without the option the message is dropped silently.
        #expect(try router.send([Array("nobody".utf8), [1]]))

        try router.setRouterMandatory(true)
        let error = try #require(throws: ZMQError.self) {
            try router.send([Array("nobody".utf8), [1]])
        }
        #expect(error.isHostUnreachable)
        #expect(error.call == "zmq_send(frame 1 of 2)")

        // Once the peer exists, only the next message reaches it: the failed one left
        // nothing half-built in the socket.
        try dealer.setRoutingID(Array("nobody".utf8))
        try dealer.connect(try #require(router.lastEndpoint))
        try #require(try sendOnceRoutable(router, [Array("nobody".utf8), [2]]))
        #expect(try receiveOrFail(dealer) == [[2]])
        #expect(try dealer.receive(dontWait: true) == nil)
    }

    @Test func dontWaitReceiveReturnsNilWhenNothingIsReady() throws {
        let context = try Context()
        defer { context.close() }
        let socket = try makeSocket(context, .pull)
        defer { socket.close() }
        try socket.bind("inproc://empty")

        #expect(try socket.receive(dontWait: true) == nil)
        try socket.setReceiveTimeout(20)
        #expect(try socket.receive() == nil)  // timed out
    }

    @Test func dontWaitSendReturnsFalseWithoutAPeer() throws {
        let context = try Context()
        defer { context.close() }
        let push = try makeSocket(context, .push)
        defer { push.close() }
        try push.bind("inproc://no-peer")

        #expect(try push.send([[1], [2]], dontWait: true) == false)
        try push.setSendTimeout(20)
        #expect(try push.send([[1]]) == false)  // timed out
    }

    @Test func sendingNoFramesIsAnError() throws {
        let context = try Context()
        defer { context.close() }
        let socket = try makeSocket(context, .pair)
        defer { socket.close() }
        let error = try #require(throws: ZMQError.self) { try socket.send([]) }
        #expect(error.code == EINVAL)
    }

    @Test func sendsSlicesAndNonContiguousCollections() throws {
        let context = try Context()
        defer { context.close() }
        let left = try makeSocket(context, .pair)
        defer { left.close() }
        let right = try makeSocket(context, .pair)
        defer { right.close() }
        try left.bind("inproc://collections")
        try right.connect("inproc://collections")

        let body = arbitraryBytes(count: 4096)
        #expect(try left.send(frames: [body[0..<10], body[10..<10], body[10...]]))
        #expect(try receiveOrFail(right) == [Array(body[0..<10]), [], Array(body[10...])])

        #expect(try left.send(frames: [repeatElement(UInt8(0x41), count: 3), repeatElement(0, count: 0)]))
        #expect(try receiveOrFail(right) == [[0x41, 0x41, 0x41], []])
    }

    @Test func pubSubDeliversOnlySubscribedPrefixes() throws {
        let directory = try TemporaryDirectory()
        let context = try Context()
        defer { context.close() }
        let publisher = try makeSocket(context, .pub)
        defer { publisher.close() }
        let subscriber = try makeSocket(context, .sub)
        defer { subscriber.close() }

        try publisher.bind(directory.ipc("pub"))
        try subscriber.subscribe("news.")
        try subscriber.subscribe([0xFF, 0x00])
        try subscriber.connect(directory.ipc("pub"))

        // A subscription reaches the publisher some time after connect; send a marker
        // until one arrives, so the real messages below cannot be lost to a slow join.
        try subscriber.setReceiveTimeout(50)
        var joined = false
        for _ in 0..<100 where !joined {
            try publisher.send([Array("news.sync".utf8)])
            try publisher.send([Array("other.sync".utf8)])
            joined = try subscriber.receive() != nil
        }
        try #require(joined, "subscription never reached the publisher")
        try subscriber.setReceiveTimeout(testTimeout)

        for topic in ["news.a", "sport.b", "news", "news.c"] {
            try publisher.send([Array(topic.utf8), Array("body".utf8)])
        }
        try publisher.send([[0xFF, 0x00, 0x01]])
        try publisher.send([[0xFF, 0x01]])
        try publisher.send([Array("news.end".utf8)])

        var topics: [[UInt8]] = []
        while topics.last != Array("news.end".utf8) {
            let message = try receiveOrFail(subscriber)
            if message.first != Array("news.sync".utf8) { topics.append(message[0]) }
        }
        #expect(topics == [Array("news.a".utf8), Array("news.c".utf8), [0xFF, 0x00, 0x01], Array("news.end".utf8)])

        // After unsubscribing "news." only the byte prefix is left. The unsubscription
        // travels to the publisher too; each round is drained up to its own byte-prefix
        // marker, so a round without its "news." message shows the filter in force.
        try subscriber.unsubscribe("news.")
        var filtered = false
        for round in 0..<100 where !filtered {
            let news = Array("news.\(round)".utf8)
            let marker: [UInt8] = [0xFF, 0x00, UInt8(round)]
            try publisher.send([news])
            try publisher.send([marker])
            var sawNews = false
            var message = try receiveOrFail(subscriber)
            while message != [marker] {
                if message == [news] { sawNews = true }
                message = try receiveOrFail(subscriber)
            }
            filtered = !sawNews
        }
        #expect(filtered)
    }

    @Test func maxMessageSizeDropsTheOversizedMessage() throws {
        let directory = try TemporaryDirectory()
        let context = try Context()
        defer { context.close() }
        let pull = try makeSocket(context, .pull)
        defer { pull.close() }
        let push = try makeSocket(context, .push)
        defer { push.close() }

        try pull.setMaxMessageSize(1024)
        #expect(try pull.maxMessageSize == 1024)
        try pull.bind(directory.ipc("max"))
        try push.connect(directory.ipc("max"))

        #expect(try push.send([arbitraryBytes(count: 4096)]))
        // libzmq drops the connection carrying the oversized message and the PUSH
        // reconnects; small messages get through again after that.
        try pull.setReceiveTimeout(100)
        var received: [[UInt8]]?
        for round in 0..<50 where received == nil {
            _ = try push.send([Array("small \(round)".utf8)], dontWait: true)
            received = try pull.receive()
        }
        let message = try #require(received)
        #expect(message.count == 1)
        #expect(message[0].count < 1024)
        #expect(String(decoding: message[0], as: UTF8.self).hasPrefix("small "))
    }

    /// Retries a ROUTER send while the peer's handshake has not finished (EHOSTUNREACH).
    private func sendOnceRoutable(_ router: Socket, _ frames: [[UInt8]]) throws -> Bool {
        for _ in 0..<500 {
            // An exhaustive catch: a partial `catch where` of a typed error inside a loop
            // crashes the Swift 6.3.1 compiler (MandatoryAllocBoxToStack).
            do {
                return try router.send(frames)
            } catch {
                guard error.isHostUnreachable else { throw error }
                Thread.sleep(forTimeInterval: 0.01)
            }
        }
        return false
    }
}
