//! Importing the feedback a business already has, from a CSV or Excel file:
//! upload it, choose which column is which (with a preview of the first
//! rows) and how its ratings read, import, and see what was kept and what
//! was refused, line by line. Plain forms: it works without JavaScript.
//!
//! Between the upload and the import the file waits in the OS's temporary
//! directory under a random name bound to the workspace and the journey;
//! it is removed after the import, or after an hour at the next upload.

use crate::auth::layout::chrome;
use crate::auth::{require_user, Ident};
use crate::feedback::import_views as v;
use crate::or_return;
use crate::state::AppState;
use crate::t;
use crate::web::error::{AppError, PageResult};
use crate::web::extract::PagePath;
use crate::web::layout::page;
use axum::extract::multipart::MultipartRejection;
use axum::extract::{Multipart, State};
use axum::http::{header, HeaderMap, StatusCode};
use axum::response::{IntoResponse, Redirect, Response};
use mot_core::feedback::import::{
    self as rules, Columns, CsvRecords, DateOrder, EncodingSniffer, Guess, ImportLimits, Importer,
    Mapping, Record, Scale, TextEncoding,
};
use mot_core::feedback::Verdict;
use mot_core::{Id, Journey};
use mot_store::{FeedbackImport, ImportBatch, ImportEnd};
use serde::{Deserialize, Serialize};
use std::io::Write as _;
use std::path::PathBuf;
use std::time::Duration;
use tokio::io::AsyncWriteExt;
use tokio::sync::mpsc;

/// How long an uploaded file waits for its import.
const KEEP: Duration = Duration::from_secs(3600);
/// Rows sent to the store at a time.
const BATCH: usize = 2_000;
/// Refused lines kept for the download; past them, only counted.
const REFUSALS_KEPT: u64 = 100_000;
/// Refused lines shown on a page.
const REFUSALS_SHOWN: usize = 10;

// ---- the file between upload and import ---------------------------------------

/// What is known of an uploaded file.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Upload {
    pub name: String,
    pub kind: Kind,
    pub encoding: String,
    pub delimiter: u8,
    pub bytes: u64,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Kind {
    Csv,
    Xlsx,
}

fn folder() -> PathBuf {
    std::env::temp_dir().join("mot-imports")
}

fn valid_token(t: &str) -> bool {
    t.len() == 32 && t.bytes().all(|c| c.is_ascii_hexdigit())
}

/// The file of an upload, and the file that says what it is; the name
/// binds them to the workspace and journey, so a token works nowhere else.
fn paths(workspace_id: Id, journey_id: Id, token: &str) -> (PathBuf, PathBuf) {
    let base = folder().join(format!("w{workspace_id}-j{journey_id}-{token}"));
    (base.with_extension("data"), base.with_extension("json"))
}

/// Removes uploads older than [`KEEP`].
async fn sweep() {
    let Ok(mut dir) = tokio::fs::read_dir(folder()).await else {
        return;
    };
    while let Ok(Some(e)) = dir.next_entry().await {
        let old = e
            .metadata()
            .await
            .ok()
            .and_then(|m| m.modified().ok())
            .and_then(|t| t.elapsed().ok())
            .is_some_and(|age| age > KEEP);
        if old {
            let _ = tokio::fs::remove_file(e.path()).await;
        }
    }
}

async fn remove(workspace_id: Id, journey_id: Id, token: &str) {
    let (data, meta) = paths(workspace_id, journey_id, token);
    let _ = tokio::fs::remove_file(data).await;
    let _ = tokio::fs::remove_file(meta).await;
}

/// The upload of a token, if it is still there.
async fn upload_of(me: &Ident, journey_id: Id, token: &str) -> Result<(PathBuf, Upload), AppError> {
    let gone = || {
        AppError::new(
            StatusCode::NOT_FOUND,
            "not_found",
            t!("feedback-import-gone"),
        )
    };
    if !valid_token(token) {
        return Err(gone());
    }
    let (data, meta) = paths(me.workspace_id, journey_id, token);
    let text = tokio::fs::read(&meta).await.map_err(|_| gone())?;
    let upload: Upload = serde_json::from_slice(&text).map_err(|_| gone())?;
    Ok((data, upload))
}

// ---- reading a file's records ---------------------------------------------------

