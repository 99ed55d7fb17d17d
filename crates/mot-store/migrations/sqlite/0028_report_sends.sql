-- Client report packs sent by e-mail: who sent which business's pack, when,
-- to whom, and who could not be reached. The form's request key makes a
-- second press of the same form show the first sending instead of sending
-- again.
CREATE TABLE report_sends (
    id INTEGER PRIMARY KEY,
    workspace_id BIGINT NOT NULL REFERENCES workspaces(id),
    business_id BIGINT NOT NULL REFERENCES businesses(id),
    request_key TEXT NOT NULL,
    sent_by BIGINT REFERENCES users(id),
    sent_at BIGINT NOT NULL,
    sent_to TEXT NOT NULL DEFAULT '',
    not_sent TEXT NOT NULL DEFAULT '',
    done BIGINT NOT NULL DEFAULT 0
);
CREATE UNIQUE INDEX report_sends_key ON report_sends(workspace_id, request_key);
CREATE INDEX report_sends_business ON report_sends(business_id, id);
