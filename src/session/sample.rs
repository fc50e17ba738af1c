//! The sample project built into the program: the invented wire stories of
//! `fixtures/` with a few statements already tagged by two invented annotators, who
//! disagree here and there, so a first start can try annotation, review and agreement
//! on any machine.

use super::search::find_all;
use crate::formats::{ImportOptions, import_paths};
use crate::model::{Annotations, AnnotatorName, DocumentId, NewSpan, SpanId, Status};
use crate::store::project::{IfOnDisk, SaveError};
use crate::store::{Project, StoreError};
use std::collections::HashSet;
use std::path::{Path, PathBuf};

/// The articles, as files to import.
const ARTICLES: [(&str, &str); 4] = [
    (
        "gulf-wire-2018-06.txt",
        include_str!("../../fixtures/articles/gulf-wire-2018-06.txt"),
    ),
    (
        "crlf-bom.txt",
        include_str!("../../fixtures/articles/crlf-bom.txt"),
    ),
    (
        "arabic-emoji.txt",
        include_str!("../../fixtures/articles/arabic-emoji.txt"),
    ),
    // All in Arabic, so a first start shows a right-to-left article too.
    (
        "arabic-wire.txt",
        include_str!("../../fixtures/scripts/arabic-wire.txt"),
    ),
];

/// The invented annotators whose work the sample carries, so that review and agreement
/// can be tried at once. The user's own set starts empty: it holds only what they tag.
pub const SAMPLE_ANNOTATORS: [&str; 2] = ["amal", "jonas"];

/// One tagged statement: actor, stance (with polarity) and claim, found as the first
/// occurrence of each phrase in the article whose title starts with `title`. The
/// first sample annotator codes it so; the second as `second` says.
struct Statement {
    title: &'static str,
    actor: &'static str,
    stance: &'static str,
    polarity: &'static str,
    claim: &'static str,
    second: Second,
}

