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

mod dateline;
pub(crate) mod dates;

use dateline::*;
use dates::*;

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

#[cfg(test)]
#[path = "wire_tests.rs"]
mod tests;
