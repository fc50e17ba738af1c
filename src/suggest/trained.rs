//! Everything the window suggests with, learnt in one reading of the project: the
//! string matcher, the tagger (its saved model taken when it was trained on the same
//! done work, else trained again and saved in `models/`), the link suggester, and
//! every recommender measured as `claimspan suggest --evaluate` measures them.

use super::evaluate::DEFAULT_FOLDS;
use super::project::{
    DoneDocument, Everyones, ProjectEvaluation, examples_of, measure, read_everyones_done,
};
use super::{LinkSuggester, Recommender, StringMatcher, SuggestError, Tagger};
use crate::model::{AnnotatorName, Registry};
use crate::store::Project;
use std::hash::{Hash, Hasher};
use std::path::Path;

/// The recommenders trained on a project, and how good each is.
pub struct Trained {
    /// The string matcher.
    pub strings: StringMatcher,
    /// The sequence tagger.
    pub tagger: Tagger,
    /// The link suggester.
    pub links: LinkSuggester,
    /// Every recommender measured over everyone's done work, or why it could not be
    /// (nothing done yet), in a sentence.
    pub quality: Result<ProjectEvaluation, String>,
    /// What went wrong keeping the tagger's model, if anything; the tagger is
    /// trained all the same.
    pub model_note: Option<String>,
}

/// The recommenders trained on a project, before they are measured.
pub struct Learnt {
    /// The string matcher.
    pub strings: StringMatcher,
    /// The sequence tagger.
    pub tagger: Tagger,
    /// The link suggester.
    pub links: LinkSuggester,
    /// What went wrong keeping the tagger's model, if anything; the tagger is
    /// trained all the same.
    pub model_note: Option<String>,
}

/// Trains every recommender on the done documents of gold and every annotator, and
/// the registry, reading them once; `progress(done, total)` while reading. The
/// tagger's saved model is taken when it was trained on the same work, else it is
/// trained again and saved.
pub fn learn(
    project: &Project,
    progress: &mut dyn FnMut(usize, usize),
) -> Result<Learnt, SuggestError> {
    let registry = project.load_registry()?.registry;
    let done = read_everyones_done(project, progress)?;
    Ok(learn_from(project, &registry, done.read()))
}

fn learn_from(project: &Project, registry: &Registry, read: &[DoneDocument]) -> Learnt {
    let examples = examples_of(read);
    let mut strings = StringMatcher::new(project.schema(), registry);
    strings.train(&examples);
    let mut links = LinkSuggester::new(project.schema());
    links.train(&examples);
    let fresh = Tagger::new(project.schema(), registry);
    let wanted = fresh.fingerprint(&examples);
    let mut model_note = None;
    let tagger = match Tagger::load(project.root(), project.schema(), registry) {
        Ok(saved) if saved.trained_on() == wanted => saved,
        // Missing, out of date or damaged: trained again and saved over it.
        _ => {
            let mut tagger = fresh;
            tagger.train(&examples);
            if let Err(err) = tagger.save(project.root()) {
                model_note = Some(format!("the tagger's model was not kept: {err}"));
            }
            tagger
        }
    };
    Learnt {
        strings,
        tagger,
        links,
        model_note,
    }
}

/// [`learn`], then every recommender measured as `claimspan suggest --evaluate`
/// measures it on everyone's done work, from the same reading, the training-data
/// rows from the recommenders just trained.
pub fn train_for_window(
    project: &Project,
    progress: &mut dyn FnMut(usize, usize),
) -> Result<Trained, SuggestError> {
    let registry = project.load_registry()?.registry;
    let done = read_everyones_done(project, progress)?;
    let learnt = learn_from(project, &registry, done.read());
    let quality = match &done {
        Everyones::Done(read, selected) => Ok(measure(
            project,
            &registry,
            read,
            selected,
            DEFAULT_FOLDS,
            Some((&learnt.strings, &learnt.tagger)),
        )),
        Everyones::Nothing(why) => Err(why.clone()),
    };
    Ok(Trained {
        strings: learnt.strings,
        tagger: learnt.tagger,
        links: learnt.links,
        quality,
        model_note: learnt.model_note,
    })
}

