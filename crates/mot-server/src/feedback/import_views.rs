//! The import's pages: the upload form, the mapping with its preview, the
//! import while it runs, and the result (or why it failed). Plain forms:
//! no script is needed.

use crate::feedback::import::{MappingForm, Prepared};
use crate::feedback::views::day_text;
use crate::t;
use crate::web::i18n::{date, integer};
use maud::{html, Markup};
use mot_core::feedback::import::{self as rules, ImportLimits};
use mot_core::{Id, Journey};
use mot_store::{FeedbackImport, ImportProgress, ImportStatus};
use std::sync::atomic::Ordering;

fn crumbs(j: &Journey) -> Markup {
    html! {
        p.crumbs {
            a href={"/j/" (j.id)} dir="auto" { (j.name) } " › "
            a href={"/j/" (j.id) "/feedback"} { (t!("feedback-title")) } " ›"
        }
    }
}

/// The upload form: a CSV or Excel file; `error`, why the file sent was
/// refused, to try another.
pub fn upload_page(
    j: &Journey,
    csrf: &str,
    limit: u64,
    error: Option<&str>,
    earlier: &[FeedbackImport],
) -> Markup {
    html! {
        (crumbs(j))
        h1 { (t!("feedback-import-title")) }
        @if let Some(e) = error { p.error role="alert" { (e) } }
        p { (t!("feedback-import-intro")) }
        p { (t!("feedback-import-limit", mb = (limit / (1024 * 1024)).max(1) as i64)) }
        form.card method="post" action={"/j/" (j.id) "/feedback/import"} enctype="multipart/form-data" {
            // Before the file: the server checks it before it reads the file.
            input type="hidden" name="_csrf" value=(csrf);
            label for="import-file" { (t!("feedback-import-file")) }
            input #import-file type="file" name="file" required
                accept=".csv,.txt,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
            button type="submit" { (t!("feedback-import-upload")) }
        }
        (earlier_imports(j, earlier))
    }
}

