//! The next session as an iCalendar file (RFC 5545): one all-day event.

use crate::Look;
use mot_i18n::tr;

/// Escapes text for an iCalendar TEXT value (RFC 5545 §3.3.11).
fn ics_text(s: &str) -> String {
    s.replace('\\', "\\\\")
        .replace(';', "\\;")
        .replace(',', "\\,")
        .replace('\n', "\\n")
        .replace('\r', "")
}

/// Folds a content line at 75 octets (RFC 5545 §3.1), never inside a UTF-8 character.
fn ics_fold(line: &str) -> String {
    let mut out = String::new();
    let mut len = 0;
    for ch in line.chars() {
        let w = ch.len_utf8();
        if len + w > 75 {
            out.push_str("\r\n ");
            len = 1;
        }
        out.push(ch);
        len += w;
    }
    out.push_str("\r\n");
    out
}

/// The next session as an iCalendar file: an all-day event on `day` whose
/// summary names the `journey` ("Moments of Truth: …") and whose
/// description names the `session` it follows up and the board's address,
/// in the look's language. `stamp` is the DTSTAMP (`20261125T000000Z`).
pub fn next_session(
    uid: &str,
    journey: &str,
    session: &str,
    board_url: &str,
    day: time::Date,
    stamp: &str,
    look: &Look,
) -> String {
    let summary = tr!(look.lang, "export-ics-summary", journey = journey);
    let description = tr!(
        look.lang,
        "export-ics-description",
        session = session,
        url = board_url
    );
    let d = mot_core::date::format(day).replace('-', "");
    let end = mot_core::date::format(day.next_day().unwrap_or(day)).replace('-', "");
    let mut s = String::new();
    for line in [
        "BEGIN:VCALENDAR".to_string(),
        "VERSION:2.0".to_string(),
        "PRODID:-//mot//Moments of Truth//EN".to_string(),
        "CALSCALE:GREGORIAN".to_string(),
        "BEGIN:VEVENT".to_string(),
        format!("UID:{uid}"),
        format!("DTSTAMP:{stamp}"),
        format!("DTSTART;VALUE=DATE:{d}"),
        format!("DTEND;VALUE=DATE:{end}"),
        format!("SUMMARY:{}", ics_text(&summary)),
        format!("DESCRIPTION:{}", ics_text(&description)),
        "END:VEVENT".to_string(),
        "END:VCALENDAR".to_string(),
    ] {
        s.push_str(&ics_fold(&line));
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ics_lines_are_folded_at_75_octets_and_text_escaped() {
        let day = mot_core::date::parse("d", "2026-12-16").unwrap();
        let ics = next_session(
            "u1@x",
            "Résumé; ünïcödé, 😀",
            &"é".repeat(80),
            "https://mot.example/j/7",
            day,
            "20261125T000000Z",
            &Look::default(),
        );
        for line in ics.split("\r\n") {
            assert!(line.len() <= 75, "{line}");
        }
        assert!(ics.contains("DTSTART;VALUE=DATE:20261216"));
        assert!(ics.contains("SUMMARY:Moments of Truth: Résumé\\; ünïcödé\\, 😀"));
        let unfolded = ics.replace("\r\n ", "");
        assert!(
            unfolded.contains(&format!(
                "DESCRIPTION:Follow-up of “{}”. Board: https://mot.example/j/7\r\n",
                "é".repeat(80)
            )),
            "{unfolded}"
        );
    }

    #[test]
    fn ics_texts_are_in_the_looks_language() {
        let day = mot_core::date::parse("d", "2026-12-16").unwrap();
        let next = |lang| {
            next_session(
                "u1@x",
                "Sofa kaufen",
                "Frühjahr",
                "https://mot.example/j/7",
                day,
                "20261125T000000Z",
                &Look::new(lang),
            )
            .replace("\r\n ", "")
        };
        let de = next(crate::Lang::De);
        assert!(
            de.contains("SUMMARY:Momente der Wahrheit: Sofa kaufen\r\n"),
            "{de}"
        );
        assert!(
            de.contains(
                "DESCRIPTION:Folgetermin zu „Frühjahr“. Board: https://mot.example/j/7\r\n"
            ),
            "{de}"
        );
        let ar = next(crate::Lang::Ar);
        assert!(
            ar.contains("SUMMARY:لحظات الحقيقة: Sofa kaufen\r\n"),
            "{ar}"
        );
        assert!(ar.contains("اللوحة: https://mot.example/j/7"), "{ar}");
        // Dates stay the calendar's own.
        assert!(ar.contains("DTSTART;VALUE=DATE:20261216"));
    }
}
