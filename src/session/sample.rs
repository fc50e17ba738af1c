//! The sample project built into the program: the invented wire stories of
//! `fixtures/` with a few statements already tagged, so a first start shows a working,
//! annotated article on any machine.

use super::search::find_all;
use crate::formats::{ImportOptions, import_paths};
use crate::model::{Annotations, AnnotatorName, DocumentId, NewSpan, SpanId};
use crate::store::{Project, StoreError, project::IfOnDisk};
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

/// One tagged statement: actor, stance (with polarity) and claim, found as the first
/// occurrence of each phrase in the article whose title starts with `title`.
struct Statement {
    title: &'static str,
    actor: &'static str,
    stance: &'static str,
    polarity: &'static str,
    claim: &'static str,
}

const STATEMENTS: [Statement; 9] = [
    Statement {
        title: "Iran warns Europe",
        actor: "Iran’s foreign ministry",
        stance: "warned",
        polarity: "oppose",
        claim: "new US sanctions",
    },
    Statement {
        title: "Iran warns Europe",
        actor: "Hardliners in parliament",
        stance: "rejected",
        polarity: "oppose",
        claim: "any further talks with Europe",
    },
    Statement {
        title: "Coalition talks stall",
        actor: "The Civic Renewal Alliance",
        stance: "rejected",
        polarity: "oppose",
        claim: "a draft power-sharing deal",
    },
    Statement {
        title: "Saudi Arabia and allies",
        actor: "Saudi Arabia and its Gulf allies",
        stance: "backed",
        polarity: "support",
        claim: "a gradual increase in oil output",
    },
    // The mixed article: a claim quoted in Arabic inside an English sentence.
    Statement {
        title: "Kurdish parties court",
        actor: "The region’s electoral commission",
        stance: "posted a reminder",
        polarity: "support",
        claim: "لا دعاية انتخابية يوم الاقتراع",
    },
    Statement {
        title: "Kurdish parties court",
        actor: "The rival New Horizon Party",
        stance: "rejected",
        polarity: "oppose",
        claim: "campaigning by cartoon",
    },
    // The Arabic article: a statement in each of its three kinds of sentence
    // (verb first, subject first, reported speech).
    Statement {
        title: "مجلس المحافظة يقر",
        actor: "مجلس محافظة البصرة",
        stance: "أقر",
        polarity: "support",
        claim: "خطة لإصلاح شبكة المياه في المدينة",
    },
    Statement {
        title: "مجلس المحافظة يقر",
        actor: "نواب كتلة المعارضة",
        stance: "رفضوا",
        polarity: "oppose",
        claim: "تمويل الخطة من ميزانية المحافظة",
    },
    Statement {
        title: "مجلس المحافظة يقر",
        actor: "وزارة الموارد المائية",
        stance: "تؤيد",
        polarity: "support",
        claim: "بناء محطة تحلية جديدة",
    },
];

/// Makes the sample project in `dir` (unless it is there already) and returns its
/// folder. The sample statements are written as `annotator`'s annotations where they
/// have none yet, so the first article opens annotated.
pub fn unpack_sample(dir: &Path, annotator: &AnnotatorName) -> Result<PathBuf, StoreError> {
    let mut project = match Project::open(dir) {
        Ok(project) => project,
        Err(StoreError::NotAProject { .. }) => {
            let mut project = Project::init(dir)?;
            import_articles(&mut project)?;
            project
        }
        Err(err) => return Err(err),
    };
    // Only documents the annotator has no file for get the sample statements, so
    // their own work is never touched, on this start or any later one.
    let fresh: std::collections::HashSet<DocumentId> = project
        .articles()
        .map(|m| m.id.clone())
        .filter(|id| !project.has_annotations(annotator, id))
        .collect();
    for statement in &STATEMENTS {
        tag_statement(&mut project, annotator, statement, &fresh)?;
    }
    Ok(dir.to_owned())
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
    statement: &Statement,
    fresh: &std::collections::HashSet<DocumentId>,
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
    project
        .save_annotations(&annotations, IfOnDisk::Anything)
        .map_err(|e| match e {
            crate::store::project::SaveError::Store(err) => err,
            other => StoreError::io(
                "save",
                project.annotation_path(annotator, &id),
                std::io::Error::other(other.to_string()),
            ),
        })?;
    Ok(())
}

fn link_all(annotations: &mut Annotations, schema: &crate::model::Schema, ids: &[SpanId]) {
    for pair in ids.windows(2) {
        let _ = annotations.add_link(schema, pair[0], pair[1]);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unpacks_once_with_statements_and_never_overwrites() {
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
        let iran = project
            .articles()
            .find(|m| m.title.starts_with("Iran warns"))
            .unwrap()
            .id
            .clone();
        let doc = project.load_document(&iran).unwrap();
        let loaded = project.load_annotations(&doc, &me).unwrap();
        let a = &loaded.annotations;
        assert_eq!(a.spans.len(), 6);
        assert_eq!(a.links.len(), 4);
        let actor = a.spans.iter().find(|s| s.label == "actor").unwrap();
        assert_eq!(actor.text, "Iran’s foreign ministry");

        // A second start leaves the annotator's work alone.
        let path = project.annotation_path(&me, &iran);
        let before = std::fs::read(&path).unwrap();
        unpack_sample(&root, &me).unwrap();
        assert_eq!(std::fs::read(&path).unwrap(), before);
        assert!(!root.join(".sample-articles").exists());
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
        let a = project.load_annotations(&doc, &me).unwrap().annotations;
        assert_eq!(a.spans.len(), 9);
        assert_eq!(a.links.len(), 6);
        let texts: Vec<&str> = a.spans.iter().map(|s| s.text.as_str()).collect();
        assert!(texts.contains(&"رفضوا"), "{texts:?}");
        assert!(texts.contains(&"بناء محطة تحلية جديدة"), "{texts:?}");

        // The mixed article's Arabic claim sits inside an English sentence.
        let kurdish = project
            .articles()
            .find(|m| m.title.starts_with("Kurdish parties"))
            .unwrap();
        let doc = project.load_document(&kurdish.id).unwrap();
        let a = project.load_annotations(&doc, &me).unwrap().annotations;
        assert_eq!(a.spans.len(), 6);
        assert!(
            a.spans
                .iter()
                .any(|s| s.text == "لا دعاية انتخابية يوم الاقتراع")
        );
    }
}