/// A file's records, one at a time.
pub type Records = Box<dyn Iterator<Item = Result<Record, mot_core::RuleError>> + Send>;

/// A file's records, the header first.
fn records(path: &std::path::Path, u: &Upload) -> Result<Records, AppError> {
    let unreadable = || AppError::invalid(t!("feedback-import-not-a-table"));
    match u.kind {
        Kind::Csv => {
            let enc = TextEncoding::from_key(&u.encoding).ok_or_else(unreadable)?;
            let file = std::fs::File::open(path).map_err(|e| AppError::internal(&e))?;
            Ok(Box::new(CsvRecords::new(
                std::io::BufReader::with_capacity(256 * 1024, file),
                enc,
                u.delimiter,
            )))
        }
        Kind::Xlsx => {
            use calamine::Reader as _;
            let mut book: calamine::Xlsx<_> =
                calamine::open_workbook(path).map_err(|_| unreadable())?;
            let sheet = book
                .worksheet_range_at(0)
                .ok_or_else(unreadable)?
                .map_err(|_| unreadable())?;
            let first = sheet.start().map_or(0, |(row, _)| row);
            let width = sheet.width();
            let rows: Vec<Record> = sheet
                .rows()
                .enumerate()
                .map(|(i, cells)| {
                    let mut fields: Vec<String> = cells.iter().map(cell_text).collect();
                    fields.resize(width, String::new());
                    Record {
                        line: u64::from(first) + i as u64 + 1,
                        fields: csv::StringRecord::from(fields),
                    }
                })
                .collect();
            Ok(Box::new(rows.into_iter().map(Ok)))
        }
    }
}

/// A spreadsheet cell as the text a CSV would hold: dates as ISO dates,
/// whole numbers without a decimal point.
fn cell_text(c: &calamine::Data) -> String {
    use calamine::Data;
    match c {
        Data::Empty | Data::Error(_) => String::new(),
        Data::String(s) | Data::DateTimeIso(s) | Data::DurationIso(s) => s.clone(),
        Data::Int(i) => i.to_string(),
        Data::Float(f) if f.fract() == 0.0 && f.abs() < 1e15 => format!("{}", *f as i64),
        Data::Float(f) => f.to_string(),
        Data::Bool(b) => b.to_string(),
        Data::DateTime(d) if d.is_datetime() => {
            let (y, mo, da, h, mi, s, _) = d.to_ymd_hms_milli();
            if (h, mi, s) == (0, 0, 0) {
                format!("{y:04}-{mo:02}-{da:02}")
            } else {
                format!("{y:04}-{mo:02}-{da:02} {h:02}:{mi:02}:{s:02}")
            }
        }
        Data::DateTime(d) => d.as_f64().to_string(),
    }
}

/// A file's header and its first rows.
pub struct Preview {
    pub header: Vec<String>,
    pub rows: Vec<Record>,
}

/// Reads the header and the first rows; refuses a file that is not a
/// table of text (a picture renamed `.csv`, an empty file).
fn preview(path: &std::path::Path, u: &Upload) -> Result<Preview, AppError> {
    let mut recs = records(path, u)?;
    let header = match recs.next() {
        None => return Err(AppError::invalid(t!("feedback-import-empty"))),
        Some(Err(e)) => return Err(plain(e)),
        Some(Ok(h)) => h,
    };
    let header: Vec<String> = header.fields.iter().map(|f| f.trim().to_string()).collect();
    if header.len() > ImportLimits::COLUMNS {
        return Err(AppError::invalid(t!(
            "feedback-import-too-many-columns",
            max = ImportLimits::COLUMNS
        )));
    }
    let mut rows = Vec::new();
    for r in recs {
        let r = r.map_err(plain)?;
        if r.is_blank() {
            continue;
        }
        rows.push(r);
        if rows.len() == ImportLimits::PREVIEW_ROWS {
            break;
        }
    }
    let readable = header.iter().all(|h| rules::is_readable(h))
        && rows.iter().all(|r| r.fields.iter().all(rules::is_readable));
    if !readable || (header.len() < 2 && rows.iter().all(|r| r.fields.len() < 2)) {
        return Err(AppError::invalid(t!("feedback-import-not-a-table")));
    }
    if rows.is_empty() {
        return Err(AppError::invalid(t!("feedback-import-empty")));
    }
    Ok(Preview { header, rows })
}

