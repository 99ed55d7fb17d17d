//! Importing the feedback a business already has, from a CSV or Excel file:
//! upload it, choose which column is which (with a preview of the first
//! rows) and how its ratings read, import, and see what was kept and what
//! was refused, line by line. The import runs in the background; its page
//! shows how far it is and reloads itself. Plain forms: it works without
//! JavaScript.
//!
//! Between the upload and the import the file waits in the OS's temporary
//! directory under a random name bound to the workspace and the journey
//! (the import's scratch file, its stage, waits beside it); it is removed
//! once imported, or after an hour at the next upload (a failed import
//! leaves it there to map again).

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
    Mapping, Record, Scale, Source, TextEncoding,
};
use mot_core::feedback::Verdict;
use mot_core::{Id, Journey};
use mot_store::{FeedbackImport, ImportEnd, ImportProgress, ImportStage, ImportStatus};
use serde::{Deserialize, Serialize};
use std::io::Write as _;
use std::path::PathBuf;
use std::sync::atomic::Ordering;
use std::sync::Arc;
use std::time::Duration;
use tokio::io::AsyncWriteExt;

/// How long an uploaded file waits for its import.
const KEEP: Duration = Duration::from_secs(3600);
/// How long the import's form waits for a small import to finish before
/// it shows the import's progress page instead.
const WAIT: Duration = Duration::from_secs(1);
/// Refused lines kept for the download; past them, only counted.
const REFUSALS_KEPT: u64 = 100_000;
/// The most bytes of refused lines the refusals' file holds whole; those
/// refused after keep their number and reason only.
const REFUSED_LINES_BYTES: usize = 8 * 1024 * 1024;
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
    /// The owner's last choices on the mapping page: an import that
    /// failed shows them again, ready to fix.
    #[serde(default)]
    pub sent: Option<MappingForm>,
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

/// A file read through, its bytes counted as read.
struct Counted {
    file: std::fs::File,
    progress: Arc<ImportProgress>,
}

impl std::io::Read for Counted {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = self.file.read(buf)?;
        self.progress.read.fetch_add(n as u64, Ordering::Relaxed);
        Ok(n)
    }
}

/// A file's records, the header first; `progress` counts how much of the
/// file was read (bytes of a CSV, rows of a sheet).
fn records(
    path: &std::path::Path,
    u: &Upload,
    progress: &Arc<ImportProgress>,
) -> Result<Records, AppError> {
    let unreadable = || AppError::invalid(t!("feedback-import-not-a-table"));
    match u.kind {
        Kind::Csv => {
            let enc = TextEncoding::from_key(&u.encoding).ok_or_else(unreadable)?;
            let file = std::fs::File::open(path).map_err(|e| AppError::internal(&e))?;
            progress
                .to_read
                .store(file.metadata().map_or(0, |m| m.len()), Ordering::Relaxed);
            let file = Counted {
                file,
                progress: progress.clone(),
            };
            Ok(Box::new(CsvRecords::new(
                std::io::BufReader::with_capacity(256 * 1024, file),
                enc,
                u.delimiter,
            )))
        }
        Kind::Xlsx => sheet_records(path, progress).ok_or_else(unreadable),
    }
}

/// Rows of a sheet a reader thread keeps ready ahead of the import.
const SHEET_ROWS_AHEAD: usize = 1024;

