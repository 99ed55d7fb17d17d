-- Journey templates of a workspace: an outline (stages, moments with their
-- channel and standard) saved from a client's journey, in versions. Each
-- version's outline is kept (JSON), so a journey made from an older one is
-- offered what changed since.
CREATE TABLE journey_templates (
    id INTEGER PRIMARY KEY,
    workspace_id BIGINT NOT NULL REFERENCES workspaces(id),
    name TEXT NOT NULL,
    version BIGINT NOT NULL,
    source_journey_id BIGINT REFERENCES journeys(id),
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL
);
CREATE INDEX journey_templates_workspace ON journey_templates(workspace_id, id);

CREATE TABLE journey_template_versions (
    template_id BIGINT NOT NULL REFERENCES journey_templates(id),
    version BIGINT NOT NULL,
    outline TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    PRIMARY KEY (template_id, version)
);

-- A journey made from a template: which, and the version it has taken up.
CREATE TABLE journey_template_links (
    journey_id BIGINT PRIMARY KEY REFERENCES journeys(id),
    workspace_id BIGINT NOT NULL REFERENCES workspaces(id),
    template_id BIGINT NOT NULL REFERENCES journey_templates(id),
    version BIGINT NOT NULL
);
CREATE INDEX journey_template_links_template ON journey_template_links(template_id);

-- Which stage or moment of such a journey a template's key stands for.
CREATE TABLE journey_template_keys (
    journey_id BIGINT NOT NULL REFERENCES journeys(id),
    key TEXT NOT NULL,
    stage_id BIGINT REFERENCES stages(id),
    moment_id BIGINT REFERENCES moments(id),
    PRIMARY KEY (journey_id, key)
);
