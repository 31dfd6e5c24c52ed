import Foundation

/// The fields of an `application/x-www-form-urlencoded` body, in order; a name may repeat.
public struct FormFields: Sendable, Equatable {
    public private(set) var pairs: [(name: String, value: String)] = []

    public init() {}

    /// Parses `a=1&b=%E4%BD%A0+x`; nil when a name or value is not valid percent-encoded UTF-8.
    public init?(urlEncoded text: Substring) {
        for part in text.split(separator: "&", omittingEmptySubsequences: true) {
            let pieces = part.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            guard let name = FormFields.decode(pieces[0]), !name.isEmpty else { return nil }
            guard let value = pieces.count > 1 ? FormFields.decode(pieces[1]) : "" else { return nil }
            pairs.append((name, value))
        }
    }

    /// The first value of `name`, if any.
    public subscript(_ name: String) -> String? { pairs.first { $0.name == name }?.value }

    /// Every value of `name`, in order.
    public func values(_ name: String) -> [String] { pairs.filter { $0.name == name }.map(\.value) }

    private static func decode(_ text: Substring) -> String? {
        String(text).replacingOccurrences(of: "+", with: " ").removingPercentEncoding
    }

    public static func == (a: FormFields, b: FormFields) -> Bool {
        a.pairs.map(\.name) == b.pairs.map(\.name) && a.pairs.map(\.value) == b.pairs.map(\.value)
    }
}