/// Runs file work off the async threads, in the request's language.
async fn blocking<T: Send + 'static>(
    f: impl FnOnce() -> Result<T, AppError> + Send + 'static,
) -> Result<T, AppError> {
    let lang = crate::web::i18n::lang();
    tokio::task::spawn_blocking(move || crate::web::i18n::with_lang(lang, f))
        .await
        .map_err(|e| AppError::internal(&e))?
}

// ---- the service ------------------------------------------------------------------

/// A journey the caller may import feedback into: owners and facilitators,
/// as for asking customers.
async fn importable(state: &AppState, me: &Ident, journey_id: Id) -> Result<Journey, AppError> {
    me.actor.may_manage()?;
    Ok(state.store.journey(me.workspace_id, journey_id).await?)
}

/// The upload page's journey.
pub async fn start(state: &AppState, me: &Ident, journey_id: Id) -> Result<Journey, AppError> {
    importable(state, me, journey_id).await
}

fn too_large(limit: u64) -> AppError {
    AppError::new(
        StatusCode::PAYLOAD_TOO_LARGE,
        "too_large",
        t!(
            "feedback-import-too-large",
            mb = (limit / (1024 * 1024)).max(1) as i64
        ),
    )
}

/// Keeps an uploaded file for its mapping; answers its token.
pub async fn upload(
    state: &AppState,
    me: &Ident,
    journey_id: Id,
    headers: &HeaderMap,
    form: Result<Multipart, MultipartRejection>,
) -> Result<String, AppError> {
    importable(state, me, journey_id).await?;
    let mut form = form.map_err(|_| AppError::bad_request(t!("feedback-import-not-a-form")))?;
    let limit = upload_limit(state);
    sweep().await;
    // Customers' words wait here: readable by this user only.
    let mut dir = tokio::fs::DirBuilder::new();
    dir.recursive(true);
    #[cfg(unix)]
    dir.mode(0o700);
    dir.create(folder())
        .await
        .map_err(|e| AppError::internal(&e))?;
    let token = mot_store::random_token();
    let (data, meta) = paths(me.workspace_id, journey_id, &token);
    let kept = receive(me, headers, &mut form, &data, limit).await;
    let (name, bytes, kind, encoding) = match kept {
        Ok(k) => k,
        Err(e) => {
            remove(me.workspace_id, journey_id, &token).await;
            return Err(e);
        }
    };
    let mut u = Upload {
        name,
        kind,
        encoding: encoding.key().to_string(),
        delimiter: b',',
        bytes,
    };
    let checked = {
        let data = data.clone();
        let mut u2 = u.clone();
        blocking(move || -> Result<Upload, AppError> {
            if u2.kind == Kind::Csv {
                let mut head = vec![0u8; 64 * 1024];
                let mut f = std::fs::File::open(&data).map_err(|e| AppError::internal(&e))?;
                let n =
                    std::io::Read::read(&mut f, &mut head).map_err(|e| AppError::internal(&e))?;
                head.truncate(n);
                u2.delimiter = rules::delimiter(&rules::decode_head(&head, encoding));
            }
            preview(&data, &u2)?;
            Ok(u2)
        })
        .await
    };
    match checked {
        Ok(checked) => u = checked,
        Err(e) => {
            remove(me.workspace_id, journey_id, &token).await;
            return Err(e);
        }
    }
    let json = serde_json::to_vec(&u).map_err(|e| AppError::internal(&e))?;
    tokio::fs::write(&meta, json)
        .await
        .map_err(|e| AppError::internal(&e))?;
    Ok(token)
}

fn upload_limit(state: &AppState) -> u64 {
    state
        .settings
        .feedback_import_bytes
        .unwrap_or(ImportLimits::FILE_BYTES)
}