/// One column's choice: the columns of the file by number and name.
fn column_select(
    id: &str,
    label: &'static str,
    header: &[String],
    chosen: Option<String>,
    optional: bool,
    every: Option<(&'static str, &[(Id, String)])>,
) -> Markup {
    let chosen = chosen.unwrap_or_default();
    html! {
        div.field {
            label for={"map-" (id)} { (mot_i18n::text(crate::web::i18n::lang(), label)) }
            select id={"map-" (id)} name=(id) required[!optional] {
                option value="" selected[chosen.is_empty()] {
                    (if optional { t!("feedback-import-none") } else { t!("feedback-import-pick") })
                }
                @for (i, h) in header.iter().enumerate() {
                    option value=(i) selected[chosen == i.to_string()] dir="auto" {
                        (t!("feedback-import-column", n = i as i64 + 1, name = h.as_str()))
                    }
                }
                // Or one for every row: a file of one touchpoint's (or one
                // branch's) answers has no column saying so.
                @if let Some((group, options)) = every.filter(|(_, o)| !o.is_empty()) {
                    optgroup label=(mot_i18n::text(crate::web::i18n::lang(), group)) {
                        @for (oid, name) in options {
                            @let value = format!("every-{oid}");
                            option value=(value) selected[chosen == value] dir="auto" { (name) }
                        }
                    }
                }
            }
        }
    }
}

/// The mapping page: the file's first rows, a choice per column, how the
/// ratings read; `sent` keeps what the owner chose when the page comes
/// back with `error` (and the first refused lines).
pub fn mapping_page(
    p: &Prepared,
    token: &str,
    csrf: &str,
    sent: Option<&MappingForm>,
    error: Option<(&str, &[(u64, String)])>,
) -> Markup {
    let j = &p.journey;
    let pick = |sent_value: Option<&str>, guess: Option<usize>| -> Option<String> {
        match sent_value {
            Some(v) => Some(v.trim().to_string()),
            None => guess.map(|g| g.to_string()),
        }
    };
    let g = &p.preview.guess;
    // As the file's first values suggest, unless the owner chose.
    let scale = sent.map_or(g.scale.unwrap_or("stars"), |f| f.scale.as_str());
    let order = sent.map_or(g.date_order.unwrap_or_default().key(), |f| {
        f.date_order.as_str()
    });
    let all = sent.is_some_and(|f| f.all_or_nothing == "1");
    let scale_text = sent.map_or_else(|| table_template(p), |f| f.scale_text.clone());
    html! {
        (crumbs(j))
        h1 { (t!("feedback-import-map-title")) }
        p {
            bdi { (p.upload.name) } (crate::web::i18n::sep())
            // A text file's encoding; a workbook has none to speak of.
            @let format = match p.upload.kind {
                crate::feedback::import::Kind::Xlsx => t!("audit-download-excel"),
                crate::feedback::import::Kind::Csv => p.upload.encoding.as_str(),
            };
            (t!("feedback-import-file-facts", encoding = format, kib = p.upload.bytes.div_ceil(1024) as i64))
        }
        @if let Some((message, lines)) = error {
            div.error role="alert" {
                p { (message) }
                @if !lines.is_empty() {
                    ul {
                        @for (line, reason) in lines.iter() {
                            li { (t!("feedback-import-line", line = *line as i64, reason = reason.as_str())) }
                        }
                    }
                }
            }
        }
        h2 { (t!("feedback-import-preview", n = p.preview.rows.len() as i64)) }
        div.table-scroll {
            table.preview {
                thead { tr {
                    th scope="col" { (t!("feedback-import-col-line")) }
                    @for h in &p.preview.header { th scope="col" dir="auto" { (h) } }
                } }
                tbody {
                    @for r in &p.preview.rows {
                        tr {
                            td { (r.line) }
                            // A cell's text on one line, a long one cut short.
                            @for f in r.fields.iter() { td dir="auto" { span.cell title=(f) { (f) } } }
                        }
                    }
                }
            }
        }
        form.card method="post" action={"/j/" (j.id) "/feedback/import/" (token)} {
            input type="hidden" name="_csrf" value=(csrf);
            fieldset {
                legend { (t!("feedback-import-columns")) }
                (column_select("date", "feedback-import-col-date", &p.preview.header, pick(sent.map(|f| f.date.as_str()), g.date), false, None))
                (column_select("moment", "feedback-import-col-moment", &p.preview.header, pick(sent.map(|f| f.moment.as_str()), g.moment), false, Some(("feedback-import-every-moment", &p.moments))))
                (column_select("branch", "feedback-import-col-branch", &p.preview.header, pick(sent.map(|f| f.branch.as_str()), g.branch), true, Some(("feedback-import-every-branch", &p.branches))))
                (column_select("rating", "feedback-import-col-rating", &p.preview.header, pick(sent.map(|f| f.rating.as_str()), g.rating), false, None))
                (column_select("comment", "feedback-import-col-comment", &p.preview.header, pick(sent.map(|f| f.comment.as_str()), g.comment), true, None))
                (column_select("external_id", "feedback-import-col-id", &p.preview.header, pick(sent.map(|f| f.external_id.as_str()), g.external_id), true, None))
                p.hint { (t!("feedback-import-moments-hint")) }
                @if !p.moments.is_empty() {
                    ul.moment-names { @for (_, m) in &p.moments { li { bdi { (m) } } } }
                }
            }
            fieldset {
                legend { (t!("feedback-import-scale")) }
                @for (key, word) in [
                    ("stars", t!("feedback-import-scale-stars")),
                    ("zero_to_ten", t!("feedback-import-scale-ten")),
                    ("words", t!("feedback-import-scale-words")),
                    ("text", t!("feedback-import-scale-text")),
                ] {
                    label.choice {
                        input type="radio" name="scale" value=(key) checked[scale == key];
                        " " (word)
                    }
                }
                label for="scale-text" { (t!("feedback-import-scale-table")) }
                textarea #scale-text name="scale_text" rows="4" dir="auto" { (scale_text) }
            }
            fieldset {
                legend { (t!("feedback-import-dates")) }
                @for (key, word) in [
                    ("day_first", t!("feedback-import-day-first")),
                    ("month_first", t!("feedback-import-month-first")),
                ] {
                    label.choice {
                        input type="radio" name="date_order" value=(key) checked[order == key];
                        " " (word)
                    }
                }
            }
            label.choice {
                input type="checkbox" name="all_or_nothing" value="1" checked[all];
                " " (t!("feedback-import-all-or-nothing"))
            }
            button type="submit" { (t!("feedback-import-run")) }
        }
    }
}

/// The owner's table to fill in, from the rating column's texts in the
/// preview (when they are not numbers): `text = ` a line.
fn table_template(p: &Prepared) -> String {
    let Some(col) = p.preview.guess.rating else {
        return String::new();
    };
    let mut seen: Vec<String> = Vec::new();
    for r in &p.preview.rows {
        if let Some(v) = r.fields.get(col).map(str::trim) {
            if !v.is_empty() && !rules::is_number(v) && !seen.iter().any(|s| s == v) {
                seen.push(v.to_string());
            }
        }
    }
    seen.truncate(ImportLimits::SCALE_WORDS);
    seen.iter().map(|s| format!("{s} = \n")).collect()
}

/// What an import kept, found there already and refused; and a way to
/// take it out again (a file read the wrong way), or that it was.
pub fn result_page(
    j: &Journey,
    done: &FeedbackImport,
    csrf: &str,
    lines: &[(u64, String)],
) -> Markup {
    let undone = done.status == ImportStatus::Undone;
    html! {
        (crumbs(j))
        h1 { (if undone { t!("feedback-import-undone-title") } else { t!("feedback-import-done-title") }) }
        p { bdi { (done.file_name) } (crate::web::i18n::sep()) (date(mot_core::date::of_millis(done.created_at))) }
        @if undone {
            p.notice role="status" { (t!("feedback-import-undone", n = done.imported as i64, shown = integer(done.imported as i64))) }
        }
        ul.import-counts {
            li { (t!("feedback-import-imported", n = done.imported as i64, shown = integer(done.imported as i64))) }
            li { (t!("feedback-import-already", n = done.already as i64, shown = integer(done.already as i64))) }
            li { (t!("feedback-import-refused", n = done.refused as i64, shown = integer(done.refused as i64))) }
        }
        @if !lines.is_empty() {
            ul.refused-lines {
                @for (line, reason) in lines {
                    li { (t!("feedback-import-line", line = *line as i64, reason = reason.as_str())) }
                }
            }
        }
        @if done.refused > 0 {
            p.downloads { a href={"/j/" (j.id) "/feedback/imports/" (done.id) "/refused.csv"} { (t!("feedback-import-download-refused")) } }
        }
        p.next-links {
            // The figures of the file's days, where it had any to show.
            @let days = done.days.filter(|_| !undone).and_then(|(first, last)| {
                mot_core::feedback::DayRange::covering(first, last, mot_store::feedback_today())
            });
            @match days {
                Some(r) => a href={"/j/" (j.id) "/feedback?from=" (day_text(r.from)) "&to=" (day_text(r.to))} { (t!("feedback-import-see-figures")) },
                None => a href={"/j/" (j.id) "/feedback"} { (t!("feedback-import-see-figures")) },
            }
            a href={"/j/" (j.id) "/feedback/import"} { (t!("feedback-import-another")) }
        }
        @if done.status == ImportStatus::Undoing {
            // Stopped midway (the server, or the request): sent again, it
            // goes on where it stopped.
            p.notice role="status" { (t!("feedback-import-undoing")) }
        }
        @if !undone && done.imported > 0 {
            details.take-out open[done.status == ImportStatus::Undoing] {
                summary { (t!("feedback-import-take-out")) }
                form method="post" action={"/j/" (j.id) "/feedback/imports/" (done.id) "/take-out"} {
                    input type="hidden" name="_csrf" value=(csrf);
                    p { (t!("feedback-import-take-out-what", n = done.imported as i64, shown = integer(done.imported as i64))) }
                    button.danger type="submit" { (t!("feedback-import-take-out-confirm")) }
                }
            }
        }
    }
}

/// The journey's earlier imports, newest first: each links to its page
/// (what it kept, and taking it out).
pub fn earlier_imports(j: &Journey, imports: &[FeedbackImport]) -> Markup {
    html! {
        @if !imports.is_empty() {
            section.earlier-imports aria-labelledby="earlier-imports" {
                h2 #earlier-imports { (t!("feedback-import-earlier")) }
                ul {
                    @for i in imports {
                        li {
                            a href={"/j/" (j.id) "/feedback/imports/" (i.id)} { bdi { (i.file_name) } }
                            (crate::web::i18n::sep()) (date(mot_core::date::of_millis(i.created_at))) (crate::web::i18n::sep())
                            (match i.status {
                                ImportStatus::Running => t!("feedback-import-state-running").to_string(),
                                ImportStatus::Failed => t!("feedback-import-state-failed").to_string(),
                                ImportStatus::Undoing => t!("feedback-import-state-undoing").to_string(),
                                ImportStatus::Undone => t!("feedback-import-state-undone").to_string(),
                                ImportStatus::Done => t!("feedback-import-imported", n = i.imported as i64, shown = integer(i.imported as i64)).to_string(),
                            })
                        }
                    }
                }
            }
        }
    }
}

/// An import under way: how far it is (the page reloads itself).
pub fn running_page(j: &Journey, i: &FeedbackImport, progress: Option<&ImportProgress>) -> Markup {
    let permille = progress.map(|p| p.permille());
    let line = progress.map(|p| {
        let stored = p.rows_stored.load(Ordering::Relaxed);
        let total = p.rows_to_store.load(Ordering::Relaxed);
        if !p.writing() {
            t!(
                "feedback-import-reading",
                percent = (p.permille() / 5) as i64
            )
        } else if stored < total {
            t!(
                "feedback-import-saving",
                done = integer(stored as i64),
                total = integer(total as i64)
            )
        } else {
            t!("feedback-import-counting").to_string()
        }
    });
    html! {
        (crumbs(j))
        h1 { (t!("feedback-import-running-title")) }
        p { bdi { (i.file_name) } }
        div.card data-import-running=(i.id) {
            @match permille {
                Some(pm) => progress.import-progress max="1000" value=(pm) aria-labelledby="import-step" { (pm / 10) " %" },
                None => progress.import-progress aria-labelledby="import-step" {},
            }
            p #import-step role="status" { (line.unwrap_or_else(|| t!("feedback-import-counting").to_string())) }
            p.hint { (t!("feedback-import-page-updates")) }
        }
    }
}

/// A failed import whose file is gone: why, and the first refused lines.
pub fn failed_page(j: &Journey, i: &FeedbackImport, why: &str, lines: &[(u64, String)]) -> Markup {
    html! {
        (crumbs(j))
        h1 { (t!("feedback-import-failed-title")) }
        p { bdi { (i.file_name) } }
        div.error role="alert" {
            p { (why) }
            @if !lines.is_empty() {
                ul {
                    @for (line, reason) in lines {
                        li { (t!("feedback-import-line", line = *line as i64, reason = reason.as_str())) }
                    }
                }
            }
        }
        p { (t!("feedback-import-nothing-kept")) }
        @if i.refused > 0 {
            p { a href={"/j/" (j.id) "/feedback/imports/" (i.id) "/refused.csv"} { (t!("feedback-import-download-refused")) } }
        }
        p { a href={"/j/" (j.id) "/feedback/import"} { (t!("feedback-import-another")) } }
    }
}
