/// A problem with input data, located as precisely as the input allows: `file:line:field: reason`.
///
/// Used for calendar files, case timelines, configuration and imports alike, so that every
/// rejection names where the user must look. Never carries petitioners' personal data.
public struct InputError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The file (or `stdin`).
    public var file: String
    /// 1-based line, when known.
    public var line: Int?
    /// The field, as a dotted path (`holidays[2].from`), when known.
    public var field: String?
    /// What is wrong, in words a user can act on.
    public var reason: String

    /// Makes an error.
    public init(file: String, line: Int? = nil, field: String? = nil, reason: String) {
        self.file = file
        self.line = line
        self.field = field
        self.reason = reason
    }

    /// `file:line:field: reason`, leaving out what is unknown.
    public var description: String {
        var parts = [file]
        if let line { parts.append(String(line)) }
        if let field { parts.append(field) }
        return parts.joined(separator: ":") + ": " + reason
    }
}

/// Several input errors found in one pass; the batch they belong to was not applied.
public struct InputErrors: Error, Sendable, CustomStringConvertible {
    /// Every error found, in input order.
    public var errors: [InputError]

    /// Wraps a non-empty list.
    public init(_ errors: [InputError]) { self.errors = errors }

    /// One error per line.
    public var description: String { errors.map(\.description).joined(separator: "\n") }
}
