//! The event list (DNA's `eventlist`): one CSV row a statement counted, in order of
//! date and place, with every variable, for R or pandas.
//!
//! Columns: `document`, `date`, `source`, `annotator`, `actor`, `actor_name`,
//! `actor_type`, `polarity`, `claim`, `claim_name`, `stance_text`, `stance_start`,
//! `stance_end`, then one column per other attribute any stance has (DNA's
//! variables, `dna_statement`…), in name order, empty where a stance lacks it. The
//! quoting is the statements table's (RFC 4180).

use super::{Event, NetworkBuilder};
use crate::formats::statements::table::write_row;
use std::collections::BTreeSet;
use std::io::{self, Write};

/// The columns before the attributes.
pub const COLUMNS: [&str; 13] = [
    "document",
    "date",
    "source",
    "annotator",
    "actor",
    "actor_name",
    "actor_type",
    "polarity",
    "claim",
    "claim_name",
    "stance_text",
    "stance_start",
    "stance_end",
];

/// Writes `events`, the statements `builder` counted, to `out`.
pub fn write_event_list(
    builder: &NetworkBuilder,
    events: &[&Event],
    out: &mut impl Write,
) -> io::Result<()> {
    let attributes: BTreeSet<&str> = events
        .iter()
        .flat_map(|e| e.attributes.keys().map(String::as_str))
        .collect();
    let header: Vec<&str> = COLUMNS
        .iter()
        .copied()
        .chain(attributes.iter().copied())
        .collect();
    write_row(out, header.iter().copied())?;
    for e in events {
        let (actor, claim) = (builder.node(e.actor), builder.node(e.claim));
        let (start, end) = (e.stance_start.to_string(), e.stance_end.to_string());
        let fixed = [
            e.document.as_str(),
            e.date.as_deref().unwrap_or_default(),
            e.source.as_deref().unwrap_or_default(),
            e.annotator.as_str(),
            actor.id.as_str(),
            actor.label.as_str(),
            actor.kind.unwrap_or_default(),
            e.polarity.as_deref().unwrap_or_default(),
            claim.id.as_str(),
            claim.label.as_str(),
            e.stance_text.as_str(),
            start.as_str(),
            end.as_str(),
        ];
        let rest = attributes
            .iter()
            .map(|a| e.attributes.get(*a).map_or("", String::as_str));
        write_row(out, fixed.into_iter().chain(rest))?;
    }
    Ok(())
}
