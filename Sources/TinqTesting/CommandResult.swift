/// What a finished command printed and how it ended.
public struct CommandResult: Sendable, CustomStringConvertible {
    /// How it ended.
    public var termination: ProcessTermination
    /// Its standard output.
    public var stdout: String
    /// Its standard error.
    public var stderr: String
    /// How long it ran.
    public var duration: Duration

    /// Creates a result.
    public init(termination: ProcessTermination, stdout: String, stderr: String, duration: Duration) {
        self.termination = termination
        self.stdout = stdout
        self.stderr = stderr
        self.duration = duration
    }

    /// True for exit status 0.
    public var succeeded: Bool { termination.isSuccess }

    /// The outcome and output, for failure messages.
    public var description: String {
        "\(termination) after \(duration)\n--- stdout:\n\(stdout.suffix(3000))\n--- stderr:\n\(stderr.suffix(3000))"
    }
}
