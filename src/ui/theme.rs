//! Fonts, label colours and the light/dark look.

use egui::{Color32, FontData, FontDefinitions, FontFamily};
use std::sync::Arc;

/// DejaVu Sans: Arabic, Hebrew, Cyrillic and Greek, which egui's own fonts lack, so a
/// bare machine without system fonts still shows them.
const SANS: &[u8] = include_bytes!("../../assets/fonts/DejaVuSans.ttf");
/// DejaVu Serif, for readers who prefer a serif article text.
const SERIF: &[u8] = include_bytes!("../../assets/fonts/DejaVuSerif.ttf");
/// Symbola's emoji and symbols (Unicode 9), which egui's own emoji font lacks in part
/// (🙂 among them): news text quoted from social media is full of them.
const EMOJI: &[u8] = include_bytes!("../../assets/fonts/SymbolaEmoji.ttf");
/// Noto Emoji (monochrome), whose ligatures draw a flag or a ZWJ sequence such as 👩‍🎓
/// as one glyph; egui's own copy lacks them and draws a flag as two letters.
const EMOJI_SEQUENCES: &[u8] = include_bytes!("../../assets/fonts/NotoEmoji.ttf");

/// The font family of article text in serif.
pub fn serif() -> FontFamily {
    FontFamily::Name("serif".into())
}

/// Installs the bundled fonts: Noto Emoji right after each family's text font (egui
/// picks a cluster's font by its first char, so it must come before egui's emoji fonts
/// to shape a flag whole, and after the text font, which it would otherwise replace
/// for digits), DejaVu Sans as a fallback after egui's own fonts (and before the
/// system's), and a serif family for the article text.
pub fn install_fonts(ctx: &egui::Context) {
    let mut fonts = FontDefinitions::default();
    fonts
        .font_data
        .insert("dejavu-sans".into(), Arc::new(FontData::from_static(SANS)));
    fonts.font_data.insert(
        "dejavu-serif".into(),
        Arc::new(FontData::from_static(SERIF)),
    );
    fonts.font_data.insert(
        "symbola-emoji".into(),
        Arc::new(FontData::from_static(EMOJI)),
    );
    fonts.font_data.insert(
        "noto-emoji-sequences".into(),
        Arc::new(FontData::from_static(EMOJI_SEQUENCES)),
    );
    let proportional = fonts
        .families
        .get(&FontFamily::Proportional)
        .cloned()
        .unwrap_or_default();
    let mut serif_family = vec!["dejavu-serif".to_owned()];
    serif_family.extend(proportional.iter().cloned());
    serif_family.extend(["dejavu-sans".into(), "symbola-emoji".into()]);
    serif_family.insert(1, "noto-emoji-sequences".into());
    for family in [FontFamily::Proportional, FontFamily::Monospace] {
        let list = fonts.families.entry(family).or_default();
        list.insert(list.len().min(1), "noto-emoji-sequences".into());
        list.extend(["dejavu-sans".into(), "symbola-emoji".into()]);
    }
    fonts.families.insert(serif(), serif_family);
    ctx.set_fonts(fonts);
}

/// A label's colour from its `#rrggbb` form; grey when the schema has a typo, so a
/// bad colour never hides a span.
pub fn label_color(hex: &str) -> Color32 {
    let digits = hex.trim_start_matches('#');
    let channel = |i: usize| {
        digits
            .get(i..i + 2)
            .and_then(|d| u8::from_str_radix(d, 16).ok())
    };
    match (digits.len(), channel(0), channel(2), channel(4)) {
        (6, Some(r), Some(g), Some(b)) => Color32::from_rgb(r, g, b),
        _ => Color32::GRAY,
    }
}

/// The colour of annotator `n`'s lane in review mode: one each, none of them a
/// label's colour (the labels take blue, vermilion and green of the Okabe–Ito
/// palette), told apart by people with colour blindness.
pub fn annotator_color(n: usize) -> Color32 {
    const COLORS: [Color32; 4] = [
        Color32::from_rgb(0xCC, 0x79, 0xA7),
        Color32::from_rgb(0x8C, 0x5A, 0x2B),
        Color32::from_rgb(0x56, 0xB4, 0xE9),
        Color32::from_rgb(0x6E, 0x6E, 0x6E),
    ];
    COLORS[n % COLORS.len()]
}

/// The letter naming annotator `n`'s lane: the key that takes their version.
pub fn annotator_letter(n: usize) -> char {
    char::from(b'A' + (n % 26) as u8)
}

