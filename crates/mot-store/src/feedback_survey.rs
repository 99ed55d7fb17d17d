//! Journey surveys: one link that asks customers about several moments of
//! a journey at once. Each moment's answer is kept as an answer to that
//! moment's feedback point at the survey's branch (so the roll-ups and
//! every figure count it like any other), all of one form in one
//! transaction.

use crate::feedback::{answer_in, AnswerJob, AnswerWith, NOT_TAKEN};
use crate::tx::{col, Tx};
use crate::{now_ms, random_token, Committed, Result, Store, StoreError};
use mot_core::feedback::Answer;
use mot_core::text::{Msg, RuleError};
use mot_core::Id;
use sqlx::any::AnyRow;

/// A link that asks customers about several moments of a journey.
#[derive(Debug, Clone, PartialEq)]
pub struct Survey {
    pub id: Id,
    pub business_id: Id,
    pub journey_id: Id,
    /// `None`: customers of every branch.
    pub branch_id: Option<Id>,
    pub token: String,
    /// The owner's name for it ("After delivery"); shown to customers.
    pub title: String,
    pub closed: bool,
    /// The moments it asks about, in order: `(moment id, title)`.
    pub moments: Vec<(Id, String)>,
}

/// What a customer's survey page shows.
#[derive(Debug, Clone, PartialEq)]
pub struct SurveyView {
    pub survey: Survey,
    pub workspace_id: Id,
    pub business: String,
    pub branch: Option<String>,
    pub workspace_language: Option<String>,
    /// Per moment, in order: where its answer goes and the reasons it offers.
    pub asked: Vec<Asked>,
}

/// A moment a survey asks about: the point its answers go to, and the
/// reasons a customer may pick (the moment's).
#[derive(Debug, Clone, PartialEq)]
pub struct Asked {
    pub token: String,
    pub reasons: Vec<String>,
}

const SURVEY_COLS: &str =
    "s.id, s.business_id, s.journey_id, s.branch_id, s.token, s.title, s.closed_at";

fn survey_from(r: &AnyRow) -> Result<Survey> {
    Ok(Survey {
        id: col(r, "id")?,
        business_id: col(r, "business_id")?,
        journey_id: col(r, "journey_id")?,
        branch_id: col(r, "branch_id")?,
        token: col(r, "token")?,
        title: col(r, "title")?,
        closed: col::<Option<i64>, _>(r, "closed_at")?.is_some(),
        moments: Vec::new(),
    })
}

impl Store {
    /// Makes a survey of a journey's moments (live notes of the journey, in
    /// the order given, checked by core's rules first) at a branch of its
    /// business (`None`: every branch). Each moment's open feedback point at
    /// that branch takes its answers (made when there is none).
    pub async fn create_feedback_survey(
        &self,
        workspace_id: Id,
        journey_id: Id,
        branch_id: Option<Id>,
        title: &str,
        moment_ids: &[Id],
    ) -> Result<Survey> {
        self.create_feedback_survey_once(
            workspace_id,
            journey_id,
            branch_id,
            title,
            moment_ids,
            None,
        )
        .await
    }

