//! A journey's customer feedback report: what customers said of each
//! moment over a period, as a PDF to hand round (branded when a [`Brand`]
//! is given) and as CSV or XLSX figures to work with.
//!
//! The PDF holds, after the business, the journey, the period and when it
//! was made: per moment in the board's order the shares Worse / As
//! expected / Better, the score (−100 all worse … +100 all better) with its
//! 95 % interval and the number of answers — "too few to tell" instead of
//! a score under [`MIN_ANSWERS`] answers, as the feedback page says it —
//! the team's last agreed rating and the gap where team and customers part
//! beyond chance; each moment across the branches side by side with how
//! consistently they deliver it (core's [`consistency`]); what each
//! moment's trend says now (its alerts); and the newest counted comments
//! the caller hands in (never flagged ones, never a contact address: the
//! document has no place for either).
//!
//! The CSV and XLSX hold one row per moment × branch, all answers together
//! first, with the same figures as numbers: counts; shares in per cent and
//! the score and its interval to one decimal by core's one rounding rule
//! ([`mot_core::audit::round1`]); the score and its interval are left empty
//! under [`MIN_ANSWERS`] answers, where the row says "too few to tell".
//! Moment and branch names are user text, neutralised against formula
//! injection as in [`crate::spreadsheet`]. The XLSX adds a sheet with the
//! comments.
//!
//! [`Brand`]: crate::Brand

use crate::look::{day, digits, rating, sep};
use crate::pdf;
use crate::spreadsheet::{csv_bytes, csv_cell, csv_number, looks_like_formula, xlsx, xlsx_text};
use crate::{Lang, Look};
use mot_core::audit::{one_decimal, round1};
use mot_core::feedback::trend::Alert;
use mot_core::feedback::{consistency, Gap, GapKind, Shown, Tally, Verdict, MIN_ANSWERS};
use mot_core::session::Rating;
use mot_core::Id;
use mot_i18n::{text, tr};
use time::{Date, OffsetDateTime};

/// A journey's feedback over a period, as its report shows it.
pub struct FeedbackReport<'a> {
    pub business: &'a str,
    pub journey: &'a str,
    /// The period's first and last day (both counted).
    pub from: Date,
    pub to: Date,
    /// When the report was made (UTC).
    pub made_at: OffsetDateTime,
    /// The branch columns in the order shown: a branch's id and name;
    /// `None` for the answers given at a link that asks every branch.
    pub branches: &'a [(Option<Id>, String)],
    /// The moments in the board's order.
    pub moments: &'a [MomentFigures],
    /// The comments to show, newest first (the caller picks them: counted
    /// ones only).
    pub comments: &'a [ReportComment],
    /// The first day of each month of the trend, oldest first (each
    /// moment's [`MomentFigures::by_month`] answers them); empty: no trend.
    pub months: &'a [Date],
}

/// One moment's figures over the period.
pub struct MomentFigures {
    pub title: String,
    /// Every answer of the period together.
    pub all: Tally,
    /// The answers per branch, keyed as [`FeedbackReport::branches`]; a
    /// branch missing here had none.
    pub branches: Vec<(Option<Id>, Tally)>,
    /// The team's last agreed rating.
    pub team: Option<Rating>,
    /// Where the team and its customers part beyond chance.
    pub gap: Option<Gap>,
    /// What the moment's trend says now.
    pub alerts: Vec<Alert>,
    /// Every branch's answers together in each month of
    /// [`FeedbackReport::months`].
    pub by_month: Vec<Tally>,
}

impl MomentFigures {
    /// The moment's answers at a branch (none when it had none).
    fn at(&self, branch: Option<Id>) -> Tally {
        self.branches.iter().filter(|(b, _)| *b == branch).fold(
            Tally::default(),
            |mut t, (_, x)| {
                t.merge(x);
                t
            },
        )
    }
}

/// A customer's comment, as the report shows it.
pub struct ReportComment {
    pub day: Date,
    pub moment: String,
    pub branch: String,
    pub verdict: Verdict,
    pub reason: String,
    pub comment: String,
}

/// A value there is none of, in the PDF.
const NONE: &str = "–";

