-- A guest can be removed from a journey (by an owner or facilitator, or all
-- at once when the join link is rotated): their cookie stops working, while
-- the notes, ideas and ratings they gave stay.
ALTER TABLE guests ADD COLUMN removed_at BIGINT;
CREATE INDEX guests_journey ON guests(journey_id);