/// Streams the form's file to `data` (checking the CSRF field that comes
/// before it), finding its kind and encoding as it goes.
async fn receive(
    me: &Ident,
    headers: &HeaderMap,
    form: &mut Multipart,
    data: &std::path::Path,
    limit: u64,
) -> Result<(String, u64, Kind, TextEncoding), AppError> {
    let mut csrf: Option<String> = None;
    let broken = |e: axum::extract::multipart::MultipartError| {
        if e.status() == StatusCode::PAYLOAD_TOO_LARGE {
            too_large(limit)
        } else {
            AppError::bad_request(t!("feedback-import-not-a-form"))
        }
    };
    while let Some(mut field) = form.next_field().await.map_err(broken)? {
        match field.name() {
            Some("_csrf") => csrf = Some(field.text().await.map_err(broken)?),
            Some("file") => {
                me.check_csrf(headers, csrf.as_deref())?;
                let name: String = field
                    .file_name()
                    .unwrap_or("")
                    .chars()
                    .filter(|c| !c.is_control())
                    .take(200)
                    .collect();
                let mut out = tokio::fs::File::create(data)
                    .await
                    .map_err(|e| AppError::internal(&e))?;
                let (mut bytes, mut sniff, mut head) = (0u64, EncodingSniffer::new(), Vec::new());
                while let Some(chunk) = field.chunk().await.map_err(broken)? {
                    bytes += chunk.len() as u64;
                    if bytes > limit {
                        // Read the rest (up to the route's own limit) so
                        // that the browser sees the answer, not a reset.
                        while let Ok(Some(_)) = field.chunk().await {}
                        while let Ok(Some(mut f)) = form.next_field().await {
                            while let Ok(Some(_)) = f.chunk().await {}
                        }
                        return Err(too_large(limit));
                    }
                    if head.len() < 4 {
                        head.extend_from_slice(&chunk[..chunk.len().min(4 - head.len())]);
                    }
                    sniff.feed(&chunk);
                    out.write_all(&chunk)
                        .await
                        .map_err(|e| AppError::internal(&e))?;
                }
                out.flush().await.map_err(|e| AppError::internal(&e))?;
                if bytes == 0 {
                    return Err(AppError::invalid(t!("feedback-import-empty")));
                }
                // An XLSX file is a ZIP archive.
                let kind = if head.starts_with(b"PK\x03\x04") {
                    Kind::Xlsx
                } else {
                    Kind::Csv
                };
                return Ok((name, bytes, kind, sniff.finish()));
            }
            _ => {}
        }
    }
    me.check_csrf(headers, csrf.as_deref())?;
    Err(AppError::invalid(t!("feedback-import-no-file")))
}

/// What the mapping page shows.
pub struct Prepared {
    pub journey: Journey,
    pub upload: Upload,
    pub preview: Preview,
    pub guess: Guess,
    pub moments: Vec<String>,
}

/// An uploaded file's preview and the columns it seems to have.
pub async fn prepare(
    state: &AppState,
    me: &Ident,
    journey_id: Id,
    token: &str,
) -> Result<Prepared, AppError> {
    let journey = importable(state, me, journey_id).await?;
    let (data, upload) = upload_of(me, journey_id, token).await?;
    let u = upload.clone();
    let preview = blocking(move || preview(&data, &u)).await?;
    let guess = rules::guess_columns(&preview.header);
    let moments = state
        .store
        .moments(me.workspace_id, journey_id)
        .await?
        .into_iter()
        .map(|m| m.title)
        .collect();
    Ok(Prepared {
        journey,
        upload,
        preview,
        guess,
        moments,
    })
}

/// The owner's choices on the mapping page, as sent.
#[derive(Debug, Deserialize, Default, Clone)]
pub struct MappingForm {
    #[serde(default)]
    pub _csrf: String,
    #[serde(default)]
    pub date: String,
    #[serde(default)]
    pub moment: String,
    #[serde(default)]
    pub branch: String,
    #[serde(default)]
    pub rating: String,
    #[serde(default)]
    pub comment: String,
    #[serde(default)]
    pub external_id: String,
    #[serde(default)]
    pub scale: String,
    #[serde(default)]
    pub scale_text: String,
    #[serde(default)]
    pub date_order: String,
    #[serde(default)]
    pub all_or_nothing: String,
}

