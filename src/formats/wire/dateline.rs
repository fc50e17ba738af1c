//! Datelines (`TEHRAN (Reuters) —`) and agency credits in bylines and captions.

/// The opening of a story, `TEHRAN (Reuters) —`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Dateline {
    pub(super) place: String,
    pub(super) agency: Option<String>,
}

pub(super) fn split_dateline(dateline: Option<Dateline>) -> (Option<String>, Option<String>) {
    match dateline {
        Some(d) => (Some(d.place), d.agency),
        None => (None, None),
    }
}

/// Longest place name taken as a dateline; longer upper-case runs are shouted
/// headlines or acronyms strung together, not places.
pub(super) const MAX_PLACE_CHARS: usize = 40;

/// Upper-case labels that open paragraphs like a dateline but name no place.
pub(super) const NOT_PLACES: &[&str] = &[
    "UPDATE",
    "UPDATED",
    "BREAKING",
    "BREAKING NEWS",
    "EXCLUSIVE",
    "ANALYSIS",
    "OPINION",
    "FACTBOX",
    "CORRECTION",
    "NOTE",
    "EDITOR'S NOTE",
    "EDITOR’S NOTE",
    "WATCH",
    "VIDEO",
    "PHOTOS",
    "READ MORE",
    "SOURCE",
    "SOURCES",
];

/// Reads `PLACE:`, `PLACE —`, `PLACE -` or `PLACE (Agency):` at the start of a paragraph.
pub(super) fn parse_dateline(paragraph: &str) -> Option<Dateline> {
    let text = paragraph.trim_start();
    let mut chars = text.char_indices().peekable();
    let mut previous = None;
    let mut count = 0;
    while let Some((i, c)) = chars.next() {
        count += 1;
        // Room for the place plus the space before its separator.
        if count > MAX_PLACE_CHARS + 2 {
            return None;
        }
        let next = chars.peek().map(|&(_, n)| n);
        let agency = match c {
            ':' | '—' | '–' => Some(None),
            // A hyphen inside a name ("AL-QAIM") is part of it; only a spaced one ends it.
            '-' if previous == Some(' ') && next.is_none_or(char::is_whitespace) => Some(None),
            '(' => Some(parenthesised_agency(text.get(i..)?)?),
            _ => None,
        };
        if let Some(agency) = agency {
            let place = text.get(..i)?.trim_end();
            return is_place(place).then(|| Dateline {
                place: place.to_owned(),
                agency,
            });
        }
        if !(c.is_uppercase() || matches!(c, ' ' | '/' | '-' | '.' | '\'' | '’')) {
            return None;
        }
        previous = Some(c);
    }
    None
}

/// Reads `(Agency)` followed by a dateline separator; the inner `Option` is the
/// agency, absent when the parentheses hold something else (`BAGHDAD (Iraq):`).
pub(super) fn parenthesised_agency(text: &str) -> Option<Option<String>> {
    let rest = text.strip_prefix('(')?;
    let close = rest.find(')')?;
    let inner = rest.get(..close)?.trim();
    let after = rest.get(close + 1..)?.trim_start();
    if inner.contains('(') || !after.starts_with([':', '—', '–', '-']) {
        return None;
    }
    Some(is_agency_name(inner).then(|| inner.to_owned()))
}

pub(super) fn is_place(place: &str) -> bool {
    let letters = place.chars().filter(|c| c.is_uppercase()).count();
    letters >= 2
        && place.chars().next().is_some_and(char::is_uppercase)
        && place.chars().count() <= MAX_PLACE_CHARS
        && !NOT_PLACES.contains(&place)
}

/// Agencies whose names are not acronyms, and words that mark an agency's name.
pub(super) const AGENCY_WORDS: &[&str] = &[
    "Reuters",
    "Bloomberg",
    "Xinhua",
    "Anadolu",
    "Bernama",
    "Kyodo",
    "Yonhap",
    "Press",
    "Presse",
    "Agency",
];

/// Whether a short credit names an agency: a few capitalised words, at least one of
/// them an acronym (`AFP`, `KUNA`) or a known agency word. Bylines and "(Reporting
/// by …)" notes fail this, so they are not taken for agencies.
pub(super) fn is_agency_name(name: &str) -> bool {
    const MAX_AGENCY_CHARS: usize = 40;
    const MAX_AGENCY_WORDS: usize = 5;
    const CONNECTORS: &[&str] = &["and", "&", "de", "of"];
    if name.is_empty()
        || name.chars().count() > MAX_AGENCY_CHARS
        || !name.chars().next().is_some_and(char::is_uppercase)
        || !name
            .chars()
            .all(|c| c.is_alphabetic() || matches!(c, ' ' | '.' | '-' | '&' | '\'' | '’'))
    {
        return false;
    }
    let words: Vec<&str> = name.split_whitespace().collect();
    if words.len() > MAX_AGENCY_WORDS {
        return false;
    }
    let capitalised = words.iter().all(|w| {
        CONNECTORS.contains(w)
            || w.chars()
                .next()
                .is_some_and(|c| c.is_uppercase() || c == '&')
    });
    let marked = words
        .iter()
        .flat_map(|w| w.split('-'))
        .any(|part| AGENCY_WORDS.contains(&part) || is_acronym(part.trim_end_matches('.')));
    capitalised && marked
}

pub(super) fn is_acronym(word: &str) -> bool {
    let letters = word.chars().filter(|c| c.is_alphabetic()).count();
    letters >= 2
        && word
            .chars()
            .all(|c| c == '.' || (c.is_alphabetic() && c.is_uppercase()))
}

/// Reads a last body line that only credits an agency: `— AFP`, `(Reuters)`,
/// `With AFP`, `AP`.
pub(super) fn credit_line_agency(line: &str) -> Option<String> {
    const MAX_BARE_ACRONYM: usize = 6;
    let line = line.trim();
    let (name, marked) = if let Some(rest) = line.strip_prefix(['—', '–', '-']) {
        (rest.trim(), true)
    } else if let Some(inner) = line.strip_prefix('(').and_then(|r| r.strip_suffix(')')) {
        (inner.trim(), true)
    } else {
        (line, false)
    };
    let (name, marked) = match name
        .strip_prefix("With ")
        .or_else(|| name.strip_prefix("with "))
    {
        Some(rest) => (rest.trim(), true),
        None => (name, marked),
    };
    let accepted = if marked {
        is_agency_name(name)
    } else {
        // A bare word is only a credit when it cannot be anything else.
        AGENCY_WORDS.contains(&name)
            || (is_acronym(name) && !name.contains('.') && name.chars().count() <= MAX_BARE_ACRONYM)
    };
    accepted.then(|| name.to_owned())
}

/// Reads the credit at the end of a photo caption, `… (AFP)` or `… (AFP/File Photo)`.
pub(super) fn caption_agency(caption: &str) -> Option<String> {
    let inside = caption.trim_end().strip_suffix(')')?;
    let open = inside.rfind('(')?;
    let credit = inside.get(open + 1..)?;
    let mut name = credit.split('/').next().unwrap_or(credit).trim();
    for suffix in [" file photo", " photo", " file"] {
        let cut = name.len().saturating_sub(suffix.len());
        if name
            .get(cut..)
            .is_some_and(|end| end.eq_ignore_ascii_case(suffix))
        {
            name = name.get(..cut).unwrap_or(name).trim_end();
            break;
        }
    }
    is_agency_name(name).then(|| name.to_owned())
}
