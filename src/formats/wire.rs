//! Cuts scraped news pages into articles.
//!
//! Scrapers of news sites save each story as the page shows it: headline, photo
//! caption, an `Updated …` line, a comment counter, the headline again, then bullets
//! and body. Several stories often end up in one file. The repeated headline around
//! the `Updated` line is what tells where a story starts, and the furniture around it
//! (date, caption, dateline, agency credit) is worth keeping as metadata.
//!
//! Everything here is a guess from layout, so each rule only fires on a clear
//! pattern; when in doubt a field stays `None` and the text stays whole, because a
//! wrong split or a dropped line would corrupt what annotators see.

/// One article cut out of a scraped file, with what its wire layout tells about it.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct WireArticle {
    /// The article as it will be stored: headline line, then bullets and body, exactly as
    /// in the source (caption, "Updated" line, comment counter and the repeated headline
    /// are left out because they are page furniture, not article text); no leading or
    /// trailing blank lines / whitespace.
    pub text: String,
    /// The headline, trimmed; for text without the wire layout, its first non-empty
    /// line without a leading markdown `# `.
    pub headline: Option<String>,
    /// The photo caption that stood between the headline and the `Updated` line.
    pub caption: Option<String>,
    /// ISO date, "2018-06-14".
    pub date: Option<String>,
    /// The dateline city as written, "BAGHDAD", "RIYADH/JEDDAH".
    pub dateline: Option<String>,
    /// The news agency, "AFP", "Reuters", where the article names one.
    pub agency: Option<String>,
}

/// Splits a scraped file (already normalised: `\n` line ends, no BOM) into its articles.
///
/// Text before the first article header becomes an article of its own, and a file
/// without any header is returned whole as one article, so no line is ever lost;
/// only the header furniture (caption, `Updated` line, comment counter, repeated
/// headline) is moved out of the text into fields. Whitespace-only input gives no
/// article.
pub fn split_articles(text: &str) -> Vec<WireArticle> {
    // Normalisation is the caller's job, but a stray BOM would make the first headline
    // differ from its repeat and silently merge two header lines into the text.
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    if text.trim().is_empty() {
        return Vec::new();
    }
    let lines = split_lines(text);
    let headers = find_headers(&lines);
    let Some(first) = headers.first() else {
        return unstructured_article(text).into_iter().collect();
    };

    let mut articles = Vec::with_capacity(headers.len() + 1);
    let preamble_end = lines.get(first.headline).map_or(0, |line| line.start);
    if let Some(preamble) = text.get(..preamble_end).and_then(unstructured_article) {
        articles.push(preamble);
    }
    for (k, header) in headers.iter().enumerate() {
        let end = headers.get(k + 1).map_or(lines.len(), |next| next.headline);
        articles.push(wire_article(text, &lines, header, end));
    }
    articles
}

/// A line of the input with its byte range, so that bodies can be cut out of the
/// source verbatim instead of being re-joined.
#[derive(Debug, Clone, Copy)]
struct Line<'a> {
    text: &'a str,
    start: usize,
    end: usize,
}

impl<'a> Line<'a> {
    fn trimmed(&self) -> &'a str {
        self.text.trim()
    }

    fn is_blank(&self) -> bool {
        self.trimmed().is_empty()
    }
}

fn split_lines(text: &str) -> Vec<Line<'_>> {
    let mut lines = Vec::new();
    let mut start = 0;
    for piece in text.split('\n') {
        let end = start + piece.len();
        lines.push(Line {
            text: piece,
            start,
            end,
        });
        start = end + 1;
    }
    lines
}

/// Where one article's header lines are, as line indices.
#[derive(Debug, Clone, Copy)]
struct Header {
    headline: usize,
    caption: Option<usize>,
    updated: usize,
    /// First line after the header; the body may still start with blank lines.
    body_start: usize,
}

