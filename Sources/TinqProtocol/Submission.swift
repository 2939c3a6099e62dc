/// A validated SUBMIT: metadata plus a non-empty, well-formed UTF-8 body within limits.
public struct Submission: Sendable {
    /// The parsed metadata.
    public var metadata: SubmitMetadata
    /// The metadata re-serialised in canonical form (what workers receive).
    public var metadataJSON: [UInt8]
    /// The article bytes, as sent.
    public var body: [UInt8]

    /// Creates a submission from parts already known to be valid (client side).
    public init(metadata: SubmitMetadata, body: [UInt8]) {
        self.metadata = metadata
        self.metadataJSON = metadata.jsonBytes()
        self.body = body
    }

    /// Validates the two SUBMIT frames.
    public static func decode(metadata: [UInt8], body: [UInt8], limits: ClientRequest.Limits) throws(ProtocolRejection) -> Submission {
        let meta = try SubmitMetadata.decode(metadata)
        guard body.count <= limits.maxBodyBytes else {
            throw ProtocolRejection(.bodyTooLarge, "body is \(body.count) bytes; this broker accepts at most \(limits.maxBodyBytes)")
        }
        guard body.contains(where: { $0 != 0x20 && $0 != 0x0A && $0 != 0x0D && $0 != 0x09 }) else {
            throw ProtocolRejection(.bodyEmpty, "body is empty")
        }
        if let bad = UTF8Validation.firstInvalidOffset(body) {
            throw ProtocolRejection(.bodyNotUTF8, "body is not UTF-8: invalid byte 0x\(String(body[bad], radix: 16, uppercase: true)) at offset \(bad)")
        }
        return Submission(metadata: meta, body: body)
    }
}