/// A catalogue text in the request's language.
fn word(key: &'static str) -> &'static str {
    mot_i18n::text(crate::web::i18n::lang(), key)
}

/// An import's rule error as its message alone: the import's pages say
/// what was wrong with the file or mapping, no field name before it.
fn plain(e: mot_core::RuleError) -> AppError {
    AppError::invalid(mot_i18n::message(crate::web::i18n::lang(), e.msg()))
}

/// A store error, an import's refusal said plainly.
fn plain_store(e: mot_store::StoreError) -> AppError {
    match e {
        mot_store::StoreError::Rule(r @ mot_core::RuleError::Invalid { .. }) => plain(r),
        other => other.into(),
    }
}

/// The mapping the form says, checked.
fn mapping_of(f: &MappingForm) -> Result<Mapping, AppError> {
    let column = |v: &str, field: &'static str| -> Result<Option<usize>, AppError> {
        match v.trim() {
            "" => Ok(None),
            v => v
                .parse::<usize>()
                .map(Some)
                .map_err(|_| AppError::invalid(t!("feedback-import-choose", column = word(field)))),
        }
    };
    let required = |v: &str, field: &'static str| -> Result<usize, AppError> {
        column(v, field)?
            .ok_or_else(|| AppError::invalid(t!("feedback-import-choose", column = word(field))))
    };
    let columns = Columns {
        date: required(&f.date, "feedback-import-col-date")?,
        moment: required(&f.moment, "feedback-import-col-moment")?,
        branch: column(&f.branch, "feedback-import-col-branch")?,
        rating: required(&f.rating, "feedback-import-col-rating")?,
        comment: column(&f.comment, "feedback-import-col-comment")?,
        external_id: column(&f.external_id, "feedback-import-col-id")?,
    };
    let scale = match f.scale.trim() {
        "stars" => Scale::Stars,
        "zero_to_ten" => Scale::ZeroToTen,
        "words" => Scale::Words,
        "text" => {
            let words: Vec<(&str, Verdict)> = Verdict::ALL
                .iter()
                .map(|v| (word(v.word_key()), *v))
                .collect();
            rules::scale_table(&f.scale_text, &words).map_err(plain)?
        }
        _ => return Err(AppError::invalid(t!("feedback-import-choose-scale"))),
    };
    let date_order = match f.date_order.trim() {
        "" => DateOrder::DayFirst,
        k => DateOrder::from_key(k)
            .ok_or_else(|| AppError::invalid(t!("feedback-import-choose-date-order")))?,
    };
    Ok(Mapping {
        columns,
        scale,
        date_order,
    })
}

/// Why an import kept nothing, and the first lines it refused.
#[derive(Debug)]
pub struct Refused {
    pub error: AppError,
    pub lines: Vec<(u64, String)>,
}

impl From<AppError> for Refused {
    fn from(error: AppError) -> Refused {
        Refused {
            error,
            lines: Vec::new(),
        }
    }
}

/// What the reader of a file saw: the first refused lines, for a page.
pub struct Read {
    pub first: Vec<(u64, String)>,
}

/// Imports an uploaded file with the owner's mapping, in one transaction;
/// then removes the file.
pub async fn import(
    state: &AppState,
    me: &Ident,
    journey_id: Id,
    token: &str,
    f: &MappingForm,
) -> Result<FeedbackImport, Refused> {
    let journey = importable(state, me, journey_id).await?;
    let (data, upload) = upload_of(me, journey_id, token).await?;
    let mapping = mapping_of(f)?;
    let moments: Vec<(Id, String)> = state
        .store
        .moments(me.workspace_id, journey_id)
        .await
        .map_err(AppError::from)?
        .into_iter()
        .map(|m| (m.id, m.title))
        .collect();
    let branches: Vec<(Id, String)> = state
        .store
        .branches(me.workspace_id, journey.business_id)
        .await
        .map_err(AppError::from)?
        .into_iter()
        .map(|b| (b.id, b.name))
        .collect();
    let all_or_nothing = f.all_or_nothing == "1";
    let lang = crate::web::i18n::lang();
    let u = upload.clone();
    // The header, and the mapping checked against it, before anything runs.
    let (records, importer) = blocking(move || {
        let mut recs = records(&data, &u)?;
        let header: Vec<String> = match recs.next() {
            Some(Ok(h)) => h.fields.iter().map(|f| f.trim().to_string()).collect(),
            Some(Err(e)) => return Err(plain(e)),
            None => return Err(AppError::invalid(t!("feedback-import-empty"))),
        };
        let importer = Importer::new(
            mapping,
            &header,
            &moments,
            &branches,
            mot_core::date::today(),
        )
        .map_err(plain)?;
        Ok((recs, importer))
    })
    .await?;

    let (tx, rx) = mpsc::channel::<ImportBatch>(4);
    let reader =
        tokio::task::spawn_blocking(move || read_rows(records, importer, tx, lang, all_or_nothing));
    let user_id = me.user.as_ref().map(|u| u.id);
    let kept = state
        .store
        .import_feedback(me.workspace_id, journey_id, user_id, &upload.name, rx)
        .await;
    let read = reader.await.map_err(|e| AppError::internal(&e))?;
    match kept {
        Ok(done) => {
            remove(me.workspace_id, journey_id, token).await;
            Ok(done)
        }
        Err(e) => Err(Refused {
            error: plain_store(e),
            lines: read.first,
        }),
    }
}

