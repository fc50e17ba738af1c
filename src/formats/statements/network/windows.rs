//! Time-sliced networks (DNA's `timeWindow`): `--window 30d --step 7d` makes one
//! network per window of 30 days, a window starting every 7 days.
//!
//! Windows start on the first day of the selection (`--from`, else the earliest
//! dated statement) and, as DNA's, only windows that fit wholly before its last day
//! (`--to`, else the latest statement) are made, so each covers the same span of
//! time; a selection shorter than one window gives that one window. Both ends are
//! inclusive. Repeats are counted once before the slicing, as DNA does, so
//! `--duplicates all` keeps a statement only in the first window it appears in.
//! Statements without a date are in no window, and counted.

use super::Event;
use crate::formats::wire::dates::{day_number, utc_date_time};
use std::str::FromStr;

/// How long a window is and how far the next one starts, in days.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TimeWindow {
    /// Days a window covers.
    pub days: i64,
    /// Days from one window's start to the next's.
    pub step: i64,
}

/// A span of days: `30d`, `4w` (weeks of 7 days).
fn days_of(text: &str, what: &str) -> Result<i64, String> {
    let text = text.trim();
    let (number, unit) = text.split_at(
        text.find(|c: char| !c.is_ascii_digit())
            .unwrap_or(text.len()),
    );
    let n: i64 = number
        .parse()
        .map_err(|_| format!("“{text}” is not a {what}; give days or weeks, as 30d or 4w"))?;
    let days = match unit {
        "d" | "" => n,
        "w" => n * 7,
        _ => {
            return Err(format!(
                "“{text}” is not a {what}; give days or weeks, as 30d or 4w"
            ));
        }
    };
    if days < 1 {
        return Err(format!("a {what} of {text} holds no day; give at least 1d"));
    }
    Ok(days)
}

impl TimeWindow {
    /// A window of `size` (`30d`, `4w`), started every `step` (the window's own
    /// length when `None`, so they do not overlap).
    pub fn new(size: &str, step: Option<&str>) -> Result<Self, String> {
        let days = days_of(size, "window")?;
        let step = match step {
            Some(step) => days_of(step, "step")?,
            None => days,
        };
        Ok(Self { days, step })
    }
}

impl FromStr for TimeWindow {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, String> {
        Self::new(s, None)
    }
}

/// One window and the statements in it.
#[derive(Debug, Clone)]
pub struct Slice<'a> {
    /// Its first day, `YYYY-MM-DD`.
    pub start: String,
    /// Its last day.
    pub end: String,
    /// The statements dated within it.
    pub events: Vec<&'a Event>,
}

fn date_of(day: i64) -> String {
    utc_date_time(day * 86_400).0
}

/// The windows over `events` between `from` and `to` (either taken from the
/// statements where not given), and how many statements had no date.
pub fn slices<'a>(
    events: &[&'a Event],
    window: TimeWindow,
    from: Option<&str>,
    to: Option<&str>,
) -> (Vec<Slice<'a>>, usize) {
    let dated: Vec<(i64, &'a Event)> = events
        .iter()
        .filter_map(|e| e.date.as_deref().and_then(day_number).map(|d| (d, *e)))
        .collect();
    let undated = events.len() - dated.len();
    let first = from
        .and_then(day_number)
        .or_else(|| dated.iter().map(|(d, _)| *d).min());
    let last = to
        .and_then(day_number)
        .or_else(|| dated.iter().map(|(d, _)| *d).max());
    let (Some(first), Some(last)) = (first, last) else {
        return (Vec::new(), undated);
    };
    let mut out = Vec::new();
    let mut start = first;
    loop {
        let end = start + window.days - 1;
        if start > last || (end > last && !out.is_empty()) {
            break;
        }
        out.push(Slice {
            start: date_of(start),
            end: date_of(end),
            events: dated
                .iter()
                .filter(|(d, _)| (start..=end).contains(d))
                .map(|(_, e)| *e)
                .collect(),
        });
        start += window.step;
    }
    (out, undated)
}
