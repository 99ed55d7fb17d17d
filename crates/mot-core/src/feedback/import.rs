//! Importing the feedback a business already has (a survey tool's export, a
//! till's "how did we do", a review site's CSV): which text a file holds,
//! its records, which column says what, which ratings mean worse, as
//! expected or better, and what a row must hold to be kept.
//!
//! Pure: the server hands in bytes (any [`Read`]), the journey's moments
//! and branches and today's date; every row comes back as an
//! [`ImportRow`] to store or a [`Refusal`] with its line number and reason.
//! A row's [`ImportRow::key`] is the same whenever the same file is read
//! again, so the store can keep each row once.

use super::{FeedbackLimits, Verdict};
use crate::feedback::trend::day_number;
use crate::text::{self, Msg, RuleError};
use crate::Id;
use sha2::{Digest, Sha256};
use std::collections::HashMap;
use std::io::{self, Read};
use time::{Date, Month};

/// Limits on an import.
pub struct ImportLimits;

impl ImportLimits {
    /// The largest file an owner may upload, in bytes.
    pub const FILE_BYTES: u64 = 200 * 1024 * 1024;
    /// Rows shown while the columns are chosen.
    pub const PREVIEW_ROWS: usize = 10;
    /// Columns a file may have.
    pub const COLUMNS: usize = 200;
    /// An external id (the survey tool's response id).
    pub const EXTERNAL_ID: usize = 200;
    /// Distinct rating texts an owner may map one by one.
    pub const SCALE_WORDS: usize = 50;
    /// The longest rating text kept in a refusal's reason.
    const QUOTED: usize = 60;
}

// ---- the text a file holds ---------------------------------------------------

/// The text encodings mot reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TextEncoding {
    Utf8,
    Utf16Le,
    Utf16Be,
    /// What Excel on Windows writes as "CSV" in Western Europe.
    Windows1252,
}

impl TextEncoding {
    pub fn key(self) -> &'static str {
        match self {
            TextEncoding::Utf8 => "utf-8",
            TextEncoding::Utf16Le => "utf-16le",
            TextEncoding::Utf16Be => "utf-16be",
            TextEncoding::Windows1252 => "windows-1252",
        }
    }

    pub fn from_key(key: &str) -> Option<TextEncoding> {
        [
            TextEncoding::Utf8,
            TextEncoding::Utf16Le,
            TextEncoding::Utf16Be,
            TextEncoding::Windows1252,
        ]
        .into_iter()
        .find(|e| e.key() == key)
    }

    fn encoding(self) -> &'static encoding_rs::Encoding {
        match self {
            TextEncoding::Utf8 => encoding_rs::UTF_8,
            TextEncoding::Utf16Le => encoding_rs::UTF_16LE,
            TextEncoding::Utf16Be => encoding_rs::UTF_16BE,
            TextEncoding::Windows1252 => encoding_rs::WINDOWS_1252,
        }
    }
}

/// Finds a file's encoding as its bytes go by, without keeping them: a
/// byte-order mark says; else UTF-8 when every byte of the file is UTF-8,
/// or when its letters beyond ASCII are UTF-8 more often than not (a
/// UTF-8 file with a stray byte is refused as one, with a word on saving
/// it again, never read whole as another encoding, its letters garbled);
/// else Windows-1252.
#[derive(Debug, Default)]
pub struct EncodingSniffer {
    /// The first bytes, until there are enough to see a byte-order mark.
    head: Vec<u8>,
    bom: Option<TextEncoding>,
    /// An unfinished UTF-8 sequence at the end of the last chunk.
    carry: Vec<u8>,
    /// UTF-8 sequences of more than one byte seen, and bytes that are no
    /// UTF-8.
    multibyte: u64,
    not_utf8: u64,
}

impl EncodingSniffer {
    pub fn new() -> EncodingSniffer {
        EncodingSniffer::default()
    }

    /// Looks at the next chunk of the file.
    pub fn feed(&mut self, chunk: &[u8]) {
        if self.head.len() < 3 {
            let take = (3 - self.head.len()).min(chunk.len());
            self.head.extend_from_slice(&chunk[..take]);
            if self.head.len() >= 2 {
                self.bom = bom(&self.head);
            }
        }
        // The lead bytes of UTF-8's longer sequences.
        let leads = |b: &[u8]| b.iter().filter(|&&b| b >= 0xC0).count() as u64;
        let mut buf = std::mem::take(&mut self.carry);
        buf.extend_from_slice(chunk);
        let mut rest = &buf[..];
        loop {
            match std::str::from_utf8(rest) {
                Ok(_) => {
                    self.multibyte += leads(rest);
                    break;
                }
                Err(e) => {
                    let (good, after) = rest.split_at(e.valid_up_to());
                    self.multibyte += leads(good);
                    match e.error_len() {
                        // Cut short at the chunk's end: the next chunk may
                        // finish it.
                        None => {
                            self.carry = after.to_vec();
                            break;
                        }
                        Some(n) => {
                            self.not_utf8 += 1;
                            rest = &after[n..];
                        }
                    }
                }
            }
        }
    }

    /// The file's encoding, once every chunk has been fed.
    pub fn finish(self) -> TextEncoding {
        if let Some(e) = self.bom {
            return e;
        }
        let not_utf8 = self.not_utf8 + u64::from(!self.carry.is_empty());
        if not_utf8 == 0 || self.multibyte > not_utf8 {
            TextEncoding::Utf8
        } else {
            TextEncoding::Windows1252
        }
    }
}

/// The encoding a byte-order mark at the start of `head` names.
fn bom(head: &[u8]) -> Option<TextEncoding> {
    match head {
        [0xEF, 0xBB, 0xBF, ..] => Some(TextEncoding::Utf8),
        [0xFF, 0xFE, ..] => Some(TextEncoding::Utf16Le),
        [0xFE, 0xFF, ..] => Some(TextEncoding::Utf16Be),
        _ => None,
    }
}

/// The encoding of a whole file in memory (see [`EncodingSniffer`]).
pub fn detect_encoding(bytes: &[u8]) -> TextEncoding {
    let mut s = EncodingSniffer::new();
    s.feed(bytes);
    s.finish()
}

/// Reads a file's text as UTF-8, whatever its encoding, a chunk at a time;
/// a byte-order mark is dropped. Bytes that are not text in the encoding
/// (a UTF-16 file cut in the middle of a letter, say) are an
/// [`io::ErrorKind::InvalidData`] error, never replaced silently.
pub struct DecodeReader<R> {
    inner: R,
    decoder: encoding_rs::Decoder,
    input: Vec<u8>,
    /// `input[start..end]` is read but not yet decoded.
    start: usize,
    end: usize,
    output: Vec<u8>,
    /// `output[pos..len]` is decoded but not yet handed out.
    pos: usize,
    len: usize,
    eof: bool,
    done: bool,
}

impl<R: Read> DecodeReader<R> {
    pub fn new(inner: R, encoding: TextEncoding) -> DecodeReader<R> {
        DecodeReader {
            inner,
            decoder: encoding.encoding().new_decoder_with_bom_removal(),
            input: vec![0; 64 * 1024],
            start: 0,
            end: 0,
            output: vec![0; 3 * 64 * 1024 + 16],
            pos: 0,
            len: 0,
            eof: false,
            done: false,
        }
    }
}

impl<R: Read> Read for DecodeReader<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        while self.pos == self.len && !self.done {
            if self.start == self.end && !self.eof {
                self.start = 0;
                self.end = self.inner.read(&mut self.input)?;
                self.eof = self.end == 0;
            }
            let (result, read, written) = self.decoder.decode_to_utf8_without_replacement(
                &self.input[self.start..self.end],
                &mut self.output,
                self.eof,
            );
            self.start += read;
            self.pos = 0;
            self.len = written;
            match result {
                encoding_rs::DecoderResult::Malformed(_, _) => {
                    return Err(io::Error::new(
                        io::ErrorKind::InvalidData,
                        "bytes that are not text in the file's encoding",
                    ))
                }
                encoding_rs::DecoderResult::InputEmpty => self.done = self.eof,
                encoding_rs::DecoderResult::OutputFull => {}
            }
        }
        let n = buf.len().min(self.len - self.pos);
        buf[..n].copy_from_slice(&self.output[self.pos..self.pos + n]);
        self.pos += n;
        Ok(n)
    }
}

