-- Customer feedback alerts, kept once each: a moment whose customers' answers
-- left their usual range in a period (see mot_core::feedback::trend). The
-- unique key makes the same alert impossible to keep twice, however often the
-- figures are read or the background task runs.
--
-- state: open, actioned (an action was opened on the moment), on_agenda (the
-- moment is on the next session's agenda), dismissed.

CREATE TABLE feedback_alerts (
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
    action_id BIGINT REFERENCES actions(id),
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
CREATE INDEX feedback_alerts_journey ON feedback_alerts(journey_id, id);
CREATE INDEX feedback_alerts_to_mail ON feedback_alerts(mailed_at, mail_after);

-- Whom an alert was mailed to: after a failed send, the owners who got it
-- already are not mailed again.
CREATE TABLE feedback_alert_mails (
    alert_id BIGINT NOT NULL REFERENCES feedback_alerts(id),
    user_id BIGINT NOT NULL REFERENCES users(id),
    sent_at BIGINT NOT NULL,
    PRIMARY KEY (alert_id, user_id)
);
