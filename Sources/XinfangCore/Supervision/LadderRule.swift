/// The escalation ladder of supervision orders as policy data: reminders before a due day, a 催办
/// notice once it has passed, a 通报 recommendation if it stays overdue, and a yellow card (黄牌警告)
/// for a unit that keeps failing (docs/domain.md#supervision-orders).
public struct LadderRule: Hashable, Sendable, Codable {
    /// Reminders this many working days before the due day (make-up working days count): [3].
    public var reminderWorkingDays: [Int]
    /// The 催办 notice on this working day after the due day: 1, the next working day. Nil: none.
    public var urgeAfterWorkingDays: Int?
    /// The 通报 recommendation on this working day after the due day, i.e. once the duty is that
    /// many working days overdue: 5. Nil: none.
    public var bulletinAfterWorkingDays: Int?
    /// K: a unit with at least this many breaches …
    public var yellowCardBreaches: Int
    /// … within M days (first and last day included) gets a yellow card.
    public var yellowCardPeriodDays: Int

    /// The defaults: reminder 3 working days before, 催办 the next working day, 通报 after 5
    /// working days, yellow card for 3 breaches within 90 days.
    public static let standard = LadderRule()

    public init(reminderWorkingDays: [Int] = [3], urgeAfterWorkingDays: Int? = 1, bulletinAfterWorkingDays: Int? = 5,
                yellowCardBreaches: Int = 3, yellowCardPeriodDays: Int = 90) {
        self.reminderWorkingDays = reminderWorkingDays
        self.urgeAfterWorkingDays = urgeAfterWorkingDays
        self.bulletinAfterWorkingDays = bulletinAfterWorkingDays
        self.yellowCardBreaches = yellowCardBreaches
        self.yellowCardPeriodDays = yellowCardPeriodDays
    }

    /// Checks the numbers: lead and lag times of at least 1 working day, K and M at least 1.
    public func validate(source: String = "<memory>", field: String = "ladder") -> [InputError] {
        var errors: [InputError] = []
        func fail(_ name: String, _ reason: String) { errors.append(InputError(file: source, field: field + "." + name, reason: reason)) }
        for n in reminderWorkingDays where n < 1 { fail("reminder_working_days", "\(n) is less than 1") }
        if let n = urgeAfterWorkingDays, n < 1 { fail("urge_after_working_days", "\(n) is less than 1") }
        if let n = bulletinAfterWorkingDays, n < 1 { fail("bulletin_after_working_days", "\(n) is less than 1") }
        if yellowCardBreaches < 1 { fail("yellow_card_breaches", "\(yellowCardBreaches) is less than 1") }
        if yellowCardPeriodDays < 1 { fail("yellow_card_period_days", "\(yellowCardPeriodDays) is less than 1") }
        return errors
    }
}
