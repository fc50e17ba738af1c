//! Names that become file and folder names: document ids and annotator names.
//!
//! Both end up in paths (`articles/<id>.txt`, `annotations/<annotator>/`), so they are
//! checked once, when made, to be safe file names on Linux, macOS and Windows alike; a
//! name like `../x` can never reach the file system.

use serde::{Deserialize, Serialize};
use std::fmt;
use thiserror::Error;

/// Why a name cannot be used as a document id or annotator name.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
#[error("“{name}” cannot be {what}: {why}")]
pub struct NameError {
    /// The name as given.
    pub name: String,
    /// "a document id" or "an annotator name".
    pub what: &'static str,
    /// What is wrong, in a sentence fragment that tells the fix.
    pub why: &'static str,
}

/// The longest id accepted; long enough for a headline slug and a date.
const MAX_LEN: usize = 120;

/// Names that Windows refuses as file names whatever their extension.
const WINDOWS_RESERVED: [&str; 22] = [
    "con", "prn", "aux", "nul", "com1", "com2", "com3", "com4", "com5", "com6", "com7", "com8",
    "com9", "lpt1", "lpt2", "lpt3", "lpt4", "lpt5", "lpt6", "lpt7", "lpt8", "lpt9",
];

fn check_name(name: &str, what: &'static str) -> Result<(), NameError> {
    let fail = |why| {
        Err(NameError {
            name: name.to_owned(),
            what,
            why,
        })
    };
    if name.is_empty() {
        return fail("it is empty");
    }
    if name.chars().count() > MAX_LEN {
        return fail("it is longer than 120 characters");
    }
    if !name
        .chars()
        .all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.'))
    {
        return fail("use only letters a–z, digits, '-', '_' and '.', so it is a safe file name");
    }
    if !name.starts_with(|c: char| c.is_ascii_alphanumeric()) {
        return fail("it must start with a letter or digit");
    }
    if name.contains("..") || name.ends_with('.') {
        return fail("it may not contain “..” or end with “.”");
    }
    let stem = name.split('.').next().unwrap_or(name).to_ascii_lowercase();
    if WINDOWS_RESERVED.contains(&stem.as_str()) {
        return fail("Windows reserves that name for a device");
    }
    Ok(())
}

/// The stable id of a document, used as its file name in every folder of the project.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct DocumentId(String);

impl DocumentId {
    /// Checks `id` and makes it a document id.
    pub fn new(id: &str) -> Result<Self, NameError> {
        check_name(id, "a document id")?;
        Ok(Self(id.to_owned()))
    }

    /// The id as text.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// A readable id for an article: its title's words, then its date, as in
    /// `coalition-talks-stall-in-baghdad-2018-06-14`. Always a valid id.
    pub fn from_title(title: &str, date: Option<&str>) -> Self {
        let mut id = slug(title, 60);
        if let Some(date) = date {
            let date = slug(date, 20);
            if !date.is_empty() {
                if !id.is_empty() {
                    id.push('-');
                }
                id.push_str(&date);
            }
        }
        if id.is_empty() {
            id.push_str("article");
        }
        if check_name(&id, "").is_err() {
            // Only a Windows device name can get here ("con", "nul-2018", …).
            id.push_str("-article");
        }
        Self(id)
    }

    /// This id with a suffix that tells apart two different articles that would
    /// otherwise share it.
    pub fn with_suffix(&self, suffix: &str) -> Self {
        let suffix = slug(suffix, 20);
        let room = MAX_LEN.saturating_sub(suffix.len() + 1);
        let base: String = self.0.chars().take(room).collect();
        let base = base.trim_end_matches(['-', '.', '_']);
        Self(format!("{base}-{suffix}"))
    }
}

impl TryFrom<String> for DocumentId {
    type Error = NameError;
    fn try_from(id: String) -> Result<Self, NameError> {
        check_name(&id, "a document id")?;
        Ok(Self(id))
    }
}

impl From<DocumentId> for String {
    fn from(id: DocumentId) -> String {
        id.0
    }
}

impl fmt::Display for DocumentId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// The name of a person who annotates, used as the name of their folder.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct AnnotatorName(String);

impl AnnotatorName {
    /// Checks `name` and makes it an annotator name. `gold` and `all` are reserved:
    /// `--source gold` and `--source all` choose the gold standard and everyone, so a
    /// person by either name could never be chosen alone.
    pub fn new(name: &str) -> Result<Self, NameError> {
        check_name(name, "an annotator name")?;
        if let Some(reserved) = RESERVED_ANNOTATORS
            .iter()
            .find(|r| r.eq_ignore_ascii_case(name))
        {
            return Err(NameError {
                name: name.to_owned(),
                what: "an annotator name",
                why: if *reserved == GOLD {
                    "“gold” names the adjudicated annotations; choose another name"
                } else {
                    "“all” means every annotator on the command line; choose another name"
                },
            });
        }
        Ok(Self(name.to_owned()))
    }

    /// The name as text.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The name gold (adjudicated) files carry in place of a person's.
    pub fn gold() -> Self {
        Self(GOLD.to_owned())
    }

    /// The name a source of suggestions is compared under, as if it were an
    /// annotator (`agree --annotators suggest:strings,gold`): `suggest:<from>`. No
    /// person can have it, as a name of a person has no colon.
    pub fn suggestions(from: &str) -> Self {
        Self(format!("{SUGGESTED}{from}"))
    }