/// Branches per table of the PDF's side-by-side view; more continue in
/// another table.
const PDF_BRANCHES: usize = 6;

// ---------------------------------------------------------------- words

/// "Business · Journey · 2026-02-04 – 2026-05-04".
fn title_line(doc: &FeedbackReport, lang: Lang) -> String {
    let s = sep(lang);
    format!(
        "{}{s}{}{s}{} – {}",
        doc.business,
        doc.journey,
        day(lang, doc.from),
        day(lang, doc.to)
    )
}

/// When the report was made: its day and time, UTC.
fn made(doc: &FeedbackReport, lang: Lang) -> String {
    let t = doc.made_at.to_offset(time::UtcOffset::UTC);
    let clock = format!("{:02}:{:02}", t.hour(), t.minute());
    format!("{} {} UTC", day(lang, t.date()), digits(lang, &clock))
}

/// The days the period covers.
fn period_days(doc: &FeedbackReport) -> i64 {
    (doc.to - doc.from).whole_days() + 1
}

/// A whole number with its sign as the feedback page writes a score:
/// "+33", "−50", "0".
fn signed(lang: Lang, x: f64) -> String {
    let s = mot_i18n::decimal(lang, x.abs(), 0);
    if x >= 0.5 {
        format!("+{s}")
    } else if x <= -0.5 {
        format!("−{s}")
    } else {
        s
    }
}

/// A share as a whole percentage: "17 %".
fn percent(lang: Lang, share: f64) -> String {
    format!("{} %", mot_i18n::decimal(lang, 100.0 * share, 0))
}

fn too_few(lang: Lang) -> &'static str {
    tr!(lang, "export-feedback-report-too-few")
}

fn total_label(lang: Lang) -> &'static str {
    tr!(lang, "export-feedback-report-total")
}

fn alert_words(lang: Lang, a: Alert) -> &'static str {
    match a {
        Alert::WorseThanUsual => tr!(lang, "feedback-alert-worse"),
        Alert::MagicFading => tr!(lang, "feedback-alert-fading"),
    }
}

/// "Blind spot: the team rates it 120 points higher", or the other way.
fn gap_words(lang: Lang, g: Gap) -> String {
    let points = mot_i18n::decimal(lang, g.points, 0);
    match g.kind {
        GapKind::BlindSpot => tr!(lang, "export-feedback-report-blind-spot", points = points),
        GapKind::Modesty => tr!(lang, "export-feedback-report-modesty", points = points),
    }
}

/// How consistently the branches deliver a moment, in words; `None`
/// when fewer than two branches have enough answers to compare, and
/// whether they differ beyond chance.
fn consistency_words(m: &MomentFigures, lang: Lang) -> Option<(String, bool)> {
    let tallies: Vec<Tally> = m
        .branches
        .iter()
        .filter(|(b, _)| b.is_some())
        .map(|(_, t)| *t)
        .collect();
    let c = consistency(&tallies)?;
    let (low, high) = (signed(lang, c.lowest), signed(lang, c.highest));
    Some(if c.differ {
        (
            tr!(
                lang,
                "export-feedback-report-branches-differ",
                low = low,
                high = high
            ),
            true,
        )
    } else {
        (
            tr!(
                lang,
                "export-feedback-report-branches-alike",
                low = low,
                high = high
            ),
            false,
        )
    })
}

/// The columns of the CSV and of the XLSX's figures, in a language.
pub fn report_columns(lang: Lang) -> [&'static str; 17] {
    [
        tr!(lang, "export-feedback-col-moment"),
        tr!(lang, "export-feedback-col-branch"),
        tr!(lang, "export-feedback-report-col-answers"),
        tr!(lang, "feedback-verdict-worse"),
        tr!(lang, "feedback-verdict-as-expected"),
        tr!(lang, "feedback-verdict-better"),
        tr!(lang, "export-feedback-report-col-worse-share"),
        tr!(lang, "export-feedback-report-col-as-expected-share"),
        tr!(lang, "export-feedback-report-col-better-share"),
        tr!(lang, "export-feedback-report-col-score"),
        tr!(lang, "export-feedback-report-col-score-low"),
        tr!(lang, "export-feedback-report-col-score-high"),
        tr!(lang, "export-feedback-report-col-note"),
        tr!(lang, "export-feedback-report-col-team"),
        tr!(lang, "export-feedback-report-col-gap"),
        tr!(lang, "export-feedback-report-col-gap-points"),
        tr!(lang, "export-feedback-report-col-alerts"),
    ]
}

