//! What the Network view draws: the nodes of the whole selection at their laid-out
//! places, the ties of the whole selection and of each time window, and the
//! statements behind every node, so a click lists them and a time window shows only
//! its own.

use super::layout::{Tie, force_layout};
use crate::formats::statements::{
    Edge, Event, Network, NetworkBuilder, NetworkOptions, NetworkReport, NodeType, WindowNetwork,
};
use crate::model::DocumentId;
use std::collections::HashMap;

/// For, against, both or neither: how a tie's statements take sides.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TieSide {
    /// Only statements in support.
    Support,
    /// Only statements against.
    Oppose,
    /// Some of each.
    Both,
    /// Neither for nor against (neutral, or the qualifier ignores sides).
    Neither,
}

impl TieSide {
    fn of(edge: &Edge) -> Self {
        match (edge.support > 0, edge.oppose > 0) {
            (true, true) => Self::Both,
            (true, false) => Self::Support,
            (false, true) => Self::Oppose,
            (false, false) => Self::Neither,
        }
    }
}

/// A node where it is drawn.
#[derive(Debug, Clone, PartialEq)]
pub struct SceneNode {
    /// The network's node id (`actor:…`, `category:…`).
    pub id: String,
    /// Its name.
    pub label: String,
    /// Actor or claim category.
    pub node_type: NodeType,
    /// An actor's kind (person, organisation, state, unknown).
    pub kind: Option<&'static str>,
    /// The registry's colour for it (`#rrggbb`), if it has one.
    pub colour: Option<String>,
    /// Where it is drawn, in the square from −1 to 1.
    pub pos: [f32; 2],
}

/// A tie between two nodes of the scene.
#[derive(Debug, Clone, PartialEq)]
pub struct SceneTie {
    /// One end, by index into the scene's nodes.
    pub a: usize,
    /// The other end.
    pub b: usize,
    /// Its weight under the options (negative where `subtract` leaves more against).
    pub weight: f64,
    /// How its statements take sides.
    pub side: TieSide,
}

/// The whole selection, or one time window of it.
#[derive(Debug, Clone, PartialEq)]
pub struct SceneFrame {
    /// The window's first and last day; `None` for the whole selection.
    pub days: Option<(String, String)>,
    /// Statements counted in it.
    pub statements: usize,
    /// Statements of each scene node in it (0: the node is not in it).
    pub node_statements: Vec<usize>,
    /// Its ties.
    pub ties: Vec<SceneTie>,
    /// The largest tie weight in it, by size, for drawing widths.
    pub strongest: f64,
}

/// One statement behind the network, to list and jump to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SceneStatement {
    /// Its document.
    pub document: DocumentId,
    /// Where its stance starts, in chars.
    pub start: usize,
    /// Where it ends.
    pub end: usize,
    /// The stance's text.
    pub text: String,
    /// The article's date.
    pub date: Option<String>,
    /// `support`, `oppose`, `neutral` as written, if at all.
    pub polarity: Option<String>,
    /// Its actor and claim category, by index into the scene's nodes, where the
    /// network holds them (a one-mode network holds one of the two).
    pub actor: Option<usize>,
    /// Its claim category.
    pub claim: Option<usize>,
}

/// Everything the Network view draws of one selection under one set of options.
#[derive(Debug, Clone)]
pub struct NetworkScene {
    /// What it was built with.
    pub options: NetworkOptions,
    /// What was read and counted, as `claimspan export --format network` reports it.
    pub report: NetworkReport,
    /// Every node of the selection, laid out once so time windows keep places.
    pub nodes: Vec<SceneNode>,
    /// The whole selection first, then each time window in order.
    pub frames: Vec<SceneFrame>,
    /// The statements counted, in order of date and place.
    pub statements: Vec<SceneStatement>,
}

