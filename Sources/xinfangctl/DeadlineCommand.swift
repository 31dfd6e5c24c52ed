import ArgumentParser
import XinfangCore

struct DeadlineCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "deadline",
        abstract: "期限计算 Compute due dates with the working-day calendar.",
        subcommands: [Batch.self]
    )

    struct Batch: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "批量计算期限 Answer `YYYY-MM-DD N work|cal` lines from stdin, one date per line.",
            discussion: """
                work: the N-th working day after the date (the date itself not counted; make-up working
                      days count, holidays and rest days do not).
                cal:  the date plus N calendar days; when that day is not a working day, the next working day.
                An answer that depends on a year without calendar data is followed by " provisional".
                A malformed line is reported as stdin:LINE:FIELD on stderr, nothing is written, exit 2.
                """
        )

        @OptionGroup var calendarOptions: CalendarOptions

        func run() throws {
            let calendar = try calendarOptions.load()
            let output: [UInt8]
            do throws(InputError) {
                output = try withStandardInput { buffer throws(InputError) in
                    try DeadlineBatch.run(buffer, calendar: calendar)
                }
            } catch {
                throw InputFailure(message: error.description)
            }
            writeStandardOutput(output)
        }
    }
}