/// How the second annotator's coding of a statement differs from the first's: the
/// kinds of disagreement a review meets (a boundary, a polarity, a missed statement).
#[derive(Clone, Copy)]
enum Second {
    /// Coded the same.
    Same,
    /// Not coded at all.
    Missed,
    /// The claim's boundary drawn around this phrase instead.
    Claim(&'static str),
    /// The stance's polarity read as this.
    Polarity(&'static str),
}

const STATEMENTS: [Statement; 9] = [
    Statement {
        title: "Iran warns Europe",
        actor: "Iran’s foreign ministry",
        stance: "warned",
        polarity: "oppose",
        claim: "new US sanctions",
        second: Second::Same,
    },
    Statement {
        title: "Iran warns Europe",
        actor: "Hardliners in parliament",
        stance: "rejected",
        polarity: "oppose",
        claim: "any further talks with Europe",
        second: Second::Claim("any further talks"),
    },
    Statement {
        title: "Coalition talks stall",
        actor: "The Civic Renewal Alliance",
        stance: "rejected",
        polarity: "oppose",
        claim: "a draft power-sharing deal",
        second: Second::Same,
    },
    Statement {
        title: "Saudi Arabia and allies",
        actor: "Saudi Arabia and its Gulf allies",
        stance: "backed",
        polarity: "support",
        claim: "a gradual increase in oil output",
        second: Second::Polarity("neutral"),
    },
    // The mixed article: a claim quoted in Arabic inside an English sentence.
    Statement {
        title: "Kurdish parties court",
        actor: "The region’s electoral commission",
        stance: "posted a reminder",
        polarity: "support",
        claim: "لا دعاية انتخابية يوم الاقتراع",
        second: Second::Same,
    },
    Statement {
        title: "Kurdish parties court",
        actor: "The rival New Horizon Party",
        stance: "rejected",
        polarity: "oppose",
        claim: "campaigning by cartoon",
        second: Second::Missed,
    },
    // The Arabic article: a statement in each of its three kinds of sentence
    // (verb first, subject first, reported speech).
    Statement {
        title: "مجلس المحافظة يقر",
        actor: "مجلس محافظة البصرة",
        stance: "أقر",
        polarity: "support",
        claim: "خطة لإصلاح شبكة المياه في المدينة",
        second: Second::Same,
    },
    Statement {
        title: "مجلس المحافظة يقر",
        actor: "نواب كتلة المعارضة",
        stance: "رفضوا",
        polarity: "oppose",
        claim: "تمويل الخطة من ميزانية المحافظة",
        second: Second::Claim("تمويل الخطة"),
    },
    Statement {
        title: "مجلس المحافظة يقر",
        actor: "وزارة الموارد المائية",
        stance: "تؤيد",
        polarity: "support",
        claim: "بناء محطة تحلية جديدة",
        second: Second::Same,
    },
];

/// Makes the sample project in `dir` (unless it is there already) and returns its
/// folder. The sample statements are written as the work of the
/// [`SAMPLE_ANNOTATORS`] where they have none yet; `user`'s own set is never touched,
/// and a sample annotator who shares the user's name is left out.
pub fn unpack_sample(dir: &Path, user: &AnnotatorName) -> Result<PathBuf, StoreError> {
    let mut project = match Project::open(dir) {
        Ok(project) => project,
        Err(StoreError::NotAProject { .. }) => {
            let mut project = Project::init(dir)?;
            import_articles(&mut project)?;
            project
        }
        Err(err) => return Err(err),
    };
    for (nth, name) in SAMPLE_ANNOTATORS.into_iter().enumerate() {
        let Ok(annotator) = AnnotatorName::new(name) else {
            continue;
        };
        if annotator == *user {
            continue;
        }
        // Only documents they have no file for get the sample statements, so what
        // anyone did under their name is kept, on this start or any later one.
        let fresh: HashSet<DocumentId> = project
            .articles()
            .map(|m| m.id.clone())
            .filter(|id| !project.has_annotations(&annotator, id))
            .collect();
        for statement in &STATEMENTS {
            let coded = match (nth, statement.second) {
                (0, _) | (_, Second::Same) => Coded::from(statement),
                (_, Second::Missed) => continue,
                (_, Second::Claim(claim)) => Coded {
                    claim,
                    ..Coded::from(statement)
                },
                (_, Second::Polarity(polarity)) => Coded {
                    polarity,
                    ..Coded::from(statement)
                },
            };
            tag_statement(&mut project, &annotator, &coded, &fresh)?;
        }
        mark_done(&mut project, &annotator, &fresh)?;
    }
    Ok(dir.to_owned())
}

/// A statement as one annotator coded it.
struct Coded {
    title: &'static str,
    actor: &'static str,
    stance: &'static str,
    polarity: &'static str,
    claim: &'static str,
}

impl From<&Statement> for Coded {
    fn from(statement: &Statement) -> Self {
        Coded {
            title: statement.title,
            actor: statement.actor,
            stance: statement.stance,
            polarity: statement.polarity,
            claim: statement.claim,
        }
    }
}

/// Marks the sample annotator's freshly written documents done, as finished work is,
/// so agreement (which counts done documents) takes them.
fn mark_done(
    project: &mut Project,
    annotator: &AnnotatorName,
    fresh: &HashSet<DocumentId>,
) -> Result<(), StoreError> {
    for id in fresh {
        if !project.has_annotations(annotator, id) {
            continue;
        }
        let document = project.load_document(id)?;
        let mut annotations = project.load_annotations(&document, annotator)?.annotations;
        annotations.status = Status::Done;
        save(project, annotator, &annotations)?;
    }
    Ok(())
}

fn save(
    project: &mut Project,
    annotator: &AnnotatorName,
    annotations: &Annotations,
) -> Result<(), StoreError> {
    project
        .save_annotations(annotations, IfOnDisk::Anything)
        .map(|_| ())
        .map_err(|e| match e {
            SaveError::Store(err) => err,
            other => StoreError::io(
                "save",
                project.annotation_path(annotator, &annotations.document),
                std::io::Error::other(other.to_string()),
            ),
        })
}

fn import_articles(project: &mut Project) -> Result<(), StoreError> {
    let source = project.root().join(".sample-articles");
    std::fs::create_dir_all(&source).map_err(|e| StoreError::io("create", &source, e))?;
    let mut paths = Vec::new();
    for (name, text) in ARTICLES {
        let path = source.join(name);
        std::fs::write(&path, text).map_err(|e| StoreError::io("write", &path, e))?;
        paths.push(path);
    }
    let result = import_paths(project, &paths, &ImportOptions::default());
    // The copies were only needed for the import.
    let _ = std::fs::remove_dir_all(&source);
    result.map(|_| ())
}

fn tag_statement(
    project: &mut Project,
    annotator: &AnnotatorName,
    statement: &Coded,
    fresh: &HashSet<DocumentId>,
) -> Result<(), StoreError> {
    let Some(id) = project
        .articles()
        .find(|m| m.title.starts_with(statement.title))
        .map(|m| m.id.clone())
        .filter(|id| fresh.contains(id))
    else {
        return Ok(());
    };
    let document = project.load_document(&id)?;
    let mut annotations = project.load_annotations(&document, annotator)?.annotations;
    let schema = project.schema().clone();
    let mut ids: Vec<SpanId> = Vec::new();
    let parts = [
        (statement.actor, "actor", None),
        (statement.stance, "stance", Some(statement.polarity)),
        (statement.claim, "claim", None),
    ];
    for (phrase, label, polarity) in parts {
        let Some(hit) = find_all(document.text(), phrase, true).into_iter().next() else {
            return Ok(());
        };
        let mut new = NewSpan::new(hit.start, hit.end, label);
        if let Some(p) = polarity {
            new.attributes
                .insert(crate::model::schema::POLARITY.into(), p.into());
        }
        // A phrase tagged by an earlier statement is reused, not duplicated.
        let id = match annotations.at_place(hit.start, hit.end, label) {
            Some(span) => span.id,
            None => match annotations.add_span(&document, &schema, new) {
                Ok(id) => id,
                Err(_) => return Ok(()),
            },
        };
        ids.push(id);
    }
    link_all(&mut annotations, &schema, &ids);
    save(project, annotator, &annotations)
}

fn link_all(annotations: &mut Annotations, schema: &crate::model::Schema, ids: &[SpanId]) {
    for pair in ids.windows(2) {
        let _ = annotations.add_link(schema, pair[0], pair[1]);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn article(project: &Project, title: &str) -> DocumentId {
        project
            .articles()
            .find(|m| m.title.starts_with(title))
            .unwrap()
            .id
            .clone()
    }

    fn coded(project: &Project, name: &str, id: &DocumentId) -> Annotations {
        let doc = project.load_document(id).unwrap();
        let annotator = AnnotatorName::new(name).unwrap();
        project
            .load_annotations(&doc, &annotator)
            .unwrap()
            .annotations
    }

    #[test]
    fn the_statements_are_the_invented_annotators_work_and_never_the_users() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().join("sample");
        let me = AnnotatorName::new("me").unwrap();
        unpack_sample(&root, &me).unwrap();
        let project = Project::open(&root).unwrap();
        assert_eq!(
            project.len(),
            6,
            "three wire stories and three single articles"
        );
        for meta in project.articles() {
            assert!(!project.has_annotations(&me, &meta.id), "{}", meta.title);
        }
        let iran = article(&project, "Iran warns");
        let amal = coded(&project, "amal", &iran);
        assert_eq!(amal.spans.len(), 6);
        assert_eq!(amal.links.len(), 4);
        assert_eq!(amal.status, Status::Done);
        let actor = amal.spans.iter().find(|s| s.label == "actor").unwrap();
        assert_eq!(actor.text, "Iran’s foreign ministry");
        // jonas drew one claim shorter: a disagreement to review.
        let jonas = coded(&project, "jonas", &iran);
        assert_eq!(jonas.spans.len(), 6);
        let claims = |a: &Annotations| -> Vec<String> {
            let mut c: Vec<String> = a
                .spans
                .iter()
                .filter(|s| s.label == "claim")
                .map(|s| s.text.clone())
                .collect();
            c.sort();
            c
        };
        assert_ne!(claims(&amal), claims(&jonas));
        assert!(claims(&jonas).contains(&"any further talks".to_string()));
        // And missed a statement of the mixed article.
        let kurdish = article(&project, "Kurdish parties");
        assert_eq!(coded(&project, "amal", &kurdish).spans.len(), 6);
        assert_eq!(coded(&project, "jonas", &kurdish).spans.len(), 3);

        // A second start leaves everyone's work alone.
        let path = project.annotation_path(&AnnotatorName::new("amal").unwrap(), &iran);
        let before = std::fs::read(&path).unwrap();
        unpack_sample(&root, &me).unwrap();
        assert_eq!(std::fs::read(&path).unwrap(), before);
        assert!(!root.join(".sample-articles").exists());
    }

    #[test]
    fn a_user_named_like_a_sample_annotator_keeps_an_empty_set() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().join("sample");
        let amal = AnnotatorName::new("amal").unwrap();
        unpack_sample(&root, &amal).unwrap();
        let project = Project::open(&root).unwrap();
        let iran = article(&project, "Iran warns");
        assert!(!project.has_annotations(&amal, &iran));
        assert_eq!(coded(&project, "jonas", &iran).spans.len(), 6);
    }

    #[test]
    fn the_arabic_article_opens_with_its_three_statements() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().join("sample");
        let me = AnnotatorName::new("me").unwrap();
        unpack_sample(&root, &me).unwrap();
        let project = Project::open(&root).unwrap();
        let meta = project
            .articles()
            .find(|m| m.title.starts_with("مجلس المحافظة"))
            .unwrap();
        assert_eq!(meta.date.as_deref(), Some("2019-04-09"));
        let doc = project.load_document(&meta.id).unwrap();
        // The page furniture (the English `Updated` line) stays out of the text.
        assert!(!doc.text().chars().any(|c| c.is_ascii_alphabetic()));
        let a = coded(&project, "amal", &meta.id);
        assert_eq!(a.spans.len(), 9);
        assert_eq!(a.links.len(), 6);
        let texts: Vec<&str> = a.spans.iter().map(|s| s.text.as_str()).collect();
        assert!(texts.contains(&"رفضوا"), "{texts:?}");
        assert!(texts.contains(&"بناء محطة تحلية جديدة"), "{texts:?}");
        let b = coded(&project, "jonas", &meta.id);
        assert!(b.spans.iter().any(|s| s.text == "تمويل الخطة"));

        // The mixed article's Arabic claim sits inside an English sentence.
        let kurdish = article(&project, "Kurdish parties");
        let a = coded(&project, "amal", &kurdish);
        assert!(
            a.spans
                .iter()
                .any(|s| s.text == "لا دعاية انتخابية يوم الاقتراع")
        );
    }
}
