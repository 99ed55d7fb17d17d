-- A customer who agrees to be contacted leaves an e-mail address. It is
-- kept apart from the answer (so no export, figure or comment list of
-- answers carries it), one row per answer, and only owners and
-- facilitators read it.
CREATE TABLE feedback_contacts (
    answer_id BIGINT PRIMARY KEY REFERENCES feedback_answers(id),
    workspace_id BIGINT NOT NULL REFERENCES workspaces(id),
    email TEXT NOT NULL,
    created_at BIGINT NOT NULL
);

-- A journey survey: one link that asks customers about several moments at
-- once (an e-mail after delivery asks about ordering, delivery day and
-- installation). Each moment's answer is kept as an answer to that
-- moment's feedback point at the survey's branch, so every figure counts
-- it like any other.
CREATE TABLE feedback_surveys (
    id INTEGER PRIMARY KEY,
    workspace_id BIGINT NOT NULL REFERENCES workspaces(id),
    business_id BIGINT NOT NULL REFERENCES businesses(id),
    journey_id BIGINT NOT NULL REFERENCES journeys(id),
    -- NULL: customers of every branch.
    branch_id BIGINT REFERENCES branches(id),
    token TEXT NOT NULL UNIQUE,
    title TEXT NOT NULL,
    closed_at BIGINT,
    created_at BIGINT NOT NULL
);
CREATE INDEX feedback_surveys_journey ON feedback_surveys(journey_id);

CREATE TABLE feedback_survey_points (
    survey_id BIGINT NOT NULL REFERENCES feedback_surveys(id),
    point_id BIGINT NOT NULL REFERENCES feedback_points(id),
    position BIGINT NOT NULL,
    PRIMARY KEY (survey_id, point_id)
);
