import Logging

extension LogEvent {
    /// The metadata a handler writes for this event: the handler's own, then its provider's, then
    /// the event's (later wins), and `error.message` / `error.type` when the event carries an error,
    /// as swift-log's `StreamLogHandler` does.
    func effectiveMetadata(handler: Logger.Metadata, provider: Logger.MetadataProvider?) -> Logger.Metadata {
        var merged = handler
        if let provided = provider?.get(), !provided.isEmpty {
            merged.merge(provided) { $1 }
        }
        if let explicit = metadata, !explicit.isEmpty {
            merged.merge(explicit) { $1 }
        }
        if let error {
            merged["error.message"] = "\(error)"
            merged["error.type"] = "\(String(reflecting: type(of: error)))"
        }
        return merged
    }
}
