-- A practice's branding on its reports: the name and accent colour on
-- every PDF and spreadsheet, and a logo (a PNG, checked by core) at the
-- top of every PDF page.
CREATE TABLE brands (
    workspace_id BIGINT PRIMARY KEY REFERENCES workspaces(id),
    name TEXT NOT NULL,
    accent TEXT NOT NULL,
    logo BYTEA,
    updated_at BIGINT NOT NULL
);