fn find_headers(lines: &[Line<'_>]) -> Vec<Header> {
    let mut headers = Vec::new();
    // A header may only use lines after the previous header, never lines it consumed.
    let mut floor = 0;
    let mut i = 0;
    while i < lines.len() {
        if let Some(header) = header_at(lines, i, floor) {
            floor = header.body_start;
            i = header.body_start;
            headers.push(header);
        } else {
            i += 1;
        }
    }
    headers
}

/// Reads the header whose `Updated` line is `updated`, if that line starts one.
fn header_at(lines: &[Line<'_>], updated: usize, floor: usize) -> Option<Header> {
    let date_text = updated_rest(lines.get(updated)?.trimmed())?;
    let p1 = previous_non_blank(lines, updated, floor)?;
    let p2 = previous_non_blank(lines, p1, floor);

    let mut after = updated + 1;
    let mut next = next_non_blank(lines, after);
    let mut has_counter = false;
    if let Some(n) = next
        && is_counter(trimmed_at(lines, n))
    {
        has_counter = true;
        after = n + 1;
        next = next_non_blank(lines, after);
    }

    // The repeated headline is the strongest evidence and also says whether the line
    // above `Updated` is the headline or a caption.
    if let Some(r) = next {
        let repeat = trimmed_at(lines, r);
        if repeat == trimmed_at(lines, p1) {
            return Some(Header {
                headline: p1,
                caption: None,
                updated,
                body_start: r + 1,
            });
        }
        if let Some(p2) = p2
            && repeat == trimmed_at(lines, p2)
        {
            return Some(Header {
                headline: p2,
                caption: Some(p1),
                updated,
                body_start: r + 1,
            });
        }
    }

    // Without the repeat, a body paragraph that happens to start with "Updated" must
    // not split a story, so ask for a counter or a real date as well.
    if !has_counter && parse_date(date_text).is_none() {
        return None;
    }
    let (headline, caption) = match p2 {
        Some(p2)
            if trimmed_at(lines, p1).ends_with(')')
                && looks_like_headline(trimmed_at(lines, p2)) =>
        {
            (p2, Some(p1))
        }
        _ => (p1, None),
    };
    if !looks_like_headline(trimmed_at(lines, headline)) {
        return None;
    }
    Some(Header {
        headline,
        caption,
        updated,
        body_start: after,
    })
}

/// What follows `Updated` on a date line, or `None` if the line is not one.
fn updated_rest(line: &str) -> Option<&str> {
    let rest = line.strip_prefix("Updated")?;
    if rest.is_empty() || rest.starts_with(char::is_whitespace) {
        Some(rest.trim())
    } else {
        None
    }
}

fn is_counter(line: &str) -> bool {
    !line.is_empty() && line.bytes().all(|b| b.is_ascii_digit())
}

/// Headlines are short and never end a sentence with a full stop; body paragraphs do.
fn looks_like_headline(line: &str) -> bool {
    const MAX_HEADLINE_CHARS: usize = 250;
    !line.is_empty()
        && !line.ends_with('.')
        && !is_bullet(line)
        && credit_line_agency(line).is_none()
        && line.chars().count() <= MAX_HEADLINE_CHARS
}

/// The trimmed line at `i`; out of range reads as blank so that no index can panic.
fn trimmed_at<'a>(lines: &[Line<'a>], i: usize) -> &'a str {
    lines.get(i).map_or("", Line::trimmed)
}