/// A fingerprint of the work the window learns from that is not `me`'s: every
/// colleague's annotation file and every gold file, by name, length and time of
/// change. When it differs from the one taken at training, a colleague marked
/// something done (or a `git pull` brought it), and the window learns again; the
/// annotator's own files are left out, as their marking done is seen as it happens.
pub fn colleagues_work(project_root: &Path, me: &AnnotatorName) -> u64 {
    let mut folders = vec![project_root.join("gold")];
    if let Ok(people) = std::fs::read_dir(project_root.join("annotations")) {
        folders.extend(
            people
                .filter_map(Result::ok)
                .filter(|e| e.file_name().to_str() != Some(me.as_str()))
                .map(|e| e.path()),
        );
    }
    let mut each: Vec<u64> = Vec::new();
    for folder in folders {
        let Ok(files) = std::fs::read_dir(&folder) else {
            continue;
        };
        for file in files.filter_map(Result::ok) {
            let Ok(meta) = file.metadata() else {
                continue;
            };
            let mut hasher = std::collections::hash_map::DefaultHasher::new();
            file.path().hash(&mut hasher);
            meta.len().hash(&mut hasher);
            meta.modified().ok().hash(&mut hasher);
            each.push(hasher.finish());
        }
    }
    // The same files in any order of listing.
    each.sort_unstable();
    let mut hasher = std::collections::hash_map::DefaultHasher::new();
    each.hash(&mut hasher);
    hasher.finish()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Annotations, AnnotatorName, CharOffset, NewSpan, Status};
    use crate::store::{IfOnDisk, NewArticle, WriteBatch};

    #[test]
    fn the_tagger_is_kept_in_the_project_and_taken_again_while_the_work_is_the_same() {
        let dir = tempfile::tempdir().unwrap();
        let mut project = Project::init(dir.path()).unwrap();
        let mut batch = WriteBatch::new();
        let new = NewArticle {
            text: "Minister Kamali rejected the plan.".into(),
            title: "Plan rejected".into(),
            original_file: "wire.txt".into(),
            ..NewArticle::default()
        };
        let id = project.add_article(new, &mut batch).unwrap().id().clone();
        batch.finish().unwrap();
        let document = project.load_document(&id).unwrap();
        let mut a = Annotations::new(&document, AnnotatorName::new("alice").unwrap());
        a.add_span(
            &document,
            project.schema(),
            NewSpan::new(CharOffset(9), CharOffset(15), "actor"),
        )
        .unwrap();
        a.status = Status::Done;
        project.save_annotations(&a, IfOnDisk::Anything).unwrap();

        let first = train_for_window(&project, &mut |_, _| {}).unwrap();
        assert_eq!(first.model_note, None);
        let model = dir.path().join("models/tagger.bin");
        let written = std::fs::metadata(&model).unwrap().modified().unwrap();
        assert_eq!(
            std::fs::read_to_string(dir.path().join("models/.gitignore"))
                .unwrap()
                .trim(),
            "*"
        );
        let again = train_for_window(&project, &mut |_, _| {}).unwrap();
        assert_eq!(
            std::fs::metadata(&model).unwrap().modified().unwrap(),
            written,
            "the same work: the saved model is taken, not written again"
        );
        assert_eq!(again.tagger.trained_on(), first.tagger.trained_on());
        assert_eq!(
            again.tagger.suggest(&document),
            first.tagger.suggest(&document)
        );
        assert!(
            first.quality.is_ok(),
            "one done document is measured on training data"
        );
    }

    #[test]
    fn a_colleagues_new_file_changes_the_fingerprint_ones_own_does_not() {
        let dir = tempfile::tempdir().unwrap();
        let me = AnnotatorName::new("me").unwrap();
        let before = colleagues_work(dir.path(), &me);
        std::fs::create_dir_all(dir.path().join("annotations/me")).unwrap();
        std::fs::write(dir.path().join("annotations/me/a.ron"), "x").unwrap();
        assert_eq!(colleagues_work(dir.path(), &me), before);
        std::fs::create_dir_all(dir.path().join("annotations/bob")).unwrap();
        std::fs::write(dir.path().join("annotations/bob/a.ron"), "x").unwrap();
        let with_bob = colleagues_work(dir.path(), &me);
        assert_ne!(with_bob, before);
        std::fs::write(dir.path().join("annotations/bob/a.ron"), "xy").unwrap();
        assert_ne!(colleagues_work(dir.path(), &me), with_bob, "a changed file");
    }
}
