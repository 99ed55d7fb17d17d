//! The embedded fonts: which draws each character, right-to-left order,
//! glyph runs and widths.

use super::*;

// -------------------------------------------------------- fonts and text
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub(super) enum Src {
    Main,
    Cjk,
    Emoji,
}

pub(super) struct Faces {
    pub(super) main: Face<'static>,
    pub(super) cjk: Face<'static>,
    pub(super) emoji: Face<'static>,
}

pub(super) static FACES: LazyLock<Option<Faces>> = LazyLock::new(|| {
    Some(Faces {
        main: Face::from_slice(FONT_MAIN, 0)?,
        cjk: Face::from_slice(FONT_CJK, 0)?,
        emoji: Face::from_slice(FONT_EMOJI, 0)?,
    })
});

/// A run of glyphs in one font, in visual order within a line.
pub(super) struct Piece {
    pub(super) src: Src,
    pub(super) text: String,
    pub(super) glyphs: Vec<KrillaGlyph>,
    /// Advance in ems.
    pub(super) advance: f32,
}

impl Faces {
    pub(super) fn src(&self, c: char) -> Option<Src> {
        if self.main.glyph_index(c).is_some() {
            Some(Src::Main)
        } else if self.cjk.glyph_index(c).is_some() {
            Some(Src::Cjk)
        } else if self.emoji.glyph_index(c).is_some() {
            Some(Src::Emoji)
        } else {
            None
        }
    }

