import Foundation
import TinqAnalysis
import TinqProtocol

/// The worker's real job: decode the metadata, run the ``Analyzer``, return the result JSON.
public struct AnalysisProcessor: Sendable {
    private let analyzer: Analyzer

    /// Creates a processor over `analyzer`.
    public init(analyzer: Analyzer) { self.analyzer = analyzer }

    /// Processes one job. Bad input is a non-retryable failure: another attempt would fail the same way.
    public func process(_ job: JobDelivery) -> JobOutcome {
        let metadata: SubmitMetadata
        do {
            metadata = try SubmitMetadata.decode(job.metadataJSON)
        } catch {
            return .failure(JobFailure(code: "bad_metadata", message: error.message, retryable: false))
        }
        let input = ArticleInput(id: metadata.id, url: metadata.url, source: metadata.source,
                                 contentType: metadata.contentType == .html ? .html : .text, body: job.body)
        do {
            let analysis = try analyzer.analyze(input)
            return .result(labels: analysis.labels, json: analysis.jsonBytes())
        } catch {
            return .failure(JobFailure(code: error.code, message: error.message, retryable: false))
        }
    }
}
