import GRDB

/// The store's schema as a sequence of named migrations. A migration is never edited after it lands;
/// a change is a new migration.
enum Schema {
    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1: units, leaders, cases, events, deadlines, outbox, audit") { db in
            try db.execute(sql: """
                CREATE TABLE units (
                    name TEXT PRIMARY KEY NOT NULL,
                    address TEXT,
                    created_at INTEGER NOT NULL
                );
                CREATE TABLE leaders (
                    name TEXT PRIMARY KEY NOT NULL,
                    title TEXT,
                    unit TEXT REFERENCES units(name),
                    address TEXT,
                    created_at INTEGER NOT NULL
                );
                -- A case's facts. `version` grows with every change; `dirty` asks the daemon to
                -- recompute its deadlines (the inbox), cleared only for the version it computed.
                CREATE TABLE cases (
                    number TEXT PRIMARY KEY NOT NULL,
                    received INTEGER NOT NULL,
                    channel TEXT NOT NULL,
                    category TEXT NOT NULL,
                    unit TEXT NOT NULL REFERENCES units(name),
                    persons INTEGER NOT NULL,
                    repeated INTEGER NOT NULL,
                    skip_level INTEGER NOT NULL,
                    leader TEXT REFERENCES leaders(name),
                    intake TEXT NOT NULL,
                    contact_known INTEGER NOT NULL,
                    closed INTEGER,
                    version INTEGER NOT NULL DEFAULT 1,
                    dirty INTEGER NOT NULL DEFAULT 1,
                    created_at INTEGER NOT NULL
                );
                CREATE INDEX cases_dirty ON cases(number) WHERE dirty = 1;
                CREATE INDEX cases_open ON cases(unit) WHERE closed IS NULL;
                -- Petitioners' personal data: read only by `case show --private`; never logged.
                CREATE TABLE petitioners (
                    case_number TEXT PRIMARY KEY NOT NULL REFERENCES cases(number),
                    name TEXT, id_number TEXT, phone TEXT, address TEXT
                );
                -- Append-only: rows are never updated or deleted.
                CREATE TABLE events (
                    case_number TEXT NOT NULL REFERENCES cases(number),
                    seq INTEGER NOT NULL,
                    type TEXT NOT NULL,
                    day INTEGER NOT NULL,
                    data TEXT,
                    note TEXT,
                    recorded_at INTEGER NOT NULL,
                    PRIMARY KEY (case_number, seq)
                ) WITHOUT ROWID;
                CREATE TABLE ownership (
                    case_number TEXT NOT NULL REFERENCES cases(number),
                    leader TEXT NOT NULL REFERENCES leaders(name),
                    since INTEGER NOT NULL,
                    until INTEGER
                );
                CREATE INDEX ownership_case ON ownership(case_number);
                -- Derived from events; `next_fire_at` (Unix seconds) is the schedule.
                CREATE TABLE deadlines (
                    case_number TEXT NOT NULL REFERENCES cases(number),
                    kind TEXT NOT NULL,
                    status TEXT NOT NULL,
                    start INTEGER,
                    due INTEGER,
                    fulfilled INTEGER,
                    provisional INTEGER NOT NULL,
                    article TEXT NOT NULL,
                    policy TEXT NOT NULL,
                    period_days INTEGER,
                    next_milestone INTEGER,
                    next_fire_at INTEGER,
                    PRIMARY KEY (case_number, kind)
                ) WITHOUT ROWID;
                CREATE INDEX deadlines_schedule ON deadlines(next_fire_at) WHERE next_fire_at IS NOT NULL;
                CREATE INDEX deadlines_due ON deadlines(status, due);
                -- The outbox: one row per reminder, unique by its dedupe key.
                CREATE TABLE reminders (
                    id INTEGER PRIMARY KEY,
                    dedupe_key TEXT NOT NULL UNIQUE,
                    case_number TEXT NOT NULL,
                    unit TEXT NOT NULL,
                    kind TEXT NOT NULL,
                    milestone TEXT NOT NULL,
                    due INTEGER NOT NULL,
                    recipient_role TEXT NOT NULL,
                    recipient TEXT NOT NULL,
                    address TEXT,
                    subject TEXT NOT NULL,
                    body TEXT NOT NULL,
                    fire_at INTEGER NOT NULL,
                    created_at INTEGER NOT NULL,
                    late_by INTEGER,
                    acked_at INTEGER
                );
                CREATE INDEX reminders_case ON reminders(case_number);
                CREATE TABLE deliveries (
                    reminder_id INTEGER NOT NULL REFERENCES reminders(id),
                    channel TEXT NOT NULL,
                    state TEXT NOT NULL,
                    attempts INTEGER NOT NULL DEFAULT 0,
                    next_attempt_at INTEGER,
                    last_error TEXT,
                    delivered_at INTEGER,
                    PRIMARY KEY (reminder_id, channel)
                ) WITHOUT ROWID;
                CREATE INDEX deliveries_pending ON deliveries(next_attempt_at) WHERE state = 'pending';
                -- Overdue events recorded on the first day overdue, for escalation.
                CREATE TABLE overdue (
                    case_number TEXT NOT NULL,
                    kind TEXT NOT NULL,
                    due INTEGER NOT NULL,
                    recorded_at INTEGER NOT NULL,
                    PRIMARY KEY (case_number, kind, due)
                ) WITHOUT ROWID;
                -- Tamper-evident: each row carries the SHA-256 of the previous row's hash and its own content.
                CREATE TABLE audit (
                    seq INTEGER PRIMARY KEY,
                    at INTEGER NOT NULL,
                    actor TEXT NOT NULL,
                    action TEXT NOT NULL,
                    subject TEXT NOT NULL,
                    detail TEXT NOT NULL,
                    prev_hash TEXT NOT NULL,
                    hash TEXT NOT NULL
                );
                """)
        }
        migrator.registerMigration("v2: places, reception rules and exceptions, deputies, timers") { db in
            try db.execute(sql: """
                ALTER TABLE cases ADD COLUMN place TEXT;
                ALTER TABLE cases ADD COLUMN title TEXT;
                CREATE INDEX cases_place ON cases(place) WHERE closed IS NULL;
                -- Leaders' reception days (接访): monthly on days of the month, or weekly on a weekday.
                CREATE TABLE reception_rules (
                    id TEXT PRIMARY KEY NOT NULL,
                    leader TEXT NOT NULL REFERENCES leaders(name),
                    place TEXT NOT NULL,
                    monthly_days TEXT,
                    weekday INTEGER,
                    valid_from INTEGER NOT NULL,
                    valid_until INTEGER,
                    created_at INTEGER NOT NULL
                );
                -- Cancel, move or swap one occurrence, named by its nominal day.
                CREATE TABLE reception_exceptions (
                    id INTEGER PRIMARY KEY,
                    kind TEXT NOT NULL,
                    rule_id TEXT NOT NULL REFERENCES reception_rules(id),
                    day INTEGER NOT NULL,
                    to_day INTEGER,
                    other_rule_id TEXT REFERENCES reception_rules(id),
                    other_day INTEGER,
                    created_at INTEGER NOT NULL
                );
                -- A leader's deputy (代理人), for absences and unacknowledged reminders.
                CREATE TABLE deputies (
                    leader TEXT NOT NULL REFERENCES leaders(name),
                    deputy TEXT NOT NULL REFERENCES leaders(name),
                    from_day INTEGER,
                    until_day INTEGER,
                    created_at INTEGER NOT NULL
                );
                CREATE INDEX deputies_leader ON deputies(leader);
                -- Everything else the scheduler wakes for: reception reminders, weekly digests,
                -- acknowledgement escalations. One indexed next_fire_at each, like deadlines.
                CREATE TABLE timers (
                    kind TEXT NOT NULL,
                    key TEXT NOT NULL,
                    next_fire_at INTEGER,
                    state TEXT,
                    PRIMARY KEY (kind, key)
                ) WITHOUT ROWID;
                CREATE INDEX timers_schedule ON timers(next_fire_at) WHERE next_fire_at IS NOT NULL;
                """)
        }
        migrator.registerMigration("v3: supervision orders") { db in
            try db.execute(sql: """
                -- 督办单: a supervision order on a case or a unit, with its feedback and completion dates.
                CREATE TABLE supervision_orders (
                    id TEXT PRIMARY KEY NOT NULL,
                    case_number TEXT REFERENCES cases(number),
                    unit TEXT NOT NULL REFERENCES units(name),
                    kind TEXT NOT NULL,
                    issued_by TEXT NOT NULL,
                    issued INTEGER NOT NULL,
                    feedback_due INTEGER,
                    promised INTEGER,
                    created_at INTEGER NOT NULL
                );
                CREATE INDEX supervision_unit ON supervision_orders(unit);
                CREATE TABLE supervision_events (
                    order_id TEXT NOT NULL REFERENCES supervision_orders(id),
                    kind TEXT NOT NULL,
                    day INTEGER NOT NULL,
                    created_at INTEGER NOT NULL
                );
                CREATE INDEX supervision_events_order ON supervision_events(order_id);
                """)
        }
        migrator.registerMigration("v4: daily reports in escalation-risk periods") { db in
            try db.execute(sql: """
                -- The daily report a unit files inside an escalation-risk period (零报告 included).
                CREATE TABLE daily_reports (
                    unit TEXT NOT NULL REFERENCES units(name),
                    day INTEGER NOT NULL,
                    nil_report INTEGER NOT NULL,
                    text TEXT,
                    filed_day INTEGER NOT NULL,
                    filed_minute INTEGER NOT NULL,
                    PRIMARY KEY (unit, day)
                ) WITHOUT ROWID;
                """)
        }
        migrator.registerMigration("v5: cases settle after a change by hand") { db in
            try db.execute(sql: """
                -- `edited`: changed by hand (case add, event add, case assign) since the daemon last
                -- computed it; the daemon then sets `settle_until` (its own clock), and overdue-type
                -- milestones of the case wait until then, so that a history entered event by event
                -- is complete before anything is recorded overdue. Imports are atomic: not edited.
                ALTER TABLE cases ADD COLUMN edited INTEGER NOT NULL DEFAULT 0;
                ALTER TABLE cases ADD COLUMN settle_until INTEGER;
                """)
        }
        migrator.registerMigration("v6: catch-up digests bound to the late reminders they carry") { db in
            try db.execute(sql: """
                -- A message the outbox folded from late reminders (补发提醒汇总), written in the same
                -- transaction that binds its reminders' deliveries to it: a retry after a crash re-sends
                -- this message, never a new fold. A lone late reminder is bound the same way.
                CREATE TABLE digests (
                    id INTEGER PRIMARY KEY,
                    channel TEXT NOT NULL,
                    dedupe_key TEXT NOT NULL,
                    recipient_role TEXT NOT NULL,
                    recipient TEXT NOT NULL,
                    address TEXT,
                    subject TEXT NOT NULL,
                    body TEXT NOT NULL,
                    created_at INTEGER NOT NULL,
                    UNIQUE (channel, dedupe_key)
                );
                ALTER TABLE deliveries ADD COLUMN digest_id INTEGER REFERENCES digests(id);
                CREATE INDEX deliveries_digest ON deliveries(digest_id) WHERE digest_id IS NOT NULL;
                """)
        }
        migrator.registerMigration("v7: open cases by owning leader") { db in
            try db.execute(sql: "CREATE INDEX cases_leader ON cases(leader) WHERE closed IS NULL")
        }
        migrator.registerMigration("v8: each open case's next deadline, for briefings") { db in
            try db.execute(sql: """
                -- The earliest due day of the case's open or missed deadlines not yet fulfilled (the
                -- records' D8/D10 aside), kept by the daemon when it computes the case: a briefing
                -- counts and lists a leader's or a place's cases by it through an index, never by
                -- working out every case's next deadline.
                -- One pass over the deadlines, grouped, and the pages in memory: a 1,000,000-case store
                -- migrates in about 8 s (a per-case subquery with the default cache took over 10 minutes).
                PRAGMA cache_size = -262144;
                ALTER TABLE cases ADD COLUMN next_due INTEGER;
                UPDATE cases SET next_due = nd.due
                FROM (SELECT case_number, MIN(due) AS due FROM deadlines WHERE status IN ('open', 'missed') AND fulfilled IS NULL
                        AND kind NOT IN ('D8', 'D10') GROUP BY case_number) AS nd
                WHERE nd.case_number = cases.number;
                CREATE INDEX cases_leader_next ON cases(leader, next_due, number) WHERE closed IS NULL;
                CREATE INDEX cases_place_next ON cases(place, next_due, number) WHERE closed IS NULL;
                CREATE INDEX cases_next ON cases(next_due, number) WHERE closed IS NULL;
                PRAGMA cache_size = -2000;
                """)
        }
        migrator.registerMigration("v9: vocabulary columns kept to the Core enums") { db in
            // Triggers, not CHECK constraints: see VocabularyGuards.
            try VocabularyGuards.install(db)
        }
        migrator.registerMigration("v10: states imported from an export without the days of their events") { db in
            try db.execute(sql: """
                -- A case's 信访件状态 as the latest export of the 信访信息系统 gave it, when that state
                -- implies events the export gives no day for: shown with the case, never turned into
                -- events with an invented day. `undated` lists those event types, comma-separated.
                CREATE TABLE imported_states (
                    case_number TEXT PRIMARY KEY REFERENCES cases(number) ON DELETE CASCADE,
                    state TEXT NOT NULL,
                    undated TEXT NOT NULL,
                    source TEXT NOT NULL,
                    imported_at INTEGER NOT NULL
                );
                """)
        }
        migrator.registerMigration("v11: repeat petitions linked to their first case") { db in
            try db.execute(sql: """
                -- 重件 → 初件: the first case of the same matter, never itself a repeat (checked on
                -- write), so a matter is one first case and the cases that name it. Deferred: an import
                -- may name a first case that comes later in the same file (same transaction).
                ALTER TABLE cases ADD COLUMN repeat_of TEXT REFERENCES cases(number) DEFERRABLE INITIALLY DEFERRED;
                CREATE INDEX cases_repeat_of ON cases(repeat_of, received) WHERE repeat_of IS NOT NULL;
                """)
        }
        migrator.registerMigration("v12: accounts, sessions and API tokens") { db in
            try db.execute(sql: """
                -- Who may sign in (web) or call the API, with the scope of the role (XinfangCore's
                -- `Role`, `Principal`). `units`: a JSON array, the clerk's one unit or the api
                -- client's units. Only a bcrypt hash of a password is kept (NULL for `api`: token only).
                -- `failed_logins` counts failures in a row; `locked_until` (Unix seconds) is set when
                -- they reach the limit. The role list is frozen here: a new role is a new migration
                -- (AccountSchemaTests compares it with `Role`).
                CREATE TABLE accounts (
                    name TEXT PRIMARY KEY NOT NULL,
                    role TEXT NOT NULL CHECK (role IN ('admin', 'clerk', 'leader', 'viewer', 'api')),
                    units TEXT NOT NULL DEFAULT '[]',
                    leader TEXT REFERENCES leaders(name),
                    display_name TEXT,
                    password_hash TEXT,
                    disabled INTEGER NOT NULL DEFAULT 0,
                    failed_logins INTEGER NOT NULL DEFAULT 0,
                    locked_until INTEGER,
                    created_at INTEGER NOT NULL,
                    password_changed_at INTEGER
                );
                -- A signed-in browser: keyed by the SHA-256 (hex) of its cookie's token, never the token.
                CREATE TABLE sessions (
                    token_sha256 TEXT PRIMARY KEY NOT NULL,
                    account TEXT NOT NULL REFERENCES accounts(name),
                    csrf TEXT NOT NULL,
                    created_at INTEGER NOT NULL,
                    last_seen_at INTEGER NOT NULL,
                    expires_at INTEGER NOT NULL
                ) WITHOUT ROWID;
                CREATE INDEX sessions_account ON sessions(account);
                -- Bearer tokens of `api` accounts, by SHA-256 (hex); a revoked token stays, for the record.
                CREATE TABLE api_tokens (
                    id INTEGER PRIMARY KEY,
                    token_sha256 TEXT NOT NULL UNIQUE,
                    account TEXT NOT NULL REFERENCES accounts(name),
                    label TEXT,
                    created_at INTEGER NOT NULL,
                    revoked_at INTEGER
                );
                CREATE INDEX api_tokens_account ON api_tokens(account);
                """)
        }
        migrator.registerMigration("v13: leaders' calendar feed tokens") { db in
            try db.execute(sql: """
                -- A leader's ICS feed at a secret URL (/feeds/<token>.ics): only the SHA-256 of the
                -- token is kept; issuing a new one revokes the old, so a leader has one live token.
                CREATE TABLE feed_tokens (
                    id INTEGER PRIMARY KEY,
                    leader TEXT NOT NULL REFERENCES leaders(name),
                    token_sha256 TEXT NOT NULL UNIQUE,
                    created_at INTEGER NOT NULL,
                    revoked_at INTEGER
                );
                CREATE UNIQUE INDEX feed_tokens_live ON feed_tokens(leader) WHERE revoked_at IS NULL;
                """)
        }
        migrator.registerMigration("v14: a unit's cases by their next deadline, and the open cases counted, for the dashboard and the due list") { db in
            try db.execute(sql: """
                -- A unit clerk's dashboard (工作台) lists the unit's open cases most urgent first and
                -- counts them by light, and `GET /api/v1/due?unit=` lists the unit's owed deadlines:
                -- LIMITed walks and range counts of this index, whatever the size of the store. Not
                -- only open cases: a case closed with a deadline missed and not done still owes it
                -- (its next_due stays set), and the due list shows it. `closed` is in the index so that
                -- the dashboard's counts need not read the table.
                PRAGMA cache_size = -262144;
                CREATE INDEX cases_unit_next ON cases(unit, next_due, number, closed) WHERE next_due IS NOT NULL;
                -- The open cases counted by next deadline, category and unit (2147483647: owing
                -- nothing), kept by triggers in the transaction of every write to a case: the admin's
                -- counts over every case are sums over a few thousand rows (a COUNT over 1,000,000
                -- cases took 350 ms); 黄 and 红 depend on today, so the day stays a key.
                CREATE TABLE open_case_counts (
                    next_due INTEGER NOT NULL,
                    category TEXT NOT NULL,
                    unit TEXT NOT NULL,
                    n INTEGER NOT NULL,
                    PRIMARY KEY (next_due, category, unit)
                ) WITHOUT ROWID;
                INSERT INTO open_case_counts
                    SELECT coalesce(next_due, 2147483647), category, unit, COUNT(*) FROM cases WHERE closed IS NULL GROUP BY 1, 2, 3;
                CREATE TRIGGER open_case_counts_insert AFTER INSERT ON cases WHEN new.closed IS NULL BEGIN
                    INSERT INTO open_case_counts VALUES (coalesce(new.next_due, 2147483647), new.category, new.unit, 1)
                        ON CONFLICT (next_due, category, unit) DO UPDATE SET n = n + 1;
                END;
                CREATE TRIGGER open_case_counts_delete AFTER DELETE ON cases WHEN old.closed IS NULL BEGIN
                    UPDATE open_case_counts SET n = n - 1
                        WHERE next_due = coalesce(old.next_due, 2147483647) AND category = old.category AND unit = old.unit;
                END;
                CREATE TRIGGER open_case_counts_update AFTER UPDATE OF closed, unit, next_due, category ON cases
                    WHEN old.closed IS NOT new.closed OR old.unit IS NOT new.unit OR old.next_due IS NOT new.next_due OR old.category IS NOT new.category
                BEGIN
                    UPDATE open_case_counts SET n = n - 1
                        WHERE old.closed IS NULL AND next_due = coalesce(old.next_due, 2147483647) AND category = old.category AND unit = old.unit;
                    INSERT INTO open_case_counts SELECT coalesce(new.next_due, 2147483647), new.category, new.unit, 1 WHERE new.closed IS NULL
                        ON CONFLICT (next_due, category, unit) DO UPDATE SET n = n + 1;
                END;
                PRAGMA cache_size = -2000;
                """)
        }
        migrator.registerMigration("v15: idempotency keys of the API's event writes; unacknowledged reminders by recipient") { db in
            try db.execute(sql: """
                -- One row per (actor, Idempotency-Key): the SHA-256 of the request body and the
                -- response it got, written in the transaction of the event itself, so that a replay
                -- answers the first response and records nothing. No personal data: the response is
                -- the event's seq and type, or the rule that refused it. Purged after 24 hours.
                CREATE TABLE idempotency_keys (
                    actor TEXT NOT NULL,
                    key TEXT NOT NULL,
                    body_sha256 TEXT NOT NULL,
                    case_number TEXT NOT NULL,
                    status INTEGER NOT NULL,
                    response TEXT NOT NULL,
                    created_at INTEGER NOT NULL,
                    PRIMARY KEY (actor, key)
                ) WITHOUT ROWID;
                CREATE INDEX idempotency_keys_created ON idempotency_keys(created_at);
                -- A leader's or a unit's reminders still to acknowledge (未签收), for the 我的 page.
                CREATE INDEX reminders_unacked_recipient ON reminders(recipient, id) WHERE acked_at IS NULL;
                """)
        }
        migrator.registerMigration("v16: versions of what readers keep: each unit's and each leader's cases, the accounts") { db in
            try db.execute(sql: """
                -- The API keeps each unit's due list (`GET /api/v1/due?unit=`) and xinfangd rewrites a
                -- leader's calendar file only when what they show can have changed. Both are made of
                -- a case's facts and its deadlines; a case's deadlines are replaced only by its
                -- recomputation, which clears its dirty flag, and a recorded change sets it. So a case
                -- removed, or a change of its unit, leader, dirty flag, closing, title, place or
                -- category, moves the version of its unit ('unit:…'), of its leader ('leader:…') and
                -- of '' (every case: the lists of a leader or of all cases). A case added is dirty
                -- and is shown once the daemon has computed it, which clears the flag: no trigger on
                -- INSERT (it cost 10 µs a row, a second of a 100,000-row import). Firing a reminder
                -- writes none of these: the scheduler's commits leave the kept lists and files alone.
                -- 'accounts' moves with any write to an account or an API token: the principals of
                -- API tokens are kept between requests until then.
                CREATE TABLE change_versions (
                    scope TEXT PRIMARY KEY,
                    version INTEGER NOT NULL
                ) WITHOUT ROWID;
                CREATE TRIGGER change_versions_case_delete AFTER DELETE ON cases BEGIN
                    INSERT INTO change_versions VALUES ('unit:' || old.unit, 1), ('', 1) ON CONFLICT (scope) DO UPDATE SET version = version + 1;
                    INSERT INTO change_versions SELECT 'leader:' || old.leader, 1 WHERE old.leader IS NOT NULL
                        ON CONFLICT (scope) DO UPDATE SET version = version + 1;
                END;
                CREATE TRIGGER change_versions_case_update AFTER UPDATE OF unit, leader, dirty, closed, title, place, category ON cases
                    WHEN old.unit IS NOT new.unit OR old.leader IS NOT new.leader OR old.dirty IS NOT new.dirty OR old.closed IS NOT new.closed
                        OR old.title IS NOT new.title OR old.place IS NOT new.place OR old.category IS NOT new.category
                BEGIN
                    INSERT INTO change_versions VALUES ('unit:' || new.unit, 1), ('', 1) ON CONFLICT (scope) DO UPDATE SET version = version + 1;
                    INSERT INTO change_versions SELECT 'unit:' || old.unit, 1 WHERE old.unit IS NOT new.unit
                        ON CONFLICT (scope) DO UPDATE SET version = version + 1;
                    INSERT INTO change_versions SELECT 'leader:' || new.leader, 1 WHERE new.leader IS NOT NULL
                        ON CONFLICT (scope) DO UPDATE SET version = version + 1;
                    INSERT INTO change_versions SELECT 'leader:' || old.leader, 1 WHERE old.leader IS NOT NULL AND old.leader IS NOT new.leader
                        ON CONFLICT (scope) DO UPDATE SET version = version + 1;
                END;
                """)
            // Any write to an account or a token moves 'accounts': one trigger per table and event.
            for (table, name) in [("accounts", "accounts"), ("api_tokens", "tokens")] {
                for event in ["INSERT", "UPDATE", "DELETE"] {
                    try db.execute(sql: """
                        CREATE TRIGGER change_versions_\(name)_\(event.lowercased()) AFTER \(event) ON \(table) BEGIN
                            INSERT INTO change_versions VALUES ('accounts', 1) ON CONFLICT (scope) DO UPDATE SET version = version + 1;
                        END
                        """)
                }
            }
        }
        migrator.registerMigration("v17: reminders written ahead of their time, visible once announced") { db in
            try db.execute(sql: """
                -- A morning's batch is written a little ahead of its time (the scheduler's fire-ahead
                -- window): each row carries its own instant in created_at, its deliveries and 签收
                -- timer too, and written_at says when it was really written (NULL: at its time).
                -- Such a row is invisible to every reader until the scheduler announces it, at its
                -- time, by moving announced_through past it: one row written at the instant, not the
                -- batch. Until then a change to its case withdraws it (it was never seen).
                ALTER TABLE reminders ADD COLUMN written_at INTEGER;
                CREATE INDEX reminders_written_ahead ON reminders(created_at) WHERE written_at IS NOT NULL;
                CREATE TABLE fire_ahead (
                    id INTEGER PRIMARY KEY CHECK (id = 1),
                    announced_through INTEGER NOT NULL
                );
                INSERT INTO fire_ahead VALUES (1, 0);
                """)
        }
        return migrator
    }
}
