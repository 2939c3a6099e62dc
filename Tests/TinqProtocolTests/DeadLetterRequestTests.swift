import Testing

@testable import TinqProtocol

@Suite("DeadLetterRequest")
struct DeadLetterRequestTests {
    @Test("valid requests decode", arguments: [
        (#"{"action":"list"}"#, DeadLetterRequest(action: .list)),
        (#"{"action":"list","limit":5}"#, DeadLetterRequest(action: .list, limit: 5)),
        (#"{"action":"show","job_id":"12"}"#, DeadLetterRequest(action: .show, jobID: "12")),
        (#"{"action":"requeue"}"#, DeadLetterRequest(action: .requeue)),
        (#"{"action":"purge","job_id":"18446744073709551615"}"#, DeadLetterRequest(action: .purge, jobID: "18446744073709551615")),
    ])
    func valid(frame: String, expected: DeadLetterRequest) throws {
        #expect(try DeadLetterRequest.decode(bytes(frame)) == expected)
    }

    @Test("unusable arguments are bad_arguments", arguments: [
        "", "{}", "[]", #"{"action":"delete"}"#, #"{"action":"LIST"}"#, #"{"action":"show"}"#, #"{"action":"show","job_id":12}"#,
        #"{"action":"requeue","job_id":"abc"}"#, #"{"action":"purge","job_id":"-3"}"#, #"{"action":"purge","job_id":""}"#,
        #"{"action":"purge","job_id":"18446744073709551616"}"#, #"{"action":"list","limit":"9"}"#,
    ])
    func invalid(frame: String) {
        #expect(rejection { try DeadLetterRequest.decode(bytes(frame)) }?.code == .badArguments)
    }

    @Test("jsonBytes decodes back to an equal request", arguments: [
        DeadLetterRequest(action: .list, limit: 100), DeadLetterRequest(action: .show, jobID: "1"), DeadLetterRequest(action: .requeue),
        DeadLetterRequest(action: .purge, jobID: "7"),
    ])
    func roundTrip(request: DeadLetterRequest) throws {
        #expect(try DeadLetterRequest.decode(request.jsonBytes()) == request)
    }
}
