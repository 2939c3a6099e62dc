import Foundation
import Testing
import ZeroMQ

@Suite struct ZMQErrorTests {
    @Test func unknownTransportCarriesCodeMessageAndCall() throws {
        let context = try Context()
        defer { context.close() }
        let socket = try makeSocket(context, .pair)
        defer { socket.close() }

        let error = try #require(throws: ZMQError.self) { try socket.bind("bogus://nowhere") }
        #expect(error.code == EPROTONOSUPPORT)
        #expect(error.call == "zmq_bind(bogus://nowhere)")
        #expect(error.message == String(cString: strerror(EPROTONOSUPPORT)))
        #expect(error.description.hasPrefix("zmq_bind(bogus://nowhere): "))
        #expect(error.description.contains("errno \(EPROTONOSUPPORT)"))
        #expect(!error.isAgain && !error.isTerminated && !error.isHostUnreachable)
    }

    @Test func ipcBindInMissingDirectoryFailsWithENOENT() throws {
        let directory = try TemporaryDirectory()
        let context = try Context()
        defer { context.close() }
        let socket = try makeSocket(context, .pull)
        defer { socket.close() }

        let endpoint = "ipc://\(directory.path)/missing/sock"
        let error = try #require(throws: ZMQError.self) { try socket.bind(endpoint) }
        #expect(error.code == ENOENT)
        #expect(error.call == "zmq_bind(\(endpoint))")
    }

    @Test func portInUseFailsWithEADDRINUSE() throws {
        let context = try Context()
        defer { context.close() }
        let first = try makeSocket(context, .pull)
        defer { first.close() }
        let second = try makeSocket(context, .pull)
        defer { second.close() }

        try first.bind("tcp://127.0.0.1:*")
        let endpoint = try #require(first.lastEndpoint)
        let error = try #require(throws: ZMQError.self) { try second.bind(endpoint) }
        #expect(error.code == EADDRINUSE)
    }

    @Test func libzmqOwnCodesGetLibzmqText() {
        let terminated = ZMQError(code: 156_384_712 + 53, call: "zmq_msg_recv")
        #expect(terminated.isTerminated)
        #expect(terminated.message == "Context was terminated")
    }
}
