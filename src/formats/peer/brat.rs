//! brat standoff pairs: `DOC.txt` with the text and `DOC.ann` with `T` (spans,
//! possibly in fragments `0 4;6 10`), `A`/`M` (attributes), `R` (relations) and `#`
//! (`AnnotatorNotes`) lines. brat counts offsets in chars of the `.txt` as it is on
//! disk. Events (`E`) keep their trigger as a span and each role as a link from it
//! named by the role; an equivalence (`*`) is links from its first span to the
//! others; a normalisation (`N`) goes into its span's note. Nothing is dropped.

use super::{PeerLink, PeerRecord, PeerSet, PeerSpan};
use crate::formats::error::ImportError;
use crate::formats::jsonl::file_name;
use crate::formats::units::OffsetUnit;
use std::collections::HashMap;
use std::path::Path;

/// Reads a pair: the `.txt` text (already read) and the `.ann` text.
pub fn read(
    txt_path: &Path,
    text: &str,
    ann_path: &Path,
    ann: &str,
) -> Result<PeerRecord, ImportError> {
    let mut standoff = Standoff::default();
    for (i, line) in ann.lines().enumerate() {
        let line = line.trim_end_matches('\r');
        if line.trim().is_empty() {
            continue;
        }
        standoff
            .read_line(line)
            .map_err(|message| ImportError::Peer {
                path: ann_path.to_owned(),
                line: i + 1,
                message,
            })?;
    }
    let stem = txt_path
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned());
    let meta = serde_json::Map::new();
    Ok(PeerRecord {
        line: 1,
        article: super::article_from(text, stem, &meta, file_name(txt_path)),
        raw_text: text.to_owned(),
        unit: OffsetUnit::Chars,
        sets: vec![standoff.into_set()],
    })
}

/// One `.ann` line cut at its first two tabs: `id<TAB>body<TAB>rest`.
struct AnnLine<'a> {
    /// `T1`, `A2`, `#1`, `*` …: its first letter says what the line is.
    id: &'a str,
    /// The label or type and what it is on.
    body: &'a str,
    /// The span's text, a note's text or a normalisation's name, where there is one.
    rest: Option<&'a str>,
}

/// The annotations of one `.ann` file, line by line.
#[derive(Default)]
struct Standoff {
    /// Spans and links as brat names them.
    set: PeerSet,
    /// An event (`E1`) is its trigger span: what refers to the event refers to it.
    events: HashMap<String, String>,
}

impl Standoff {
    /// Adds one non-blank line; the error is the message for its line number.
    fn read_line(&mut self, line: &str) -> Result<(), String> {
        let mut fields = line.splitn(3, '\t');
        let ann = AnnLine {
            id: fields.next().unwrap_or_default(),
            body: fields.next().unwrap_or_default(),
            rest: fields.next(),
        };
        match ann.id.chars().next() {
            Some('T') => self.text_bound(&ann),
            Some('A' | 'M') => self.attribute(&ann),
            Some('R') => self.relation(&ann),
            Some('#') => self.annotator_note(&ann),
            Some('E') => self.event(&ann),
            Some('*') => self.equivalence(&ann),
            Some('N') => self.normalisation(&ann),
            _ => Err(format!(
                "“{}” is not a brat annotation line (T, A, R, # …); fix or remove it",
                line.chars().take(40).collect::<String>()
            )),
        }
    }

    /// `T1<TAB>actor 0 4;6 10<TAB>Iran said`: a span, possibly in fragments, kept
    /// as one span from the first start to the last end.
    fn text_bound(&mut self, ann: &AnnLine) -> Result<(), String> {
        let id = ann.id;
        let (label, places) = ann
            .body
            .split_once(' ')
            .ok_or_else(|| format!("“{id}” needs “label start end”; fix the line"))?;
        let mut bounds: Vec<(usize, usize)> = Vec::new();
        for piece in places.split(';') {
            let mut nums = piece.split_whitespace().map(str::parse::<usize>);
            match (nums.next(), nums.next(), nums.next()) {
                (Some(Ok(s)), Some(Ok(e)), None) => bounds.push((s, e)),
                _ => {
                    return Err(format!(
                        "“{id}”: “{piece}” is not “start end” in whole numbers; fix the offsets"
                    ));
                }
            }
        }
        let start = bounds.iter().map(|b| b.0).min().unwrap_or(0);
        let end = bounds.iter().map(|b| b.1).max().unwrap_or(0);
        self.set.spans.push(PeerSpan {
            key: id.to_owned(),
            start,
            end,
            label: label.to_owned(),
            // brat gives a fragmented span's text as its pieces joined by a
            // space, which the joined span's text is not.
            text: ann.rest.map(str::to_owned).filter(|_| bounds.len() == 1),
            discontinuous: bounds.len() > 1,
            ..PeerSpan::default()
        });
        Ok(())
    }

