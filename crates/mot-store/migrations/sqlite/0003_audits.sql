-- Touchpoint audits: standards per moment, branches, reusable templates,
-- rounds (with a snapshot of their items), personal rater links, answers.

CREATE TABLE standards (
    moment_id BIGINT PRIMARY KEY REFERENCES moments(id),
    workspace_id BIGINT NOT NULL REFERENCES workspaces(id),
    experience TEXT NOT NULL,
    highs TEXT NOT NULL,
    risks TEXT NOT NULL,
    updated_at BIGINT NOT NULL
);

CREATE TABLE branches (
    id INTEGER PRIMARY KEY,
    workspace_id BIGINT NOT NULL REFERENCES workspaces(id),
    business_id BIGINT NOT NULL REFERENCES businesses(id),
    name TEXT NOT NULL,
    created_at BIGINT NOT NULL
);
CREATE INDEX branches_business ON branches(business_id);

CREATE TABLE audit_templates (
    id INTEGER PRIMARY KEY,
    workspace_id BIGINT NOT NULL REFERENCES workspaces(id),
    name TEXT NOT NULL,
    created_at BIGINT NOT NULL
);

CREATE TABLE template_items (
    id INTEGER PRIMARY KEY,
    template_id BIGINT NOT NULL REFERENCES audit_templates(id),
    phase TEXT NOT NULL,
    phase_position BIGINT NOT NULL,
    text TEXT NOT NULL,
    guidance TEXT NOT NULL,
    moment_id BIGINT REFERENCES moments(id),
    position BIGINT NOT NULL,
    removed BIGINT NOT NULL DEFAULT 0
);
CREATE INDEX template_items_template ON template_items(template_id, phase_position, position);

CREATE TABLE audit_rounds (
    id INTEGER PRIMARY KEY,
    workspace_id BIGINT NOT NULL REFERENCES workspaces(id),
    business_id BIGINT NOT NULL REFERENCES businesses(id),
    template_id BIGINT NOT NULL REFERENCES audit_templates(id),
    name TEXT NOT NULL,
    opens_on TEXT NOT NULL,
    closes_on TEXT NOT NULL,
    closed BIGINT NOT NULL DEFAULT 0,
    created_at BIGINT NOT NULL
);
CREATE INDEX audit_rounds_business ON audit_rounds(business_id, id);

CREATE TABLE round_branches (
    round_id BIGINT NOT NULL REFERENCES audit_rounds(id),
    branch_id BIGINT NOT NULL REFERENCES branches(id),
    PRIMARY KEY (round_id, branch_id)
);

-- The items as they were when the round started: later template edits do
-- not move answers already given.
CREATE TABLE round_items (
    id INTEGER PRIMARY KEY,
    round_id BIGINT NOT NULL REFERENCES audit_rounds(id),
    template_item_id BIGINT REFERENCES template_items(id),
    phase TEXT NOT NULL,
    phase_position BIGINT NOT NULL,
    text TEXT NOT NULL,
    guidance TEXT NOT NULL,
    moment_id BIGINT REFERENCES moments(id),
    position BIGINT NOT NULL
);
CREATE INDEX round_items_round ON round_items(round_id, phase_position, position);

CREATE TABLE rater_links (
    id INTEGER PRIMARY KEY,
    workspace_id BIGINT NOT NULL REFERENCES workspaces(id),
    round_id BIGINT NOT NULL REFERENCES audit_rounds(id),
    branch_id BIGINT NOT NULL REFERENCES branches(id),
    rater_group TEXT NOT NULL,
    label TEXT NOT NULL,
    token_hash TEXT NOT NULL UNIQUE,
    created_at BIGINT NOT NULL,
    reminded_at BIGINT,
    submitted_at BIGINT
);
CREATE INDEX rater_links_round ON rater_links(round_id);

CREATE TABLE audit_answers (
    link_id BIGINT NOT NULL REFERENCES rater_links(id),
    round_item_id BIGINT NOT NULL REFERENCES round_items(id),
    score BIGINT,
    comment TEXT NOT NULL,
    updated_at BIGINT NOT NULL,
    PRIMARY KEY (link_id, round_item_id)
);
