/// A failure raised by the test helpers, with a sentence saying what went wrong.
public struct TestFailure: Error, CustomStringConvertible {
    /// What went wrong.
    public var description: String

    /// Creates a failure described by `description`.
    public init(_ description: String) { self.description = description }
}