    pub(crate) async fn create_feedback_survey_once(
        &self,
        workspace_id: Id,
        journey_id: Id,
        branch_id: Option<Id>,
        title: &str,
        moment_ids: &[Id],
        req: Option<crate::request::Request>,
    ) -> Result<Survey> {
        let journey = self.journey(workspace_id, journey_id).await?;
        // Every moment a live note of this journey, before anything is made.
        let live = self.moments(workspace_id, journey_id).await?;
        if moment_ids.iter().any(|m| !live.iter().any(|l| l.id == *m)) {
            return Err(StoreError::NotFound("moment"));
        }
        let mut points = Vec::with_capacity(moment_ids.len());
        for m in moment_ids {
            let p = self.feedback_point(workspace_id, *m, branch_id).await?;
            if p.journey_id != journey_id {
                return Err(StoreError::NotFound("moment"));
            }
            points.push(p.id);
        }
        let title = title.to_string();
        let business_id = journey.business_id;
        let made = crate::request::make_once(&self.writer, workspace_id, req, move |conn| {
            Box::pin(async move {
                let row = conn
                    .fetch_one(
                        "INSERT INTO feedback_surveys (workspace_id, business_id, journey_id, \
                             branch_id, token, title, created_at) \
                             VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id",
                        &[
                            workspace_id.into(),
                            business_id.into(),
                            journey_id.into(),
                            branch_id.into(),
                            random_token().into(),
                            title.into(),
                            now_ms().into(),
                        ],
                    )
                    .await?;
                let id: Id = col(&row, "id")?;
                for (i, p) in points.iter().enumerate() {
                    conn.execute(
                        "INSERT INTO feedback_survey_points (survey_id, point_id, position) \
                             VALUES ($1, $2, $3)",
                        &[id.into(), (*p).into(), (i as i64).into()],
                    )
                    .await?;
                }
                Ok((id, Vec::<Committed>::new()))
            })
        })
        .await?;
        self.feedback_survey(workspace_id, made.id()).await
    }

    /// A survey of the workspace, with its moments.
    pub async fn feedback_survey(&self, workspace_id: Id, id: Id) -> Result<Survey> {
        let row = sqlx::query(&format!(
            "SELECT {SURVEY_COLS} FROM feedback_surveys s WHERE s.id = $1 AND s.workspace_id = $2"
        ))
        .bind(id)
        .bind(workspace_id)
        .fetch_optional(&self.pool)
        .await?
        .ok_or(StoreError::NotFound("survey"))?;
        let mut s = survey_from(&row)?;
        s.moments = self
            .survey_moments(s.id, false)
            .await?
            .into_iter()
            .map(|(id, title, _)| (id, title))
            .collect();
        Ok(s)
    }

    /// A journey's surveys, oldest first.
    pub async fn feedback_surveys(&self, workspace_id: Id, journey_id: Id) -> Result<Vec<Survey>> {
        let rows = sqlx::query(&format!(
            "SELECT {SURVEY_COLS} FROM feedback_surveys s \
             WHERE s.journey_id = $1 AND s.workspace_id = $2 ORDER BY s.id"
        ))
        .bind(journey_id)
        .bind(workspace_id)
        .fetch_all(&self.pool)
        .await?;
        let mut out = Vec::with_capacity(rows.len());
        for r in &rows {
            let mut s = survey_from(r)?;
            s.moments = self
                .survey_moments(s.id, false)
                .await?
                .into_iter()
                .map(|(id, title, _)| (id, title))
                .collect();
            out.push(s);
        }
        Ok(out)
    }

    /// A survey's live moments in order: `(moment id, title, what is
    /// asked)` (its point's token and the moment's reasons);
    /// with `open_only`, only those whose point (link) is open, which are
    /// what a customer is asked about.
    async fn survey_moments(
        &self,
        survey_id: Id,
        open_only: bool,
    ) -> Result<Vec<(Id, String, Asked)>> {
        let rows = sqlx::query(&format!(
            "SELECT m.id, m.title, p.token, COALESCE(r.reasons, '') AS reasons \
             FROM feedback_survey_points sp \
             JOIN feedback_points p ON p.id = sp.point_id JOIN moments m ON m.id = p.moment_id \
             LEFT JOIN feedback_reasons r ON r.moment_id = p.moment_id \
             WHERE sp.survey_id = $1 AND m.deleted_at IS NULL{} ORDER BY sp.position",
            if open_only {
                " AND p.closed_at IS NULL"
            } else {
                ""
            }
        ))
        .bind(survey_id)
        .fetch_all(&self.pool)
        .await?;
        rows.iter()
            .map(|r| {
                let reasons: String = col(r, "reasons")?;
                let asked = Asked {
                    token: col(r, "token")?,
                    reasons: crate::feedback::reason_lines(&reasons),
                };
                Ok((col(r, "id")?, col(r, "title")?, asked))
            })
            .collect()
    }

