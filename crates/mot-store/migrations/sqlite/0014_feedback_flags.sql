-- Suspicious answers (a robot filled in the form's hidden field, say) are
-- kept, flagged, and left out of the roll-ups, so no figure counts them;
-- an owner can look at them and count one after all.
ALTER TABLE feedback_answers ADD COLUMN flagged BIGINT NOT NULL DEFAULT 0;
ALTER TABLE feedback_answers ADD COLUMN flag_reason TEXT;
