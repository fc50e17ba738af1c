//! The Network view's data, computed off the window's thread: the statements of a
//! selection read as `claimspan export --format network` reads them, the network and
//! its time windows under DNA's options, and a force-directed layout of its nodes.

pub mod layout;
pub mod scene;

pub use layout::{Tie, force_layout};
pub use scene::{NetworkScene, SceneFrame, SceneNode, SceneStatement, SceneTie, TieSide};

use crate::formats::select::Selection;
use crate::formats::statements::{NetworkMode, NetworkOptions, NetworkReport, collect_statements};
use crate::store::Project;
use std::path::Path;

/// The scene of the project in `root`: `selection`'s statements under `options`,
/// laid out, or why there is none in a sentence. `progress(done, total)` follows
/// the reading of documents, then the layout.
pub fn network_scene(
    root: &Path,
    selection: &Selection,
    options: &NetworkOptions,
    progress: &mut dyn FnMut(usize, usize),
) -> Result<NetworkScene, String> {
    options.check()?;
    if options.mode == NetworkMode::EventList {
        return Err("The event list is a table, not a network: draw a two-mode or one-mode network, or export the event list.".into());
    }
    let project = Project::open(root).map_err(|e| e.to_string())?;
    let registry = project.load_registry().map_err(|e| e.to_string())?.registry;
    let (builder, selected) =
        collect_statements(&project, &registry, selection, progress).map_err(|e| e.to_string())?;
    let report = NetworkReport::of(selected, options, &builder, &builder.counted(options));
    Ok(NetworkScene::build(&builder, options, report, progress))
}

#[cfg(test)]
mod tests;
