//! What the CSV and XLSX exports share: cells a spreadsheet cannot take for
//! a formula, CSV records with a byte-order mark, Excel's cell limit, and
//! the XLSX formats and page setup.

use std::borrow::Cow;

/// Text a spreadsheet could take for a formula (OWASP CSV injection list).
pub(crate) fn looks_like_formula(s: &str) -> bool {
    s.starts_with(['=', '+', '-', '@', '\t', '\r'])
}

// ---------------------------------------------------------------- CSV

/// A CSV cell of user text: a leading `'` when it looks like a formula.
pub(crate) fn csv_cell(s: &str) -> Cow<'_, str> {
    if looks_like_formula(s) {
        Cow::Owned(format!("'{s}"))
    } else {
        Cow::Borrowed(s)
    }
}

/// Records as CSV: UTF-8 with a BOM (so Excel reads é, ü and emoji), CRLF
/// line ends, quoting by the `csv` crate. Cells are written as given:
/// neutralise user text with [`csv_cell`] first. Every record must have as
/// many fields as the first.
pub(crate) fn csv_bytes<R, C>(records: impl IntoIterator<Item = R>) -> Vec<u8>
where
    R: IntoIterator<Item = C>,
    C: AsRef<str>,
{
    let mut out = Vec::with_capacity(4096);
    out.extend_from_slice(b"\xEF\xBB\xBF");
    let mut w = csv::WriterBuilder::new()
        .terminator(csv::Terminator::CRLF)
        .from_writer(out);
    // Writing into a Vec cannot fail; equal lengths are the caller's.
    for record in records {
        for cell in record {
            w.write_field(cell.as_ref())
                .expect("CSV into memory cannot fail");
        }
        w.write_record(None::<&[u8]>)
            .expect("CSV into memory cannot fail");
    }
    w.into_inner().expect("CSV into memory cannot fail")
}

// ---------------------------------------------------------------- XLSX

/// Excel's limit on the characters in one cell.
const XLSX_MAX_CELL: usize = 32_767;

/// Keeps a cell within Excel's limit, saying so in the cell when it cuts.
pub(crate) fn xlsx_text(s: &str) -> Cow<'_, str> {
    if s.chars().count() <= XLSX_MAX_CELL {
        return Cow::Borrowed(s);
    }
    let note = " … [cut at Excel's 32,767-character cell limit; the CSV export has the full text]";
    let keep = XLSX_MAX_CELL - note.chars().count();
    Cow::Owned(s.chars().take(keep).chain(note.chars()).collect())
}

/// Formats and page setup shared by the XLSX exports.
pub(crate) mod xlsx {
    use rust_xlsxwriter::{Color, Format, FormatAlign, FormatBorder, Worksheet, XlsxError};

    /// An error of the writer, as the exports report it.
    pub(crate) fn err(e: XlsxError) -> String {
        format!("XLSX export: {e}")
    }

    /// A table cell: wrapped, top-aligned, thin grey border; `quoted` marks
    /// user text that looks like a formula "quote prefix" so editing it in
    /// Excel keeps it text.
    pub(crate) fn cell(fill: Option<u32>, bold: bool, quoted: bool) -> Format {
        let mut f = Format::new()
            .set_text_wrap()
            .set_align(FormatAlign::Top)
            .set_border(FormatBorder::Thin)
            .set_border_color(Color::RGB(0xBBBBBB));
        if let Some(rgb) = fill {
            f = f.set_background_color(Color::RGB(rgb));
        }
        if bold {
            f = f.set_bold();
        }
        if quoted {
            f = f.set_quote_prefix();
        }
        f
    }

    /// The bold grey header cell of a table.
    pub(crate) fn header() -> Format {
        cell(Some(0xE6E6E6), true, false)
    }

    /// The title at the top of a sheet.
    pub(crate) fn title(quoted: bool) -> Format {
        let f = Format::new()
            .set_bold()
            .set_font_size(14)
            .set_align(FormatAlign::VerticalCenter);
        if quoted {
            f.set_quote_prefix()
        } else {
            f
        }
    }

    /// A section heading (a channel, a summary).
    pub(crate) fn heading(quoted: bool) -> Format {
        let f = Format::new()
            .set_bold()
            .set_font_size(12)
            .set_background_color(Color::RGB(0xDDE7F0))
            .set_align(FormatAlign::VerticalCenter);
        if quoted {
            f.set_quote_prefix()
        } else {
            f
        }
    }

    /// Landscape A4, one page wide, small margins, `name` and the page
    /// number in the footer.
    pub(crate) fn page_setup(sheet: &mut Worksheet, name: &str) {
        sheet
            .set_landscape()
            .set_paper_size(9) // A4
            .set_print_fit_to_pages(1, 0)
            .set_margins(0.4, 0.4, 0.5, 0.5, 0.3, 0.3)
            .set_footer(format!("&L&8{name}&R&8Page &P of &N"));
    }
}