    /// Closes a survey's link or opens it again.
    pub async fn set_feedback_survey_open(
        &self,
        workspace_id: Id,
        id: Id,
        open: bool,
    ) -> Result<Survey> {
        let done = sqlx::query(
            "UPDATE feedback_surveys SET closed_at = $1 WHERE id = $2 AND workspace_id = $3",
        )
        .bind((!open).then(now_ms))
        .bind(id)
        .bind(workspace_id)
        .execute(&self.pool)
        .await?;
        if done.rows_affected() == 0 {
            return Err(StoreError::NotFound("survey"));
        }
        self.feedback_survey(workspace_id, id).await
    }

    /// What a customer's survey page shows, by the link's secret.
    pub async fn survey_view(&self, token: &str) -> Result<SurveyView> {
        let row = sqlx::query(&format!(
            "SELECT {SURVEY_COLS}, s.workspace_id, b.name AS business, br.name AS branch, \
             w.language AS workspace_language \
             FROM feedback_surveys s JOIN businesses b ON b.id = s.business_id \
             JOIN workspaces w ON w.id = s.workspace_id \
             LEFT JOIN branches br ON br.id = s.branch_id WHERE s.token = $1"
        ))
        .bind(token)
        .fetch_optional(&self.pool)
        .await?
        .ok_or(StoreError::NotFound("survey link"))?;
        let mut survey = survey_from(&row)?;
        // A moment whose link was closed is not asked about; with none
        // left to ask, the survey's link takes nothing, as a closed one.
        let moments = self.survey_moments(survey.id, true).await?;
        if moments.is_empty() {
            return Err(StoreError::NotFound("survey link"));
        }
        survey.moments = moments.iter().map(|(i, t, _)| (*i, t.clone())).collect();
        Ok(SurveyView {
            survey,
            workspace_id: col(&row, "workspace_id")?,
            business: col(&row, "business")?,
            branch: col(&row, "branch")?,
            workspace_language: col(&row, "workspace_language")?,
            asked: moments.into_iter().map(|(_, _, a)| a).collect(),
        })
    }

    /// Keeps one survey form's answers, each as an answer to its moment's
    /// point, all in one transaction and once per `request_key` (sent again,
    /// nothing is added). `answers` pairs a point token of the survey with
    /// what was said of it; the contact, if any, goes with the first.
    /// A moment whose point was closed since takes nothing. Answers `true`
    /// when anything was new.
    pub async fn answer_feedback_survey(
        &self,
        answers: Vec<(String, Answer)>,
        language: &str,
        request_key: &str,
        with: AnswerWith,
    ) -> Result<bool> {
        let mut jobs = Vec::with_capacity(answers.len());
        for (i, (token, answer)) in answers.into_iter().enumerate() {
            let with = AnswerWith {
                contact: if i == 0 { with.contact.clone() } else { None },
                ..with.clone()
            };
            jobs.push(AnswerJob::new(
                &token,
                answer,
                language,
                &format!("{request_key}:{i}"),
                with,
            ));
        }
        match self.writer.apply(SurveyJob(jobs)).await {
            Ok(_) => {
                self.feedback_written();
                Ok(true)
            }
            Err(StoreError::Rule(RuleError::Conflict(m))) if m.key == NOT_TAKEN => Ok(false),
            Err(e) => Err(e),
        }
    }
}

pub(crate) struct SurveyJob(Vec<AnswerJob>);

crate::tx::command!(SurveyJob, survey_in);

/// Each answer of the form, in one transaction; the ones kept before (or
/// whose point is closed) add nothing, and if none is new the job says so.
async fn survey_in(tx: &mut impl Tx, job: SurveyJob) -> Result<Vec<Committed>> {
    let mut new = 0;
    for a in job.0 {
        match answer_in(tx, a).await {
            Ok(_) => new += 1,
            Err(StoreError::Rule(RuleError::Conflict(m))) if m.key == NOT_TAKEN => {}
            Err(e) => return Err(e),
        }
    }
    if new == 0 {
        return Err(RuleError::Conflict(Msg::new(NOT_TAKEN)).into());
    }
    Ok(Vec::new())
}
