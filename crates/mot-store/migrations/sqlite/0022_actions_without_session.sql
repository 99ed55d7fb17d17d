-- An action opened from a feedback alert on a journey that has had no
-- session yet belongs to no session: session_id may be NULL. The next
-- session's review lists it with the journey's other open actions.
--
-- SQLite cannot drop a NOT NULL, so the table is made again. Migrations run
-- in a transaction with foreign keys on, where dropping a table that others
-- still reference fails at commit; so the tables that reference it
-- (action_steps, feedback_alerts and, through them, feedback_alert_mails)
-- are made again too, each referencing the new tables, and the renames at
-- the end carry those references over.

CREATE TABLE actions_new (
    id INTEGER PRIMARY KEY,
    workspace_id BIGINT NOT NULL REFERENCES workspaces(id),
    journey_id BIGINT NOT NULL REFERENCES journeys(id),
    session_id BIGINT REFERENCES team_sessions(id),
    moment_id BIGINT REFERENCES moments(id),
    idea_id BIGINT REFERENCES ideas(id),
    what TEXT NOT NULL,
    owner_user_id BIGINT REFERENCES users(id),
    owner_name TEXT NOT NULL,
    due_on TEXT,
    target_from TEXT,
    target_to TEXT,
    status TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL
);
INSERT INTO actions_new (id, workspace_id, journey_id, session_id, moment_id, idea_id, what,
    owner_user_id, owner_name, due_on, target_from, target_to, status, created_at, updated_at)
SELECT id, workspace_id, journey_id, session_id, moment_id, idea_id, what,
    owner_user_id, owner_name, due_on, target_from, target_to, status, created_at, updated_at
FROM actions;

CREATE TABLE action_steps_new (
    id INTEGER PRIMARY KEY,
    action_id BIGINT NOT NULL REFERENCES actions_new(id),
    position BIGINT NOT NULL,
    text TEXT NOT NULL,
    target_on TEXT,
    measure TEXT NOT NULL,
    done BIGINT NOT NULL DEFAULT 0
);
INSERT INTO action_steps_new (id, action_id, position, text, target_on, measure, done)
SELECT id, action_id, position, text, target_on, measure, done FROM action_steps;

CREATE TABLE feedback_alerts_new (
    id INTEGER PRIMARY KEY,
    workspace_id BIGINT NOT NULL REFERENCES workspaces(id),
    journey_id BIGINT NOT NULL REFERENCES journeys(id),
    moment_id BIGINT NOT NULL REFERENCES moments(id),
    -- 0: every branch together.
    branch_id BIGINT NOT NULL DEFAULT 0,
    -- worse_than_usual, magic_fading
    kind TEXT NOT NULL,
    -- week or month, and the period's first day (days since 1970-01-01).
    period TEXT NOT NULL,
    period_start BIGINT NOT NULL,
    -- The period's answers when the alert was raised: its evidence.
    worse BIGINT NOT NULL,
    as_expected BIGINT NOT NULL,
    better BIGINT NOT NULL,
    state TEXT NOT NULL DEFAULT 'open',
    -- The action opened from the alert.
    action_id BIGINT REFERENCES actions_new(id),
    -- On the agenda of the journey's first session after this one (0: the
    -- journey's first session).
    agenda_after BIGINT,
    decided_by TEXT,
    decided_at BIGINT,
    created_at BIGINT NOT NULL,
    -- Mailed to the workspace's owners (NULL: not yet); a failed send is
    -- tried again after mail_after.
    mailed_at BIGINT,
    mail_tries BIGINT NOT NULL DEFAULT 0,
    mail_after BIGINT NOT NULL DEFAULT 0,
    UNIQUE (moment_id, branch_id, kind, period, period_start)
);
INSERT INTO feedback_alerts_new (id, workspace_id, journey_id, moment_id, branch_id, kind, period,
    period_start, worse, as_expected, better, state, action_id, agenda_after, decided_by,
    decided_at, created_at, mailed_at, mail_tries, mail_after)
SELECT id, workspace_id, journey_id, moment_id, branch_id, kind, period,
    period_start, worse, as_expected, better, state, action_id, agenda_after, decided_by,
    decided_at, created_at, mailed_at, mail_tries, mail_after
FROM feedback_alerts;

CREATE TABLE feedback_alert_mails_new (
    alert_id BIGINT NOT NULL REFERENCES feedback_alerts_new(id),
    user_id BIGINT NOT NULL REFERENCES users(id),
    sent_at BIGINT NOT NULL,
    PRIMARY KEY (alert_id, user_id)
);
INSERT INTO feedback_alert_mails_new (alert_id, user_id, sent_at)
SELECT alert_id, user_id, sent_at FROM feedback_alert_mails;

-- Children first, so no dropped row leaves a reference behind.
DROP TABLE feedback_alert_mails;
DROP TABLE action_steps;
DROP TABLE feedback_alerts;
DROP TABLE actions;

ALTER TABLE actions_new RENAME TO actions;
ALTER TABLE action_steps_new RENAME TO action_steps;
ALTER TABLE feedback_alerts_new RENAME TO feedback_alerts;
ALTER TABLE feedback_alert_mails_new RENAME TO feedback_alert_mails;

CREATE INDEX actions_journey ON actions(journey_id, status);
CREATE INDEX action_steps_action ON action_steps(action_id, position);
CREATE INDEX feedback_alerts_journey ON feedback_alerts(journey_id, id);
CREATE INDEX feedback_alerts_to_mail ON feedback_alerts(mailed_at, mail_after);