impl NetworkScene {
    /// The scene of `builder`'s statements under `options`, laid out; `report`
    /// is filled in with nodes, edges and windows. `progress(done, total)` follows
    /// the layout.
    pub fn build(
        builder: &NetworkBuilder,
        options: &NetworkOptions,
        mut report: NetworkReport,
        progress: &mut dyn FnMut(usize, usize),
    ) -> Self {
        let counted = builder.counted(options);
        let whole = builder.network_of(&counted.events, options);
        let windows = match options.window {
            Some(window) => {
                let (windows, undated) =
                    builder.windows(&counted.events, options, window, None, None);
                report.undated = undated;
                windows
            }
            None => Vec::new(),
        };
        (report.nodes, report.edges, report.windows) =
            (whole.nodes.len(), whole.edges.len(), windows.len());
        let index: HashMap<&str, usize> = whole
            .nodes
            .iter()
            .enumerate()
            .map(|(i, n)| (n.id.as_str(), i))
            .collect();
        let mut frames = vec![frame(&whole, None, counted.events.len(), &index)];
        frames.extend(windows.iter().map(|w| window_frame(w, &index)));
        let ties: Vec<Tie> = frames[0]
            .ties
            .iter()
            .map(|t| Tie {
                a: t.a,
                b: t.b,
                weight: t.weight,
            })
            .collect();
        let places = force_layout(whole.nodes.len(), &ties, progress);
        let nodes = whole
            .nodes
            .iter()
            .zip(places)
            .map(|(n, pos)| SceneNode {
                id: n.id.clone(),
                label: n.label.clone(),
                node_type: n.node_type,
                kind: n.kind,
                colour: n.colour.clone(),
                pos,
            })
            .collect();
        let statements = counted
            .events
            .iter()
            .filter_map(|e| statement(builder, e, &index))
            .collect();
        Self {
            options: *options,
            report,
            nodes,
            frames,
            statements,
        }
    }

    /// The statements of `node` in `frame` (only those of the window's days).
    pub fn statements_of(
        &self,
        node: usize,
        frame: usize,
    ) -> impl Iterator<Item = &SceneStatement> + '_ {
        let days = self.frames.get(frame).and_then(|f| f.days.as_ref());
        self.statements.iter().filter(move |s| {
            (s.actor == Some(node) || s.claim == Some(node))
                && days.is_none_or(|(from, to)| {
                    s.date
                        .as_deref()
                        .is_some_and(|d| from.as_str() <= d && d <= to.as_str())
                })
        })
    }
}

fn window_frame(window: &WindowNetwork, index: &HashMap<&str, usize>) -> SceneFrame {
    let days = Some((window.start.clone(), window.end.clone()));
    frame(&window.network, days, window.statements, index)
}

/// A frame of `network`, whose nodes are all in `index`.
fn frame(
    network: &Network,
    days: Option<(String, String)>,
    statements: usize,
    index: &HashMap<&str, usize>,
) -> SceneFrame {
    let mut node_statements = vec![0; index.len()];
    for node in &network.nodes {
        if let Some(&i) = index.get(node.id.as_str()) {
            node_statements[i] = node.statements;
        }
    }
    let ties: Vec<SceneTie> = network
        .edges
        .iter()
        .filter_map(|e| {
            Some(SceneTie {
                a: *index.get(e.source.as_str())?,
                b: *index.get(e.target.as_str())?,
                weight: e.weight,
                side: TieSide::of(e),
            })
        })
        .collect();
    let strongest = ties.iter().map(|t| t.weight.abs()).fold(0.0, f64::max);
    SceneFrame {
        days,
        statements,
        node_statements,
        ties,
        strongest,
    }
}

fn statement(
    builder: &NetworkBuilder,
    event: &Event,
    index: &HashMap<&str, usize>,
) -> Option<SceneStatement> {
    Some(SceneStatement {
        // Every event's document came from a document id, so this is never refused.
        document: DocumentId::new(&event.document).ok()?,
        start: event.stance_start,
        end: event.stance_end,
        text: event.stance_text.clone(),
        date: event.date.clone(),
        polarity: event.polarity.clone(),
        actor: index.get(builder.actor_of(event).id.as_str()).copied(),
        claim: index.get(builder.claim_of(event).id.as_str()).copied(),
    })
}