    /// The source of suggestions this name stands for, if it is one
    /// ([`AnnotatorName::suggestions`]).
    pub fn suggestions_from(&self) -> Option<&str> {
        self.0.strip_prefix(SUGGESTED)
    }

    /// A name given on the command line to compare: a person's, `gold`, or
    /// `suggest:<from>` for a source of suggestions.
    pub fn to_compare(name: &str) -> Result<Self, NameError> {
        if name == GOLD {
            return Ok(Self::gold());
        }
        match name.strip_prefix(SUGGESTED) {
            Some(from) => Self::new(from).map(|from| Self::suggestions(from.as_str())),
            None => Self::new(name),
        }
    }
}

/// The annotator name of gold files.
pub const GOLD: &str = "gold";

/// What the name of a source of suggestions starts with when it is compared like an
/// annotator.
pub const SUGGESTED: &str = "suggest:";

/// Names no person may take (see [`AnnotatorName::new`]).
pub const RESERVED_ANNOTATORS: [&str; 2] = [GOLD, "all"];

impl TryFrom<String> for AnnotatorName {
    type Error = NameError;
    fn try_from(name: String) -> Result<Self, NameError> {
        // Gold files carry `annotator: "gold"`; everything else is a person's name.
        if name == GOLD {
            return Ok(Self::gold());
        }
        Self::new(&name)
    }
}

impl From<AnnotatorName> for String {
    fn from(name: AnnotatorName) -> String {
        name.0
    }
}

impl fmt::Display for AnnotatorName {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// Lower-case ASCII words joined by `-`, at most `max` bytes, cut at a word end.
/// Letters of other scripts are transliterated (`Gründerin` → `grunderin`, `بيان` →
/// `byn`) by `deunicode`'s fixed tables, so the slug is readable and the same on
/// every machine; ids stay ASCII, which every file system and git host takes.
fn slug(text: &str, max: usize) -> String {
    let text = deunicode::deunicode(text);
    let mut out = String::new();
    for word in text
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|w| !w.is_empty())
    {
        let extra = word.len() + usize::from(!out.is_empty());
        if out.len() + extra > max {
            if out.is_empty() {
                out.push_str(&word[..max.min(word.len())].to_ascii_lowercase());
            }
            break;
        }
        if !out.is_empty() {
            out.push('-');
        }
        out.push_str(&word.to_ascii_lowercase());
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn escaping_names_are_refused() {
        for bad in [
            "../x", "..", "a/b", "a\\b", ".hidden", "", "con", "NUL.txt", "x.", "a b",
        ] {
            let err = DocumentId::new(bad).unwrap_err();
            assert!(err.to_string().contains("cannot be a document id"), "{err}");
        }
        assert_eq!(
            DocumentId::new("../x").unwrap_err().to_string(),
            "“../x” cannot be a document id: use only letters a–z, digits, '-', '_' and '.', so it is a safe file name"
        );
        assert!(AnnotatorName::new("alice").is_ok());
        for reserved in ["gold", "Gold", "all", "ALL"] {
            let err = AnnotatorName::new(reserved).unwrap_err().to_string();
            assert!(err.contains("choose another name"), "{err}");
        }
        // Gold files carry the reserved name, and read.
        assert_eq!(
            AnnotatorName::try_from(GOLD.to_owned()).ok(),
            Some(AnnotatorName::gold())
        );
        assert!(AnnotatorName::try_from("all".to_owned()).is_err());
        assert!(AnnotatorName::new("Doc_001.v2").is_ok());
    }

    #[test]
    fn title_and_date_make_a_readable_id() {
        let id = DocumentId::from_title(
            "Coalition talks stall in Baghdad as blocs trade demands",
            Some("2018-06-14"),
        );
        assert_eq!(
            id.as_str(),
            "coalition-talks-stall-in-baghdad-as-blocs-trade-demands-2018-06-14"
        );
        assert_eq!(
            DocumentId::from_title("“Iran’s” deal", None).as_str(),
            "iran-s-deal"
        );
        assert_eq!(
            DocumentId::from_title("BioNTech-Gründerin Özlem Türeci", None).as_str(),
            "biontech-grunderin-ozlem-tureci"
        );
        assert_eq!(DocumentId::from_title("بيان", None).as_str(), "byn");
        assert_eq!(
            DocumentId::from_title("Ιράν: «Όχι» στην πρόταση", None).as_str(),
            "iran-okhi-sten-protase"
        );
        // Nothing to spell a word with: a placeholder, never an empty id.
        assert_eq!(DocumentId::from_title("…", None).as_str(), "article");
        assert_eq!(DocumentId::from_title("Con", None).as_str(), "con-article");
        assert_eq!(id.with_suffix("ab12cd34").as_str().len(), 75);
    }

    proptest! {
        #[test]
        fn made_ids_are_always_valid(title in "\\PC{0,200}", date in proptest::option::of("\\PC{0,30}"), suffix in "[a-f0-9]{8}") {
            let id = DocumentId::from_title(&title, date.as_deref());
            prop_assert!(DocumentId::new(id.as_str()).is_ok(), "{}", id);
            let longer = id.with_suffix(&suffix);
            prop_assert!(DocumentId::new(longer.as_str()).is_ok(), "{}", longer);
        }
    }
}