/// Reads the records after the header into rows, sending them to the
/// store a batch at a time, and the refused lines as CSV at the end (the
/// import's reading half; `mot-bench feedback-import` runs it too).
pub fn read_rows(
    records: Records,
    mut importer: Importer,
    tx: mpsc::Sender<ImportBatch>,
    lang: mot_i18n::Lang,
    all_or_nothing: bool,
) -> Read {
    let mut first = Vec::new();
    let mut refusals = csv::Writer::from_writer(Vec::new());
    let _ = refusals.write_record([
        mot_i18n::text(lang, "feedback-import-col-line"),
        mot_i18n::text(lang, "feedback-import-col-reason"),
    ]);
    let mut refused = 0u64;
    let mut batch = Vec::with_capacity(BATCH);
    for r in records {
        let r = match r {
            Ok(r) => r,
            Err(e) => {
                let _ = tx.blocking_send(ImportBatch::Failed(e));
                return Read { first };
            }
        };
        if r.is_blank() {
            continue;
        }
        match importer.row(&r) {
            Ok(row) => {
                batch.push(row);
                if batch.len() == BATCH {
                    let full = std::mem::replace(&mut batch, Vec::with_capacity(BATCH));
                    if tx.blocking_send(ImportBatch::Rows(full)).is_err() {
                        // The store gave up (its error is the answer).
                        return Read { first };
                    }
                }
            }
            Err(refusal) => {
                refused += 1;
                if refused <= REFUSALS_KEPT {
                    let reason = mot_i18n::message(lang, &refusal.msg);
                    let _ = refusals.write_record([refusal.line.to_string(), reason.clone()]);
                    if first.len() < REFUSALS_SHOWN {
                        first.push((refusal.line, reason));
                    }
                }
            }
        }
    }
    if !batch.is_empty() && tx.blocking_send(ImportBatch::Rows(batch)).is_err() {
        return Read { first };
    }
    let mut text = refusals.into_inner().unwrap_or_default();
    if refused > REFUSALS_KEPT {
        let _ = writeln!(
            text,
            "\"{}\"",
            mot_i18n::tr!(
                lang,
                "feedback-import-more-refused",
                n = (refused - REFUSALS_KEPT) as i64
            )
            .replace('"', "\"\"")
        );
    }
    let _ = tx.blocking_send(ImportBatch::Done(ImportEnd {
        refused,
        refusals: String::from_utf8(text).unwrap_or_default(),
        all_or_nothing,
    }));
    Read { first }
}

/// An import of a journey, for those who may import.
pub async fn result(
    state: &AppState,
    me: &Ident,
    journey_id: Id,
    import_id: Id,
) -> Result<(Journey, FeedbackImport), AppError> {
    let journey = importable(state, me, journey_id).await?;
    let done = state
        .store
        .feedback_import(me.workspace_id, import_id)
        .await?;
    if done.journey_id != journey_id {
        return Err(AppError::not_found("import"));
    }
    Ok((journey, done))
}

/// The lines an import refused, as CSV.
pub async fn refusals(
    state: &AppState,
    me: &Ident,
    journey_id: Id,
    import_id: Id,
) -> Result<String, AppError> {
    result(state, me, journey_id, import_id).await?;
    Ok(state
        .store
        .feedback_import_refusals(me.workspace_id, import_id)
        .await?)
}

// ---- the pages ----------------------------------------------------------------------

/// `GET /j/{id}/feedback/import`: the upload form.
pub async fn show_upload(
    State(state): State<AppState>,
    headers: HeaderMap,
    PagePath(journey_id): PagePath<Id>,
) -> PageResult<Response> {
    let me = or_return!(require_user(&state, &headers).await);
    let j = start(&state, &me, journey_id).await?;
    let body = v::upload_page(&j, &me.csrf, upload_limit(&state));
    Ok(page(
        &chrome(&state, Some(&me)),
        t!("feedback-import-title"),
        body,
    )
    .into_response())
}

