//! What the CSV and XLSX exports share: cells a spreadsheet cannot take for
//! a formula, CSV records with a byte-order mark, Excel's cell limit, and
//! the XLSX formats and page setup.

use crate::Lang;
use std::borrow::Cow;

/// Text a spreadsheet could take for a formula (OWASP CSV injection list).
pub(crate) fn looks_like_formula(s: &str) -> bool {
    s.starts_with(['=', '+', '-', '@', '\t', '\r'])
}

// ---------------------------------------------------------------- CSV

/// A CSV cell of user text: a leading `'` when it looks like a formula.
pub fn csv_cell(s: &str) -> Cow<'_, str> {
    if looks_like_formula(s) {
        Cow::Owned(format!("'{s}"))
    } else {
        Cow::Borrowed(s)
    }
}

/// The field separator of a CSV in the language: `;` in German (its decimal
/// sign is the comma, and German Excel splits CSV files at semicolons), `,`
/// otherwise.
pub(crate) fn csv_separator(lang: Lang) -> u8 {
    match lang {
        Lang::De => b';',
        Lang::En | Lang::Ar => b',',
    }
}

/// A number cell of a CSV, given as English writes it (`7.4`, `-0.5`):
/// with a decimal comma in German, as is otherwise (Excel in Arabic locales
/// reads Western digits and a decimal point as numbers).
pub(crate) fn csv_number(lang: Lang, english: String) -> String {
    match lang {
        Lang::De => crate::look::digits(lang, &english),
        Lang::En | Lang::Ar => english,
    }
}

/// Records as CSV: UTF-8 with a BOM (so Excel reads é, ü and emoji), CRLF
/// line ends, fields separated by [`csv_separator`], quoting by the `csv`
/// crate. Cells are written as given: neutralise user text with
/// [`csv_cell`] first. Every record must have as many fields as the first.
pub(crate) fn csv_bytes<R, C>(records: impl IntoIterator<Item = R>, lang: Lang) -> Vec<u8>
where
    R: IntoIterator<Item = C>,
    C: AsRef<str>,
{
    csv_part(records, lang, true)
}

/// [`csv_bytes`], or (`first` false) more records of the same file, to
/// follow a first part: no byte-order mark.
pub(crate) fn csv_part<R, C>(
    records: impl IntoIterator<Item = R>,
    lang: Lang,
    first: bool,
) -> Vec<u8>
where
    R: IntoIterator<Item = C>,
    C: AsRef<str>,
{
    let mut out = Vec::with_capacity(4096);
    if first {
        out.extend_from_slice(b"\xEF\xBB\xBF");
    }
    let mut w = csv::WriterBuilder::new()
        .delimiter(csv_separator(lang))
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

/// Keeps a cell within Excel's limit, saying so (in the language) in the
/// cell when it cuts.
pub(crate) fn xlsx_text(s: &str, lang: Lang) -> Cow<'_, str> {
    if s.chars().count() <= XLSX_MAX_CELL {
        return Cow::Borrowed(s);
    }
    let note = format!(
        " … [{}]",
        mot_i18n::tr!(lang, "export-xlsx-cut", limit = XLSX_MAX_CELL)
    );
    let keep = XLSX_MAX_CELL.saturating_sub(note.chars().count());
    Cow::Owned(s.chars().take(keep).chain(note.chars()).collect())
}

/// Formats and page setup shared by the XLSX exports.
pub(crate) mod xlsx {
    use crate::Look;
    use rust_xlsxwriter::{Color, Format, FormatAlign, FormatBorder, Worksheet, XlsxError};

    /// An error of the writer, as the exports report it.
    pub(crate) fn err(e: XlsxError) -> String {
        format!("XLSX export: {e}")
    }

    fn rgb((r, g, b): (u8, u8, u8)) -> u32 {
        (u32::from(r) << 16) | (u32::from(g) << 8) | u32::from(b)
    }