    /// `A1<TAB>polarity T2 oppose` (or `M1`): an attribute of a span or event.
    fn attribute(&mut self, ann: &AnnLine) -> Result<(), String> {
        let mut parts = ann.body.split_whitespace();
        let (Some(name), Some(target)) = (parts.next(), parts.next()) else {
            return Err(format!(
                "“{}” needs “name T… [value]”; fix the line",
                ann.id
            ));
        };
        // A binary attribute has no value: it is there or not.
        let value = parts.next().unwrap_or("true").to_owned();
        let span = self.span_of(ann, target)?;
        span.attributes.insert(name.to_owned(), value);
        Ok(())
    }

    /// `R1<TAB>holds Arg1:T1 Arg2:T2`: a link between two spans.
    fn relation(&mut self, ann: &AnnLine) -> Result<(), String> {
        let mut parts = ann.body.split_whitespace();
        let label = parts.next().unwrap_or_default().to_owned();
        let arg = |p: Option<&str>| p.and_then(|a| a.split_once(':')).map(|(_, t)| t.to_owned());
        let (Some(from), Some(to)) = (arg(parts.next()), arg(parts.next())) else {
            return Err(format!(
                "“{}” needs “type Arg1:T… Arg2:T…”; fix the line",
                ann.id
            ));
        };
        self.set.links.push(PeerLink { from, to, label });
        Ok(())
    }

    /// `#1<TAB>AnnotatorNotes T2<TAB>check this`: a line of the span's note.
    fn annotator_note(&mut self, ann: &AnnLine) -> Result<(), String> {
        let id = ann.id;
        let target = ann.body.split_whitespace().nth(1).unwrap_or_default();
        match span_named(&mut self.set, &self.events, target) {
            Some(span) => {
                add_note(span, ann.rest.unwrap_or_default());
                Ok(())
            }
            None => Err(format!(
                "the note “{id}” is on “{target}”, not on a span above it; claimspan keeps notes on spans only: move or remove it"
            )),
        }
    }

    /// `E1<TAB>Attack:T3 Target:T2 Instrument:T4`: the trigger is a span, each
    /// role a link from it named by the role.
    fn event(&mut self, ann: &AnnLine) -> Result<(), String> {
        let id = ann.id;
        let mut parts = ann.body.split_whitespace();
        let trigger = parts
            .next()
            .and_then(|t| t.split_once(':'))
            .map(|(_, t)| t.to_owned())
            .filter(|t| self.set.spans.iter().any(|s| &s.key == t))
            .ok_or_else(|| {
                format!(
                    "the event “{id}” needs “Type:T…” with its trigger, a span (T line) above it"
                )
            })?;
        for role in parts {
            let Some((name, arg)) = role.split_once(':') else {
                return Err(format!(
                    "the event “{id}”: “{role}” is not “Role:T…”; fix the line"
                ));
            };
            self.set.links.push(PeerLink {
                from: trigger.clone(),
                to: arg.to_owned(),
                label: name.to_owned(),
            });
        }
        self.events.insert(id.to_owned(), trigger);
        Ok(())
    }

    /// `*<TAB>Equiv T1 T2 T3`: the same thing named thrice; links from the first
    /// to each other one, named by the relation.
    fn equivalence(&mut self, ann: &AnnLine) -> Result<(), String> {
        let mut parts = ann.body.split_whitespace();
        let label = parts.next().unwrap_or_default().to_owned();
        let members: Vec<&str> = parts.collect();
        let Some((first, others)) = members.split_first() else {
            return Err(format!(
                "the equivalence “{}” names no spans; fix or remove it",
                ann.id
            ));
        };
        for other in others {
            self.set.links.push(PeerLink {
                from: (*first).to_owned(),
                to: (*other).to_owned(),
                label: label.clone(),
            });
        }
        Ok(())
    }

    /// `N1<TAB>Reference T1 Wikidata:Q794<TAB>Iran`: kept in the span's note, the
    /// one place claimspan has for a reference to elsewhere.
    fn normalisation(&mut self, ann: &AnnLine) -> Result<(), String> {
        let mut parts = ann.body.split_whitespace();
        let (Some(kind), Some(target), Some(reference)) =
            (parts.next(), parts.next(), parts.next())
        else {
            return Err(format!(
                "the normalisation “{}” needs “Reference T… DB:ID”; fix the line",
                ann.id
            ));
        };
        let named = ann.rest.filter(|r| !r.is_empty());
        let note = match named {
            Some(name) => format!("{kind}: {reference} ({name})"),
            None => format!("{kind}: {reference}"),
        };
        let span = self.span_of(ann, target)?;
        add_note(span, &note);
        Ok(())
    }

