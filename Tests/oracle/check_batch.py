#!/usr/bin/env python3
"""Independent oracle for `xinfangctl deadline batch --calendar cn`.

Usage:
    python3 Tests/oracle/check_batch.py PATH_TO_xinfangctl [--samples N] [--seed S]

The expected answers come from the PyPI package `chinesecalendar`
(`pip install chinesecalendar>=1.11.0`), not from the project's own calendar
files or Swift code:

  * `YYYY-MM-DD N work` -> the N-th working day after the start date
    (the start date itself is not counted);
  * `YYYY-MM-DD N cal`  -> start + N calendar days; if that day is not a
    working day, the next working day after it.

Start dates are drawn uniformly from 2004-01-01..2026-10-31 and N from 1..40;
a sample is kept only if its answer stays within 2026-12-31 (the last day
chinesecalendar covers). All lines are piped at once to the CLI's stdin; it
must print one YYYY-MM-DD per input line, in order.

The last line printed is `oracle: N passed, M failed`; the exit status is 1
on any failure (or if the CLI cannot be run), 0 otherwise.
"""

import argparse
import datetime as dt
import random
import subprocess
import sys

FIRST_START = dt.date(2004, 1, 1)
LAST_START = dt.date(2026, 10, 31)
LAST_ANSWER = dt.date(2026, 12, 31)
MAX_N = 40
DEFAULT_SAMPLES = 3000
DEFAULT_SEED = 20040101
MAX_SHOWN = 20

# Known errata in chinesecalendar 1.11.0, checked against the notice text.
# The 国务院办公厅关于2006年部分节假日安排的通知 (国办发明电〔2005〕35号) says for
# 元旦 2006: "……12月31日（星期六）上班", i.e. Saturday 2005-12-31 was a make-up
# working day. chinesecalendar treats it as a plain weekend day (upstream issue
# LKI/chinese-calendar#125). NateScarlet/holiday-cn has no 2005 data; the
# `holidays` package agrees with the notice. The oracle follows the notice.
ERRATA = {
    dt.date(2005, 12, 31): True,  # True = working day
}


def load_is_workday():
    try:
        import chinese_calendar
    except ImportError:
        print(
            "oracle: cannot import chinesecalendar; install it with "
            "`python3 -m pip install 'chinesecalendar>=1.11.0'`",
            file=sys.stderr,
        )
        sys.exit(1)
    try:
        chinese_calendar.is_workday(LAST_ANSWER)
    except NotImplementedError:
        version = getattr(chinese_calendar, "__version__", "?")
        print(
            "oracle: chinesecalendar %s has no data for %d; need >= 1.11.0"
            % (version, LAST_ANSWER.year),
            file=sys.stderr,
        )
        sys.exit(1)

    def is_workday(day):
        if day in ERRATA:
            return ERRATA[day]
        return chinese_calendar.is_workday(day)

    return is_workday


def expected_answer(is_workday, start, n, mode):
    """The expected answer, or None if it would lie after LAST_ANSWER."""
    one = dt.timedelta(days=1)
    if mode == "work":
        day, left = start, n
        while left:
            day += one
            if day > LAST_ANSWER:
                return None
            if is_workday(day):
                left -= 1
        return day
    day = start + dt.timedelta(days=n)
    while True:
        if day > LAST_ANSWER:
            return None
        if is_workday(day):
            return day
        day += one


def make_samples(is_workday, count, seed):
    rng = random.Random(seed)
    span = (LAST_START - FIRST_START).days
    samples = []
    while len(samples) < count:
        start = FIRST_START + dt.timedelta(days=rng.randint(0, span))
        n = rng.randint(1, MAX_N)
        mode = rng.choice(("work", "cal"))
        answer = expected_answer(is_workday, start, n, mode)
        if answer is None:
            continue
        samples.append(("%s %d %s" % (start.isoformat(), n, mode), answer))
    return samples


def main():
    parser = argparse.ArgumentParser(
        description="Check `xinfangctl deadline batch --calendar cn` against chinesecalendar."
    )
    parser.add_argument("cli", help="path to the xinfangctl executable")
    parser.add_argument("--samples", type=int, default=DEFAULT_SAMPLES,
                        help="number of samples (default %(default)s)")
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED,
                        help="random seed (default %(default)s)")
    args = parser.parse_args()
    if args.samples < 1:
        parser.error("--samples must be at least 1")

    is_workday = load_is_workday()
    samples = make_samples(is_workday, args.samples, args.seed)
    stdin = "".join(line + "\n" for line, _ in samples)

    command = [args.cli, "deadline", "batch", "--calendar", "cn"]
    try:
        proc = subprocess.run(command, input=stdin, capture_output=True,
                              text=True, timeout=600)
    except (OSError, subprocess.TimeoutExpired) as error:
        print("oracle: cannot run %s: %s" % (" ".join(command), error))
        print("oracle: 0 passed, %d failed" % len(samples))
        return 1
    if proc.returncode != 0:
        # Output of a failed run is not trusted: every sample counts as failed.
        print("oracle: %s exited with status %d" % (" ".join(command), proc.returncode))
        if proc.stderr.strip():
            print(proc.stderr.strip()[:2000])
        print("oracle: 0 passed, %d failed" % len(samples))
        return 1

    got = proc.stdout.splitlines()
    if len(got) != len(samples):
        print("oracle: expected %d output lines, got %d" % (len(samples), len(got)))

    passed = failed = 0
    for index, (line, answer) in enumerate(samples):
        actual = got[index].strip() if index < len(got) else "<missing>"
        if actual == answer.isoformat():
            passed += 1
            continue
        failed += 1
        if failed <= MAX_SHOWN:
            print("MISMATCH %-20s expected %s got %s" % (line, answer.isoformat(), actual))
    if failed > MAX_SHOWN:
        print("... and %d more mismatches" % (failed - MAX_SHOWN))
    print("oracle: %d passed, %d failed" % (passed, failed))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
