/// A petitioner's contact data (信访人信息), as an import may carry it for the store.
///
/// Personal data: it never appears in error messages, logs, deadlines or reminders. Its
/// `description` and `debugDescription` are redacted so that an accidental `print` or string
/// interpolation of a record does not leak it.
public struct PetitionerContact: Equatable, Sendable, CustomStringConvertible, CustomDebugStringConvertible {
    /// The petitioner's name (`petitioner_name` in imports).
    public var name: String?
    /// The ID card (身份证) number (`petitioner_id`).
    public var idNumber: String?
    /// The phone number (`petitioner_phone`).
    public var phone: String?
    /// The postal address (`petitioner_address`).
    public var address: String?

    public init(name: String? = nil, idNumber: String? = nil, phone: String? = nil, address: String? = nil) {
        self.name = name
        self.idNumber = idNumber
        self.phone = phone
        self.address = address
    }

    /// Whether no field is set.
    public var isEmpty: Bool { name == nil && idNumber == nil && phone == nil && address == nil }

    public var description: String { "PetitionerContact(redacted)" }
    public var debugDescription: String { description }
}