/// The beginning of a file as text, to look at (its delimiter, a preview):
/// undecodable bytes become U+FFFD here, and a letter cut at the end is
/// dropped.
pub fn decode_head(bytes: &[u8], encoding: TextEncoding) -> String {
    let mut d = encoding.encoding().new_decoder_with_bom_removal();
    let mut out = String::with_capacity(bytes.len() + 16);
    let cap = d
        .max_utf8_buffer_length(bytes.len())
        .unwrap_or(bytes.len() * 3);
    out.reserve(cap);
    let _ = d.decode_to_string(bytes, &mut out, false);
    out
}

/// The delimiter of a CSV file, from its first line: a comma, a semicolon
/// (what Excel writes where the comma is the decimal sign) or a tab,
/// whichever the line holds most of outside quotes; a comma when none.
pub fn delimiter(head: &str) -> u8 {
    let line = head.lines().next().unwrap_or("");
    let (mut quoted, mut counts) = (false, [0usize; 3]);
    for c in line.chars() {
        match c {
            '"' => quoted = !quoted,
            ',' if !quoted => counts[0] += 1,
            ';' if !quoted => counts[1] += 1,
            '\t' if !quoted => counts[2] += 1,
            _ => {}
        }
    }
    let best = (0..3).max_by_key(|&i| (counts[i], 3 - i)).unwrap_or(0);
    if counts[best] == 0 {
        b','
    } else {
        [b',', b';', b'\t'][best]
    }
}

/// Whether text is something a person wrote: no control characters but
/// line breaks and tabs. A binary file read as text is not.
pub fn is_readable(s: &str) -> bool {
    !s.chars()
        .any(|c| c.is_control() && !matches!(c, '\n' | '\r' | '\t'))
}

/// One record of a file, with the line it starts on (1 is the header).
#[derive(Debug, Clone, PartialEq)]
pub struct Record {
    pub line: u64,
    pub fields: csv::StringRecord,
}

impl Record {
    /// Whether every field is empty (the `;;;;` rows Excel leaves at the
    /// end of a sheet): skipped, neither kept nor refused.
    pub fn is_blank(&self) -> bool {
        self.fields.iter().all(|f| f.trim().is_empty())
    }
}

/// The records of a CSV file, read as they are needed: a million rows
/// never sit in memory at once.
pub struct CsvRecords<R: Read> {
    reader: csv::Reader<LineEnds<DecodeReader<R>>>,
}

/// Reads `\r\n` as `\n`: the csv crate counts the lines of a file with
/// Windows line ends one short after the first record.
pub struct LineEnds<R> {
    inner: R,
    /// A `\r` at the end of the last read, not yet known to start a `\r\n`.
    held_cr: bool,
}

impl<R: Read> Read for LineEnds<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        if buf.len() < 2 {
            return self.inner.read(buf);
        }
        loop {
            let start = usize::from(self.held_cr);
            if self.held_cr {
                buf[0] = b'\r';
            }
            let n = self.inner.read(&mut buf[start..])?;
            if n == 0 {
                self.held_cr = false;
                return Ok(start);
            }
            let end = start + n;
            let (mut w, mut r) = (0, 0);
            while r < end {
                if buf[r] == b'\r' && r + 1 < end && buf[r + 1] == b'\n' {
                    r += 1;
                    continue;
                }
                buf[w] = buf[r];
                w += 1;
                r += 1;
            }
            // A `\r` last: held back until the next byte is known.
            self.held_cr = w > 0 && buf[w - 1] == b'\r';
            if self.held_cr {
                w -= 1;
            }
            if w > 0 {
                return Ok(w);
            }
        }
    }
}

impl<R: Read> CsvRecords<R> {
    /// `bytes` in `encoding`, fields separated by `delimiter`.
    pub fn new(bytes: R, encoding: TextEncoding, delimiter: u8) -> CsvRecords<R> {
        let reader = csv::ReaderBuilder::new()
            .delimiter(delimiter)
            .has_headers(false)
            .flexible(true)
            .buffer_capacity(256 * 1024)
            .from_reader(LineEnds {
                inner: DecodeReader::new(bytes, encoding),
                held_cr: false,
            });
        CsvRecords { reader }
    }
}

impl<R: Read> Iterator for CsvRecords<R> {
    type Item = Result<Record, RuleError>;

    fn next(&mut self) -> Option<Self::Item> {
        let mut fields = csv::StringRecord::new();
        match self.reader.read_record(&mut fields) {
            Ok(false) => None,
            Ok(true) => Some(Ok(Record {
                line: fields.position().map_or(0, |p| p.line()),
                fields,
            })),
            // The decoder found bytes that are not text: the whole file is
            // refused (where exactly is not known: csv reads ahead).
            Err(_) => Some(Err(RuleError::invalid(
                "file",
                Msg::new("feedback-import-undecodable"),
            ))),
        }
    }
}

// ---- which column says what ---------------------------------------------------

/// The columns an import reads, by their position (0 is the first).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Columns {
    pub date: usize,
    /// The moment (touchpoint) the answer is about: a column of titles, or
    /// one note for every row (a file of one touchpoint's reviews).
    pub moment: Source,
    /// The branch: a column of names, or one branch for every row.
    pub branch: Option<Source>,
    pub rating: usize,
    pub comment: Option<usize>,
    /// The survey tool's own id of the answer: when mapped, a row is the
    /// same row whenever it carries the same id.
    pub external_id: Option<usize>,
}

/// Where each row's moment or branch comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Source {
    /// The file's column of this index, by title or name.
    Column(usize),
    /// This one, for every row.
    Every(Id),
}

impl Source {
    fn column(self) -> Option<usize> {
        match self {
            Source::Column(i) => Some(i),
            Source::Every(_) => None,
        }
    }
}

/// The columns a header seems to name, by words English, German and
/// Arabic exports use, and how the file seems to write its ratings and
/// dates; a guess for the owner to confirm.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Guess {
    pub date: Option<usize>,
    pub moment: Option<usize>,
    pub branch: Option<usize>,
    pub rating: Option<usize>,
    pub comment: Option<usize>,
    pub external_id: Option<usize>,
    /// The scale the rating column's first values fit ([`Scale::key`]).
    pub scale: Option<&'static str>,
    /// How its dates are written, where the first ones tell.
    pub date_order: Option<DateOrder>,
}

