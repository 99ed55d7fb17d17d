-- A workspace's default language (en, de, ar), NULL for the installation's
-- (mot serve --language): the pages of someone who has not chosen a
-- language, and whose browser asks for none mot speaks, are in it.
ALTER TABLE workspaces ADD COLUMN language TEXT;
-- The language a rater chose on their audit page, kept with their link so
-- it follows them to another device (as a guest's choice does).
ALTER TABLE rater_links ADD COLUMN language TEXT;
