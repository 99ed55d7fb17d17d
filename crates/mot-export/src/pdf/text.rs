//! Where lines may break, and which characters draw nothing.

/// Format characters that draw nothing; dropped when no font has them.
pub(super) fn ignorable(c: char) -> bool {
    matches!(c,
        '\u{00AD}' | '\u{034F}' | '\u{061C}' | '\u{115F}'..='\u{1160}'
        | '\u{17B4}'..='\u{17B5}' | '\u{180B}'..='\u{180F}' | '\u{200B}'..='\u{200F}'
        | '\u{202A}'..='\u{202E}' | '\u{2060}'..='\u{206F}' | '\u{3164}'
        | '\u{FE00}'..='\u{FE0F}' | '\u{FEFF}' | '\u{FFA0}' | '\u{1BCA0}'..='\u{1BCA3}'
        | '\u{1D173}'..='\u{1D17A}' | '\u{E0000}'..='\u{E0FFF}'
        // Emoji skin-tone modifiers: meaningless without a colour emoji.
        | '\u{1F3FB}'..='\u{1F3FF}')
}

/// Marks and embeddings that steer the bidi algorithm: kept for it,
/// then left out of what is drawn.
pub(super) fn bidi_control(c: char) -> bool {
    matches!(c, '\u{061C}' | '\u{200E}' | '\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

/// Ideographs, kana, hangul and full-width forms: a line may break
/// between any two of them.
pub(super) fn is_wide(c: char) -> bool {
    matches!(c as u32,
        0x1100..=0x115F | 0x2E80..=0x303E | 0x3041..=0x33FF | 0x3400..=0x4DBF
        | 0x4E00..=0x9FFF | 0xA000..=0xA4CF | 0xAC00..=0xD7A3 | 0xF900..=0xFAFF
        | 0xFE30..=0xFE4F | 0xFF00..=0xFF60 | 0xFFE0..=0xFFE6 | 0x20000..=0x3FFFD)
}

/// Closing punctuation that must not start a line, and opening
/// punctuation that must not end one.
pub(super) const NO_BREAK_BEFORE: &str = "，。、：；！？）」』】〉》〕］｝”’…‥・ー々〜,.:;!?)]}%";
pub(super) const NO_BREAK_AFTER: &str = "（「『【〈《〔［｛“‘([{";

pub(super) fn break_between(a: char, b: char) -> bool {
    if b == ' ' {
        return false;
    }
    if a == ' ' {
        return true;
    }
    (is_wide(a) || is_wide(b)) && !NO_BREAK_BEFORE.contains(b) && !NO_BREAK_AFTER.contains(a)
}

/// Splits a paragraph where lines may break; each piece keeps the
/// spaces that follow it.
pub(super) fn tokens(p: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut start = 0;
    let mut prev: Option<char> = None;
    for (i, c) in p.char_indices() {
        if prev.is_some_and(|a| break_between(a, c)) {
            out.push(&p[start..i]);
            start = i;
        }
        prev = Some(c);
    }
    if start < p.len() {
        out.push(&p[start..]);
    }
    out
}

/// One wrapped line and the direction of its paragraph.
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct Line {
    pub(crate) text: String,
    pub(crate) rtl: bool,
}