// ---------------------------------------------------------------- rows

/// One row of the spreadsheet figures: a moment at a branch (or all).
struct FigureRow<'a> {
    moment: &'a MomentFigures,
    branch: String,
    tally: Tally,
    /// The first row of a moment: all answers, with the team's view.
    total: bool,
}

impl FigureRow<'_> {
    /// The figures as numbers: counts, shares in per cent, score and its
    /// interval (none under [`MIN_ANSWERS`] answers), gap points.
    fn numbers(&self) -> [Option<f64>; 10] {
        let t = &self.tally;
        let share = |v| t.share(v).map(|s| round1(100.0 * s));
        let enough = t.enough();
        let interval = t.score_interval().filter(|_| enough);
        [
            Some(t.total() as f64),
            Some(t.worse as f64),
            Some(t.as_expected as f64),
            Some(t.better as f64),
            share(Verdict::Worse),
            share(Verdict::AsExpected),
            share(Verdict::Better),
            t.score().filter(|_| enough).map(round1),
            interval.map(|i| round1(i.low)),
            interval.map(|i| round1(i.high)),
        ]
    }

    /// The texts after the numbers: note, team, gap (words), gap points,
    /// alerts.
    fn note(&self, lang: Lang) -> String {
        if self.tally.enough() {
            String::new()
        } else if self.tally.total() == 0 {
            tr!(lang, "export-feedback-report-no-answers").to_string()
        } else {
            too_few(lang).to_string()
        }
    }

    fn team(&self, lang: Lang) -> String {
        match (self.total, self.moment.team) {
            (true, Some(r)) => rating(lang, r).to_string(),
            _ => String::new(),
        }
    }

    fn gap(&self) -> Option<Gap> {
        self.moment.gap.filter(|_| self.total)
    }

    fn gap_kind(&self, lang: Lang) -> String {
        match self.gap().map(|g| g.kind) {
            Some(GapKind::BlindSpot) => tr!(lang, "export-feedback-report-kind-blind-spot").into(),
            Some(GapKind::Modesty) => tr!(lang, "export-feedback-report-kind-modesty").into(),
            None => String::new(),
        }
    }

    fn alerts(&self, lang: Lang) -> String {
        if !self.total {
            return String::new();
        }
        self.moment
            .alerts
            .iter()
            .map(|a| alert_words(lang, *a))
            .collect::<Vec<_>>()
            .join(" ")
    }
}

/// Every moment × branch, all answers first for each moment.
fn figure_rows<'a>(doc: &'a FeedbackReport, lang: Lang) -> Vec<FigureRow<'a>> {
    let mut rows = Vec::new();
    for m in doc.moments {
        rows.push(FigureRow {
            moment: m,
            branch: total_label(lang).to_string(),
            tally: m.all,
            total: true,
        });
        for (id, name) in doc.branches {
            rows.push(FigureRow {
                moment: m,
                branch: name.clone(),
                tally: m.at(*id),
                total: false,
            });
        }
    }
    rows
}

// ---------------------------------------------------------------- CSV

