//! mot's exports, built from `mot-core`'s types alone: the contact planning
//! form ([`planning_form`]: CSV, XLSX, Markdown, PDF), an audit round's
//! report ([`audit_report`]: CSV, XLSX, PDF), the next session's
//! calendar file ([`ics`]), print-ready feedback sheets
//! ([`feedback_sheet`]: a moment's question and QR code on A6 cards or an A4
//! poster, PDF), customers' answers ([`feedback_answers`]: CSV, XLSX) and a
//! journey's customer feedback report ([`feedback_report`]: the figures per
//! moment and branch, gaps, alerts and recent comments as PDF, CSV, XLSX).
//!
//! Every export takes a [`Look`] last: the language it writes in (its
//! words come from mot-i18n's `export.ftl` catalogues; Arabic documents run
//! right to left) and an adviser's branding ([`Brand`]: a name, an accent
//! colour, a logo for the PDF). `Look::default()` is English without
//! branding.
//!
//! Numbers and dates by format, per language: text a person reads (PDF,
//! Markdown, XLSX titles and notes, the gap cells) uses the language's digits
//! and decimal sign and, except in English (ISO dates as always), its
//! written-out dates. XLSX numbers stay number cells (Excel shows them in the
//! reader's own locale). CSV numbers are what a spreadsheet in that language
//! reads as numbers: plain `7.4` in English and Arabic (Excel in Arabic
//! locales uses Western digits and a decimal point), `7,4` in German, where
//! the CSV is also separated by semicolons as German Excel expects.
//!
//! What each uses, and why:
//! - CSV: the `csv` crate (quoting of commas, quotes and newlines done right),
//!   UTF-8 with a byte-order mark so Excel reads é, ü and emoji correctly.
//! - XLSX: `rust_xlsxwriter`, a pure-Rust port of Python's XlsxWriter that
//!   writes real string cells, page setup and print titles.
//! - Markdown: plain string building (GitHub tables).
//! - PDF: `krilla` (the PDF writer under Typst): it subsets and embeds
//!   TrueType fonts and writes ToUnicode maps, so the text stays text that
//!   can be searched and copied. We shape with `rustybuzz` (so Arabic letters
//!   join), order mixed left-to-right and right-to-left text with
//!   `unicode-bidi`, and wrap lines and split table rows across pages
//!   ourselves: nothing is cut off.
//!
//! Fonts (in `crates/mot-export/fonts/`, licences beside them, embedded with
//! `include_bytes!` so no system font is needed): DejaVu Sans 2.37 (Latin,
//! Greek, Cyrillic, Hebrew, Arabic, symbols, some emoji such as 😀; Bitstream
//! Vera licence, DejaVu changes public domain), as a fallback for Chinese
//! a subset of Droid Sans Fallback (Apache-2.0) with the 3,755 most used
//! simplified characters (GB2312 level 1), kana and CJK punctuation, and for
//! emoji such as 🦄 the monochrome Noto Emoji 3.006 (SIL OFL 1.1, about 1,500
//! emoji); together about 2.3 MB. A PDF embeds only the glyphs it uses.
//!
//! Limits of the PDF: a character no embedded font can draw (rarer or
//! traditional-only Chinese characters, Korean hangul, Indic scripts…) is
//! drawn as the visible placeholder [`pdf::PLACEHOLDER`] (�),
//! and that is also what a text extractor reads there; invisible joiners and
//! variation selectors are dropped. Right-to-left words are reordered for
//! display, so some extractors read them in visual (reversed) order. Bold is
//! drawn by stroking the regular face (no bold font embedded).
//!
//! Spreadsheet safety: a cell whose text starts with `=`, `+`, `-`, `@`, tab
//! or carriage return gets a leading `'` in the CSV (OWASP's advice against
//! formula injection); the XLSX writes every cell as a string (never a
//! formula) and marks those cells "quote prefix" so editing them in Excel
//! keeps them text.
//!
//! The exports share [`spreadsheet`] (`csv_bytes` and `csv_cell`, the
//! `xlsx` formats and page setup) and the [`pdf`] table writer (a document
//! of notes and headed tables with any columns).

pub mod audit_report;
pub mod feedback_answers;
pub mod feedback_report;
pub mod feedback_sheet;
pub mod ics;
pub mod journey_map;
pub mod logo;
mod look;
pub mod pdf;
pub mod planning_form;
pub mod portfolio;
pub mod report_pack;
pub mod spreadsheet;
#[cfg(test)]
mod testing;

pub use look::{Brand, Lang, Look};