/// Guesses which column is which from a header's names: a header with one
/// of the words as a word of its own, or its plural (`Review text`,
/// `Comments`, `Kommentare`), before one that only holds it (`Reviewer`);
/// the answer's own id (`Response ID`, `Feedback-ID`) is none of the others.
pub fn guess_columns(header: &[String]) -> Guess {
    let headers: Vec<String> = header.iter().map(|h| h.trim().to_lowercase()).collect();
    let external_id = headers
        .iter()
        .position(|h| h == "id" || h.ends_with(" id") || h.ends_with("_id") || h.ends_with("-id"));
    let candidates = || {
        headers
            .iter()
            .enumerate()
            .filter(move |(i, _)| Some(*i) != external_id)
    };
    let find = |words: &[&str]| {
        let word = |part: &str| {
            words.iter().any(|w| {
                part.strip_prefix(w)
                    .is_some_and(|rest| ["", "s", "e", "en"].contains(&rest))
            })
        };
        let whole = candidates()
            .find(|(_, h)| h.split(|c: char| !c.is_alphanumeric()).any(word))
            .map(|(i, _)| i);
        whole.or_else(|| {
            candidates()
                .find(|(_, h)| words.iter().any(|w| h.contains(w)))
                .map(|(i, _)| i)
        })
    };
    Guess {
        date: find(&[
            "date",
            "datum",
            "time",
            "zeit",
            "created",
            "submitted",
            "published",
            "posted",
            "timestamp",
            "تاريخ",
            "التاريخ",
            "الوقت",
        ]),
        moment: find(&[
            "moment",
            "touchpoint",
            "touch point",
            "question",
            "frage",
            "kontaktpunkt",
            "لحظة",
            "اللحظة",
            "السؤال",
        ]),
        branch: find(&[
            "branch",
            "filiale",
            "location",
            "store",
            "shop",
            "standort",
            "فرع",
            "الفرع",
        ]),
        rating: find(&[
            "rating",
            "stars",
            "score",
            "bewertung",
            "sterne",
            "nps",
            "verdict",
            "تقييم",
            "التقييم",
            "النجوم",
        ]),
        comment: find(&[
            "comment",
            "kommentar",
            "review",
            "text",
            "feedback",
            "تعليق",
            "التعليق",
            "ملاحظات",
        ]),
        external_id,
        scale: None,
        date_order: None,
    }
}

/// Guesses from a file's first values which scale its ratings are on (all
/// numbers from 1 to 5: stars; from 0 to 10 with one over 5: 0–10;
/// all worse, as expected or better: the words; other texts: the owner's
/// table) and how it writes dates with slashes (month first when a date
/// reads only that way, as 11/30/2026 does, and none only day first; day
/// first the other way round).
pub fn guess_reading<'a>(
    guess: &mut Guess,
    dates: impl IntoIterator<Item = &'a str>,
    ratings: impl IntoIterator<Item = &'a str>,
) {
    // No rating written ("n/a", "-") tells nothing of the scale.
    let ratings: Vec<&str> = ratings
        .into_iter()
        .map(str::trim)
        .filter(|r| !r.is_empty() && !["n/a", "na", "-", "–", "—"].contains(&&*r.to_lowercase()))
        .collect();
    let numbers: Option<Vec<f64>> = ratings.iter().map(|r| number(r)).collect();
    guess.scale = match numbers {
        _ if ratings.is_empty() => None,
        Some(n) if n.iter().all(|v| (1.0..=5.0).contains(v)) => Some(Scale::Stars.key()),
        // A 0 alone does not make 0–10 (a 0–5 scale has one too).
        Some(n) if n.iter().all(|v| (0.0..=10.0).contains(v)) && n.iter().any(|v| *v > 5.0) => {
            Some(Scale::ZeroToTen.key())
        }
        Some(_) => None,
        None if ratings.iter().all(|r| Scale::Words.verdict(r).is_some()) => {
            Some(Scale::Words.key())
        }
        None => Some(Scale::Table(Vec::new()).key()),
    };
    // A date read one way only says which (read both ways alike, or
    // neither, it says nothing).
    let (mut day_first, mut month_first) = (false, false);
    for d in dates {
        let day = parse_when(d, DateOrder::DayFirst).map(|(date, _)| date);
        let month = parse_when(d, DateOrder::MonthFirst).map(|(date, _)| date);
        match (day, month) {
            (Some(_), None) => day_first = true,
            (None, Some(_)) => month_first = true,
            _ => {}
        }
    }
    guess.date_order = match (day_first, month_first) {
        (true, false) => Some(DateOrder::DayFirst),
        (false, true) => Some(DateOrder::MonthFirst),
        _ => None,
    };
}

/// Whether a rating is written as a number (`4`, `4.5`, `4,5`).
pub fn is_number(rating: &str) -> bool {
    number(rating.trim()).is_some()
}

/// How a file's ratings become a customer's verdict.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Scale {
    /// 1–5 stars: 1–2 worse, 3 as expected, 4–5 better.
    Stars,
    /// 0–10 ("how likely are you to recommend us"): 0–6 worse, 7–8 as
    /// expected, 9–10 better.
    ZeroToTen,
    /// The words themselves: worse, as expected, better (or their keys).
    Words,
    /// The owner's own table of texts and verdicts (compared whatever
    /// their case and surrounding spaces).
    Table(Vec<(String, Verdict)>),
}

impl Scale {
    /// The key in forms (`text` for an owner's table).
    pub fn key(&self) -> &'static str {
        match self {
            Scale::Stars => "stars",
            Scale::ZeroToTen => "zero_to_ten",
            Scale::Words => "words",
            Scale::Table(_) => "text",
        }
    }

    /// The verdict a rating means, if the scale covers it.
    pub fn verdict(&self, rating: &str) -> Option<Verdict> {
        let r = rating.trim();
        match self {
            // Half stars (4.5, or 4,5 as German tools write it) and
            // decimal scores are between their neighbours: under 3 stars
            // worse, over 3 better; under 7 of 10 worse, from 9 better.
            Scale::Stars => match number(r)? {
                v if !(1.0..=5.0).contains(&v) => None,
                v if v < 3.0 => Some(Verdict::Worse),
                3.0 => Some(Verdict::AsExpected),
                _ => Some(Verdict::Better),
            },
            Scale::ZeroToTen => match number(r)? {
                v if !(0.0..=10.0).contains(&v) => None,
                v if v < 7.0 => Some(Verdict::Worse),
                v if v < 9.0 => Some(Verdict::AsExpected),
                _ => Some(Verdict::Better),
            },
            Scale::Words => {
                let w = r.to_lowercase().replace(['_', '-'], " ");
                match w.split_whitespace().collect::<Vec<_>>().join(" ").as_str() {
                    "worse" => Some(Verdict::Worse),
                    "as expected" => Some(Verdict::AsExpected),
                    "better" => Some(Verdict::Better),
                    _ => None,
                }
            }
            Scale::Table(rows) => {
                let r = r.to_lowercase();
                rows.iter()
                    .find(|(text, _)| text.trim().to_lowercase() == r)
                    .map(|(_, v)| *v)
            }
        }
    }
}

/// An owner's table of rating texts, one `text = verdict` a line; the
/// verdict is its key (`worse`, `as_expected`, `better`) or one of `words`
/// (the verdicts in the owner's language). Empty lines are skipped.
pub fn scale_table(text: &str, words: &[(&str, Verdict)]) -> Result<Scale, RuleError> {
    let bad = |line: usize| {
        RuleError::invalid(
            "scale",
            Msg::new("feedback-import-bad-table-line").arg("line", line),
        )
    };
    let mut rows: Vec<(String, Verdict)> = Vec::new();
    for (i, line) in text.lines().enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        let (rating, verdict) = line.rsplit_once('=').ok_or_else(|| bad(i + 1))?;
        let (rating, verdict) = (rating.trim(), label(verdict));
        if rating.is_empty() || !is_readable(rating) {
            return Err(bad(i + 1));
        }
        let verdict = Verdict::from_key(&verdict.replace(' ', "_"))
            .or_else(|| {
                words
                    .iter()
                    .find(|(w, _)| label(w) == verdict)
                    .map(|(_, v)| *v)
            })
            .ok_or_else(|| bad(i + 1))?;
        if !rows.iter().any(|(r, _)| label(r) == label(rating)) {
            rows.push((rating.to_string(), verdict));
        }
    }
    if rows.len() > ImportLimits::SCALE_WORDS {
        return Err(RuleError::invalid(
            "scale",
            Msg::new("feedback-import-long-table").arg("max", ImportLimits::SCALE_WORDS),
        ));
    }
    Ok(Scale::Table(rows))
}

/// A whole number as spreadsheets write it: `4`, `4.0`, `4,0`.
/// A rating written as a number: digits, with a decimal point or comma.
fn number(s: &str) -> Option<f64> {
    let digits = |d: &str| !d.is_empty() && d.chars().all(|c| c.is_ascii_digit());
    let (int, frac) = s.split_once(['.', ',']).unwrap_or((s, "0"));
    if !digits(int) || !digits(frac) {
        return None;
    }
    format!("{int}.{frac}").parse().ok()
}

