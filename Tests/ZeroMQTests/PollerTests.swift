import Foundation
import Testing
import ZeroMQ

@Suite struct PollerTests {
    @Test func socketReadinessWithTimeouts() throws {
        let context = try Context()
        defer { context.close() }
        let left = try makeSocket(context, .pair)
        defer { left.close() }
        let right = try makeSocket(context, .pair)
        defer { right.close() }
        try left.bind("inproc://poll")
        try right.connect("inproc://poll")

        var poller = Poller()
        let index = poller.add(right, events: .readable)
        #expect(index == 0)
        #expect(try poller.poll(timeoutMilliseconds: 0) == 0)
        #expect(try poller.poll(timeoutMilliseconds: 30) == 0)
        #expect(poller.ready(index).isEmpty)

        try left.send([[1, 2, 3]])
        #expect(try poller.poll(timeoutMilliseconds: Int(testTimeout)) == 1)
        #expect(poller.ready(index) == .readable)
        #expect(try right.receive(dontWait: true) == [[1, 2, 3]])

        // Drained: nothing is ready any more.
        #expect(try poller.poll(timeoutMilliseconds: 0) == 0)
        #expect(poller.ready(index).isEmpty)

        // A connected PAIR can send, and the poller reports only what was asked for.
        poller.setEvents([.readable, .writable], at: index)
        #expect(try poller.poll(timeoutMilliseconds: Int(testTimeout)) == 1)
        #expect(poller.ready(index) == .writable)
    }

    @Test func rawDescriptorsAndSocketsTogether() throws {
        let context = try Context()
        defer { context.close() }
        let socket = try makeSocket(context, .pull)
        defer { socket.close() }
        try socket.bind("inproc://fd-and-socket")

        var fds: [Int32] = [-1, -1]
        try #require(pipe(&fds) == 0)
        defer {
            close(fds[0])
            close(fds[1])
        }

        var poller = Poller()
        let socketIndex = poller.add(socket)
        let pipeIndex = poller.add(fileDescriptor: fds[0])
        #expect(poller.count == 2)
        #expect(try poller.poll(timeoutMilliseconds: 20) == 0)

        var byte: UInt8 = 42
        #expect(write(fds[1], &byte, 1) == 1)
        #expect(try poller.poll(timeoutMilliseconds: Int(testTimeout)) == 1)
        #expect(poller.ready(pipeIndex) == .readable)
        #expect(poller.ready(socketIndex).isEmpty)
    }

    @Test func pollingAClosedSocketThrowsInsteadOfTouchingFreedMemory() throws {
        let context = try Context()
        defer { context.close() }
        let socket = try makeSocket(context, .pull)
        var poller = Poller()
        poller.add(socket)
        socket.close()
        let error = try #require(throws: ZMQError.self) { try poller.poll(timeoutMilliseconds: 0) }
        #expect(error.code == ENOTSOCK)
    }

    @Test func pollAfterShutdownIsTerminated() throws {
        let context = try Context()
        defer { context.close() }
        let socket = try makeSocket(context, .pull)
        defer { socket.close() }
        var poller = Poller()
        poller.add(socket)
        context.shutdown()
        let error = try #require(throws: ZMQError.self) { try poller.poll(timeoutMilliseconds: Int(testTimeout)) }
        #expect(error.isTerminated)
    }
}