fn previous_non_blank(lines: &[Line<'_>], before: usize, floor: usize) -> Option<usize> {
    (floor..before.min(lines.len()))
        .rev()
        .find(|&i| !trimmed_at(lines, i).is_empty())
}

fn next_non_blank(lines: &[Line<'_>], from: usize) -> Option<usize> {
    (from..lines.len()).find(|&i| !trimmed_at(lines, i).is_empty())
}

fn is_bullet(line: &str) -> bool {
    line.starts_with(['•', '●', '▪', '·']) || line.starts_with("- ") || line.starts_with("* ")
}

fn wire_article(text: &str, lines: &[Line<'_>], header: &Header, end: usize) -> WireArticle {
    let headline = lines.get(header.headline).map_or("", |line| line.trimmed());
    let body_lines = lines.get(header.body_start..end).unwrap_or(&[]);
    let first = body_lines.iter().find(|line| !line.is_blank());
    let last = body_lines.iter().rev().find(|line| !line.is_blank());
    let body = match (first, last) {
        (Some(first), Some(last)) => text.get(first.start..last.end).unwrap_or("").trim_end(),
        _ => "",
    };

    let mut article_text = String::with_capacity(headline.len() + 1 + body.len());
    article_text.push_str(headline);
    if !body.is_empty() {
        article_text.push('\n');
        article_text.push_str(body);
    }

    let caption = header
        .caption
        .and_then(|i| lines.get(i))
        .map(|line| line.trimmed().to_owned());
    let dateline = body_lines
        .iter()
        .find(|line| !line.is_blank() && !is_bullet(line.trimmed()))
        .and_then(|line| parse_dateline(line.text));
    let date = lines
        .get(header.updated)
        .and_then(|line| updated_rest(line.trimmed()))
        .and_then(parse_date);
    let (place, dateline_agency) = split_dateline(dateline);
    let agency = dateline_agency
        .or_else(|| last.and_then(|line| credit_line_agency(line.text)))
        .or_else(|| caption.as_deref().and_then(caption_agency));

    WireArticle {
        text: article_text,
        headline: Some(headline.to_owned()),
        caption,
        date,
        dateline: place,
        agency,
    }
}

/// An article from text without the wire layout: a preamble or a whole plain file.
fn unstructured_article(text: &str) -> Option<WireArticle> {
    let trimmed = text.trim();
    let mut paragraphs = trimmed.split('\n').map(str::trim).filter(|l| !l.is_empty());
    let first = paragraphs.next()?;
    let body: Vec<&str> = paragraphs.collect();

    let dateline = match body
        .iter()
        .find(|line| !is_bullet(line) && !line.starts_with('#'))
    {
        Some(paragraph) => parse_dateline(paragraph),
        // A one-paragraph text has no headline of its own, its first line is the body.
        None if body.is_empty() => parse_dateline(first),
        None => None,
    };
    let (place, dateline_agency) = split_dateline(dateline);
    let agency = dateline_agency.or_else(|| body.last().and_then(|line| credit_line_agency(line)));

    Some(WireArticle {
        text: trimmed.to_owned(),
        headline: Some(strip_heading_marker(first).to_owned()),
        caption: None,
        date: None,
        dateline: place,
        agency,
    })
}

fn strip_heading_marker(line: &str) -> &str {
    let hashes = line.len() - line.trim_start_matches('#').len();
    let rest = line.trim_start_matches('#');
    if (1..=6).contains(&hashes) && rest.starts_with(char::is_whitespace) {
        let rest = rest.trim();
        if !rest.is_empty() {
            return rest;
        }
    }
    line
}

// ---- dates -------------------------------------------------------------------------

/// Reads the date of an `Updated` line into ISO form; only the layouts news sites are
/// known to use, because a wrongly read date would end up in every export.
fn parse_date(text: &str) -> Option<String> {
    let mut words: Vec<&str> = text.split_whitespace().collect();
    if words.len() > 1 && words.last().is_some_and(|w| is_clock(w)) {
        words.pop();
    }
    let (year, month, day) = match words.as_slice() {
        [iso] => parse_iso_date(iso)?,
        [day, month, year] if day.starts_with(|c: char| c.is_ascii_digit()) => {
            (parse_year(year)?, month_number(month)?, parse_day(day)?)
        }
        [month, day, year] => {
            let day = day.strip_suffix(',').unwrap_or(day);
            (parse_year(year)?, month_number(month)?, parse_day(day)?)
        }
        _ => return None,
    };
    if day == 0 || day > days_in_month(year, month) {
        return None;
    }
    Some(format!("{year:04}-{month:02}-{day:02}"))
}

fn parse_iso_date(word: &str) -> Option<(u32, u32, u32)> {
    let mut parts = word.split('-');
    let (year, month, day) = (parts.next()?, parts.next()?, parts.next()?);
    if parts.next().is_some() || month.len() != 2 || day.len() != 2 {
        return None;
    }
    let month = digits(month)?;
    if !(1..=12).contains(&month) {
        return None;
    }
    Some((parse_year(year)?, month, digits(day)?))
}

fn parse_year(word: &str) -> Option<u32> {
    if word.len() != 4 {
        return None;
    }
    digits(word).filter(|&y| y >= 1000)
}

fn parse_day(word: &str) -> Option<u32> {
    if word.is_empty() || word.len() > 2 {
        return None;
    }
    digits(word)
}

fn digits(word: &str) -> Option<u32> {
    if word.is_empty() || !word.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    word.parse().ok()
}

fn is_clock(word: &str) -> bool {
    let Some((hours, minutes)) = word.split_once(':') else {
        return false;
    };
    let hours_ok = (1..=2).contains(&hours.len()) && digits(hours).is_some_and(|h| h < 24);
    let minutes_ok = minutes.len() == 2 && digits(minutes).is_some_and(|m| m < 60);
    hours_ok && minutes_ok
}

fn month_number(word: &str) -> Option<u32> {
    let word = word.strip_suffix('.').unwrap_or(word).to_lowercase();
    let month = match word.as_str() {
        "january" | "jan" => 1,
        "february" | "feb" => 2,
        "march" | "mar" => 3,
        "april" | "apr" => 4,
        "may" => 5,
        "june" | "jun" => 6,
        "july" | "jul" => 7,
        "august" | "aug" => 8,
        "september" | "sept" | "sep" => 9,
        "october" | "oct" => 10,
        "november" | "nov" => 11,
        "december" | "dec" => 12,
        _ => return None,
    };
    Some(month)
}

fn days_in_month(year: u32, month: u32) -> u32 {
    match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if (year.is_multiple_of(4) && !year.is_multiple_of(100)) || year.is_multiple_of(400) => {
            29
        }
        2 => 28,
        _ => 0,
    }
}

// ---- datelines and agencies --------------------------------------------------------

/// The opening of a story, `TEHRAN (Reuters) —`.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Dateline {
    place: String,
    agency: Option<String>,
}

fn split_dateline(dateline: Option<Dateline>) -> (Option<String>, Option<String>) {
    match dateline {
        Some(d) => (Some(d.place), d.agency),
        None => (None, None),
    }
}

/// Longest place name taken as a dateline; longer upper-case runs are shouted
/// headlines or acronyms strung together, not places.
const MAX_PLACE_CHARS: usize = 40;

/// Upper-case labels that open paragraphs like a dateline but name no place.
const NOT_PLACES: &[&str] = &[
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
fn parse_dateline(paragraph: &str) -> Option<Dateline> {
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
fn parenthesised_agency(text: &str) -> Option<Option<String>> {
    let rest = text.strip_prefix('(')?;
    let close = rest.find(')')?;
    let inner = rest.get(..close)?.trim();
    let after = rest.get(close + 1..)?.trim_start();
    if inner.contains('(') || !after.starts_with([':', '—', '–', '-']) {
        return None;
    }
    Some(is_agency_name(inner).then(|| inner.to_owned()))
}

fn is_place(place: &str) -> bool {
    let letters = place.chars().filter(|c| c.is_uppercase()).count();
    letters >= 2
        && place.chars().next().is_some_and(char::is_uppercase)
        && place.chars().count() <= MAX_PLACE_CHARS
        && !NOT_PLACES.contains(&place)
}

/// Agencies whose names are not acronyms, and words that mark an agency's name.
const AGENCY_WORDS: &[&str] = &[
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
fn is_agency_name(name: &str) -> bool {
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

fn is_acronym(word: &str) -> bool {
    let letters = word.chars().filter(|c| c.is_alphabetic()).count();
    letters >= 2
        && word
            .chars()
            .all(|c| c == '.' || (c.is_alphabetic() && c.is_uppercase()))
}

/// Reads a last body line that only credits an agency: `— AFP`, `(Reuters)`,
/// `With AFP`, `AP`.
fn credit_line_agency(line: &str) -> Option<String> {
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
fn caption_agency(caption: &str) -> Option<String> {
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

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    const GULF: &str = include_str!("../../fixtures/articles/gulf-wire-2018-06.txt");
    const CRLF_BOM: &str = include_str!("../../fixtures/articles/crlf-bom.txt");
    const ARABIC_EMOJI: &str = include_str!("../../fixtures/articles/arabic-emoji.txt");
    const PLAIN_NOTE: &str = include_str!("../../fixtures/articles/plain-note.md");

    fn normalise(raw: &str) -> String {
        raw.strip_prefix('\u{feff}')
            .unwrap_or(raw)
            .replace("\r\n", "\n")
    }

    fn some(s: &str) -> Option<String> {
        Some(s.to_owned())
    }

    #[test]
    fn gulf_file_splits_into_three_articles_with_metadata() {
        let articles = split_articles(GULF);
        let got: Vec<_> = articles
            .iter()
            .map(|a| {
                (
                    a.headline.as_deref(),
                    a.date.as_deref(),
                    a.dateline.as_deref(),
                    a.agency.as_deref(),
                    a.caption.as_deref(),
                )
            })
            .collect();
        assert_eq!(
            got,
            vec![
                (
                    Some("Coalition talks stall in Baghdad as blocs trade demands"),
                    Some("2018-06-14"),
                    Some("BAGHDAD"),
                    Some("AFP"),
                    Some("File photo of the parliament building in Baghdad. (AFP)"),
                ),
                (
                    Some("Iran warns Europe over oil sanctions as exports slide"),
                    Some("2018-06-15"),
                    Some("TEHRAN"),
                    Some("Reuters"),
                    None,
                ),
                (
                    Some("Saudi Arabia and allies back gradual rise in oil output"),
                    Some("2018-06-16"),
                    Some("RIYADH/JEDDAH"),
                    // The closing "— AFP" credit wins over the caption's "(SPA)".
                    Some("AFP"),
                    Some(
                        "Energy Minister Faisal Al-Otaibi speaks to reporters in Jeddah on Saturday. (SPA)"
                    ),
                ),
            ]
        );
    }

    #[test]
    fn gulf_texts_keep_headline_bullets_and_body_but_not_header_furniture() {
        let articles = split_articles(GULF);
        for article in &articles {
            let text = &article.text;
            let headline = article.headline.as_deref().unwrap_or_default();
            assert!(text.starts_with(&format!("{headline}\n  • ")), "{text}");
            assert_eq!(text.matches(headline).count(), 1, "headline repeated");
            assert!(!text.contains("\nUpdated"), "{text}");
            assert!(!text.contains("\n0\n") && !text.contains("\n12\n"));
            assert!(!text.contains("\n3\n"));
            if let Some(caption) = &article.caption {
                assert!(!text.contains(caption.as_str()));
            }
            assert_eq!(text.trim(), text);
        }
        assert!(articles[0].text.ends_with("before the Eid holiday."));
        assert!(
            articles[1]
                .text
                .contains("\nTEHRAN (Reuters) — Iran’s foreign ministry")
        );
        assert!(articles[1].text.ends_with("on condition of anonymity."));
        assert!(articles[2].text.ends_with("decision.\n\n— AFP"));
    }

    #[test]
    fn body_is_an_exact_slice_of_the_source() {
        for article in split_articles(GULF) {
            let headline = article.headline.unwrap_or_default();
            let body = article
                .text
                .strip_prefix(&format!("{headline}\n"))
                .unwrap_or_default();
            assert!(!body.is_empty());
            assert!(GULF.contains(body));
        }
    }

    #[test]
    fn crlf_bom_file_after_normalisation() {
        let articles = split_articles(&normalise(CRLF_BOM));
        assert_eq!(articles.len(), 1);
        let article = &articles[0];
        assert_eq!(
            article.headline,
            some("Lebanon’s parliament speaker calls for quick cabinet deal")
        );
        assert_eq!(article.date, some("2018-07-02"));
        assert_eq!(article.dateline, some("BEIRUT"));
        assert_eq!(article.agency, some("AP"));
        assert_eq!(article.caption, None);
        assert!(article.text.ends_with("\n\n(AP)"));
        assert!(!article.text.contains('\r'));
    }

    #[test]
    fn raw_crlf_bom_input_still_splits_without_panicking() {
        let articles = split_articles(CRLF_BOM);
        assert_eq!(articles.len(), 1);
        assert_eq!(articles[0].date, some("2018-07-02"));
        assert_eq!(articles[0].dateline, some("BEIRUT"));
    }

    #[test]
    fn arabic_and_emoji_article() {
        let articles = split_articles(ARABIC_EMOJI);
        assert_eq!(articles.len(), 1);
        let article = &articles[0];
        assert_eq!(
            article.headline,
            some("Kurdish parties court young voters online ahead of regional vote")
        );
        assert_eq!(article.date, some("2018-09-27"));
        assert_eq!(article.dateline, some("ERBIL"));
        assert_eq!(article.agency, some("AFP"));
        assert_eq!(
            article.caption,
            some("Campaign posters in central Erbil on Wednesday. (AFP)")
        );
        for piece in [
            "“صوتك أمانة”",
            "📢",
            "🇮🇶",
            "🙂",
            "👩‍🎓",
            "لا دعاية انتخابية يوم الاقتراع",
        ] {
            assert!(article.text.contains(piece), "{piece}");
        }
        assert!(article.text.ends_with("harder to trace than cash."));
    }

    #[test]
    fn markdown_note_is_one_article() {
        let articles = split_articles(PLAIN_NOTE);
        assert_eq!(articles.len(), 1);
        let article = &articles[0];
        assert_eq!(article.text, PLAIN_NOTE.trim());
        assert_eq!(
            article.headline,
            some("Notes on Kuwait’s cabinet reshuffle")
        );
        assert_eq!(article.dateline, some("KUWAIT CITY"));
        assert_eq!(article.date, None);
        assert_eq!(article.agency, None);
        assert_eq!(article.caption, None);
    }

    #[test]
    fn empty_and_blank_input_give_no_article() {
        assert!(split_articles("").is_empty());
        assert!(split_articles(" \n\t\n  ").is_empty());
        assert!(split_articles("\u{feff}\n").is_empty());
    }

    #[test]
    fn preamble_before_first_header_is_kept() {
        let text = "Scraped from the Gulf desk\nPage 2\n\nOil deal\nUpdated 14 June 2018\n0\nOil deal\nBody.";
        let articles = split_articles(text);
        assert_eq!(articles.len(), 2);
        assert_eq!(articles[0].text, "Scraped from the Gulf desk\nPage 2");
        assert_eq!(articles[0].headline, some("Scraped from the Gulf desk"));
        assert_eq!(articles[1].text, "Oil deal\nBody.");
        assert_eq!(articles[1].date, some("2018-06-14"));
    }

    #[test]
    fn whitespace_before_first_header_is_ignored() {
        let articles = split_articles("\n  \nOil deal\nUpdated 14 June 2018\n0\nOil deal\nBody.");
        assert_eq!(articles.len(), 1);
        assert_eq!(articles[0].text, "Oil deal\nBody.");
    }

    #[test]
    fn blank_lines_inside_the_header_are_tolerated() {
        let text = "Oil deal\n\nA tanker. (Reuters)\n\nUpdated 14 June 2018\n\n7\n\nOil deal\n\nBAGHDAD: Body.\n";
        let articles = split_articles(text);
        assert_eq!(articles.len(), 1);
        assert_eq!(articles[0].text, "Oil deal\nBAGHDAD: Body.");
        assert_eq!(articles[0].caption, some("A tanker. (Reuters)"));
        assert_eq!(articles[0].agency, some("Reuters"));
        assert_eq!(articles[0].dateline, some("BAGHDAD"));
    }

    #[test]
    fn missing_repeat_starts_the_body_after_counter_or_updated_line() {
        let text = "Oil deal\nA tanker. (AFP)\nUpdated 14 June 2018\n0\nBAGHDAD: One.\n\nTwo.\nTalks resume\nUpdated June 16, 2018\nTEHRAN - Three.";
        let articles = split_articles(text);
        assert_eq!(articles.len(), 2);
        assert_eq!(articles[0].text, "Oil deal\nBAGHDAD: One.\n\nTwo.");
        assert_eq!(articles[0].caption, some("A tanker. (AFP)"));
        assert_eq!(articles[0].agency, some("AFP"));
        assert_eq!(articles[1].text, "Talks resume\nTEHRAN - Three.");
        assert_eq!(articles[1].date, some("2018-06-16"));
        assert_eq!(articles[1].dateline, some("TEHRAN"));
    }

    #[test]
    fn updated_in_a_body_without_other_evidence_does_not_split() {
        let text = "Oil deal\nUpdated 14 June 2018\n0\nOil deal\nFigures were revised.\nUpdated estimates came later.";
        let articles = split_articles(text);
        assert_eq!(articles.len(), 1);
        assert!(articles[0].text.ends_with("Updated estimates came later."));
    }

    #[test]
    fn lone_updated_lines_do_not_panic() {
        for text in [
            "Updated",
            "Updated ",
            "Headline\nUpdated",
            "Headline\nUpdated 14 June 2018",
            "Headline\nUpdated 14 June 2018\n",
            "Updated 14 June 2018\n0\nUpdated 14 June 2018",
            "é\nUpdated 31 Feb 2018\n٣\né",
        ] {
            let articles = split_articles(text);
            assert!(!articles.is_empty(), "{text:?}");
            assert!(articles.iter().all(|a| !a.text.is_empty()));
        }
        assert_eq!(
            split_articles("Headline\nUpdated 14 June 2018"),
            vec![WireArticle {
                text: "Headline".into(),
                headline: some("Headline"),
                date: some("2018-06-14"),
                ..WireArticle::default()
            }]
        );
    }

    #[test]
    fn dates_in_known_layouts_only() {
        let cases = [
            ("14 June 2018", Some("2018-06-14")),
            ("14 June 2018 09:40", Some("2018-06-14")),
            ("June 16, 2018", Some("2018-06-16")),
            ("Jun 16, 2018", Some("2018-06-16")),
            ("Sept 3, 2019", Some("2019-09-03")),
            ("Sep. 3, 2019", Some("2019-09-03")),
            ("2018-06-14", Some("2018-06-14")),
            ("29 Feb 2020", Some("2020-02-29")),
            ("29 Feb 2019", None),
            ("31 June 2018", None),
            ("2018-13-01", None),
            ("14/06/2018", None),
            ("yesterday", None),
            ("14 June", None),
            ("June 2018", None),
            ("14 Juno 2018", None),
            ("14 June 2018 25:00", None),
            ("14 June 18", None),
            ("", None),
        ];
        for (input, want) in cases {
            assert_eq!(parse_date(input).as_deref(), want, "{input}");
        }
    }

    #[test]
    fn datelines() {
        let cases = [
            ("BAGHDAD: Talks", Some(("BAGHDAD", None))),
            ("RIYADH/JEDDAH: Saudi", Some(("RIYADH/JEDDAH", None))),
            (
                "TEHRAN (Reuters) — Iran’s",
                Some(("TEHRAN", Some("Reuters"))),
            ),
            ("ERBIL (AFP): Kurdish", Some(("ERBIL", Some("AFP")))),
            ("BEIRUT — Lebanon’s", Some(("BEIRUT", None))),
            ("AL-QAIM – Fighting", Some(("AL-QAIM", None))),
            ("ABU DHABI - The", Some(("ABU DHABI", None))),
            ("BAGHDAD (Iraq): Talks", Some(("BAGHDAD", None))),
            ("Baghdad: Talks", None),
            ("Q: What", None),
            ("UPDATE: New", None),
            ("UPDATE 2: New", None),
            ("AL-QAIM-BASED", None),
            ("“BAGHDAD: quoted", None),
            ("بغداد: نص", None),
            ("THIS IS A VERY LONG UPPER CASE RUN WITHOUT END: x", None),
        ];
        for (input, want) in cases {
            let got = parse_dateline(input);
            let got = got
                .as_ref()
                .map(|d| (d.place.as_str(), d.agency.as_deref()));
            assert_eq!(got, want, "{input}");
        }
    }

    #[test]
    fn agency_credits() {
        for (line, want) in [
            ("— AFP", Some("AFP")),
            ("(Reuters)", Some("Reuters")),
            ("With AFP", Some("AFP")),
            ("AP", Some("AP")),
            ("— With AFP and Reuters", Some("AFP and Reuters")),
            ("(Reporting by Ali Hassan)", None),
            ("(Additional reporting by AFP)", None),
            ("— Ali Hassan", None),
            ("Thanks", None),
            ("The talks continue.", None),
        ] {
            assert_eq!(credit_line_agency(line).as_deref(), want, "{line}");
        }
        for (caption, want) in [
            ("A tanker. (AFP)", Some("AFP")),
            ("A tanker. (AFP/File Photo)", Some("AFP")),
            ("A tanker. (Reuters file photo)", Some("Reuters")),
            ("A tanker. (Supplied)", None),
            ("A tanker at sea", None),
        ] {
            assert_eq!(caption_agency(caption).as_deref(), want, "{caption}");
        }
    }

    #[test]
    fn agency_falls_back_from_dateline_to_credit_line_to_caption() {
        let base = "Oil deal\nA tanker. (SPA)\nUpdated 14 June 2018\n0\nOil deal\n";
        let with_dateline = format!("{base}RIYADH (Reuters) — Body.\n\n— AFP");
        let with_credit = format!("{base}RIYADH: Body.\n\n— AFP");
        let caption_only = format!("{base}RIYADH: Body.");
        assert_eq!(split_articles(&with_dateline)[0].agency, some("Reuters"));
        assert_eq!(split_articles(&with_credit)[0].agency, some("AFP"));
        assert_eq!(split_articles(&caption_only)[0].agency, some("SPA"));
    }

    #[test]
    fn dateline_is_read_after_the_bullets_only() {
        let text = "Oil deal\nUpdated 14 June 2018\n0\nOil deal\n  • BASRA: not a dateline\nThe talks resumed.\nBAGHDAD: too late";
        assert_eq!(split_articles(text)[0].dateline, None);
    }

    /// Lines that make up wire layouts, mixed with arbitrary text, so that random input
    /// actually reaches the header and dateline rules.
    fn wireish_text() -> impl Strategy<Value = String> {
        let piece = prop_oneof![
            Just("Oil deal".to_owned()),
            Just("Oil deal ".to_owned()),
            Just("A tanker. (AFP)".to_owned()),
            Just("Updated 14 June 2018".to_owned()),
            Just("Updated June 16, 2018 09:40".to_owned()),
            Just("Updated".to_owned()),
            Just("Updated é".to_owned()),
            Just("0".to_owned()),
            Just(String::new()),
            Just("  • a “bullet”".to_owned()),
            Just("BAGHDAD (AFP): Body.".to_owned()),
            Just("TEHRAN (Reuters".to_owned()),
            Just("— AFP".to_owned()),
            Just("# Title".to_owned()),
            Just("\u{feff}Iran’s 🇮🇶 صوتك\r".to_owned()),
            "[A-Z (/:—–'’.)-]{0,12}",
            any::<String>(),
        ];
        prop::collection::vec(piece, 0..30).prop_map(|lines| lines.join("\n"))
    }

    fn check_invariants(input: &str) -> Result<(), TestCaseError> {
        let articles = split_articles(input);
        let stripped = input.strip_prefix('\u{feff}').unwrap_or(input);
        prop_assert_eq!(articles.is_empty(), stripped.trim().is_empty());
        for article in &articles {
            prop_assert!(!article.text.is_empty());
            prop_assert_eq!(article.text.trim(), article.text.as_str());
            let headline = article.headline.as_deref().unwrap_or_default();
            prop_assert!(!headline.is_empty());
        }
        // Nothing is dropped: every line is in some text or is header furniture.
        for line in stripped
            .split('\n')
            .map(str::trim)
            .filter(|l| !l.is_empty())
        {
            let kept = articles.iter().any(|a| {
                a.text.contains(line)
                    || a.caption.as_deref() == Some(line)
                    || a.headline.as_deref() == Some(line)
            });
            let furniture = updated_rest(line).is_some() || is_counter(line);
            prop_assert!(kept || furniture, "dropped line {:?}", line);
        }
        Ok(())
    }

    proptest! {
        #[test]
        fn never_panics_on_arbitrary_strings(input in any::<String>()) {
            check_invariants(&input)?;
        }

        #[test]
        fn never_panics_on_wire_like_text(input in wireish_text()) {
            check_invariants(&input)?;
        }
    }
}
