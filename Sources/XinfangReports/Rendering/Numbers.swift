/// Numbers as the renderings print them.
enum Numbers {
    /// A coordinate in SVG: one decimal at most.
    static func coordinate(_ x: Double) -> String {
        let scaled = x * 10
        let tenths = Int(scaled >= 0 ? scaled + 0.5 : scaled - 0.5)
        let sign = tenths < 0 ? "-" : ""
        let a = abs(tenths)
        return a % 10 == 0 ? "\(sign)\(a / 10)" : "\(sign)\(a / 10).\(a % 10)"
    }

    /// A value axis from 0 for values up to `value`: the smallest step of 1, 2 or 5 × 10ⁿ that
    /// reaches it in at most five steps, and the maximum that many steps make.
    static func niceAxis(_ value: Int) -> (max: Int, step: Int) {
        guard value > 0 else { return (4, 1) }
        var magnitude = 1
        while true {
            for multiple in [1, 2, 5] {
                let step = multiple * magnitude
                let steps = (value + step - 1) / step
                if steps <= 5 { return (steps * step, step) }
            }
            magnitude *= 10
        }
    }
}