/// The figures as CSV: a header row ([`report_columns`]), then one row per
/// moment × branch, all answers first. UTF-8 with a BOM, CRLF line ends;
/// numbers to one decimal (a decimal comma and semicolons in German),
/// missing values empty; user text that looks like a formula gets a
/// leading `'`.
pub fn report_csv(doc: &FeedbackReport, look: &Look) -> Vec<u8> {
    let lang = look.lang;
    let header: Vec<String> = report_columns(lang).iter().map(|c| c.to_string()).collect();
    let rows = figure_rows(doc, lang).into_iter().map(|r| {
        let mut cells = vec![
            csv_cell(&r.moment.title).into_owned(),
            csv_cell(&r.branch).into_owned(),
        ];
        for (i, v) in r.numbers().into_iter().enumerate() {
            cells.push(match v {
                None => String::new(),
                // The counts are whole.
                Some(v) if i < 4 => format!("{v:.0}"),
                Some(v) => csv_number(lang, one_decimal(v)),
            });
        }
        cells.push(r.note(lang));
        cells.push(r.team(lang));
        cells.push(r.gap_kind(lang));
        cells.push(
            r.gap()
                .map_or(String::new(), |g| csv_number(lang, one_decimal(g.points))),
        );
        cells.push(r.alerts(lang));
        cells
    });
    csv_bytes(std::iter::once(header).chain(rows), lang)
}

// ---------------------------------------------------------------- XLSX

/// The report as an Excel workbook (sheets named in the look's language,
/// right to left in a right-to-left language):
/// - "Figures": the title (business, journey, period), when it was made,
///   then [`report_columns`] with one row per moment × branch, all answers
///   first, a filter and the header frozen; numbers are number cells, user
///   text string cells (never formulas);
/// - "Comments": the comments handed in, newest first.
pub fn report_xlsx(doc: &FeedbackReport, look: &Look) -> Result<Vec<u8>, String> {
    use rust_xlsxwriter::{Format, FormatAlign, Workbook};
    let e = xlsx::err;
    let lang = look.lang;
    let mut workbook = Workbook::new();

    let columns = report_columns(lang);
    let ws = workbook.add_worksheet();
    ws.set_name(tr!(lang, "export-feedback-report-sheet-figures"))
        .map_err(e)?;
    xlsx::page_setup(ws, tr!(lang, "export-feedback-report-title"), look);
    let widths = [
        30.0, 20.0, 9.0, 8.0, 10.0, 8.0, 9.0, 11.0, 9.0, 8.0, 9.0, 9.0, 16.0, 11.0, 12.0, 8.0, 40.0,
    ];
    for (c, w) in widths.into_iter().enumerate() {
        ws.set_column_width(c as u16, w).map_err(e)?;
    }
    let last = columns.len() as u16 - 1;
    let top = xlsx::brand_row(ws, last + 1, look)?;
    let title = title_line(doc, lang);
    ws.merge_range(
        top,
        0,
        top,
        last,
        &xlsx_text(&title, lang),
        &xlsx::title(looks_like_formula(&title), look),
    )
    .map_err(e)?;
    ws.set_row_height(top, 24).map_err(e)?;
    let note = Format::new().set_align(FormatAlign::Top);
    ws.merge_range(top + 1, 0, top + 1, last, &intro(doc, lang), &note)
        .map_err(e)?;
    let head_row = top + 3;
    let head = xlsx::header(look);
    for (c, t) in columns.iter().enumerate() {
        ws.write_string_with_format(head_row, c as u16, *t, &head)
            .map_err(e)?;
    }
    let rows = figure_rows(doc, lang);
    for (i, r) in rows.iter().enumerate() {
        let row = head_row + 1 + i as u32;
        let text = |ws: &mut rust_xlsxwriter::Worksheet, c: u16, s: &str| {
            let f = xlsx::cell(None, r.total && c < 2, looks_like_formula(s));
            ws.write_string_with_format(row, c, xlsx_text(s, lang), &f)
                .map(|_| ())
                .map_err(e)
        };
        text(ws, 0, &r.moment.title)?;
        text(ws, 1, &r.branch)?;
        for (k, v) in r.numbers().into_iter().enumerate() {
            let c = 2 + k as u16;
            let f = xlsx::cell(None, false, false)
                .set_align(FormatAlign::Right)
                .set_num_format(if k < 4 { "0" } else { "0.0" });
            match v {
                Some(v) => ws.write_number_with_format(row, c, v, &f),
                None => ws.write_blank(row, c, &f),
            }
            .map_err(e)?;
        }
        text(ws, 12, &r.note(lang))?;
        text(ws, 13, &r.team(lang))?;
        text(ws, 14, &r.gap_kind(lang))?;
        let f = xlsx::cell(None, false, false)
            .set_align(FormatAlign::Right)
            .set_num_format("0.0");
        match r.gap() {
            Some(g) => ws.write_number_with_format(row, 15, round1(g.points), &f),
            None => ws.write_blank(row, 15, &f),
        }
        .map_err(e)?;
        text(ws, 16, &r.alerts(lang))?;
    }
    ws.set_freeze_panes(head_row + 1, 0).map_err(e)?;
    ws.set_repeat_rows(head_row, head_row).map_err(e)?;
    ws.autofilter(head_row, 0, head_row + rows.len() as u32, last)
        .map_err(e)?;

    let ws = workbook.add_worksheet();
    ws.set_name(tr!(lang, "export-feedback-report-sheet-comments"))
        .map_err(e)?;
    xlsx::page_setup(ws, tr!(lang, "export-feedback-report-sheet-comments"), look);
    for (c, w) in [12.0, 30.0, 18.0, 14.0, 18.0, 60.0].into_iter().enumerate() {
        ws.set_column_width(c as u16, w).map_err(e)?;
    }
    for (c, t) in comment_columns(lang).iter().enumerate() {
        ws.write_string_with_format(0, c as u16, *t, &head)
            .map_err(e)?;
    }
    ws.set_freeze_panes(1, 0).map_err(e)?;
    for (i, c) in doc.comments.iter().enumerate() {
        for (k, v) in comment_cells(c, lang).iter().enumerate() {
            let f = xlsx::cell(None, false, looks_like_formula(v));
            ws.write_string_with_format(1 + i as u32, k as u16, xlsx_text(v, lang), &f)
                .map_err(e)?;
        }
    }
    workbook.save_to_buffer().map_err(e)
}

