import Testing
import ZeroMQ

@Suite struct ZeroMQTests {
    @Test func versionIsTheLinkedLibzmq4() {
        let version = ZeroMQ.version
        #expect(version.major == 4)
        #expect(version.minor >= 3)
        #expect(version.patch >= 0)
    }

    @Test func capabilitiesAreReported() {
        #expect(ZeroMQ.has("ipc"))
        #expect(ZeroMQ.has("no-such-capability") == false)
    }
}