/// The fill behind a span: its colour, faint enough that text stays readable and
/// overlapping spans show through each other.
pub fn span_fill(color: Color32, dark: bool, selected: bool) -> Color32 {
    let alpha = match (dark, selected) {
        (false, false) => 40,
        (true, false) => 60,
        (false, true) => 90,
        (true, true) => 120,
    };
    Color32::from_rgba_unmultiplied(color.r(), color.g(), color.b(), alpha)
}

/// The disagreement being reviewed: a soft sky blue behind the text.
pub fn focus_fill(dark: bool) -> Color32 {
    if dark {
        Color32::from_rgba_unmultiplied(0x56, 0xB4, 0xE9, 70)
    } else {
        Color32::from_rgba_unmultiplied(0x56, 0xB4, 0xE9, 55)
    }
}

/// Search hits: the palette's yellow.
pub fn hit_fill(current: bool) -> Color32 {
    if current {
        Color32::from_rgba_unmultiplied(0xF0, 0xE4, 0x42, 200)
    } else {
        Color32::from_rgba_unmultiplied(0xF0, 0xE4, 0x42, 90)
    }
}

/// A network node's colour: its registry colour where it has one, else by kind
/// (Okabe–Ito colours; the shape tells actors from claims as well).
pub fn node_color(
    node_type: crate::formats::statements::NodeType,
    kind: Option<&str>,
    colour: Option<&str>,
) -> Color32 {
    use crate::formats::statements::NodeType;
    if let Some(hex) = colour.filter(|c| c.trim_start_matches('#').len() == 6) {
        return label_color(hex);
    }
    match (node_type, kind) {
        (NodeType::Category, _) => Color32::from_rgb(0xCC, 0x79, 0xA7),
        (NodeType::Actor, Some("person")) => Color32::from_rgb(0x00, 0x72, 0xB2),
        (NodeType::Actor, Some("organisation")) => Color32::from_rgb(0x56, 0xB4, 0xE9),
        (NodeType::Actor, Some("state")) => Color32::from_rgb(0x44, 0x33, 0x99),
        (NodeType::Actor, _) => Color32::from_rgb(0x88, 0x88, 0x88),
    }
}

/// A network tie's colour by the sides its statements take.
pub fn tie_color(side: crate::session::network::TieSide, dark: bool) -> Color32 {
    use crate::session::network::TieSide;
    match side {
        TieSide::Support => Color32::from_rgb(0x00, 0x9E, 0x73),
        TieSide::Oppose => Color32::from_rgb(0xD5, 0x5E, 0x00),
        TieSide::Both => Color32::from_rgb(0xE6, 0x9F, 0x00),
        TieSide::Neither if dark => Color32::from_gray(150),
        TieSide::Neither => Color32::from_gray(120),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// How many glyphs that take up room `text` is drawn with in `family`.
    fn drawn_glyphs(text: &str, family: FontFamily) -> usize {
        let ctx = egui::Context::default();
        install_fonts(&ctx);
        let mut count = 0;
        let mut output = ctx.run_ui(egui::RawInput::default(), |ui| {
            let galley = ui.painter().layout_no_wrap(
                text.to_owned(),
                egui::FontId::new(17.0, family.clone()),
                Color32::BLACK,
            );
            count = galley
                .rows
                .iter()
                .flat_map(|row| row.row.glyphs.iter())
                .filter(|glyph| glyph.advance_width > 0.0)
                .count();
        });
        output.textures_delta.clear();
        count
    }

    #[test]
    fn flags_and_zwj_sequences_are_drawn_as_one_glyph_in_every_family() {
        for family in [FontFamily::Proportional, FontFamily::Monospace, serif()] {
            for sequence in [
                "🇮🇶",
                "🇯🇴",
                "👩\u{200d}🎓",
                "👨\u{200d}👩\u{200d}👧",
                "👍🏽",
                "💧",
            ] {
                assert_eq!(
                    drawn_glyphs(sequence, family.clone()),
                    1,
                    "{sequence} in {family:?}"
                );
            }
            // The emoji font has digits too: they must still come from the text font,
            // whose figures are as wide as the article's letters.
            assert_eq!(
                drawn_glyphs("2019", family.clone()),
                4,
                "digits in {family:?}"
            );
        }
    }

    #[test]
    fn colours_parse_and_typos_fall_back_to_grey() {
        assert_eq!(label_color("#0072B2"), Color32::from_rgb(0, 0x72, 0xB2));
        assert_eq!(label_color("#zz0000"), Color32::GRAY);
        assert_eq!(label_color("#fff"), Color32::GRAY);
        assert_eq!(label_color("#ü0000"), Color32::GRAY);
    }
}
