//! The next session as an iCalendar file (RFC 5545): one all-day event.

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

/// The next session as an iCalendar file.
pub fn next_session(
    uid: &str,
    summary: &str,
    description: &str,
    day: time::Date,
    stamp: &str,
) -> String {
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
        format!("SUMMARY:{}", ics_text(summary)),
        format!("DESCRIPTION:{}", ics_text(description)),
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
            day,
            "20261125T000000Z",
        );
        for line in ics.split("\r\n") {
            assert!(line.len() <= 75, "{line}");
        }
        assert!(ics.contains("DTSTART;VALUE=DATE:20261216"));
        assert!(ics.contains("SUMMARY:Résumé\\; ünïcödé\\, 😀"));
    }
}
