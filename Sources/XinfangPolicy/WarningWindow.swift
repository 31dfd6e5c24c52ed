public import XinfangCore

extension DeadlinePolicy {
    /// 3 working days, the default of every policy: the last lead time of the standard reminders for
    /// a 60-day deadline (they remind 10 and 3 working days before it, then on the due day), so a
    /// case turns 黄 on the dashboard when its office gets the last reminder before the due day. The
    /// regulation (条例2022) sets no warning window; a policy sets its own with `warningWorkingDays`.
    /// Dynamic plugins (the C ABI of CXinfangPlugin) carry no such field: their policies use this one.
    public var warningWorkingDays: Int { 3 }
}

extension PolicyRegistry {
    /// The warning window (红黄绿灯) of the cases of `unit` on `today`, under the unit's policy.
    public func lightWindow(forUnit unit: String, today: Day, calendar: WorkingCalendar) -> LightWindow {
        LightWindow(today: today, workingDays: policy(forUnit: unit).warningWorkingDays, calendar: calendar)
    }

    /// The warning window of the default policy on `today`, and the units whose own policy sets
    /// another one (with theirs): what the dashboard's counts and light filters work with.
    public func lightWindows(today: Day, calendar: WorkingCalendar) -> (default: LightWindow, byUnit: [String: LightWindow]) {
        guard let defaultPolicy = entries[defaultPolicyID]?.policy else { preconditionFailure("policy \(defaultPolicyID) is the default but not registered") }
        let standard = LightWindow(today: today, workingDays: defaultPolicy.warningWorkingDays, calendar: calendar)
        var byUnit: [String: LightWindow] = [:]
        for unit in unitPolicies.keys {
            let window = lightWindow(forUnit: unit, today: today, calendar: calendar)
            if window != standard { byUnit[unit] = window }
        }
        return (standard, byUnit)
    }
}