/// How dates written with slashes are read: 03/04/2025 is the 3rd of April
/// (day first) or the 4th of March (month first). ISO dates
/// (2025-04-03) and German ones (03.04.2025) are read either way.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum DateOrder {
    #[default]
    DayFirst,
    MonthFirst,
}

impl DateOrder {
    pub fn key(self) -> &'static str {
        match self {
            DateOrder::DayFirst => "day_first",
            DateOrder::MonthFirst => "month_first",
        }
    }

    pub fn from_key(key: &str) -> Option<DateOrder> {
        [DateOrder::DayFirst, DateOrder::MonthFirst]
            .into_iter()
            .find(|d| d.key() == key)
    }
}

/// Reads a date (and a time of day, if written) as milliseconds since the
/// epoch (UTC): `2025-04-03`, `2025-04-03 14:05`, `2025-04-03T14:05:09Z`,
/// `03.04.2025 14:05`, `03/04/2025`, `2025/04/03`.
pub fn parse_when(value: &str, order: DateOrder) -> Option<(Date, i64)> {
    let v = value.trim();
    if let Some(when) = excel_serial(v) {
        return Some(when);
    }
    let (date, time) = match v.split_once(['T', ' ']) {
        Some((d, t)) => (d, t.trim()),
        None => (v, ""),
    };
    let nums: Vec<&str> = date.split(['-', '.', '/']).collect();
    if nums.len() != 3 || nums.iter().any(|n| n.is_empty() || n.len() > 4) {
        return None;
    }
    let n = |s: &str| s.parse::<u32>().ok();
    let (y, m, d) = if nums[0].len() == 4 {
        (n(nums[0])?, n(nums[1])?, n(nums[2])?)
    } else if nums[2].len() == 4 {
        let (a, b) = (n(nums[0])?, n(nums[1])?);
        let slash = date.contains('/');
        if slash && order == DateOrder::MonthFirst {
            (n(nums[2])?, a, b)
        } else {
            (n(nums[2])?, b, a)
        }
    } else {
        return None;
    };
    let month = Month::try_from(u8::try_from(m).ok()?).ok()?;
    let date =
        Date::from_calendar_date(i32::try_from(y).ok()?, month, u8::try_from(d).ok()?).ok()?;
    let mut ms = day_number(date) * 86_400_000;
    if !time.is_empty() {
        // The time of day, to the second; a zone or fraction after it is
        // left aside (the roll-ups count days).
        let clock: String = time
            .chars()
            .take_while(|c| c.is_ascii_digit() || *c == ':')
            .collect();
        let parts: Vec<&str> = clock.split(':').collect();
        if parts.len() < 2 || parts.len() > 3 {
            return None;
        }
        let (h, mi) = (n(parts[0])?, n(parts[1])?);
        let s = parts.get(2).map_or(Some(0), |s| n(s))?;
        if h > 23 || mi > 59 || s > 59 {
            return None;
        }
        ms += i64::from(h * 3600 + mi * 60 + s) * 1000;
    }
    Some((date, ms))
}

/// A date as Excel keeps it, shown as a number when a cell lost its date
/// format: days since 1899-12-30, the time of day as the fraction. Only
/// from 1970 to 9999, so a number in a column mapped wrongly (a rating,
/// an id) is not read as a date.
fn excel_serial(v: &str) -> Option<(Date, i64)> {
    /// 1970-01-01's serial.
    const EPOCH: f64 = 25_569.0;
    let n = number(v)?;
    if !(EPOCH..2_958_466.0).contains(&n) {
        return None;
    }
    let day = n.floor() as i64 - EPOCH as i64;
    let ms = (n.fract() * 86_400_000.0).round() as i64;
    Some((crate::feedback::trend::date_of(day), day * 86_400_000 + ms))
}

/// What an import reads and how.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Mapping {
    pub columns: Columns,
    pub scale: Scale,
    pub date_order: DateOrder,
}

/// A row to keep: one customer's answer about one moment.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImportRow {
    pub moment_id: Id,
    /// `None`: no branch named (the points that ask every branch).
    pub branch_id: Option<Id>,
    pub verdict: Verdict,
    pub comment: String,
    /// Days since 1970-01-01.
    pub day: i64,
    /// Milliseconds since the epoch (midnight UTC when no time was given).
    pub at: i64,
    /// The same for the same row of the same file, read again.
    pub key: ImportKey,
}

/// What makes an imported row the same answer when its file is read again:
/// 64 bits of the SHA-256 of the file's own id of the answer, or of the
/// row's content (its fingerprint). Two identical answers on one day are
/// two answers: the import numbers the occurrences of a fingerprint in the
/// file (1, 2, …), so both are kept, and each once on a re-import; the
/// same external id twice about one moment is one answer (a survey tool's
/// long export repeats a response's id on each touchpoint's row).
///
/// 64 bits keep the store's index of keys small enough to stay in memory
/// while a million rows go in; two different rows of one workspace share
/// a key with a chance of about 3 in a million at ten million imported
/// answers (the birthday bound, n² / 2⁶⁵).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct ImportKey {
    pub hash: i64,
    /// Whether twins are numbered (a fingerprint) or one (an external id).
    pub numbered: bool,
}

impl ImportKey {
    /// The key of a file's own id of an answer.
    pub fn external(id: &str) -> ImportKey {
        ImportKey {
            hash: hash64(Sha256::digest(format!("x:{id}").as_bytes()).as_slice()),
            numbered: false,
        }
    }

    /// The key of a row's content: each part, then a separator.
    pub fn fingerprint(parts: &[&str]) -> ImportKey {
        let mut h = Sha256::new();
        for part in parts {
            h.update(part.as_bytes());
            h.update([0x1f]);
        }
        ImportKey {
            hash: hash64(h.finalize().as_slice()),
            numbered: true,
        }
    }

    /// The key and number of an answer imported before keys were numbers,
    /// from the text it kept: `x:` and the external id, or `f:`, the first
    /// 16 bytes of the fingerprint in hex, and the occurrence (`f:…:2`).
    /// The same as [`ImportKey::external`] and [`ImportKey::fingerprint`]
    /// give for the same row today, so a file imported before is still
    /// recognised.
    pub fn from_text(key: &str) -> Option<(i64, i64)> {
        if let Some(id) = key.strip_prefix("x:") {
            return Some((ImportKey::external(id).hash, 0));
        }
        let (hex, n) = key.strip_prefix("f:")?.split_once(':')?;
        let bytes = hex::decode(hex.get(..16)?).ok()?;
        Some((hash64(&bytes), n.parse().ok()?))
    }
}

/// The first 8 bytes of a digest, as a signed number (the databases'
/// integers are signed).
fn hash64(digest: &[u8]) -> i64 {
    let mut b = [0u8; 8];
    b.copy_from_slice(&digest[..8]);
    i64::from_be_bytes(b)
}

/// A row not kept, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Refusal {
    pub line: u64,
    pub msg: Msg,
}

/// Turns records into rows: the mapping, the journey's moments and the
/// business's branches by name, and today.
pub struct Importer {
    mapping: Mapping,
    header: Vec<String>,
    /// The notes by their title whatever its case: each note so called,
    /// with its title as written.
    moments: HashMap<String, Vec<(String, Id)>>,
    branches: HashMap<String, Id>,
    /// The last day a row may carry: tomorrow (UTC), a day's grace for
    /// places ahead of UTC.
    last_day: i64,
}

fn label(s: &str) -> String {
    spaced(s).to_lowercase()
}

