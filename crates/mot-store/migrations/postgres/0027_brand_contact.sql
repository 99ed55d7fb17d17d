-- The adviser's contact details, on the cover of the client report pack.
ALTER TABLE brands ADD COLUMN contact TEXT NOT NULL DEFAULT '';
