//! Counting a repeated statement once (DNA's `duplicates`): the same actor, claim
//! and, unless the qualifier is ignored, side again, within one document, calendar
//! week, month or year, or the whole selection. The first in order of date,
//! document and place is kept, as DNA keeps it.
//!
//! One departure from DNA, on purpose: DNA compares only the week or month number,
//! so January 2005 and January 2006 count as one month; here a month is a calendar
//! month of its year, and a week an ISO week of its year, as DNA's documentation
//! describes them. A statement without a date is in a period of its own.

use super::options::{Duplicates, Qualifier};
use super::{Event, Side};
use crate::formats::wire::dates::iso_week;
use std::collections::HashSet;

/// The period a statement's repeats are counted in.
fn period(event: &Event, duplicates: Duplicates) -> String {
    let date = event.date.as_deref().unwrap_or_default();
    match duplicates {
        Duplicates::Include | Duplicates::All => String::new(),
        Duplicates::Document => event.document.clone(),
        Duplicates::Year => date.get(..4).unwrap_or(date).to_owned(),
        Duplicates::Month => date.get(..7).unwrap_or(date).to_owned(),
        Duplicates::Week => iso_week(date).map_or_else(
            || date.to_owned(),
            |(year, week)| format!("{year}-W{week:02}"),
        ),
    }
}

/// `events` in order, each repeat after its first left out; and how many were.
pub(super) fn keep_first(
    mut events: Vec<&Event>,
    duplicates: Duplicates,
    qualifier: Qualifier,
) -> (Vec<&Event>, usize) {
    // Undated statements after dated ones, as they cannot be placed in time.
    events.sort_by(|a, b| {
        (
            a.date.is_none(),
            &a.date,
            &a.document,
            a.stance_start,
            a.stance_end,
        )
            .cmp(&(
                b.date.is_none(),
                &b.date,
                &b.document,
                b.stance_start,
                b.stance_end,
            ))
    });
    if duplicates == Duplicates::Include {
        return (events, 0);
    }
    let mut seen: HashSet<(usize, usize, Option<Side>, String)> = HashSet::new();
    let before = events.len();
    events.retain(|e| {
        let side = (qualifier != Qualifier::Ignore).then_some(e.side);
        seen.insert((e.actor, e.claim, side, period(e, duplicates)))
    });
    let repeated = before - events.len();
    (events, repeated)
}