/// The first sheet of a workbook, streamed: a thread reads its cells in
/// the file's order and hands on each row as a record (its line the
/// sheet's row number), a few at a time, so a sheet of a million rows is
/// never held whole; `progress` counts rows. The columns start where the
/// sheet says its used area does (column A when it says nothing). `None`
/// when the file is no workbook; a sheet broken halfway ends in an error.
/// Dropping the records stops the thread.
fn sheet_records(path: &std::path::Path, progress: &Arc<ImportProgress>) -> Option<Records> {
    use calamine::Reader as _;
    let mut book: calamine::Xlsx<_> = calamine::open_workbook(path).ok()?;
    let first = book.sheet_names().first()?.clone();
    // Opened here, so a file that is no workbook is refused at once.
    book.worksheet_cells_reader(&first).ok()?;
    let (tx, rx) = std::sync::mpsc::sync_channel(SHEET_ROWS_AHEAD);
    let progress = progress.clone();
    let counted = progress.clone();
    std::thread::spawn(move || {
        let broken = || {
            Err(mot_core::RuleError::invalid(
                "file",
                mot_core::Msg::new("feedback-import-not-a-table"),
            ))
        };
        let Ok(mut cells) = book.worksheet_cells_reader(&first) else {
            let _ = tx.send(broken());
            return;
        };
        // The area the sheet says it uses: where its table starts, and how
        // many rows the progress counts. A sheet that says nothing (or one
        // cell) starts at column A; one with a cell left of what it said
        // is refused, never read with a column dropped.
        let dims = cells.dimensions();
        let declared = dims.end.0 > dims.start.0 || dims.end.1 > dims.start.1;
        let (top, left) = if declared { dims.start } else { (0, 0) };
        let width = (dims.end.1.saturating_sub(left) + 1) as usize;
        if declared {
            progress.to_read.store(
                u64::from(dims.end.0.saturating_sub(top)) + 1,
                Ordering::Relaxed,
            );
        }
        let mut row: Option<(u32, Vec<String>)> = None;
        let send = |(r, mut fields): (u32, Vec<String>)| {
            fields.resize(width.max(fields.len()), String::new());
            tx.send(Ok(Record {
                line: u64::from(r) + 1,
                fields: csv::StringRecord::from(fields),
            }))
            .is_ok()
        };
        loop {
            match cells.next_cell() {
                Ok(Some(cell)) => {
                    let (r, c) = cell.get_position();
                    if c < left {
                        let _ = tx.send(broken());
                        return;
                    }
                    if row.as_ref().is_some_and(|(at, _)| *at != r) && !send(row.take().unwrap()) {
                        return;
                    }
                    let fields = &mut row.get_or_insert_with(|| (r, Vec::new())).1;
                    let c = (c - left) as usize;
                    if fields.len() <= c {
                        fields.resize(c + 1, String::new());
                    }
                    fields[c] = cell_text(&calamine::Data::from(cell.get_value().clone()));
                }
                Ok(None) => break,
                Err(_) => {
                    let _ = tx.send(broken());
                    return;
                }
            }
        }
        if let Some(last) = row {
            send(last);
        }
    });
    Some(Box::new(rx.into_iter().inspect(move |_| {
        counted.read.fetch_add(1, Ordering::Relaxed);
    })))
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

/// A file's header and its first rows, and what its columns seem to be.
pub struct Preview {
    pub header: Vec<String>,
    pub rows: Vec<Record>,
    pub guess: Guess,
}

/// Rows whose dates and ratings the guess of a file's scale and date
/// order reads (the preview shows the first ten).
const GUESS_ROWS: usize = 1_000;

/// Reads the header and the first rows; refuses a file that is not a
/// table of text (a picture renamed `.csv`, an empty file).
fn preview(path: &std::path::Path, u: &Upload) -> Result<Preview, AppError> {
    let mut recs = records(path, u, &Arc::default())?;
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
    let mut guess = rules::guess_columns(&header);
    let (mut rows, mut dates, mut ratings) = (Vec::new(), Vec::new(), Vec::new());
    let mut read = 0;
    for r in recs {
        let r = r.map_err(plain)?;
        if r.is_blank() {
            continue;
        }
        let field = |i: Option<usize>| i.and_then(|i| r.fields.get(i)).map(str::to_string);
        dates.extend(field(guess.date));
        ratings.extend(field(guess.rating));
        read += 1;
        if rows.len() < ImportLimits::PREVIEW_ROWS {
            rows.push(r);
        }
        if read == GUESS_ROWS {
            break;
        }
    }
    let readable = header.iter().all(|h| rules::is_readable(h))
        && rows.iter().all(|r| r.fields.iter().all(rules::is_readable));
    if !readable {
        return Err(AppError::invalid(t!("feedback-import-not-a-table")));
    }
    if header.len() < 2 && rows.iter().all(|r| r.fields.len() < 2) {
        return Err(AppError::invalid(t!("feedback-import-one-column")));
    }
    if rows.is_empty() {
        return Err(AppError::invalid(t!("feedback-import-empty")));
    }
    rules::guess_reading(
        &mut guess,
        dates.iter().map(String::as_str),
        ratings.iter().map(String::as_str),
    );
    Ok(Preview {
        header,
        rows,
        guess,
    })
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

/// The upload page's journey, and its earlier imports (newest first).
pub async fn start(
    state: &AppState,
    me: &Ident,
    journey_id: Id,
) -> Result<(Journey, Vec<FeedbackImport>), AppError> {
    let journey = importable(state, me, journey_id).await?;
    let earlier = state
        .store
        .feedback_imports(me.workspace_id, journey_id)
        .await?;
    Ok((journey, earlier))
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
        sent: None,
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
    /// The journey's notes and the business's branches, by id: the titles
    /// a moment column names, or one for every row.
    pub moments: Vec<(Id, String)>,
    pub branches: Vec<(Id, String)>,
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
    let moments = state
        .store
        .moments(me.workspace_id, journey_id)
        .await?
        .into_iter()
        .map(|m| (m.id, m.title))
        .collect();
    let branches = state
        .store
        .branches(me.workspace_id, journey.business_id)
        .await?
        .into_iter()
        .map(|b| (b.id, b.name))
        .collect();
    Ok(Prepared {
        journey,
        upload,
        preview,
        moments,
        branches,
    })
}

/// The owner's choices on the mapping page, as sent.
#[derive(Debug, Deserialize, Serialize, Default, Clone)]
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
    // A column, or (`every-<id>`) one note or branch for every row.
    let source = |v: &str, field: &'static str| -> Result<Option<Source>, AppError> {
        match v.trim().strip_prefix("every-") {
            Some(id) => id
                .parse()
                .map(|id| Some(Source::Every(id)))
                .map_err(|_| AppError::invalid(t!("feedback-import-choose", column = word(field)))),
            None => Ok(column(v, field)?.map(Source::Column)),
        }
    };
    let columns = Columns {
        date: required(&f.date, "feedback-import-col-date")?,
        moment: source(&f.moment, "feedback-import-col-moment")?.ok_or_else(|| {
            AppError::invalid(t!(
                "feedback-import-choose",
                column = word("feedback-import-col-moment")
            ))
        })?,
        branch: source(&f.branch, "feedback-import-col-branch")?,
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

/// Starts importing an uploaded file with the owner's mapping, in the
/// background (see [`run`]): the mapping is checked against the file's
/// header first, and refused at once when it does not fit. Answers the
/// import, running, and its task.
pub async fn import(
    state: &AppState,
    me: &Ident,
    journey_id: Id,
    token: &str,
    f: &MappingForm,
) -> Result<(FeedbackImport, tokio::task::JoinHandle<()>), AppError> {
    let journey = importable(state, me, journey_id).await?;
    let (data, mut upload) = upload_of(me, journey_id, token).await?;
    // The choices are kept with the file, for the page to show again
    // (not the form's CSRF token).
    upload.sent = Some(MappingForm {
        _csrf: String::new(),
        ..f.clone()
    });
    let (_, meta) = paths(me.workspace_id, journey_id, token);
    if let Ok(text) = serde_json::to_vec(&upload) {
        let _ = tokio::fs::write(&meta, text).await;
    }
    let mapping = mapping_of(f)?;
    let moments: Vec<(Id, String)> = state
        .store
        .moments(me.workspace_id, journey_id)
        .await?
        .into_iter()
        .map(|m| (m.id, m.title))
        .collect();
    let branches: Vec<(Id, String)> = state
        .store
        .branches(me.workspace_id, journey.business_id)
        .await?
        .into_iter()
        .map(|b| (b.id, b.name))
        .collect();
    let progress = Arc::new(ImportProgress::default());
    let u = upload.clone();
    let counted = progress.clone();
    // The header, and the mapping checked against it, before anything runs.
    let (records, importer) = blocking(move || {
        let mut recs = records(&data, &u, &counted)?;
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
    let lang = crate::web::i18n::lang();
    let record = state
        .store
        .begin_feedback_import(
            me.workspace_id,
            journey_id,
            me.user.as_ref().map(|u| u.id),
            &upload.name,
            lang.code(),
        )
        .await?;
    state
        .imports
        .lock()
        .map_err(|_| AppError::internal(&"the imports' lock"))?
        .insert(record.id, progress.clone());
    let task = tokio::spawn(run(
        state.clone(),
        Running {
            workspace_id: me.workspace_id,
            journey_id,
            import_id: record.id,
            token: token.to_string(),
            lang,
            all_or_nothing: f.all_or_nothing == "1",
            progress,
        },
        records,
        importer,
    ));
    Ok((record, task))
}

/// An import under way.
struct Running {
    workspace_id: Id,
    journey_id: Id,
    import_id: Id,
    token: String,
    lang: mot_i18n::Lang,
    all_or_nothing: bool,
    progress: Arc<ImportProgress>,
}

/// The import's background half: reads and checks every row into a
/// stage, then has the store write them; on any failure, takes out what
/// was written and says why. The uploaded file is removed once imported;
/// after a failure it stays (for an hour) so the owner can change the
/// mapping and try again.
async fn run(state: AppState, r: Running, records: Records, importer: Importer) {
    let (lang, all_or_nothing, progress) = (r.lang, r.all_or_nothing, r.progress.clone());
    let read = tokio::task::spawn_blocking(move || {
        let mut stage = ImportStage::create(&folder())?;
        let read = read_rows(
            records,
            importer,
            &mut stage,
            &progress,
            lang,
            all_or_nothing,
        );
        Ok::<_, mot_store::StoreError>((stage, read))
    })
    .await;
    let store = &state.store;
    let failed: Option<String> = match read {
        Ok(Ok((stage, Read { end, failed: None }))) => {
            match store
                .store_feedback_import(r.workspace_id, r.import_id, stage, end, r.progress)
                .await
            {
                Ok(_) => {
                    remove(r.workspace_id, r.journey_id, &r.token).await;
                    None
                }
                Err(e) => Some(failure(lang, &e)),
            }
        }
        Ok(Ok((
            _,
            Read {
                end,
                failed: Some(why),
            },
        ))) => {
            if let Err(e) = store
                .undo_feedback_import(r.workspace_id, r.import_id, &end)
                .await
            {
                tracing::error!(error = %e, import = r.import_id, "an import could not be taken out");
            }
            Some(why)
        }
        Ok(Err(e)) => {
            tracing::error!(error = %e, import = r.import_id, "an import's stage failed");
            let _ = store
                .undo_feedback_import(r.workspace_id, r.import_id, &ImportEnd::default())
                .await;
            Some(failure(lang, &e))
        }
        Err(e) => {
            tracing::error!(error = %e, import = r.import_id, "an import's reader stopped");
            let _ = store
                .undo_feedback_import(r.workspace_id, r.import_id, &ImportEnd::default())
                .await;
            Some(mot_i18n::text(lang, "feedback-import-failed").to_string())
        }
    };
    if let Some(why) = failed {
        if let Err(e) = store
            .set_feedback_import_error(r.workspace_id, r.import_id, &why)
            .await
        {
            tracing::error!(error = %e, import = r.import_id, "an import's failure could not be kept");
        }
        // An alert a check kept from part of the import's answers (on
        // SQLite they go in slice by slice) rests on nothing now.
        let withdrawn = match store.feedback_import(r.workspace_id, r.import_id).await {
            Ok(i) => {
                crate::feedback::alerts::withdraw_unfounded(
                    &state,
                    r.workspace_id,
                    r.journey_id,
                    i.created_at,
                )
                .await
            }
            Err(e) => Err(e.into()),
        };
        if let Err(e) = withdrawn {
            tracing::error!(error = %e.message, import = r.import_id, "alerts of a failed import could not be withdrawn");
        }
    }
    if let Ok(mut imports) = state.imports.lock() {
        imports.remove(&r.import_id);
    }
}

/// Why a store refused an import, said to the importer.
fn failure(lang: mot_i18n::Lang, e: &mot_store::StoreError) -> String {
    use mot_store::StoreError as E;
    match e {
        E::Rule(r) => mot_i18n::message(lang, r.msg()),
        E::NotFound("moment") => mot_i18n::text(lang, "feedback-import-moment-gone").to_string(),
        E::NotFound("branch") => mot_i18n::text(lang, "feedback-import-branch-gone").to_string(),
        other => {
            tracing::error!(error = %other, "an import failed");
            mot_i18n::text(lang, "feedback-import-failed").to_string()
        }
    }
}

/// Takes out the imports a stopped server left running, and says so on
/// each (in its importer's language), withdrawing the alerts kept from
/// their answers meanwhile. Runs when the server starts.
pub async fn recover(state: &AppState) {
    let store = &state.store;
    match store.undo_unfinished_feedback_imports().await {
        Ok(undone) => {
            for i in undone {
                // One being taken out is finished so: no error, its
                // alerts as they are (see `take_out`).
                if i.status == ImportStatus::Undone {
                    continue;
                }
                let lang = mot_i18n::Lang::parse(&i.language).unwrap_or_default();
                let why = mot_i18n::text(lang, "feedback-import-interrupted");
                let _ = store
                    .set_feedback_import_error(i.workspace_id, i.id, why)
                    .await;
                let withdrawn = crate::feedback::alerts::withdraw_unfounded(
                    state,
                    i.workspace_id,
                    i.journey_id,
                    i.created_at,
                )
                .await;
                if let Err(e) = withdrawn {
                    tracing::error!(error = %e.message, import = i.id, "alerts of a stopped import could not be withdrawn");
                }
                tracing::warn!(
                    import = i.id,
                    "an import a stopped server left running was taken out"
                );
            }
        }
        Err(e) => tracing::error!(error = %e, "the imports left running could not be taken out"),
    }
}

/// What the reader of a file saw.
pub struct Read {
    pub end: ImportEnd,
    /// Why the file could not be read to its end (in the importer's
    /// language): nothing of it is kept.
    pub failed: Option<String>,
}

/// Reads the records after the header into rows, keeping them in `stage`
/// and the refused lines as CSV (the import's reading half; `mot-bench
/// feedback-import` runs it too).
pub fn read_rows(
    records: Records,
    importer: Importer,
    stage: &mut ImportStage,
    progress: &ImportProgress,
    lang: mot_i18n::Lang,
    all_or_nothing: bool,
) -> Read {
    // Each refused line with its number, why, and the line itself (its
    // cells under the file's own header): to mend and import again.
    let mut refusals = csv::WriterBuilder::new()
        .flexible(true)
        .from_writer(Vec::new());
    let _ = refusals.write_record(
        [
            mot_i18n::text(lang, "feedback-import-col-line"),
            mot_i18n::text(lang, "feedback-import-col-reason"),
        ]
        .into_iter()
        .chain(importer.header().iter().map(String::as_str)),
    );
    let cell = mot_export::spreadsheet::csv_cell;
    let mut refused = 0u64;
    let mut taken = ImportEnd::default();
    let fail = |why: String, refused: u64| Read {
        end: ImportEnd {
            refused,
            ..ImportEnd::default()
        },
        failed: Some(why),
    };
    for r in records {
        let r = match r {
            Ok(r) => r,
            Err(e) => return fail(mot_i18n::message(lang, e.msg()), refused),
        };
        if r.is_blank() {
            continue;
        }
        progress.rows_read.fetch_add(1, Ordering::Relaxed);
        match importer.row(&r) {
            Ok(row) => {
                taken.took_day(row.day);
                if let Err(e) = stage.push(r.line, &row) {
                    tracing::error!(error = %e, "an import's stage refused a row");
                    return fail(
                        mot_i18n::text(lang, "feedback-import-failed").to_string(),
                        refused,
                    );
                }
            }
            Err(refusal) => {
                refused += 1;
                if refused <= REFUSALS_KEPT {
                    let reason = mot_i18n::message(lang, &refusal.msg);
                    // The lines themselves while they fit the budget, then
                    // their numbers and reasons only: memory stays bounded
                    // whatever a file's refused lines hold.
                    let whole = refusals.get_ref().len() < REFUSED_LINES_BYTES;
                    let _ = refusals.write_record(
                        [refusal.line.to_string(), reason].into_iter().chain(
                            r.fields
                                .iter()
                                .filter(|_| whole)
                                .map(|f| cell(f).into_owned()),
                        ),
                    );
                }
            }
        }
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
    Read {
        end: ImportEnd {
            refused,
            refusals: String::from_utf8(text).unwrap_or_default(),
            all_or_nothing,
            days: taken.days,
        },
        failed: None,
    }
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

/// Takes a done import out: its answers leave the figures. The same file
/// may then come again. Alerts stay as they are: one its answers raised is
/// the owner's to dismiss (an alert is judged by its own week, and live
/// answers since may have raised others).
pub async fn take_out(
    state: &AppState,
    me: &Ident,
    journey_id: Id,
    import_id: Id,
) -> Result<(), AppError> {
    result(state, me, journey_id, import_id).await?;
    state
        .store
        .take_out_feedback_import(me.workspace_id, import_id)
        .await?;
    Ok(())
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
    let (j, earlier) = start(&state, &me, journey_id).await?;
    let body = v::upload_page(&j, &me.csrf, upload_limit(&state), None, &earlier);
    Ok(page(
        &chrome(&state, Some(&me)),
        t!("feedback-import-title"),
        body,
    )
    .into_response())
}

/// An import's page, answered with `status` (a refusal shown over the
/// form to put it right).
fn page_with(
    state: &AppState,
    me: &Ident,
    title: &str,
    body: maud::Markup,
    status: StatusCode,
) -> Response {
    let mut res = page(&chrome(state, Some(me)), title, body).into_response();
    *res.status_mut() = status;
    res
}

/// The upload form again, with why the file sent (or the upload named) is
/// not there to map, answered with `status`.
async fn upload_again(
    state: &AppState,
    me: &Ident,
    journey_id: Id,
    e: &AppError,
) -> PageResult<Response> {
    let (j, earlier) = start(state, me, journey_id).await?;
    let body = v::upload_page(
        &j,
        &me.csrf,
        upload_limit(state),
        Some(&e.message),
        &earlier,
    );
    Ok(page_with(
        state,
        me,
        t!("feedback-import-title"),
        body,
        e.status,
    ))
}

/// `POST /j/{id}/feedback/import`: keeps the file, then its mapping page.
pub async fn post_upload(
    State(state): State<AppState>,
    headers: HeaderMap,
    PagePath(journey_id): PagePath<Id>,
    form: Result<Multipart, MultipartRejection>,
) -> PageResult<Response> {
    let me = or_return!(require_user(&state, &headers).await);
    match upload(&state, &me, journey_id, &headers, form).await {
        Ok(token) => {
            Ok(Redirect::to(&format!("/j/{journey_id}/feedback/import/{token}")).into_response())
        }
        // A file that cannot be read: why, over the form to send another.
        Err(e) if e.status == StatusCode::UNPROCESSABLE_ENTITY => {
            upload_again(&state, &me, journey_id, &e).await
        }
        Err(e) => Err(e.into()),
    }
}

/// `GET /j/{id}/feedback/import/{token}`: the preview, and which column is which.
pub async fn show_mapping(
    State(state): State<AppState>,
    headers: HeaderMap,
    PagePath((journey_id, token)): PagePath<(Id, String)>,
) -> PageResult<Response> {
    let me = or_return!(require_user(&state, &headers).await);
    let p = match prepare(&state, &me, journey_id, &token).await {
        Ok(p) => p,
        // An upload gone (imported, or left too long) of a journey that
        // is there: why, over the form to send the file again.
        Err(e) if e.status == StatusCode::NOT_FOUND => {
            return upload_again(&state, &me, journey_id, &e).await;
        }
        Err(e) => return Err(e.into()),
    };
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

/// `POST /j/{id}/feedback/import/{token}`: starts the import, then its
/// page (the result when it finished within a moment, else its progress);
/// a mapping that does not fit the file is shown again with why.
pub async fn post_mapping(
    State(state): State<AppState>,
    headers: HeaderMap,
    PagePath((journey_id, token)): PagePath<(Id, String)>,
    crate::web::extract::PageForm(f): crate::web::extract::PageForm<MappingForm>,
) -> PageResult<Response> {
    let me = or_return!(require_user(&state, &headers).await);
    me.check_csrf(&headers, Some(&f._csrf))?;
    match import(&state, &me, journey_id, &token, &f).await {
        Ok((record, task)) => {
            // A small file is done within a moment: no progress page then.
            let _ = tokio::time::timeout(WAIT, task).await;
            Ok(Redirect::to(&format!(
                "/j/{journey_id}/feedback/imports/{}?file={token}",
                record.id
            ))
            .into_response())
        }
        // Refused (a mapping that is none, or an import of the workspace
        // being taken out): the mapping again, saying why.
        Err(e)
            if matches!(
                e.status,
                StatusCode::UNPROCESSABLE_ENTITY | StatusCode::CONFLICT
            ) =>
        {
            let p = prepare(&state, &me, journey_id, &token).await?;
            let body = v::mapping_page(&p, &token, &me.csrf, Some(&f), Some((&e.message, &[])));
            Ok(page_with(
                &state,
                &me,
                t!("feedback-import-map-title"),
                body,
                e.status,
            ))
        }
        Err(e) => Err(e.into()),
    }
}

/// Which uploaded file an import's page may offer to map again.
#[derive(Debug, Deserialize, Default)]
pub struct ImportQuery {
    #[serde(default)]
    pub file: String,
}

/// `GET /j/{id}/feedback/imports/{import}`: an import's progress while it
/// runs (the page reloads itself), then what it kept and refused; a failed
/// import says why (422), with its mapping page again while its file is
/// still there.
pub async fn show_result(
    State(state): State<AppState>,
    headers: HeaderMap,
    PagePath((journey_id, import_id)): PagePath<(Id, Id)>,
    axum::extract::Query(q): axum::extract::Query<ImportQuery>,
) -> PageResult<Response> {
    let me = or_return!(require_user(&state, &headers).await);
    let (j, rec) = result(&state, &me, journey_id, import_id).await?;
    let chrome = chrome(&state, Some(&me));
    match rec.status {
        ImportStatus::Running => {
            let progress = state
                .imports
                .lock()
                .ok()
                .and_then(|m| m.get(&import_id).cloned());
            let body = v::running_page(&j, &rec, progress.as_deref());
            Ok((
                [(header::CACHE_CONTROL, "no-store"), (header::REFRESH, "1")],
                page(&chrome, t!("feedback-import-running-title"), body),
            )
                .into_response())
        }
        ImportStatus::Done | ImportStatus::Undoing | ImportStatus::Undone => {
            // The first refused lines on the page: a phone need not open
            // a file to learn why.
            let lines = if rec.refused > 0 {
                first_refusals(
                    &state
                        .store
                        .feedback_import_refusals(me.workspace_id, import_id)
                        .await?,
                )
            } else {
                Vec::new()
            };
            Ok((
                [(header::CACHE_CONTROL, "no-store")],
                page(
                    &chrome,
                    if rec.status == ImportStatus::Undone {
                        t!("feedback-import-undone-title")
                    } else {
                        t!("feedback-import-done-title")
                    },
                    v::result_page(&j, &rec, &me.csrf, &lines),
                ),
            )
                .into_response())
        }
        ImportStatus::Failed => {
            let why = if rec.error.is_empty() {
                t!("feedback-import-failed").to_string()
            } else {
                rec.error.clone()
            };
            let refusals = state
                .store
                .feedback_import_refusals(me.workspace_id, import_id)
                .await?;
            let lines = first_refusals(&refusals);
            let again = if valid_token(&q.file) {
                prepare(&state, &me, journey_id, &q.file).await.ok()
            } else {
                None
            };
            let body = match &again {
                Some(p) => v::mapping_page(
                    p,
                    &q.file,
                    &me.csrf,
                    p.upload.sent.as_ref(),
                    Some((&why, &lines)),
                ),
                None => v::failed_page(&j, &rec, &why, &lines),
            };
            let mut res = (
                [(header::CACHE_CONTROL, "no-store")],
                page(&chrome, t!("feedback-import-failed-title"), body),
            )
                .into_response();
            *res.status_mut() = StatusCode::UNPROCESSABLE_ENTITY;
            Ok(res)
        }
    }
}

/// The first refused lines of an import's refusals CSV (line, reason).
fn first_refusals(csv_text: &str) -> Vec<(u64, String)> {
    // Flexible: each line is as long as the refused line it holds.
    csv::ReaderBuilder::new()
        .flexible(true)
        .from_reader(csv_text.as_bytes())
        .records()
        .filter_map(|r| r.ok())
        .filter_map(|r| Some((r.get(0)?.parse().ok()?, r.get(1)?.to_string())))
        .take(REFUSALS_SHOWN)
        .collect()
}

/// `POST /j/{jid}/feedback/imports/{id}/take-out`: the import taken out,
/// then its page again (which says so).
pub async fn post_take_out(
    State(state): State<AppState>,
    headers: HeaderMap,
    PagePath((journey_id, import_id)): PagePath<(Id, Id)>,
    crate::web::extract::PageForm(f): crate::web::extract::PageForm<crate::web::extract::CsrfForm>,
) -> PageResult<Response> {
    let me = or_return!(require_user(&state, &headers).await);
    me.check_csrf(&headers, Some(&f._csrf))?;
    take_out(&state, &me, journey_id, import_id).await?;
    Ok(Redirect::to(&format!("/j/{journey_id}/feedback/imports/{import_id}")).into_response())
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
        // With a BOM, as every CSV file mot writes: Excel then reads it as UTF-8.
        format!("\u{feff}{csv}"),
    )
        .into_response())
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::fmt::Write as _;

    /// Reads `file` (a header and rows: date;moment;rating;comment) as an
    /// import of stars into a journey of one note, "Delivery".
    fn read(file: String) -> Read {
        let mut recs = CsvRecords::new(
            std::io::Cursor::new(file.into_bytes()),
            TextEncoding::Utf8,
            b';',
        );
        let header: Vec<String> = recs
            .next()
            .unwrap()
            .unwrap()
            .fields
            .iter()
            .map(str::to_string)
            .collect();
        let mapping = Mapping {
            columns: Columns {
                date: 0,
                moment: Source::Column(1),
                branch: None,
                rating: 2,
                comment: Some(3),
                external_id: None,
            },
            scale: Scale::Stars,
            date_order: DateOrder::DayFirst,
        };
        let moments = [(7, "Delivery".to_string())];
        let importer =
            Importer::new(mapping, &header, &moments, &[], mot_core::date::today()).unwrap();
        let dir = tempfile::tempdir().unwrap();
        let mut stage = ImportStage::create(dir.path()).unwrap();
        let progress = ImportProgress::default();
        read_rows(
            Box::new(recs),
            importer,
            &mut stage,
            &progress,
            mot_i18n::Lang::En,
            false,
        )
    }

    #[test]
    fn refused_lines_past_the_budget_keep_their_number_and_reason_only() {
        // 60,000 refused lines of about 220 bytes: 13 MB, past the budget
        // of 8 MiB, under the 100,000 lines kept.
        let comment = "far too long a wait at the door ".repeat(7);
        let n = 60_000u64;
        let mut file = String::from("date;moment;rating;comment\n");
        for i in 0..n {
            writeln!(file, "01/02/2025;Delivery;9;{comment}{i}").unwrap();
        }
        let read = read(file);
        assert!(read.failed.is_none());
        assert_eq!(read.end.refused, n);
        let text = &read.end.refusals;
        let rows: Vec<csv::StringRecord> = csv::ReaderBuilder::new()
            .flexible(true)
            .from_reader(text.as_bytes())
            .records()
            .map(Result::unwrap)
            .collect();
        assert_eq!(rows.len() as u64, n, "every refused line, under the header");
        // The first ones whole (line, reason and the four cells), then
        // the line's number and reason alone, to its end.
        let whole = rows.iter().take_while(|r| r.len() == 6).count();
        assert!(whole > 1000 && (whole as u64) < n, "{whole} whole");
        for (i, r) in rows.iter().enumerate() {
            assert_eq!(
                r[0].parse::<u64>().unwrap(),
                i as u64 + 2,
                "the file's line numbers"
            );
            assert!(
                r[1].contains('9'),
                "the reason says what was wrong: {:?}",
                &r[1]
            );
            if i < whole {
                assert_eq!(&r[5], format!("{comment}{i}"));
            } else {
                assert_eq!(r.len(), 2, "line {i} past the budget");
            }
        }
        // Bounded: the budget, one line past it and the writer's buffer,
        // then a short line for each of the rest.
        let cut = text.find(&format!("\n{},", whole + 2)).unwrap();
        assert!(
            (REFUSED_LINES_BYTES..REFUSED_LINES_BYTES + 64 * 1024).contains(&cut),
            "{cut}"
        );
        assert!(
            text.len() < REFUSED_LINES_BYTES + (n as usize - whole) * 80,
            "{}",
            text.len()
        );
    }
}