/// `POST /j/{id}/feedback/import`: keeps the file, then its mapping page.
pub async fn post_upload(
    State(state): State<AppState>,
    headers: HeaderMap,
    PagePath(journey_id): PagePath<Id>,
    form: Result<Multipart, MultipartRejection>,
) -> PageResult<Response> {
    let me = or_return!(require_user(&state, &headers).await);
    let token = upload(&state, &me, journey_id, &headers, form).await?;
    Ok(Redirect::to(&format!("/j/{journey_id}/feedback/import/{token}")).into_response())
}

/// `GET /j/{id}/feedback/import/{token}`: the preview, and which column is which.
pub async fn show_mapping(
    State(state): State<AppState>,
    headers: HeaderMap,
    PagePath((journey_id, token)): PagePath<(Id, String)>,
) -> PageResult<Response> {
    let me = or_return!(require_user(&state, &headers).await);
    let p = prepare(&state, &me, journey_id, &token).await?;
    let body = v::mapping_page(&p, &token, &me.csrf, None, None);
    Ok((
        [(header::CACHE_CONTROL, "no-store")],
        page(
            &chrome(&state, Some(&me)),
            t!("feedback-import-map-title"),
            body,
        ),
    )
        .into_response())
}

/// `POST /j/{id}/feedback/import/{token}`: imports, then the result; a
/// mapping or file that keeps nothing is shown again with why.
pub async fn post_mapping(
    State(state): State<AppState>,
    headers: HeaderMap,
    PagePath((journey_id, token)): PagePath<(Id, String)>,
    crate::web::extract::PageForm(f): crate::web::extract::PageForm<MappingForm>,
) -> PageResult<Response> {
    let me = or_return!(require_user(&state, &headers).await);
    me.check_csrf(&headers, Some(&f._csrf))?;
    match import(&state, &me, journey_id, &token, &f).await {
        Ok(done) => Ok(
            Redirect::to(&format!("/j/{journey_id}/feedback/imports/{}", done.id)).into_response(),
        ),
        Err(r) if r.error.status == StatusCode::UNPROCESSABLE_ENTITY => {
            // The file is still there: the same page, with what was wrong.
            let p = prepare(&state, &me, journey_id, &token).await?;
            let body = v::mapping_page(
                &p,
                &token,
                &me.csrf,
                Some(&f),
                Some((&r.error.message, &r.lines)),
            );
            let mut res = page(
                &chrome(&state, Some(&me)),
                t!("feedback-import-map-title"),
                body,
            )
            .into_response();
            *res.status_mut() = StatusCode::UNPROCESSABLE_ENTITY;
            Ok(res)
        }
        Err(r) => Err(r.error.into()),
    }
}

/// `GET /j/{id}/feedback/imports/{import}`: what an import kept and refused.
pub async fn show_result(
    State(state): State<AppState>,
    headers: HeaderMap,
    PagePath((journey_id, import_id)): PagePath<(Id, Id)>,
) -> PageResult<Response> {
    let me = or_return!(require_user(&state, &headers).await);
    let (j, done) = result(&state, &me, journey_id, import_id).await?;
    let body = v::result_page(&j, &done);
    Ok(page(
        &chrome(&state, Some(&me)),
        t!("feedback-import-done-title"),
        body,
    )
    .into_response())
}

/// `GET /j/{id}/feedback/imports/{import}/refused.csv`: the refused lines.
pub async fn refused_file(
    State(state): State<AppState>,
    headers: HeaderMap,
    PagePath((journey_id, import_id)): PagePath<(Id, Id)>,
) -> PageResult<Response> {
    let me = or_return!(require_user(&state, &headers).await);
    let csv = refusals(&state, &me, journey_id, import_id).await?;
    Ok((
        [
            (header::CONTENT_TYPE, "text/csv; charset=utf-8".to_string()),
            (
                header::CONTENT_DISPOSITION,
                format!("attachment; filename=\"import-{import_id}-refused.csv\""),
            ),
        ],
        csv,
    )
        .into_response())
}
