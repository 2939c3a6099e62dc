/// Why a request was refused. The raw value is the `code` field of a REJECTED or ERROR reply.
public enum RejectCode: String, Sendable, CaseIterable {
    /// The message does not have the frames the protocol requires.
    case badFrames = "bad_frames"
    /// The protocol frame is not `tinq/1`.
    case badVersion = "bad_version"
    /// The command frame names no command this broker knows.
    case unknownCommand = "unknown_command"
    /// The request id is empty or longer than 64 bytes.
    case badRequestID = "bad_request_id"
    /// The metadata frame is not a JSON object of the documented fields.
    case badMetadata = "bad_metadata"
    /// `content_type` is neither text/plain nor text/html.
    case badContentType = "bad_content_type"
    /// The body frame is empty (or only white space).
    case bodyEmpty = "body_empty"
    /// The body is not well-formed UTF-8.
    case bodyNotUTF8 = "body_not_utf8"
    /// The body is larger than the broker's configured maximum.
    case bodyTooLarge = "body_too_large"
    /// A REPLAY or DLQ request carries arguments the broker cannot use.
    case badArguments = "bad_arguments"
    /// The broker failed to store the job (disk full, read-only data directory...). Retry later.
    case storageFailed = "storage_failed"
}

/// A refusal decoded from, or to be sent for, a malformed request.
public struct ProtocolRejection: Error, Sendable, Equatable {
    /// The machine-readable reason.
    public var code: RejectCode
    /// A sentence for people.
    public var message: String
    /// The request id, when it could be read, so the client can match the reply.
    public var requestID: [UInt8]

    /// Creates a rejection.
    public init(_ code: RejectCode, _ message: String, requestID: [UInt8] = []) {
        self.code = code
        self.message = message
        self.requestID = requestID
    }
}
