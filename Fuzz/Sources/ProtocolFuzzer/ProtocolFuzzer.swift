import Foundation
import FuzzDriver
import TinqProtocol

/// libFuzzer entry point for everything the broker, workers and clients decode off the wire.
/// The first byte picks the decoder; the rest is split into frames at every 0xFF byte (a byte
/// that never occurs in UTF-8, so text frames keep their shape). Any input must decode or be
/// rejected with a code and a message; a crash, a sanitizer report or a hang is a bug. The
/// broker's UTF-8 check is also compared with the standard library's validation.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzProtocol(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    guard let data, size > 0 else { return 0 }
    let rest = Array(UnsafeBufferPointer(start: data + 1, count: size - 1))
    let frames = rest.split(separator: 0xFF, omittingEmptySubsequences: false).map(Array.init)
    func rejected(_ r: ProtocolRejection) {
        precondition(!r.message.isEmpty && r.requestID.count <= Wire.maxRequestIDLength)
    }
    switch data[0] % 8 {
    case 0:  // a producer's or admin client's request, as the broker's frontend reads it
        do {
            let request = try ClientRequest.decode(frames[...], limits: .init(maxBodyBytes: 4096))
            precondition(!request.requestID.isEmpty && request.requestID.count <= Wire.maxRequestIDLength)
            if case .submit(let s) = request.body { precondition(s.body.count <= 4096) }
            // What decodes re-encodes to frames that decode to the same command.
            _ = try ClientRequest.decode(request.frames()[...], limits: .init(maxBodyBytes: 4096))
        } catch { rejected(error) }
    case 1:  // a worker's message, as the broker's backend reads it
        do {
            let message = try WorkerMessage.decode(frames[...])
            let again = try WorkerMessage.decode(message.frames()[...])
            precondition(again == message, "a worker message changes when re-encoded")
        } catch { rejected(error) }
    case 2:  // the broker's reply, as a client reads it
        do { _ = try BrokerReply.decode(frames) } catch { rejected(error) }
    case 3:  // the broker's command, as a worker reads it
        do { _ = try BrokerCommand.decode(frames) } catch { rejected(error) }
    case 4:  // a published result, as a subscriber reads it
        do { _ = try PublishedResult.decode(frames) } catch { rejected(error) }
    case 5:  // replayed results
        do { _ = try ResultRecord.decodeReplay(frames) } catch { rejected(error) }
    case 6:  // the JSON frames alone
        do { _ = try SubmitMetadata.decode(rest) } catch { rejected(error) }
        do { _ = try ReplayRequest.decode(rest) } catch { rejected(error) }
        do { _ = try DeadLetterRequest.decode(rest) } catch { rejected(error) }
    default:  // the body check against the standard library
        let offset = UTF8Validation.firstInvalidOffset(rest)
        let valid = String(validating: rest, as: UTF8.self) != nil
        precondition((offset == nil) == valid, "UTF8Validation disagrees with the standard library")
        if let offset {
            precondition(offset < rest.count)
            precondition(String(validating: rest[..<offset], as: UTF8.self) != nil, "the bytes before the reported offset are valid")
        }
    }
    return 0
}

/// Runs libFuzzer on ``fuzzProtocol(_:_:)``.
@main
enum FuzzMain {
    static func main() { runLibFuzzer { data, size in fuzzProtocol(data, size) } }
}