    /// The span (or event) `target` that the line `ann` is on, or why there is none.
    fn span_of(&mut self, ann: &AnnLine, target: &str) -> Result<&mut PeerSpan, String> {
        span_named(&mut self.set, &self.events, target).ok_or_else(|| {
            format!(
                "“{}” refers to “{target}”, which is not a span (T line) above it",
                ann.id
            )
        })
    }

    /// The spans and links, with relations and roles that name an event sent to
    /// its trigger.
    fn into_set(mut self) -> PeerSet {
        for link in &mut self.set.links {
            for end in [&mut link.from, &mut link.to] {
                if let Some(trigger) = self.events.get(end.as_str()) {
                    *end = trigger.clone();
                }
            }
        }
        self.set
    }
}

/// The span called `key`, or the trigger span of the event called `key`.
fn span_named<'s>(
    set: &'s mut PeerSet,
    events: &HashMap<String, String>,
    key: &str,
) -> Option<&'s mut PeerSpan> {
    let key = events.get(key).map_or(key, String::as_str);
    set.spans.iter_mut().find(|s| s.key == key)
}

/// Adds a line to a span's note.
fn add_note(span: &mut PeerSpan, note: &str) {
    if !span.note.is_empty() {
        span.note.push('\n');
    }
    span.note.push_str(note);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_become_spans_attributes_links_and_notes() {
        let ann = "T1\tactor 0 4\tIran\nT2\tstance 5 9;10 12\tsaid no\nA1\tpolarity T2 oppose\nA2\tNegated T1\nR1\tholds Arg1:T1 Arg2:T2\n#1\tAnnotatorNotes T2\tcheck this\n";
        let r = read(Path::new("d.txt"), "Iran said\nno", Path::new("d.ann"), ann).unwrap();
        let set = &r.sets[0];
        assert_eq!((set.spans[1].start, set.spans[1].end), (5, 12));
        assert_eq!(set.spans[1].attributes["polarity"], "oppose");
        assert_eq!(set.spans[0].attributes["Negated"], "true");
        assert_eq!(set.spans[1].note, "check this");
        assert_eq!(
            set.links,
            [PeerLink {
                from: "T1".into(),
                to: "T2".into(),
                label: "holds".into()
            }]
        );
        assert_eq!(r.article.id.as_ref().map(|i| i.as_str()), Some("d"));
    }

    #[test]
    fn events_equivalences_and_normalisations_are_kept() {
        let text = "Iran attacked the convoy; Tehran said so.";
        let ann = "T1\tstance 5 13\tattacked\nT2\tactor 0 4\tIran\nT3\tactor 26 32\tTehran\nT4\tclaim 14 24\tthe convoy\nE1\tstance:T1 Agent:T2 Target:T4\nA1\tNegated E1\nR1\tabout Arg1:E1 Arg2:T4\n*\tEquiv T2 T3\nN1\tReference T2 Wikidata:Q794\tIran\n";
        let r = read(Path::new("d.txt"), text, Path::new("d.ann"), ann).unwrap();
        let set = &r.sets[0];
        assert_eq!(set.spans.len(), 4, "the trigger is a span, once");
        let links: Vec<(&str, &str, &str)> = set
            .links
            .iter()
            .map(|l| (l.from.as_str(), l.to.as_str(), l.label.as_str()))
            .collect();
        assert_eq!(
            links,
            [
                ("T1", "T2", "Agent"),
                ("T1", "T4", "Target"),
                ("T1", "T4", "about"),
                ("T2", "T3", "Equiv"),
            ]
        );
        assert_eq!(set.spans[0].attributes["Negated"], "true");
        assert_eq!(set.spans[1].note, "Reference: Wikidata:Q794 (Iran)");
    }

    #[test]
    fn junk_is_refused_by_line() {
        let err = read(
            Path::new("d.txt"),
            "x",
            Path::new("d.ann"),
            "T1\tactor 0 1\tx\nE1\tAttack:T9\n",
        )
        .unwrap_err();
        assert_eq!(
            err.to_string(),
            "d.ann:2: the event “E1” needs “Type:T…” with its trigger, a span (T line) above it"
        );
        let err = read(
            Path::new("d.txt"),
            "x",
            Path::new("d.ann"),
            "T1\tactor zero 1\tx\n",
        )
        .unwrap_err();
        assert!(
            err.to_string()
                .starts_with("d.ann:1: “T1”: “zero 1” is not"),
            "{err}"
        );
    }
}