    /// A light tint of the brand's accent: a fifth of the way from white.
    fn tint((r, g, b): (u8, u8, u8)) -> u32 {
        let mix = |c: u8| 255 - ((255 - u32::from(c)) * 2 / 10);
        (mix(r) << 16) | (mix(g) << 8) | mix(b)
    }

    /// Whether white text reads better than black on this colour.
    fn dark((r, g, b): (u8, u8, u8)) -> bool {
        0.2126 * f32::from(r) + 0.7152 * f32::from(g) + 0.0722 * f32::from(b) < 140.0
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

    /// The bold header cell of a table: grey, or the brand's accent (with
    /// white text when the accent is dark).
    pub(crate) fn header(look: &Look) -> Format {
        match look.brand.accent_rgb() {
            None => cell(Some(0xE6E6E6), true, false),
            Some(accent) => {
                let f = cell(Some(rgb(accent)), true, false);
                if dark(accent) {
                    f.set_font_color(Color::White)
                } else {
                    f
                }
            }
        }
    }

    /// The title at the top of a sheet (in the brand's accent, if any).
    pub(crate) fn title(quoted: bool, look: &Look) -> Format {
        let mut f = Format::new()
            .set_bold()
            .set_font_size(14)
            .set_align(FormatAlign::VerticalCenter);
        if let Some(accent) = look.brand.accent_rgb() {
            f = f.set_font_color(Color::RGB(rgb(accent)));
        }
        if quoted {
            f.set_quote_prefix()
        } else {
            f
        }
    }

    /// A section heading (a channel, a summary): light blue, or a light
    /// tint of the brand's accent.
    pub(crate) fn heading(quoted: bool, look: &Look) -> Format {
        let fill = look.brand.accent_rgb().map_or(0xDDE7F0, tint);
        let f = Format::new()
            .set_bold()
            .set_font_size(12)
            .set_background_color(Color::RGB(fill))
            .set_align(FormatAlign::VerticalCenter);
        if quoted {
            f.set_quote_prefix()
        } else {
            f
        }
    }

    /// A header or footer text as Excel's codes take it (`&` doubled).
    fn code_text(s: &str) -> String {
        s.replace('&', "&&")
    }

    /// Landscape A4, one page wide, small margins, `name` and the page
    /// number in the footer, the brand's name in the header; right to left
    /// for a right-to-left language.
    pub(crate) fn page_setup(sheet: &mut Worksheet, name: &str, look: &Look) {
        let page = mot_i18n::tr!(look.lang, "export-page", page = "&P", count = "&N");
        sheet
            .set_landscape()
            .set_paper_size(9) // A4
            .set_print_fit_to_pages(1, 0)
            .set_margins(0.4, 0.4, 0.5, 0.5, 0.3, 0.3)
            .set_footer(format!("&L&8{}&R&8{page}", code_text(name)));
        if let Some(brand) = look.brand.name() {
            sheet.set_header(format!("&L&8{}", code_text(brand)));
        }
        if look.lang.is_rtl() {
            sheet.set_right_to_left(true);
        }
    }

    /// The brand's name in a row of its own at the top of the sheet,
    /// merged across `cols` columns; answers the rows it took (0 or 1).
    pub(crate) fn brand_row(sheet: &mut Worksheet, cols: u16, look: &Look) -> Result<u32, String> {
        let Some(name) = look.brand.name() else {
            return Ok(0);
        };
        let mut f = Format::new()
            .set_bold()
            .set_font_size(11)
            .set_align(FormatAlign::VerticalCenter);
        if let Some(accent) = look.brand.accent_rgb() {
            f = f.set_font_color(Color::RGB(rgb(accent)));
        }
        if super::looks_like_formula(name) {
            f = f.set_quote_prefix();
        }
        let text = super::xlsx_text(name, look.lang);
        if cols > 1 {
            sheet
                .merge_range(0, 0, 0, cols - 1, &text, &f)
                .map_err(err)?;
        } else {
            sheet
                .write_string_with_format(0, 0, text, &f)
                .map_err(err)?;
        }
        Ok(1)
    }
}
