-- The figures read a journey's roll-ups over a range of days. The primary
-- key (moment, branch, day) cannot narrow that range, so every read scanned
-- each moment's whole history; this index goes by moment and day and holds
-- the counts, so a period's figures read only that period's rows.
CREATE INDEX feedback_daily_moment_day
    ON feedback_daily (moment_id, day, branch_id, worse, as_expected, better);
