import Testing

@testable import TinqProtocol

@Suite("ReplayRequest")
struct ReplayRequestTests {
    @Test("absent fields take their defaults")
    func defaults() throws {
        #expect(try ReplayRequest.decode(bytes("{}")) == ReplayRequest(fromSeq: 1, limit: 1000, labels: []))
        #expect(try ReplayRequest.decode(bytes(#"{"from_seq":0}"#)) == ReplayRequest(fromSeq: 0, limit: 1000, labels: []))
    }

    @Test("the limit is capped at maxLimit")
    func cap() throws {
        #expect(try ReplayRequest.decode(bytes(#"{"limit":999999}"#)).limit == ReplayRequest.maxLimit)
        #expect(try ReplayRequest.decode(bytes(#"{"limit":\#(ReplayRequest.maxLimit)}"#)).limit == ReplayRequest.maxLimit)
        #expect(try ReplayRequest.decode(bytes(#"{"limit":1}"#)).limit == 1)
    }

    @Test("unusable arguments are bad_arguments", arguments: [
        "", "[]", "{", #"{"limit":0}"#, #"{"limit":-1}"#, #"{"from_seq":-1}"#, #"{"from_seq":"5"}"#, #"{"labels":"award"}"#,
        #"{"labels":["Award"]}"#, #"{"labels":[""]}"#, #"{"labels":["a.b"]}"#, #"{"limit":1.5}"#,
    ])
    func invalid(frame: String) {
        #expect(rejection { try ReplayRequest.decode(bytes(frame)) }?.code == .badArguments)
    }

    @Test("jsonBytes decodes back to an equal request", arguments: [
        ReplayRequest(fromSeq: 1), ReplayRequest(fromSeq: UInt64.max, limit: 5000, labels: ["dan_van", "award", "x_1"]),
    ])
    func roundTrip(request: ReplayRequest) throws {
        #expect(try ReplayRequest.decode(request.jsonBytes()) == request)
        let json = try #require(jsonObject(request.jsonBytes()))
        #expect(Set(json.keys) == ["from_seq", "limit", "labels"])
    }
}
