//! Which business a record belongs to: what the web face asks before it
//! lets one of a client's people touch a record by its id.

use crate::tx::col;
use crate::{Result, Store};
use mot_core::Id;

/// The kinds of record a route names by id.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Kind {
    Business,
    Channel,
    Journey,
    Stage,
    Moment,
    Session,
    Guest,
    Round,
    RaterLink,
    FeedbackPoint,
    FeedbackSurvey,
    FeedbackAnswer,
    FeedbackAlert,
    FeedbackImport,
}

impl Kind {
    /// The query that answers the record's business (`$1` the workspace,
    /// `$2` the id).
    fn sql(self) -> &'static str {
        match self {
            Kind::Business => "SELECT id AS b FROM businesses WHERE workspace_id = $1 AND id = $2",
            Kind::Channel => {
                "SELECT business_id AS b FROM channels WHERE workspace_id = $1 AND id = $2"
            }
            Kind::Journey => {
                "SELECT business_id AS b FROM journeys WHERE workspace_id = $1 AND id = $2"
            }
            Kind::Round => {
                "SELECT business_id AS b FROM audit_rounds WHERE workspace_id = $1 AND id = $2"
            }
            Kind::FeedbackPoint => {
                "SELECT business_id AS b FROM feedback_points WHERE workspace_id = $1 AND id = $2"
            }
            Kind::FeedbackSurvey => {
                "SELECT business_id AS b FROM feedback_surveys WHERE workspace_id = $1 AND id = $2"
            }
            Kind::Stage => {
                "SELECT j.business_id AS b FROM stages x JOIN journeys j ON j.id = x.journey_id \
                 WHERE x.workspace_id = $1 AND x.id = $2"
            }
            Kind::Moment => {
                "SELECT j.business_id AS b FROM moments x JOIN journeys j ON j.id = x.journey_id \
                 WHERE x.workspace_id = $1 AND x.id = $2"
            }
            Kind::Session => {
                "SELECT j.business_id AS b FROM team_sessions x \
                 JOIN journeys j ON j.id = x.journey_id WHERE x.workspace_id = $1 AND x.id = $2"
            }
            Kind::Guest => {
                "SELECT j.business_id AS b FROM guests x JOIN journeys j ON j.id = x.journey_id \
                 WHERE x.workspace_id = $1 AND x.id = $2"
            }
            Kind::FeedbackAlert => {
                "SELECT j.business_id AS b FROM feedback_alerts x \
                 JOIN journeys j ON j.id = x.journey_id WHERE x.workspace_id = $1 AND x.id = $2"
            }
            Kind::FeedbackImport => {
                "SELECT j.business_id AS b FROM feedback_imports x \
                 JOIN journeys j ON j.id = x.journey_id WHERE x.workspace_id = $1 AND x.id = $2"
            }
            Kind::RaterLink => {
                "SELECT r.business_id AS b FROM rater_links x \
                 JOIN audit_rounds r ON r.id = x.round_id WHERE x.workspace_id = $1 AND x.id = $2"
            }
            Kind::FeedbackAnswer => {
                "SELECT p.business_id AS b FROM feedback_answers x \
                 JOIN feedback_points p ON p.id = x.point_id WHERE x.workspace_id = $1 AND x.id = $2"
            }
        }
    }
}

impl Store {
    /// The business a record of the workspace belongs to; `None` when the
    /// workspace has no such record.
    pub async fn business_of(&self, workspace_id: Id, kind: Kind, id: Id) -> Result<Option<Id>> {
        let row = sqlx::query(kind.sql())
            .bind(workspace_id)
            .bind(id)
            .fetch_optional(&self.pool)
            .await?;
        row.map(|r| col(&r, "b")).transpose()
    }
}