    pub(super) fn face(&self, src: Src) -> &Face<'static> {
        match src {
            Src::Main => &self.main,
            Src::Cjk => &self.cjk,
            Src::Emoji => &self.emoji,
        }
    }

    /// Width of a character in ems, from the font's advance.
    pub(super) fn advance(&self, c: char) -> f32 {
        if bidi_control(c) {
            return 0.0;
        }
        let Some(src) = self.src(c) else { return 1.0 };
        let face = self.face(src);
        let adv = face
            .glyph_index(c)
            .and_then(|g| face.glyph_hor_advance(g))
            .unwrap_or(0);
        f32::from(adv) / face.units_per_em().max(1) as f32
    }

    pub(super) fn width(&self, s: &str, size: f32) -> f32 {
        s.chars().map(|c| self.advance(c)).sum::<f32>() * size
    }

    /// Newlines normalised to `\n`, tabs to spaces, controls and
    /// invisible format characters dropped, and anything neither font
    /// has replaced by the placeholder: every character left is drawable.
    pub(super) fn clean(&self, s: &str) -> String {
        let s = s.replace("\r\n", "\n").replace('\r', "\n");
        s.chars()
            .filter_map(|c| match c {
                '\n' => Some('\n'),
                '\t' => Some(' '),
                c if bidi_control(c) => Some(c),
                c if c.is_control() || ignorable(c) => None,
                c if self.src(c).is_some() => Some(c),
                _ => Some(PLACEHOLDER),
            })
            .collect()
    }

    /// Wraps `text` into lines no wider than `width` at `size`: at
    /// spaces, between CJK characters, and inside a word only when the
    /// word alone is wider than the line. Blank lines are kept.
    pub(super) fn wrap(&self, text: &str, size: f32, width: f32) -> Vec<Line> {
        self.wrap_base(text, size, width, false)
    }

    /// As [`Faces::wrap`]; with `rtl`, every paragraph runs right to left
    /// (the document's own text in a right-to-left document), otherwise
    /// each takes the direction of its first strong character.
    pub(super) fn wrap_base(&self, text: &str, size: f32, width: f32, rtl: bool) -> Vec<Line> {
        let text = self.clean(text);
        let mut out = Vec::new();
        for para in text.trim_matches('\n').split('\n') {
            let rtl = rtl || unicode_bidi::get_base_direction(para) == unicode_bidi::Direction::Rtl;
            let push = |out: &mut Vec<Line>, s: &str| {
                out.push(Line {
                    text: s.trim_end().to_string(),
                    rtl,
                })
            };
            let para = para.trim_end();
            if para.is_empty() {
                push(&mut out, "");
                continue;
            }
            let mut line = String::new();
            for tok in tokens(para) {
                let candidate = format!("{line}{tok}");
                if self.width(candidate.trim_end(), size) <= width {
                    line = candidate;
                    continue;
                }
                if !line.trim().is_empty() {
                    push(&mut out, &line);
                }
                line.clear();
                if self.width(tok.trim_end(), size) <= width {
                    line.push_str(tok);
                    continue;
                }
                // A word wider than the line: break it anywhere.
                for c in tok.chars() {
                    line.push(c);
                    if self.width(line.trim_end(), size) > width && line.chars().count() > 1 {
                        line.pop();
                        push(&mut out, &line);
                        line.clear();
                        line.push(c);
                    }
                }
            }
            if !line.trim().is_empty() {
                push(&mut out, &line);
            }
        }
        out
    }

    /// Runs of one font in logical order.
    pub(super) fn font_runs<'t>(&self, s: &'t str) -> Vec<(Src, &'t str)> {
        let mut out: Vec<(Src, &str)> = Vec::new();
        let mut start = 0;
        let mut cur: Option<Src> = None;
        for (i, c) in s.char_indices() {
            // Spaces and punctuation both fonts have stay in the run.
            let src = match (cur, self.src(c)) {
                (Some(Src::Cjk), Some(Src::Main)) if self.cjk.glyph_index(c).is_some() => Src::Cjk,
                (_, Some(src)) => src,
                (_, None) => Src::Main,
            };
            if cur.is_some_and(|k| k != src) {
                out.push((cur.unwrap_or(Src::Main), &s[start..i]));
                start = i;
            }
            cur = Some(src);
        }
        if let Some(src) = cur {
            out.push((src, &s[start..]));
        }
        out
    }

    pub(super) fn shape(&self, src: Src, text: &str, rtl: bool) -> Piece {
        let face = self.face(src);
        let mut buf = UnicodeBuffer::new();
        buf.push_str(text);
        buf.guess_segment_properties();
        buf.set_direction(if rtl {
            Direction::RightToLeft
        } else {
            Direction::LeftToRight
        });
        let shaped = rustybuzz::shape(face, &[], buf);
        let upem = face.units_per_em().max(1) as f32;
        let infos = shaped.glyph_infos();
        let mut clusters: Vec<usize> = infos.iter().map(|i| i.cluster as usize).collect();
        clusters.sort_unstable();
        clusters.dedup();
        let mut advance = 0.0;
        let glyphs = infos
            .iter()
            .zip(shaped.glyph_positions())
            .map(|(info, pos)| {
                let start = info.cluster as usize;
                let next = clusters.partition_point(|c| *c <= start);
                let end = clusters.get(next).copied().unwrap_or(text.len());
                advance += pos.x_advance as f32 / upem;
                KrillaGlyph::new(
                    GlyphId::new(info.glyph_id),
                    pos.x_advance as f32 / upem,
                    pos.x_offset as f32 / upem,
                    pos.y_offset as f32 / upem,
                    pos.y_advance as f32 / upem,
                    start..end,
                    None,
                )
            })
            .collect();
        Piece {
            src,
            text: text.to_string(),
            glyphs,
            advance,
        }
    }

    /// The line's glyph runs in visual order (Unicode bidi algorithm).
    pub(super) fn shape_line(&self, line: &Line) -> Vec<Piece> {
        if line.text.is_empty() {
            return Vec::new();
        }
        let level = if line.rtl { Level::rtl() } else { Level::ltr() };
        let info = BidiInfo::new(&line.text, Some(level));
        let mut pieces = Vec::new();
        for para in &info.paragraphs {
            let (levels, runs) = info.visual_runs(para, para.range.clone());
            for run in runs {
                let rtl = levels[run.start].is_rtl();
                let text: String = line.text[run]
                    .chars()
                    .filter(|c| !bidi_control(*c))
                    .collect();
                let mut segs = self.font_runs(&text);
                if rtl {
                    segs.reverse();
                }
                for (src, s) in segs {
                    pieces.push(self.shape(src, s, rtl));
                }
            }
        }
        pieces
    }
}
