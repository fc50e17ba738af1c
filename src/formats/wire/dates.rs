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

/// The UTC calendar date and time of day of `seconds` since 1970-01-01 (a Unix
/// time, as DNA stores document dates): `("2018-06-14", "09:30:00")`.
pub(crate) fn utc_date_time(seconds: i64) -> (String, String) {
    let days = seconds.div_euclid(86_400);
    let in_day = seconds.rem_euclid(86_400);
    // Days to a civil date in the proleptic Gregorian calendar, counting in
    // 400-year eras of 146,097 days from 0000-03-01 (Howard Hinnant's method).
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let day_of_era = z.rem_euclid(146_097);
    let year_of_era =
        (day_of_era - day_of_era / 1_460 + day_of_era / 36_524 - day_of_era / 146_096) / 365;
    let day_of_year = day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
    let shifted_month = (5 * day_of_year + 2) / 153;
    let day = day_of_year - (153 * shifted_month + 2) / 5 + 1;
    let month = if shifted_month < 10 {
        shifted_month + 3
    } else {
        shifted_month - 9
    };
    let year = year_of_era + era * 400 + i64::from(month <= 2);
    (
        format!("{year:04}-{month:02}-{day:02}"),
        format!(
            "{:02}:{:02}:{:02}",
            in_day / 3_600,
            in_day % 3_600 / 60,
            in_day % 60
        ),
    )
}

#[cfg(test)]
mod utc_tests {
    use super::{days_in_month, utc_date_time};

    #[test]
    fn unix_times_are_calendar_dates() {
        assert_eq!(utc_date_time(0), ("1970-01-01".into(), "00:00:00".into()));
        assert_eq!(
            utc_date_time(951_782_400),
            ("2000-02-29".into(), "00:00:00".into())
        );
        assert_eq!(
            utc_date_time(1_529_011_800),
            ("2018-06-14".into(), "21:30:00".into())
        );
        assert_eq!(utc_date_time(-1), ("1969-12-31".into(), "23:59:59".into()));
    }

    proptest::proptest! {
        #[test]
        fn every_day_is_a_real_one_and_the_next_follows(days in -200_000i64..200_000) {
            let (date, _) = utc_date_time(days * 86_400);
            let (next, _) = utc_date_time((days + 1) * 86_400);
            let parts = |d: &str| -> (u32, u32, u32) {
                let v: Vec<u32> = d.trim_start_matches('-').split('-').map(|p| p.parse().unwrap()).collect();
                (v[0], v[1], v[2])
            };
            let (y, m, d) = parts(&date);
            proptest::prop_assert!(d >= 1 && d <= days_in_month(y, m));
            let (ny, nm, nd) = parts(&next);
            let follows = (ny, nm, nd) == (y, m, d + 1)
                || (nd == 1 && ((ny, nm) == (y, m + 1) || (ny, nm, m) == (y + 1, 1, 12)));
            proptest::prop_assert!(follows, "{} then {}", date, next);
        }
    }
}

/// Days since 1970-01-01 of a `YYYY-MM-DD` date, if it is one.
pub(crate) fn day_number(date: &str) -> Option<i64> {
    let mut parts = date.get(..10)?.split('-');
    let year: i64 = parts.next()?.parse().ok()?;
    let month: i64 = parts.next()?.parse().ok()?;
    let day: i64 = parts.next()?.parse().ok()?;
    let in_month = days_in_month(u32::try_from(year).ok()?, u32::try_from(month).ok()?);
    if day < 1 || day > i64::from(in_month) {
        return None;
    }
    // The inverse of `utc_date_time`'s civil-from-days (Howard Hinnant's method).
    let y = if month <= 2 { year - 1 } else { year };
    let era = y.div_euclid(400);
    let year_of_era = y - era * 400;
    let shifted_month = (month + 9) % 12;
    let day_of_year = (153 * shifted_month + 2) / 5 + day - 1;
    let day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
    Some(era * 146_097 + day_of_era - 719_468)
}

/// The ISO 8601 week of a `YYYY-MM-DD` date: its week-based year and week number
/// (weeks start on Monday; week 1 holds the year's first Thursday).
pub(crate) fn iso_week(date: &str) -> Option<(i64, i64)> {
    let day = day_number(date)?;
    // 1970-01-01 was a Thursday: Monday is 0.
    let weekday = (day + 3).rem_euclid(7);
    let thursday = day - weekday + 3;
    let (thursday_date, _) = utc_date_time(thursday * 86_400);
    let year: i64 = thursday_date.get(..4)?.parse().ok()?;
    let first = day_number(&format!("{year:04}-01-01"))?;
    Some((year, (thursday - first) / 7 + 1))
}

#[cfg(test)]
mod week_tests {
    use super::{day_number, iso_week, utc_date_time};

    #[test]
    fn iso_weeks_as_the_calendar_has_them() {
        assert_eq!(iso_week("2024-01-01"), Some((2024, 1)));
        // A Sunday at the end of 2023's last week.
        assert_eq!(iso_week("2023-12-31"), Some((2023, 52)));
        // 2021-01-03 is still week 53 of 2020.
        assert_eq!(iso_week("2021-01-03"), Some((2020, 53)));
        assert_eq!(iso_week("2026-12-03"), Some((2026, 49)));
        assert_eq!(iso_week("2026-02-30"), None);
    }

    proptest::proptest! {
        #[test]
        fn day_numbers_undo_dates(days in -200_000i64..200_000) {
            let (date, _) = utc_date_time(days * 86_400);
            proptest::prop_assert_eq!(day_number(&date), Some(days));
        }
    }
}