// ---------------------------------------------------------------- PDF

/// What the report covers and how to read it.
fn intro(doc: &FeedbackReport, lang: Lang) -> String {
    tr!(
        lang,
        "export-feedback-report-intro",
        days = period_days(doc),
        from = day(lang, doc.from),
        to = day(lang, doc.to),
        made = made(doc, lang),
        min = MIN_ANSWERS as i64
    )
}

fn comment_columns(lang: Lang) -> [&'static str; 6] {
    [
        tr!(lang, "export-feedback-col-date"),
        tr!(lang, "export-feedback-col-moment"),
        tr!(lang, "export-feedback-col-branch"),
        tr!(lang, "export-feedback-col-answer"),
        tr!(lang, "export-feedback-col-reason"),
        tr!(lang, "export-feedback-col-comment"),
    ]
}

fn comment_cells(c: &ReportComment, lang: Lang) -> [String; 6] {
    [
        day(lang, c.day),
        c.moment.clone(),
        c.branch.clone(),
        text(lang, c.verdict.word_key()).to_string(),
        c.reason.clone(),
        c.comment.clone(),
    ]
}

/// A tally in a cell of the side-by-side view: the score (or "too few to
/// tell") and the answers behind it, or [`NONE`].
fn tally_cell(t: &Tally, lang: Lang) -> pdf::Cell {
    let n = t.total();
    if n == 0 {
        return pdf::Cell::new(NONE);
    }
    let answers = tr!(lang, "export-feedback-report-answers", n = n as i64);
    if t.enough() {
        pdf::Cell::new(format!(
            "{}\n{answers}",
            signed(lang, t.score().unwrap_or(0.0))
        ))
    } else {
        pdf::Cell::new(format!("{}\n{answers}", too_few(lang))).colour(pdf::GREY)
    }
}

/// A flagged cell: bold on light yellow (the words say why; colour is
/// never the only cue).
fn flagged(text: String) -> pdf::Cell {
    pdf::Cell::new(text).bold().fill((0xFF, 0xF6, 0xD5))
}

/// The report as a PDF: A4 landscape; the title with the business, the
/// journey and the period; what the figures mean; the moments in the
/// board's order (shares, score, interval, answers, team's rating, gap);
/// what the trends say now; each moment's score month by month; each
/// moment across the branches side by side
/// with their consistency (six branches a table, more in further
/// tables); the comments handed in. Long text wraps; tables continue on
/// new pages with their heading and header row. Words, numbers and dates
/// in the look's language (right to left in Arabic); the brand's name and
/// logo head every page.
pub fn report_pdf(doc: &FeedbackReport, look: &Look) -> Result<Vec<u8>, String> {
    pdf::render(&report_pdf_doc(doc, look), look)
}

