-- A client's people: a membership (and an invitation) may name one business
-- of the workspace, with a client role on it (client_owner, client_member,
-- client_viewer, reports); NULL for the practice's own people, whose role
-- (owner, facilitator, member, viewer) holds for every business.
ALTER TABLE memberships ADD COLUMN business_id BIGINT REFERENCES businesses(id);
ALTER TABLE invites ADD COLUMN business_id BIGINT REFERENCES businesses(id);
CREATE INDEX memberships_business ON memberships(workspace_id, business_id);
