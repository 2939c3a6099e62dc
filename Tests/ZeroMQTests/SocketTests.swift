import Foundation
import Synchronization
import Testing
import ZeroMQ

@Suite struct SocketTests {
    @Test func lastEndpointResolvesTheWildcardPort() throws {
        let context = try Context()
        defer { context.close() }
        let server = try makeSocket(context, .pair)
        defer { server.close() }
        let client = try makeSocket(context, .pair)
        defer { client.close() }

        #expect(server.lastEndpoint == nil)
        try server.bind("tcp://127.0.0.1:*")
        let endpoint = try #require(server.lastEndpoint)
        #expect(endpoint.hasPrefix("tcp://127.0.0.1:"))
        let port = try #require(Int(endpoint.dropFirst("tcp://127.0.0.1:".count)))
        #expect(port > 0 && port < 65536)

        try client.connect(endpoint)
        try client.send([Array("over tcp".utf8)])
        #expect(try receiveOrFail(server) == [Array("over tcp".utf8)])
    }

    @Test func closeIsIdempotentAndLaterCallsThrowENOTSOCK() throws {
        let context = try Context()
        defer { context.close() }
        let socket = try makeSocket(context, .dealer)
        socket.close()
        socket.close()
        #expect(socket.isClosed)
        #expect(socket.lastEndpoint == nil)

        let sendError = try #require(throws: ZMQError.self) { try socket.send([[1]]) }
        #expect(sendError.code == ENOTSOCK)
        #expect(sendError.call == "zmq_send")
        let bindError = try #require(throws: ZMQError.self) { try socket.bind("inproc://closed") }
        #expect(bindError.code == ENOTSOCK)
        #expect(bindError.call == "zmq_bind(inproc://closed)")
        #expect(throws: ZMQError.self) { try socket.receive(dontWait: true) }
        #expect(throws: ZMQError.self) { try socket.setLinger(0) }
    }

    @Test func unbindAndDisconnect() throws {
        let directory = try TemporaryDirectory()
        let context = try Context()
        defer { context.close() }
        let server = try makeSocket(context, .pull)
        defer { server.close() }
        let client = try makeSocket(context, .push)
        defer { client.close() }

        let endpoint = directory.ipc("unbind")
        try server.bind(endpoint)
        try client.connect(endpoint)
        try client.send([[7]])
        #expect(try receiveOrFail(server) == [[7]])

        try client.disconnect(endpoint)
        try server.unbind(endpoint)
        // Both are gone now, so a second time is an error libzmq reports.
        #expect(throws: ZMQError.self) { try server.unbind(endpoint) }
        #expect(throws: ZMQError.self) { try client.disconnect(endpoint) }
        // With no peer left, a PUSH cannot queue anything.
        #expect(try client.send([[8]], dontWait: true) == false)
    }

    @Test func socketCreatedAndUsedOnADedicatedThread() throws {
        let directory = try TemporaryDirectory()
        let context = try Context()
        defer { context.close() }
        let server = try makeSocket(context, .pair)
        defer { server.close() }
        let endpoint = directory.ipc("thread")
        try server.bind(endpoint)

        let finished = DispatchSemaphore(value: 0)
        let reply = Mutex<[[UInt8]]?>(nil)
        let failure = Mutex<String?>(nil)
        let thread = Thread {
            defer { finished.signal() }
            do {
                let client = try makeSocket(context, .pair)
                defer { client.close() }
                try client.connect(endpoint)
                try client.send([Array("ping".utf8), [0, 255]])
                let answer = try client.receive()
                reply.withLock { $0 = answer }
            } catch {
                failure.withLock { $0 = "\(error)" }
            }
        }
        thread.start()

        let request = try receiveOrFail(server)
        #expect(request == [Array("ping".utf8), [0, 255]])
        try server.send([Array("pong".utf8)] + request.dropFirst())
        #expect(finished.wait(timeout: .now() + 5) == .success)
        #expect(failure.withLock { $0 } == nil)
        #expect(reply.withLock { $0 } == [Array("pong".utf8), [0, 255]])
    }
}
