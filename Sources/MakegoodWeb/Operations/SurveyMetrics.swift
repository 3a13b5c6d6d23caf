import Metrics

/// Counters of what came in, for `/metrics`.
enum SurveyMetrics {
    static func ingested(valid: Bool) {
        Counter(label: "makegood_responses_ingested_total", dimensions: [("status", valid ? "valid" : "invalid")]).increment()
    }
}
