//! Dates of `Updated …` lines, read into ISO form.

/// Reads the date of an `Updated` line into ISO form; only the layouts news sites are
/// known to use, because a wrongly read date would end up in every export.
pub(super) fn parse_date(text: &str) -> Option<String> {
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

pub(super) fn parse_iso_date(word: &str) -> Option<(u32, u32, u32)> {
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

pub(super) fn parse_year(word: &str) -> Option<u32> {
    if word.len() != 4 {
        return None;
    }
    digits(word).filter(|&y| y >= 1000)
}

pub(super) fn parse_day(word: &str) -> Option<u32> {
    if word.is_empty() || word.len() > 2 {
        return None;
    }
    digits(word)
}

pub(super) fn digits(word: &str) -> Option<u32> {
    if word.is_empty() || !word.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    word.parse().ok()
}

pub(super) fn is_clock(word: &str) -> bool {
    let Some((hours, minutes)) = word.split_once(':') else {
        return false;
    };
    let hours_ok = (1..=2).contains(&hours.len()) && digits(hours).is_some_and(|h| h < 24);
    let minutes_ok = minutes.len() == 2 && digits(minutes).is_some_and(|m| m < 60);
    hours_ok && minutes_ok
}

pub(super) fn month_number(word: &str) -> Option<u32> {
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

/// Days in `month` (1–12) of `year` in the Gregorian calendar; 0 for a month that is not one.
pub(crate) fn days_in_month(year: u32, month: u32) -> u32 {
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
