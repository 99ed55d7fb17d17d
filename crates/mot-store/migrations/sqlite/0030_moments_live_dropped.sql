-- Counting a board's live notes no longer reads this index: each board keeps
-- its count (0005, journeys.live_notes), and every query that lists a
-- board's notes by journey reads their rows anyway, through moments_journey.
-- Each new note wrote one more B-tree entry for nothing: one more page for
-- every board in a batch of the writer's commits.
DROP INDEX moments_live;