/// The report's PDF document (also a part of the client report pack).
pub(crate) fn report_pdf_doc(doc: &FeedbackReport, look: &Look) -> pdf::Doc {
    use pdf::{Block, Cell, Row, Table};
    let lang = look.lang;
    let cols = |titles: &[&str], widths: &[f32]| -> Vec<(String, f32)> {
        titles
            .iter()
            .zip(widths)
            .map(|(t, w)| (t.to_string(), *w))
            .collect()
    };
    let mut blocks = vec![Block::Note(intro(doc, lang))];

    if doc.moments.is_empty() {
        blocks.push(Block::Note(
            tr!(lang, "export-feedback-report-no-moments").into(),
        ));
    }
    let rows = doc
        .moments
        .iter()
        .map(|m| {
            let t = &m.all;
            let n = t.total();
            let share = |v| match t.shown(v) {
                None => NONE.to_string(),
                Some(Shown::Share(s)) => percent(lang, s),
                Some(Shown::Count(n)) => mot_i18n::integer(lang, n as i64),
            };
            let (score, range) = if n == 0 {
                (Cell::new(NONE), Cell::new(NONE))
            } else if t.enough() {
                (
                    Cell::new(signed(lang, t.score().unwrap_or(0.0))).bold(),
                    Cell::new(t.score_interval().map_or(NONE.to_string(), |i| {
                        tr!(
                            lang,
                            "export-feedback-report-range",
                            low = signed(lang, i.low),
                            high = signed(lang, i.high)
                        )
                    })),
                )
            } else {
                (Cell::new(too_few(lang)).colour(pdf::GREY), Cell::new(NONE))
            };
            Row::new(vec![
                Cell::new(&m.title).bold(),
                Cell::new(share(Verdict::Worse)),
                Cell::new(share(Verdict::AsExpected)),
                Cell::new(share(Verdict::Better)),
                score,
                range,
                Cell::new(mot_i18n::integer(lang, n as i64)),
                Cell::new(m.team.map_or(NONE, |r| rating(lang, r))),
                match m.gap {
                    Some(g) => flagged(gap_words(lang, g)),
                    None => Cell::new(NONE),
                },
            ])
        })
        .collect();
    blocks.push(Block::Table(Table {
        heading: tr!(lang, "export-feedback-report-moments-heading").into(),
        columns: cols(
            &[
                tr!(lang, "export-feedback-col-moment"),
                tr!(lang, "feedback-verdict-worse"),
                tr!(lang, "feedback-verdict-as-expected"),
                tr!(lang, "feedback-verdict-better"),
                tr!(lang, "export-feedback-report-col-score"),
                tr!(lang, "export-feedback-report-col-range"),
                tr!(lang, "export-feedback-report-col-answers"),
                tr!(lang, "export-feedback-report-col-team"),
                tr!(lang, "export-feedback-report-col-gap"),
            ],
            &[24.0, 7.0, 8.0, 7.0, 9.0, 11.0, 7.0, 9.0, 18.0],
        ),
        rows,
    }));

    // What the trends say now.
    let alerts: Vec<Row> = doc
        .moments
        .iter()
        .flat_map(|m| {
            m.alerts.iter().map(|a| {
                Row::new(vec![
                    Cell::new(&m.title).bold(),
                    flagged(format!("⚠ {}", alert_words(lang, *a))),
                ])
            })
        })
        .collect();
    if alerts.is_empty() {
        blocks.push(Block::Note(
            tr!(lang, "export-feedback-report-no-alerts").into(),
        ));
    } else {
        blocks.push(Block::Table(Table {
            heading: tr!(lang, "export-feedback-report-alerts-heading").into(),
            columns: cols(
                &[
                    tr!(lang, "export-feedback-col-moment"),
                    tr!(lang, "export-feedback-report-col-alert"),
                ],
                &[3.0, 7.0],
            ),
            rows: alerts,
        }));
    }

    // Month by month: where each moment's score is going, with the
    // answers behind each figure.
    if !doc.months.is_empty()
        && doc
            .moments
            .iter()
            .any(|m| m.by_month.iter().any(|t| t.total() > 0))
    {
        let mut columns = vec![(tr!(lang, "export-feedback-col-moment").to_string(), 2.4)];
        columns.extend(doc.months.iter().map(|d| {
            let month = mot_i18n::text_dyn(lang, &format!("month-{}", u8::from(d.month())))
                .unwrap_or_default();
            let year = digits(lang, &d.year().to_string());
            (
                tr!(
                    lang,
                    "export-feedback-report-month",
                    month = month,
                    year = year
                ),
                1.0,
            )
        }));
        let rows =
            doc.moments
                .iter()
                .map(|m| {
                    let mut cells = vec![Cell::new(&m.title).bold()];
                    cells.extend((0..doc.months.len()).map(|i| {
                        tally_cell(&m.by_month.get(i).copied().unwrap_or_default(), lang)
                    }));
                    Row::new(cells)
                })
                .collect();
        blocks.push(Block::Table(Table {
            heading: tr!(lang, "export-feedback-report-months-heading").into(),
            columns,
            rows,
        }));
    }

    // Each moment across the branches.
    if !doc.branches.is_empty() && !doc.moments.is_empty() {
        let chunks: Vec<&[(Option<Id>, String)]> = doc.branches.chunks(PDF_BRANCHES).collect();
        let total = doc.branches.len();
        for (k, branches) in chunks.iter().enumerate() {
            let mut heading = tr!(lang, "export-feedback-report-branches-heading").to_string();
            if chunks.len() > 1 {
                let from = k * PDF_BRANCHES + 1;
                heading = tr!(
                    lang,
                    "export-feedback-report-branches-part",
                    heading = heading,
                    from = from,
                    to = from + branches.len() - 1,
                    total = total
                );
            }
            let mut columns = vec![
                (tr!(lang, "export-feedback-col-moment").to_string(), 2.4),
                (total_label(lang).to_string(), 1.0),
            ];
            columns.extend(branches.iter().map(|(_, n)| (n.clone(), 1.0)));
            columns.push((
                tr!(lang, "export-feedback-report-col-consistency").to_string(),
                1.8,
            ));
            let rows = doc
                .moments
                .iter()
                .map(|m| {
                    let mut cells = vec![Cell::new(&m.title).bold(), tally_cell(&m.all, lang)];
                    cells.extend(branches.iter().map(|(id, _)| tally_cell(&m.at(*id), lang)));
                    cells.push(match consistency_words(m, lang) {
                        Some((words, true)) => flagged(words),
                        Some((words, false)) => Cell::new(words),
                        None => Cell::new(NONE),
                    });
                    Row::new(cells)
                })
                .collect();
            blocks.push(Block::Table(Table {
                heading,
                columns,
                rows,
            }));
        }
    }

    if doc.comments.is_empty() {
        blocks.push(Block::Note(
            tr!(lang, "export-feedback-report-no-comments").into(),
        ));
    } else {
        let rows = doc
            .comments
            .iter()
            .map(|c| {
                let [date, moment, branch, verdict, reason, comment] = comment_cells(c, lang);
                Row::new(vec![
                    Cell::new(date),
                    Cell::new(moment).bold(),
                    Cell::new(branch),
                    Cell::new(verdict),
                    Cell::new(reason),
                    Cell::new(comment),
                ])
            })
            .collect();
        blocks.push(Block::Table(Table {
            heading: tr!(
                lang,
                "export-feedback-report-comments-heading",
                n = doc.comments.len()
            ),
            columns: cols(&comment_columns(lang), &[10.0, 18.0, 12.0, 9.0, 12.0, 39.0]),
            rows,
        }));
    }

    pdf::Doc {
        title: tr!(lang, "export-feedback-report-title").into(),
        subtitle: title_line(doc, lang),
        blocks,
    }
}

#[cfg(test)]
mod tests;
