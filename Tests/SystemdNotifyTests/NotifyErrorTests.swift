import Glibc
import SystemdNotify
import Testing

@Suite("NotifyError")
struct NotifyErrorTests {
    @Test("description names the call, the system's text and the errno")
    func description() {
        let error = NotifyError(call: "sendto", errno: ENOENT)
        #expect(error.message == String(cString: strerror(ENOENT)))
        #expect(error.description == "sendto: \(String(cString: strerror(ENOENT))) (errno \(ENOENT))")
    }
}