/// `s` with its runs of spaces as one, and none around it.
fn spaced(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

impl Importer {
    /// Checks the mapping against the file's header: every column it
    /// names exists and is named once.
    pub fn new(
        mapping: Mapping,
        header: &[String],
        moments: &[(Id, String)],
        branches: &[(Id, String)],
        today: Date,
    ) -> Result<Importer, RuleError> {
        let c = &mapping.columns;
        let named: Vec<usize> = [Some(c.date), c.moment.column(), Some(c.rating)]
            .into_iter()
            .chain([c.branch.and_then(Source::column), c.comment, c.external_id])
            .flatten()
            .collect();
        if named.iter().any(|&i| i >= header.len()) {
            return Err(RuleError::invalid(
                "columns",
                Msg::new("feedback-import-no-such-column"),
            ));
        }
        for (k, i) in named.iter().enumerate() {
            if named[..k].contains(i) {
                return Err(RuleError::invalid(
                    "columns",
                    Msg::new("feedback-import-column-twice")
                        .arg("column", header[*i].trim().to_string()),
                ));
            }
        }
        // A note or branch for every row is one of this journey's.
        if let Source::Every(id) = c.moment {
            if !moments.iter().any(|(m, _)| *m == id) {
                return Err(RuleError::invalid(
                    "columns",
                    Msg::new("feedback-import-every-gone"),
                ));
            }
        }
        if let Some(Source::Every(id)) = c.branch {
            if !branches.iter().any(|(b, _)| *b == id) {
                return Err(RuleError::invalid(
                    "columns",
                    Msg::new("feedback-import-every-gone"),
                ));
            }
        }
        if let Scale::Table(rows) = &mapping.scale {
            if rows.is_empty() {
                return Err(RuleError::invalid(
                    "scale",
                    Msg::new("feedback-import-empty-table"),
                ));
            }
        }
        Ok(Importer {
            mapping,
            header: header.to_vec(),
            moments: moments.iter().fold(HashMap::new(), |mut by, (id, t)| {
                by.entry(label(t))
                    .or_insert_with(Vec::new)
                    .push((spaced(t), *id));
                by
            }),
            branches: branches.iter().map(|(id, n)| (label(n), *id)).collect(),
            last_day: day_number(today) + 1,
        })
    }

    /// The file's header, as the importer was made with it.
    pub fn header(&self) -> &[String] {
        &self.header
    }

    /// The note a row's title names, or why there is none.
    fn moment_named(&self, m: &str) -> Result<Id, Msg> {
        let quoted = || {
            m.trim()
                .chars()
                .take(ImportLimits::QUOTED)
                .collect::<String>()
        };
        if m.trim().is_empty() {
            return Err(Msg::new("feedback-import-no-moment"));
        }
        match self.moments.get(&label(m)).map(Vec::as_slice) {
            None => Err(Msg::new("feedback-import-unknown-moment").arg("value", quoted())),
            Some([(_, id)]) => Ok(*id),
            // Notes whose titles differ by case only: the one written as
            // the row writes it, if it is one; never a guess.
            Some(same) => match same
                .iter()
                .filter(|(t, _)| *t == spaced(m))
                .collect::<Vec<_>>()[..]
            {
                [(_, id)] => Ok(*id),
                _ => Err(Msg::new("feedback-import-moment-twice")
                    .arg("value", quoted())
                    .arg("count", same.len() as i64)),
            },
        }
    }

    /// The row a record stands for, or why it is refused.
    pub fn row(&self, r: &Record) -> Result<ImportRow, Refusal> {
        let refuse = |msg: Msg| Refusal { line: r.line, msg };
        let c = &self.mapping.columns;
        let get = |i: usize| -> Result<&str, Refusal> {
            let v = r.fields.get(i).ok_or_else(|| {
                refuse(
                    Msg::new("feedback-import-missing-column")
                        .arg("column", self.header[i].trim().to_string()),
                )
            })?;
            if is_readable(v) {
                Ok(v)
            } else {
                Err(refuse(Msg::new("feedback-import-unreadable")))
            }
        };
        let quoted = |s: &str| {
            s.trim()
                .chars()
                .take(ImportLimits::QUOTED)
                .collect::<String>()
        };

        let when = get(c.date)?;
        let (date, at) = parse_when(when, self.mapping.date_order).ok_or_else(|| {
            refuse(Msg::new("feedback-import-bad-date").arg("value", quoted(when)))
        })?;
        let day = day_number(date);
        if day > self.last_day {
            return Err(refuse(
                Msg::new("feedback-import-future-date").arg("value", quoted(when)),
            ));
        }

        let moment_id = match c.moment {
            Source::Every(id) => id,
            Source::Column(i) => self.moment_named(get(i)?).map_err(refuse)?,
        };

        let branch_id = match c.branch {
            None => None,
            Some(Source::Every(id)) => Some(id),
            Some(Source::Column(i)) => {
                let b = get(i)?;
                if b.trim().is_empty() {
                    None
                } else {
                    Some(*self.branches.get(&label(b)).ok_or_else(|| {
                        refuse(Msg::new("feedback-import-unknown-branch").arg("value", quoted(b)))
                    })?)
                }
            }
        };

        let rating = get(c.rating)?;
        let verdict = self.mapping.scale.verdict(rating).ok_or_else(|| {
            if rating.trim().is_empty() {
                refuse(Msg::new("feedback-import-no-rating"))
            } else {
                refuse(Msg::new("feedback-import-bad-rating").arg("value", quoted(rating)))
            }
        })?;

        let comment = match c.comment {
            None => String::new(),
            Some(i) => {
                let raw = get(i)?;
                text::optional_text("comment", raw, FeedbackLimits::COMMENT).map_err(|_| {
                    refuse(
                        Msg::new("feedback-import-long-comment")
                            .arg("length", raw.trim().chars().count())
                            .arg("limit", FeedbackLimits::COMMENT),
                    )
                })?
            }
        };

        let external = match c.external_id {
            None => None,
            Some(i) => {
                let x = get(i)?.trim();
                if x.chars().count() > ImportLimits::EXTERNAL_ID {
                    return Err(refuse(
                        Msg::new("feedback-import-long-id").arg("limit", ImportLimits::EXTERNAL_ID),
                    ));
                }
                (!x.is_empty()).then(|| x.to_string())
            }
        };

        let key = match external {
            Some(x) => ImportKey::external(&x),
            None => ImportKey::fingerprint(&[
                &at.to_string(),
                &moment_id.to_string(),
                &branch_id.unwrap_or(0).to_string(),
                rating.trim(),
                &comment,
            ]),
        };

        Ok(ImportRow {
            moment_id,
            branch_id,
            verdict,
            comment,
            day,
            at,
            key,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::date;

    fn read_all(bytes: &[u8], enc: TextEncoding) -> io::Result<String> {
        let mut s = String::new();
        DecodeReader::new(bytes, enc).read_to_string(&mut s)?;
        Ok(s)
    }

    #[test]
    fn encodings_are_told_by_their_mark_else_by_whether_every_byte_is_utf8() {
        assert_eq!(detect_encoding(b"\xEF\xBB\xBFa;b"), TextEncoding::Utf8);
        assert_eq!(
            detect_encoding("caf\u{e9};b".as_bytes()),
            TextEncoding::Utf8
        );
        assert_eq!(detect_encoding(b"\xFF\xFEa\0"), TextEncoding::Utf16Le);
        assert_eq!(detect_encoding(b"\xFE\xFF\0a"), TextEncoding::Utf16Be);
        // "café €5" as Excel on Windows writes it.
        assert_eq!(detect_encoding(b"caf\xE9 \x805"), TextEncoding::Windows1252);
        // UTF-8 with a stray byte is UTF-8 (its reading then refuses the
        // file), not Windows-1252 read as garbled letters; Windows-1252
        // with a pair that happens to be UTF-8 is still Windows-1252.
        let mut utf8 = "naïve café — Müller\n".as_bytes().to_vec();
        utf8.push(0xE9);
        assert_eq!(detect_encoding(&utf8), TextEncoding::Utf8);
        assert_eq!(
            detect_encoding(b"Stra\xDFe, caf\xE9, \xC3\xA9t\xE9, na\xEFve"),
            TextEncoding::Windows1252
        );
        // A UTF-8 letter split across two chunks is still UTF-8 …
        let mut s = EncodingSniffer::new();
        s.feed(b"caf\xC3");
        s.feed(b"\xA9");
        assert_eq!(s.finish(), TextEncoding::Utf8);
        // … but one cut off at the end of the file is not.
        let mut s = EncodingSniffer::new();
        s.feed(b"caf\xC3");
        assert_eq!(s.finish(), TextEncoding::Windows1252);
        // The mark split across chunks is seen too.
        let mut s = EncodingSniffer::new();
        s.feed(b"\xFF");
        s.feed(b"\xFEa\0");
        assert_eq!(s.finish(), TextEncoding::Utf16Le);
    }

    #[test]
    fn every_encoding_reads_as_the_same_text_without_its_mark() {
        let text = "Datum;Kommentar\n2025-01-02;Café, 5 €\n";
        let mut le = vec![0xFF, 0xFE];
        let mut be = vec![0xFE, 0xFF];
        for u in text.encode_utf16() {
            le.extend_from_slice(&u.to_le_bytes());
            be.extend_from_slice(&u.to_be_bytes());
        }
        let (cp1252, _, bad) = encoding_rs::WINDOWS_1252.encode(text);
        assert!(!bad);
        let mut bom8 = b"\xEF\xBB\xBF".to_vec();
        bom8.extend_from_slice(text.as_bytes());
        for (bytes, enc) in [
            (text.as_bytes().to_vec(), TextEncoding::Utf8),
            (bom8, TextEncoding::Utf8),
            (le, TextEncoding::Utf16Le),
            (be, TextEncoding::Utf16Be),
            (cp1252.into_owned(), TextEncoding::Windows1252),
        ] {
            assert_eq!(detect_encoding(&bytes), enc);
            assert_eq!(read_all(&bytes, enc).unwrap(), text, "{enc:?}");
        }
    }

    #[test]
    fn a_long_file_decodes_across_chunks() {
        let line = "2025-01-02;Ünïcödé ✓ comment\n";
        let text = line.repeat(20_000);
        let mut le = vec![0xFF, 0xFE];
        for u in text.encode_utf16() {
            le.extend_from_slice(&u.to_le_bytes());
        }
        assert_eq!(read_all(&le, TextEncoding::Utf16Le).unwrap(), text);
    }

    #[test]
    fn text_that_is_not_text_in_its_encoding_is_an_error_not_a_replacement() {
        // A UTF-16 file with an unpaired surrogate.
        let bad = [0xFF, 0xFE, b'a', 0, 0x00, 0xD8, b'b', 0];
        assert!(read_all(&bad, TextEncoding::Utf16Le).is_err());
        // Read as UTF-8, a Windows-1252 byte is refused.
        assert!(read_all(b"caf\xE9", TextEncoding::Utf8).is_err());
        let recs = CsvRecords::new(&b"a,b\nc,caf\xE9\n"[..], TextEncoding::Utf8, b',');
        let err = recs.filter_map(Result::err).next().expect("an error");
        assert_eq!(err.msg().key, "feedback-import-undecodable");
    }

    #[test]
    fn the_delimiter_is_what_the_header_holds_most_of_outside_quotes() {
        assert_eq!(delimiter("date,moment,rating\n1;2;3;4;5"), b',');
        assert_eq!(delimiter("Datum;Moment;Bewertung"), b';');
        assert_eq!(delimiter("\"a,b,c\";d;e"), b';');
        assert_eq!(delimiter("date\tmoment"), b'\t');
        assert_eq!(delimiter("date"), b',');
        assert_eq!(delimiter(""), b',');
    }

    #[test]
    fn records_carry_their_line_numbers_across_quoted_line_breaks() {
        let csv = "date;comment\r\n2025-01-02;\"two\r\nlines\"\r\n2025-01-03;x\r\n";
        let recs: Vec<Record> = CsvRecords::new(csv.as_bytes(), TextEncoding::Utf8, b';')
            .collect::<Result<_, _>>()
            .unwrap();
        assert_eq!(recs.len(), 3);
        assert_eq!(
            recs.iter().map(|r| r.line).collect::<Vec<_>>(),
            vec![1, 2, 4]
        );
        assert_eq!(&recs[1].fields[1], "two\nlines");
    }

    /// Gives one byte per read, as a slow upload might.
    struct Trickle<'a>(&'a [u8]);
    impl Read for Trickle<'_> {
        fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
            let Some((first, rest)) = self.0.split_first() else {
                return Ok(0);
            };
            buf[0] = *first;
            self.0 = rest;
            Ok(1)
        }
    }

    #[test]
    fn windows_line_ends_split_across_reads_become_one_line_break() {
        let mut out = String::new();
        LineEnds {
            inner: Trickle(b"a\r\nb\rc\r\n\r"),
            held_cr: false,
        }
        .read_to_string(&mut out)
        .unwrap();
        assert_eq!(out, "a\nb\rc\n\r");
    }

    #[test]
    fn scales_turn_ratings_into_verdicts_and_leave_the_rest_uncovered() {
        use Verdict::*;
        let stars: Vec<_> = ["1", "2,5", "3", "3.5", "5.0", "0", "6", "x", ""]
            .iter()
            .map(|r| Scale::Stars.verdict(r))
            .collect();
        assert_eq!(
            stars,
            vec![
                Some(Worse),
                Some(Worse),
                Some(AsExpected),
                Some(Better),
                Some(Better),
                None,
                None,
                None,
                None
            ]
        );
        let nps: Vec<_> = ["0", "6.5", "7", "8,5", "9", "10", "11", "-1", "1e1"]
            .iter()
            .map(|r| Scale::ZeroToTen.verdict(r))
            .collect();
        assert_eq!(
            nps,
            vec![
                Some(Worse),
                Some(Worse),
                Some(AsExpected),
                Some(AsExpected),
                Some(Better),
                Some(Better),
                None,
                None,
                None
            ]
        );
        assert_eq!(Scale::Words.verdict(" As  Expected "), Some(AsExpected));
        assert_eq!(Scale::Words.verdict("as_expected"), Some(AsExpected));
        assert_eq!(Scale::Words.verdict("BETTER"), Some(Better));
        assert_eq!(Scale::Words.verdict("good"), None);
        let table = Scale::Table(vec![
            ("Enttäuscht".into(), Worse),
            ("Zufrieden".into(), AsExpected),
            ("Begeistert".into(), Better),
        ]);
        assert_eq!(table.verdict(" zufrieden"), Some(AsExpected));
        assert_eq!(table.verdict("BEGEISTERT"), Some(Better));
        assert_eq!(table.verdict("ok"), None);
    }

    #[test]
    fn an_owners_table_maps_texts_by_key_or_by_the_words_of_their_language() {
        let words = [
            ("Schlechter", Verdict::Worse),
            ("Wie erwartet", Verdict::AsExpected),
            ("Besser", Verdict::Better),
        ];
        let t = scale_table(
            "Enttäuscht = schlechter\n\n Zufrieden=wie  erwartet\nBegeistert = better\nzufrieden = worse\n",
            &words,
        )
        .unwrap();
        assert_eq!(
            t,
            Scale::Table(vec![
                ("Enttäuscht".into(), Verdict::Worse),
                ("Zufrieden".into(), Verdict::AsExpected),
                ("Begeistert".into(), Verdict::Better),
            ])
        );
        assert_eq!(t.verdict("ZUFRIEDEN"), Some(Verdict::AsExpected));
        for bad in ["Zufrieden", "= better", "Zufrieden = great"] {
            let e = scale_table(&format!("A = worse\n{bad}"), &words).unwrap_err();
            assert_eq!(e.msg().key, "feedback-import-bad-table-line");
            assert_eq!(e.msg().args[0].1, crate::text::MsgArg::Int(2));
        }
        let many: String = (0..51).map(|i| format!("w{i} = worse\n")).collect();
        assert_eq!(
            scale_table(&many, &words).unwrap_err().msg().key,
            "feedback-import-long-table"
        );
    }

    #[test]
    fn dates_are_read_in_the_ways_exports_write_them() {
        let ms = |d: Date, h: i64, m: i64, s: i64| {
            day_number(d) * 86_400_000 + (h * 3600 + m * 60 + s) * 1000
        };
        let d = date!(2025 - 04 - 03);
        let day_first = DateOrder::DayFirst;
        assert_eq!(
            parse_when("2025-04-03", day_first),
            Some((d, ms(d, 0, 0, 0)))
        );
        assert_eq!(
            parse_when("2025-04-03T14:05:09Z", day_first),
            Some((d, ms(d, 14, 5, 9)))
        );
        assert_eq!(
            parse_when(" 03.04.2025 14:05 ", day_first),
            Some((d, ms(d, 14, 5, 0)))
        );
        assert_eq!(parse_when("03/04/2025", day_first).unwrap().0, d);
        assert_eq!(
            parse_when("04/03/2025", DateOrder::MonthFirst).unwrap().0,
            d
        );
        assert_eq!(
            parse_when("2025/04/03", DateOrder::MonthFirst).unwrap().0,
            d
        );
        // Excel's serial numbers, a cell that lost its date format.
        assert_eq!(
            parse_when("46000", day_first),
            Some((
                date!(2025 - 12 - 09),
                day_number(date!(2025 - 12 - 09)) * 86_400_000
            ))
        );
        assert_eq!(
            parse_when("46000.5", day_first).map(|(_, ms)| ms % 86_400_000),
            Some(12 * 3_600_000)
        );
        for bad in [
            "5",
            "25568",
            "",
            "yesterday",
            "2025-02-30",
            "2025-13-01",
            "3.4.25",
            "2025-04-03 25:00",
            "1/2/3/4",
        ] {
            assert_eq!(parse_when(bad, day_first), None, "{bad:?}");
        }
    }

    #[test]
    fn columns_are_guessed_from_english_german_and_arabic_headers() {
        let h = |s: &str| s.split(';').map(str::to_string).collect::<Vec<_>>();
        let g = guess_columns(&h(
            "Response ID;Datum;Filiale;Kontaktpunkt;Sterne;Kommentar",
        ));
        assert_eq!(
            g,
            Guess {
                date: Some(1),
                moment: Some(3),
                branch: Some(2),
                rating: Some(4),
                comment: Some(5),
                external_id: Some(0),
                ..Guess::default()
            }
        );
        assert_eq!(guess_columns(&h("a;b")), Guess::default());
        // A reviews export: its text before its reviewer, its publishing
        // day as the date; Arabic headers, with or without the article.
        let g = guess_columns(&h("Reviewer;Star rating;Review text;Published;Touchpoint"));
        assert_eq!(
            (g.comment, g.rating, g.date, g.moment),
            (Some(2), Some(1), Some(3), Some(4))
        );
        // Plurals are words too; the answer's own id is no comment.
        let g = guess_columns(&h("Datum;Filiale;Sterne;Kommentare;Feedback-ID"));
        assert_eq!((g.comment, g.external_id), (Some(3), Some(4)));
        let g = guess_columns(&h("Date,Store,Rating,Comments,Feedback type"
            .replace(',', ";")
            .as_str()));
        assert_eq!((g.comment, g.branch), (Some(3), Some(1)));
        let g = guess_columns(&h("Date of visit;Zeitstempel;Rating (1-5)"));
        assert_eq!((g.date, g.rating), (Some(0), Some(2)));
        let g = guess_columns(&h("التاريخ;اللحظة;فرع;التقييم;تعليق"));
        assert_eq!(
            (g.date, g.moment, g.branch, g.rating, g.comment),
            (Some(0), Some(1), Some(2), Some(3), Some(4))
        );
    }

    #[test]
    fn the_scale_and_the_date_order_are_guessed_from_the_first_values() {
        let guess = |dates: &[&str], ratings: &[&str]| {
            let mut g = Guess::default();
            guess_reading(&mut g, dates.iter().copied(), ratings.iter().copied());
            (g.scale, g.date_order)
        };
        let (stars, ten) = (Some("stars"), Some("zero_to_ten"));
        assert_eq!(guess(&[], &["5", "4,5", " 1 ", ""]).0, stars);
        assert_eq!(
            guess(&[], &["0", "4", "5"]).0,
            None,
            "a 0 is no star, nor 0–10 alone"
        );
        assert_eq!(guess(&[], &["8", "10", "6", "0"]).0, ten);
        assert_eq!(
            guess(&[], &["5", "n/a", "-", "4"]).0,
            stars,
            "no rating tells nothing"
        );
        assert_eq!(guess(&[], &["8", "11"]).0, None, "on no scale mot knows");
        assert_eq!(
            guess(&[], &["Worse", "as_expected", "BETTER"]).0,
            Some("words")
        );
        assert_eq!(guess(&[], &["Very good", "5"]).0, Some("text"));
        assert_eq!(guess(&[], &[]).0, None);
        let (day, month) = (Some(DateOrder::DayFirst), Some(DateOrder::MonthFirst));
        assert_eq!(guess(&["12/06/2026", "11/30/2026 14:02"], &[]).1, month);
        assert_eq!(guess(&["12/06/2026", "30/11/2026"], &[]).1, day);
        assert_eq!(
            guess(&["12/06/2026", "01/02/2026"], &[]).1,
            None,
            "either way"
        );
        assert_eq!(
            guess(&["30/11/2026", "11/30/2026"], &[]).1,
            None,
            "both ways"
        );
        assert_eq!(
            guess(&["2026/11/30", "30.11.2026", "2026-11-30"], &[]).1,
            None
        );
    }

    fn importer(columns: Columns, header: &str) -> Importer {
        let header: Vec<String> = header.split(',').map(str::to_string).collect();
        Importer::new(
            Mapping {
                columns,
                scale: Scale::Stars,
                date_order: DateOrder::DayFirst,
            },
            &header,
            &[(7, "Delivery day".into()), (8, "Ordering".into())],
            &[(3, "Berlin Mitte".into())],
            date!(2025 - 06 - 30),
        )
        .unwrap()
    }

    fn cols() -> Columns {
        Columns {
            date: 0,
            moment: Source::Column(1),
            branch: Some(Source::Column(2)),
            rating: 3,
            comment: Some(4),
            external_id: None,
        }
    }

    fn rec(line: u64, s: &str) -> Record {
        Record {
            line,
            fields: csv::StringRecord::from(s.split(',').collect::<Vec<_>>()),
        }
    }

    #[test]
    fn a_good_row_becomes_an_answer_of_its_moment_branch_and_day() {
        let imp = importer(cols(), "date,moment,branch,rating,comment");
        let row = imp
            .row(&rec(
                2,
                "2025-06-01 10:00, delivery  DAY ,berlin mitte,5,  On time  ",
            ))
            .unwrap();
        assert_eq!(row.moment_id, 7);
        assert_eq!(row.branch_id, Some(3));
        assert_eq!(row.verdict, Verdict::Better);
        assert_eq!(row.comment, "On time");
        assert_eq!(row.day, day_number(date!(2025 - 06 - 01)));
        assert_eq!(row.at, row.day * 86_400_000 + 10 * 3_600_000);
        assert!(row.key.numbered);
        // No branch named: the answer is of every branch.
        let row = imp.row(&rec(3, "2025-06-01,Ordering,,2,")).unwrap();
        assert_eq!((row.branch_id, row.verdict), (None, Verdict::Worse));
    }

    #[test]
    fn notes_called_alike_take_the_row_written_as_one_of_them_or_refuse_it() {
        let header: Vec<String> = "date,moment,branch,rating,comment"
            .split(',')
            .map(str::to_string)
            .collect();
        let mapping = Mapping {
            columns: cols(),
            scale: Scale::Stars,
            date_order: DateOrder::DayFirst,
        };
        let notes = [
            (7, "Delivery".to_string()),
            (8, "delivery".to_string()),
            (9, "Ordering".to_string()),
            (10, "Ordering".to_string()),
        ];
        let imp = Importer::new(mapping, &header, &notes, &[], date!(2025 - 06 - 30)).unwrap();
        let moment = |m: &str| {
            imp.row(&rec(2, &format!("2025-06-01,{m},,5,")))
                .map(|r| r.moment_id)
                .map_err(|r| r.msg.key)
        };
        assert_eq!(moment("Delivery"), Ok(7));
        assert_eq!(moment(" delivery "), Ok(8));
        assert_eq!(moment("DELIVERY"), Err("feedback-import-moment-twice"));
        assert_eq!(moment("Ordering"), Err("feedback-import-moment-twice"));
    }

    #[test]
    fn a_note_and_a_branch_may_be_the_same_for_every_row() {
        let columns = Columns {
            date: 0,
            moment: Source::Every(8),
            branch: Some(Source::Every(3)),
            rating: 1,
            comment: Some(2),
            external_id: None,
        };
        let imp = importer(columns.clone(), "date,stars,text");
        let row = imp.row(&rec(2, "2025-06-01,2,Slow")).unwrap();
        assert_eq!(
            (row.moment_id, row.branch_id, row.verdict),
            (8, Some(3), Verdict::Worse)
        );
        let header: Vec<String> = ["date", "stars", "text"].map(String::from).to_vec();
        for wrong in [
            Columns {
                moment: Source::Every(99),
                ..columns.clone()
            },
            Columns {
                branch: Some(Source::Every(99)),
                ..columns.clone()
            },
        ] {
            let mapping = Mapping {
                columns: wrong,
                scale: Scale::Stars,
                date_order: DateOrder::DayFirst,
            };
            let err = Importer::new(
                mapping,
                &header,
                &[(8, "Ordering".into())],
                &[(3, "Mitte".into())],
                date!(2025 - 06 - 30),
            )
            .map(|_| ())
            .unwrap_err();
            assert_eq!(err.msg().key, "feedback-import-every-gone");
        }
    }

    #[test]
    fn each_bad_row_is_refused_with_its_line_and_reason() {
        let imp = importer(cols(), "date,moment,branch,rating,comment");
        let long = "x".repeat(FeedbackLimits::COMMENT + 1);
        let cases = [
            ("2025-07-02,Ordering,,5,", "feedback-import-future-date"),
            ("soon,Ordering,,5,", "feedback-import-bad-date"),
            ("2025-06-01,Checkout,,5,", "feedback-import-unknown-moment"),
            ("2025-06-01,,,5,", "feedback-import-no-moment"),
            (
                "2025-06-01,Ordering,Hamburg,5,",
                "feedback-import-unknown-branch",
            ),
            ("2025-06-01,Ordering,,6,", "feedback-import-bad-rating"),
            ("2025-06-01,Ordering,,,", "feedback-import-no-rating"),
            ("2025-06-01,Ordering,,5", "feedback-import-missing-column"),
            (
                "2025-06-01,Ordering,,5,bell\u{7}",
                "feedback-import-unreadable",
            ),
        ];
        for (i, (line, key)) in cases.iter().enumerate() {
            let r = imp.row(&rec(i as u64 + 2, line)).unwrap_err();
            assert_eq!((r.line, r.msg.key), (i as u64 + 2, *key), "{line}");
        }
        let r = imp
            .row(&rec(20, &format!("2025-06-01,Ordering,,5,{long}")))
            .unwrap_err();
        assert_eq!(r.msg.key, "feedback-import-long-comment");
        // Tomorrow is a day's grace for places ahead of UTC.
        assert!(imp.row(&rec(21, "2025-07-01,Ordering,,5,")).is_ok());
    }

    #[test]
    fn the_same_file_read_again_gives_the_same_keys_and_twins_one_fingerprint() {
        let lines = [
            "2025-06-01,Ordering,,5,",
            "2025-06-01,Ordering,,5,",
            "2025-06-01,Ordering,,4,",
        ];
        let keys = || {
            let imp = importer(cols(), "date,moment,branch,rating,comment");
            lines
                .iter()
                .enumerate()
                .map(|(i, l)| imp.row(&rec(i as u64, l)).unwrap().key)
                .collect::<Vec<_>>()
        };
        let (a, b) = (keys(), keys());
        assert_eq!(a, b);
        // Twins share a fingerprint; the import numbers them (the store's
        // import stage, tested there).
        assert_eq!(a[0], a[1]);
        assert_ne!(a[0], a[2]);
        // With an external id, the id is the key.
        let mut c = cols();
        c.external_id = Some(5);
        let imp = importer(c, "date,moment,branch,rating,comment,id");
        let row = imp.row(&rec(2, "2025-06-01,Ordering,,5,,R-17")).unwrap();
        assert_eq!(row.key, ImportKey::external("R-17"));
        assert!(!row.key.numbered);
        assert_ne!(row.key, ImportKey::external("R-18"));
    }

    #[test]
    fn keys_kept_as_text_by_earlier_imports_read_as_today_s() {
        // As an earlier import kept them: the fingerprint's first 16 bytes
        // in hex, and the occurrence.
        let parts = ["1748772000000", "7", "0", "5", "On time"];
        let mut h = Sha256::new();
        for p in parts {
            h.update(p.as_bytes());
            h.update([0x1f]);
        }
        let text = format!("f:{}:2", hex::encode(&h.finalize()[..16]));
        let today = ImportKey::fingerprint(&parts);
        assert_eq!(ImportKey::from_text(&text), Some((today.hash, 2)));
        assert_eq!(
            ImportKey::from_text("x:R-17"),
            Some((ImportKey::external("R-17").hash, 0))
        );
        for bad in [
            "",
            "f:",
            "f:abc",
            "f:zz00000000000000:1",
            "q:1",
            "f:00112233445566778899:x",
        ] {
            assert_eq!(ImportKey::from_text(bad), None, "{bad}");
        }
    }

    #[test]
    fn a_mapping_must_name_columns_the_file_has_each_once() {
        let header: Vec<String> = ["date", "moment", "rating"].map(String::from).to_vec();
        let mapping = |columns| Mapping {
            columns,
            scale: Scale::Stars,
            date_order: DateOrder::DayFirst,
        };
        let base = Columns {
            date: 0,
            moment: Source::Column(1),
            branch: None,
            rating: 2,
            comment: None,
            external_id: None,
        };
        let new =
            |c| Importer::new(mapping(c), &header, &[], &[], date!(2025 - 01 - 01)).map(|_| ());
        assert!(new(base.clone()).is_ok());
        let err = new(Columns {
            comment: Some(3),
            ..base.clone()
        })
        .unwrap_err();
        assert_eq!(err.msg().key, "feedback-import-no-such-column");
        let err = new(Columns {
            rating: 1,
            ..base.clone()
        })
        .unwrap_err();
        assert_eq!(err.msg().key, "feedback-import-column-twice");
        let err = Importer::new(
            Mapping {
                columns: base,
                scale: Scale::Table(vec![]),
                date_order: DateOrder::DayFirst,
            },
            &header,
            &[],
            &[],
            date!(2025 - 01 - 01),
        )
        .map(|_| ())
        .unwrap_err();
        assert_eq!(err.msg().key, "feedback-import-empty-table");
    }

    #[test]
    fn binary_bytes_read_as_text_are_not_readable() {
        assert!(is_readable("Café\t5 €\r\n"));
        assert!(!is_readable("PK\u{3}\u{4}"));
        assert!(!is_readable("a\u{0}b"));
        // Bytes Windows-1252 leaves undefined decode to C1 controls.
        assert!(!is_readable(&decode_head(
            b"a\x81b",
            TextEncoding::Windows1252
        )));
    }
}
