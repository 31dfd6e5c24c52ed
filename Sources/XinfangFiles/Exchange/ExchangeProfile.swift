import Foundation
public import XinfangCore

/// What a column of an export means to Xinfang.
public enum ExchangeField: String, Sendable, CaseIterable {
    case number, received, registered, sourceDue = "source_due", category, channel, unit, persons, place, title
    case closed, firstPetition = "first_petition", collective, state
    case petitionerName = "petitioner_name", petitionerID = "petitioner_id", petitionerPhone = "petitioner_phone"
    case petitionerAddress = "petitioner_address"
    /// Known to the profile and deliberately not read (free text that may hold personal data, staff names …).
    case ignore

    /// A petitioner's personal data: stored in the petitioner table only, never quoted in a message.
    public var isPersonal: Bool {
        switch self {
        case .petitionerName, .petitionerID, .petitionerPhone, .petitionerAddress: true
        default: false
        }
    }
}

/// A column profile (`etc/exchange/*.toml`): which source column holds which field, and what the
/// source's value words mean (docs/import.md, "Exports of the 信访信息系统").
public struct ExchangeProfile: Sendable {
    /// The file it was read from.
    public var file: String
    /// The column that identifies a case (信访件编号); the header row is the first row holding it.
    public var keyColumn: String
    /// Source header → field.
    public var columns: [String: ExchangeField]
    /// Source words for the category (信访目的) → Xinfang's category.
    public var categories: [String: PetitionCategory]
    /// Source words for the channel (信访形式) → Xinfang's channel.
    public var channels: [String: PetitionChannel]
    /// A state word (信访件状态) → the events it implies, in order; a key ending in `*` matches a prefix.
    public var states: [String: [String]]
    /// Event type → the column holding the day it happened, for exports that carry such dates.
    public var eventDates: [String: String]

    /// The events a state word implies: the exact word first, then the longest prefix key (`复查*`).
    public func events(forState word: String) -> [String]? {
        if let exact = states[word] { return exact }
        let prefixes = states.keys.filter { $0.hasSuffix("*") && word.hasPrefix($0.dropLast()) }
        return prefixes.max { $0.count < $1.count }.flatMap { states[$0] }
    }

    /// The event types a state or date column may name (as in timeline files).
    static let eventTypes: Set<String> = [
        "forwarded", "assigned", "accepted", "not_accepted", "opinion_issued", "opinion_received", "result_reported",
        "review_requested", "review_answered", "recheck_requested", "recheck_answered", "closed",
    ]

    /// Reads a profile; every mistake names the file, line and key.
    public static func read(path: String) throws(InputError) -> ExchangeProfile {
        let document = try DataDocument.read(path: path)
        func line(_ key: String) -> Int? { document.sourceMap?.line(of: key) }
        func fail(_ key: String, _ reason: String) -> InputError { InputError(file: path, line: line(key), field: key, reason: reason) }
        func table(_ key: String) throws(InputError) -> [String: DataValue] {
            switch document.root[key] {
            case nil: return [:]
            case .table(let t): return t
            case let other?: throw fail(key, "expected a table, found \(other.typeName)")
            }
        }
        func strings(_ key: String) throws(InputError) -> [String: String] {
            var out: [String: String] = [:]
            for (name, value) in try table(key) {
                guard case .string(let text) = value else { throw fail("\(key).\(name)", "expected a string, found \(value.typeName)") }
                out[name] = text
            }
            return out
        }
        for key in document.root.keys where !["key", "columns", "categories", "channels", "states", "event_dates"].contains(key) {
            throw fail(key, "unknown key; a profile has: key, columns, categories, channels, states, event_dates")
        }
        guard case .string(let keyColumn)? = document.root["key"] else { throw fail("key", "missing: the column that identifies a case, e.g. 信访件编号") }
        var columns: [String: ExchangeField] = [:]
        for (header, name) in try strings("columns") {
            guard let field = ExchangeField(rawValue: name) else {
                throw fail("columns.\(header)", "\"\(name)\" is not one of: \(ExchangeField.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            columns[header] = field
        }
        guard columns[keyColumn] == .number else { throw fail("columns", "the key column \(keyColumn) must map to \"number\"") }
        for required in [ExchangeField.received, .category] where !columns.values.contains(required) {
            throw fail("columns", "no column maps to \"\(required.rawValue)\"")
        }
        var categories: [String: PetitionCategory] = [:]
        for (word, value) in try strings("categories") {
            guard let category = PetitionCategory(rawValue: value) else {
                throw fail("categories.\(word)", "\"\(value)\" is not one of: \(PetitionCategory.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            categories[word] = category
        }
        var channels: [String: PetitionChannel] = [:]
        for (word, value) in try strings("channels") {
            guard let channel = PetitionChannel(rawValue: value) else {
                throw fail("channels.\(word)", "\"\(value)\" is not one of: \(PetitionChannel.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            channels[word] = channel
        }
        var states: [String: [String]] = [:]
        for (word, value) in try table("states") {
            guard case .array(let items) = value else { throw fail("states.\(word)", "expected an array of event types") }
            var types: [String] = []
            for item in items {
                guard case .string(let type) = item, eventTypes.contains(type) else {
                    throw fail("states.\(word)", "each item is one of: \(eventTypes.sorted().joined(separator: ", "))")
                }
                types.append(type)
            }
            states[word] = types
        }
        let eventDates = try strings("event_dates")
        for type in eventDates.keys where !eventTypes.contains(type) {
            throw fail("event_dates.\(type)", "not an event type; one of: \(eventTypes.sorted().joined(separator: ", "))")
        }
        return ExchangeProfile(
            file: path, keyColumn: keyColumn, columns: columns, categories: categories, channels: channels, states: states,
            eventDates: eventDates)
    }
}
