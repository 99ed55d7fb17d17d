-- The first and last day of the answers an import read (kept or there
-- already): its page links to the figures of those days. Imports done
-- before have none.
ALTER TABLE feedback_imports ADD COLUMN first_day BIGINT;
ALTER TABLE feedback_imports ADD COLUMN last_day BIGINT;
