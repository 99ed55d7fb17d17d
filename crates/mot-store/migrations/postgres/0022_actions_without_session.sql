-- An action opened from a feedback alert on a journey that has had no
-- session yet belongs to no session: session_id may be NULL. The next
-- session's review lists it with the journey's other open actions.
ALTER TABLE actions ALTER COLUMN session_id DROP NOT NULL;
