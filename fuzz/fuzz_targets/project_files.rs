#![no_main]
//! Fuzzes the project-file reader: arbitrary bytes as every kind of project RON file
//! (`claimspan.ron`, an article's `.ron`, an annotation file and its summary, a gold
//! file, `entities.ron`), read through the store's own functions. Each input is read
//! twice: as it is, which takes the fast reader and falls back to the `ron` crate
//! where it gives up, and behind a comment, which the fast reader leaves to the `ron`
//! crate at once. Beyond not crashing, the two must agree: a file reads the same
//! either way or fails either way.

use claimspan::store::files::{AnnotationFile, AnnotationSummary, ArticleFile};
use claimspan::store::gold::read_gold_file;
use claimspan::store::ron_file::read_ron;
use claimspan::store::{ProjectConfig, read_registry};
use libfuzzer_sys::fuzz_target;
use std::fmt::Debug;
use std::fs;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

/// A folder of this process's own on a memory file system where there is one.
fn folder() -> &'static Path {
    static FOLDER: OnceLock<PathBuf> = OnceLock::new();
    FOLDER.get_or_init(|| {
        let base = Path::new("/dev/shm");
        let base = if base.is_dir() {
            base.to_owned()
        } else {
            std::env::temp_dir()
        };
        let folder = base.join(format!("claimspan-fuzz-{}", std::process::id()));
        fs::create_dir_all(&folder).expect("a temporary folder");
        folder
    })
}

/// What reading gave, as text: the value's `Debug` or that it failed.
fn shown<T: Debug, E>(read: Result<T, E>) -> Option<String> {
    read.ok().map(|value| format!("{value:?}"))
}

fn read_every_kind(path: &Path) -> [(&'static str, Option<String>); 6] {
    [
        ("claimspan.ron", shown(read_ron::<ProjectConfig>(path))),
        ("article", shown(read_ron::<ArticleFile>(path))),
        ("annotation", shown(read_ron::<AnnotationFile>(path))),
        ("summary", shown(read_ron::<AnnotationSummary>(path))),
        ("gold", shown(read_gold_file(path))),
        (
            "entities.ron",
            shown(read_registry(path).map(|loaded| loaded.registry)),
        ),
    ]
}

fuzz_target!(|data: &[u8]| {
    let plain = folder().join("plain.ron");
    let slow = folder().join("slow.ron");
    // A byte-order mark stays first, so that the comment changes nothing else.
    let (bom, rest) = match data.strip_prefix("\u{feff}".as_bytes()) {
        Some(rest) => ("\u{feff}".as_bytes(), rest),
        None => (&[][..], data),
    };
    fs::write(&plain, data).expect("writes");
    fs::write(&slow, [bom, b"// the ron crate\n", rest].concat()).expect("writes");
    let fast = read_every_kind(&plain);
    let ron = read_every_kind(&slow);
    for ((kind, fast), (_, ron)) in fast.iter().zip(&ron) {
        assert_eq!(
            fast, ron,
            "{kind}: the fast reader and the ron crate disagree"
        );
    }
});
