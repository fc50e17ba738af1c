//! The actor–category network the statements make, as the Discourse Network Analyzer
//! draws it.
//!
//! **Two-mode** (the default): actor nodes and category nodes; an edge joins an actor
//! to a category it made statements about. There is **one edge per actor–category
//! pair**, so every tool reads it as a simple graph:
//! - `weight` = the number of complete statements between the two, whatever their
//!   polarity;
//! - `support`, `oppose`, `other` = how many of those were for, against, or neutral
//!   / without a polarity (they add up to `weight`);
//! - `polarity` = `support` or `oppose` when all the actor's for-or-against
//!   statements on the category go one way, `both` when they go both ways, `neutral`
//!   when there are none (only neutral or unset ones).
//!
//! **Congruence** (one-mode): actor nodes only; two actors are tied when they take
//! the same side (both support, or both oppose) on the same category. `weight` = the
//! number of categories they agree on; `support` and `oppose` count the categories
//! they agree for and against (a category both take both ways counts in each, and
//! once in `weight`); `polarity` says which of the two there are. Neutral and unset
//! statements take no side and make no tie.
//!
//! Actors are their registry entity, or their text in normal form when they have
//! none; categories likewise (see [`super::resolve`]), so a fresh project without a
//! registry still gives a network. Node ids are `actor:<entity id>`,
//! `actor:text:<text>`, `category:<category id>`, `category:text:<text>`: the same
//! on every run. Incomplete statements cannot be drawn and are counted instead.

use super::error::StatementsError;
use super::graphml::write_graphml;
use super::table::write_notes;
use crate::formats::export::check_output_file;
use crate::formats::select::{Selected, Selection, Takes, for_each_document, resolve_sources};
use crate::model::{ActorRef, ClaimRef, UnknownAssignments, actor_ref, claim_ref};
use crate::model::{Annotations, DocumentStatements, Polarity, Registry, Schema};
use crate::store::{Project, write_atomic};
use std::collections::{BTreeMap, BTreeSet};
use std::fmt;
use std::path::Path;
use std::str::FromStr;

/// Which network to build.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum NetworkMode {
    /// Actors and categories, joined by statements.
    #[default]
    TwoMode,
    /// Actors, tied by agreeing on categories.
    Congruence,
}

impl NetworkMode {
    /// Every mode, the default first.
    pub const ALL: [NetworkMode; 2] = [NetworkMode::TwoMode, NetworkMode::Congruence];

    /// The mode's name on the command line: `two-mode`, `congruence`.
    pub fn name(self) -> &'static str {
        match self {
            NetworkMode::TwoMode => "two-mode",
            NetworkMode::Congruence => "congruence",
        }
    }
}

impl FromStr for NetworkMode {
    type Err = String;
    /// `two-mode` (also `affiliation`) or `congruence`.
    fn from_str(s: &str) -> Result<Self, String> {
        match s {
            "two-mode" | "twomode" | "affiliation" => Ok(NetworkMode::TwoMode),
            "congruence" => Ok(NetworkMode::Congruence),
            other => Err(format!(
                "“{other}” is not a network mode; use two-mode or congruence"
            )),
        }
    }
}

/// Whether a node is an actor or a category.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum NodeType {
    /// An actor: an entity or an actor text.
    Actor,
    /// A claim category, or a claim text.
    Category,
}

impl NodeType {
    /// `actor` or `category`, as written to the `type` attribute.
    pub fn as_str(self) -> &'static str {
        match self {
            NodeType::Actor => "actor",
            NodeType::Category => "category",
        }
    }
}

/// One node of the network.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Node {
    /// Its stable id (`actor:iran`, `category:text:new sanctions`).
    pub id: String,
    /// Actor or category.
    pub node_type: NodeType,
    /// The entity or category name, or the text in normal form.
    pub label: String,
    /// For actors: `person`, `organisation`, `state`, or `unknown` without an
    /// entity; `None` for categories.
    pub kind: Option<&'static str>,
    /// How many complete statements it is part of.
    pub statements: usize,
}

/// One edge of the network; see the module documentation for what the counts mean
/// in each mode.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Edge {
    /// The id of one end (the actor, in a two-mode network).
    pub source: String,
    /// The id of the other end (the category, in a two-mode network).
    pub target: String,
    /// Statements (two-mode) or categories agreed on (congruence).
    pub weight: usize,
    /// Of those, supporting ones.
    pub support: usize,
    /// Of those, opposing ones.
    pub oppose: usize,
    /// Of those, neutral or without polarity (always 0 in congruence).
    pub other: usize,
}

impl Edge {
    /// `support`, `oppose`, `both`, or `neutral` when neither.
    pub fn polarity(&self) -> &'static str {
        match (self.support > 0, self.oppose > 0) {
            (true, true) => "both",
            (true, false) => "support",
            (false, true) => "oppose",
            (false, false) => "neutral",
        }
    }
}

/// A network ready to write: nodes ordered by type then id, edges by their ends.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Network {
    /// Which network it is.
    pub mode: NetworkMode,
    /// Nodes.
    pub nodes: Vec<Node>,
    /// Edges.
    pub edges: Vec<Edge>,
}

/// Counts per side of one actor–category pair.
#[derive(Debug, Clone, Copy, Default)]
struct PairCounts {
    support: usize,
    oppose: usize,
    other: usize,
}

/// Collects complete statements from any number of documents, then builds either
/// network from them.
#[derive(Debug, Default)]
pub struct NetworkBuilder {
    pairs: BTreeMap<(String, String), PairCounts>,
    nodes: BTreeMap<String, Node>,
    /// Complete statements taken in.
    pub statements: usize,
    /// Incomplete statements left out.
    pub incomplete: usize,
    /// Assignments to ids the registry does not have.
    pub unknown: UnknownAssignments,
}

impl NetworkBuilder {
    /// An empty builder.
    pub fn new() -> Self {
        Self::default()
    }

    /// Takes in the statements of one document's annotations.
    pub fn add(&mut self, annotations: &Annotations, schema: &Schema, registry: &Registry) {
        let built = DocumentStatements::build(annotations, schema);
        self.incomplete += built.incomplete().count();
        self.unknown.add(annotations, registry);
        for statement in built.complete() {
            let (_, Some(actor), Some(claim)) = statement.spans(annotations) else {
                continue;
            };
            let actor = self.node_for_actor(&actor_ref(actor, registry), registry);
            let category = self.node_for_claim(&claim_ref(claim, registry), registry);
            let counts = self.pairs.entry((actor, category)).or_default();
            match statement.polarity {
                Some(Polarity::Support) => counts.support += 1,
                Some(Polarity::Oppose) => counts.oppose += 1,
                _ => counts.other += 1,
            }
            self.statements += 1;
        }
    }

    fn node_for_actor(&mut self, actor: &ActorRef, registry: &Registry) -> String {
        let (id, label, kind) = match actor {
            ActorRef::Entity(id) => {
                let entity = registry.entity(id);
                (
                    format!("actor:{id}"),
                    entity.map_or_else(|| id.to_string(), |e| e.name.clone()),
                    entity.map_or("unknown", |e| e.kind.as_str()),
                )
            }
            ActorRef::Text(text) => (format!("actor:text:{text}"), text.clone(), "unknown"),
        };
        self.count_node(id, NodeType::Actor, label, Some(kind))
    }

    fn node_for_claim(&mut self, claim: &ClaimRef, registry: &Registry) -> String {
        let (id, label) = match claim {
            ClaimRef::Category(id) => (
                format!("category:{id}"),
                registry
                    .category(id)
                    .map_or_else(|| id.to_string(), |c| c.name.clone()),
            ),
            ClaimRef::Text(text) => (format!("category:text:{text}"), text.clone()),
        };
        self.count_node(id, NodeType::Category, label, None)
    }

    fn count_node(
        &mut self,
        id: String,
        node_type: NodeType,
        label: String,
        kind: Option<&'static str>,
    ) -> String {
        self.nodes
            .entry(id.clone())
            .or_insert_with(|| Node {
                id: id.clone(),
                node_type,
                label,
                kind,
                statements: 0,
            })
            .statements += 1;
        id
    }

    /// The network of everything taken in.
    pub fn build(&self, mode: NetworkMode) -> Network {
        match mode {
            NetworkMode::TwoMode => self.two_mode(),
            NetworkMode::Congruence => self.congruence(),
        }
    }

    fn two_mode(&self) -> Network {
        let edges = self
            .pairs
            .iter()
            .map(|((actor, category), c)| Edge {
                source: actor.clone(),
                target: category.clone(),
                weight: c.support + c.oppose + c.other,
                support: c.support,
                oppose: c.oppose,
                other: c.other,
            })
            .collect();
        Network {
            mode: NetworkMode::TwoMode,
            nodes: self.sorted_nodes(|_| true),
            edges,
        }
    }

    fn congruence(&self) -> Network {
        // For each category and side, the actors who took it.
        let mut sides: BTreeMap<(&str, bool), BTreeSet<&str>> = BTreeMap::new();
        for ((actor, category), c) in &self.pairs {
            for (supports, count) in [(true, c.support), (false, c.oppose)] {
                if count > 0 {
                    sides
                        .entry((category.as_str(), supports))
                        .or_default()
                        .insert(actor.as_str());
                }
            }
        }
        // For each pair of actors, the categories they agree on, by side.
        let mut ties: BTreeMap<(&str, &str), (BTreeSet<&str>, usize, usize)> = BTreeMap::new();
        for ((category, supports), actors) in &sides {
            let actors: Vec<&str> = actors.iter().copied().collect();
            for (i, a) in actors.iter().enumerate() {
                for b in &actors[i + 1..] {
                    let tie = ties.entry((a, b)).or_default();
                    tie.0.insert(category);
                    if *supports {
                        tie.1 += 1;
                    } else {
                        tie.2 += 1;
                    }
                }
            }
        }
        let edges = ties
            .into_iter()
            .map(|((a, b), (categories, support, oppose))| Edge {
                source: a.to_owned(),
                target: b.to_owned(),
                weight: categories.len(),
                support,
                oppose,
                other: 0,
            })
            .collect();
        Network {
            mode: NetworkMode::Congruence,
            nodes: self.sorted_nodes(|n| n.node_type == NodeType::Actor),
            edges,
        }
    }

    fn sorted_nodes(&self, keep: impl Fn(&Node) -> bool) -> Vec<Node> {
        let mut nodes: Vec<Node> = self.nodes.values().filter(|n| keep(n)).cloned().collect();
        nodes.sort_by(|a, b| (a.node_type, &a.id).cmp(&(b.node_type, &b.id)));
        nodes
    }
}

/// What a network export drew and what it could not.
#[derive(Debug, Default)]
pub struct NetworkReport {
    /// Documents read and skipped.
    pub selected: Selected,
    /// Which network.
    pub mode: NetworkMode,
    /// Nodes written.
    pub nodes: usize,
    /// Edges written.
    pub edges: usize,
    /// Complete statements drawn.
    pub statements: usize,
    /// Incomplete statements left out (no actor or no claim to draw).
    pub incomplete: usize,
    /// Assignments to ids the registry does not have (drawn under their text).
    pub unknown: UnknownAssignments,
}

impl fmt::Display for NetworkReport {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(f, "{}", self.selected)?;
        write!(
            f,
            "{} network: {} nodes, {} edges from {} statements",
            self.mode.name(),
            self.nodes,
            self.edges,
            self.statements
        )?;
        write_notes(
            f,
            &[
                (self.incomplete, "incomplete statements left out"),
                (
                    self.unknown.entities,
                    "actor spans whose entity is not in entities.ron (drawn under their text)",
                ),
                (
                    self.unknown.categories,
                    "claim spans whose category is not in entities.ron (drawn under their text)",
                ),
            ],
        )
    }
}

/// Builds the network of `project`'s selected annotations, calling `progress(done,
/// total)` after each document. All annotators at once are refused, as each
/// statement would count once per annotator.
pub fn build_network(
    project: &Project,
    registry: &Registry,
    selection: &Selection,
    mode: NetworkMode,
    progress: &mut dyn FnMut(usize, usize),
) -> Result<(Network, NetworkReport), StatementsError> {
    let sources = resolve_sources(project, &selection.source, Takes::One, "network")?;
    let mut builder = NetworkBuilder::new();
    let schema = project.schema();
    let selected = for_each_document(project, selection, sources, progress, |_, sets| {
        for annotations in &sets {
            builder.add(annotations, schema, registry);
        }
        Ok::<(), StatementsError>(())
    })?;
    let network = builder.build(mode);
    let report = NetworkReport {
        selected,
        mode,
        nodes: network.nodes.len(),
        edges: network.edges.len(),
        statements: builder.statements,
        incomplete: builder.incomplete,
        unknown: builder.unknown,
    };
    Ok((network, report))
}

/// Writes the network of `project` as GraphML to the file `path`, atomically, reading
/// the registry from the project: the entry point of `claimspan export --format
/// network [--mode congruence]`.
pub fn export_network(
    project: &Project,
    selection: &Selection,
    mode: NetworkMode,
    path: &Path,
    progress: &mut dyn FnMut(usize, usize),
) -> Result<NetworkReport, StatementsError> {
    check_output_file(project, path)?;
    let registry = project.load_registry()?.registry;
    let (network, report) = build_network(project, &registry, selection, mode, progress)?;
    let mut bytes = Vec::new();
    write_graphml(&network, &mut bytes)?;
    write_atomic(path, &bytes)?;
    Ok(report)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn builder(pairs: &[(&str, &str, usize, usize, usize)]) -> NetworkBuilder {
        let mut b = NetworkBuilder::new();
        for (actor, category, support, oppose, other) in pairs {
            let a = b.count_node(
                format!("actor:{actor}"),
                NodeType::Actor,
                (*actor).into(),
                Some("state"),
            );
            let c = b.count_node(
                format!("category:{category}"),
                NodeType::Category,
                (*category).into(),
                None,
            );
            b.pairs.insert(
                (a, c),
                PairCounts {
                    support: *support,
                    oppose: *oppose,
                    other: *other,
                },
            );
        }
        b
    }

    #[test]
    fn two_mode_edges_carry_counts_by_side() {
        let b = builder(&[
            ("iran", "oil", 0, 2, 1),
            ("iraq", "oil", 1, 1, 0),
            ("oman", "truce", 0, 0, 1),
        ]);
        let n = b.build(NetworkMode::TwoMode);
        assert_eq!(n.nodes.len(), 5);
        assert_eq!(n.nodes[0].node_type, NodeType::Actor);
        assert_eq!(n.nodes[4].id, "category:truce");
        let summary: Vec<(String, usize, &str)> = n
            .edges
            .iter()
            .map(|e| (format!("{}–{}", e.source, e.target), e.weight, e.polarity()))
            .collect();
        assert_eq!(
            summary,
            [
                ("actor:iran–category:oil".to_owned(), 3, "oppose"),
                ("actor:iraq–category:oil".to_owned(), 2, "both"),
                ("actor:oman–category:truce".to_owned(), 1, "neutral"),
            ]
        );
    }

    #[test]
    fn congruence_ties_actors_on_the_same_side_of_a_category() {
        let b = builder(&[
            ("iran", "oil", 0, 2, 0),
            ("iraq", "oil", 1, 1, 0),
            ("oman", "oil", 3, 0, 0),
            ("iran", "truce", 1, 0, 0),
            ("iraq", "truce", 2, 0, 0),
            ("qatar", "truce", 0, 0, 4),
        ]);
        let n = b.build(NetworkMode::Congruence);
        assert_eq!(
            n.nodes.iter().map(|n| n.id.as_str()).collect::<Vec<_>>(),
            ["actor:iran", "actor:iraq", "actor:oman", "actor:qatar"]
        );
        let ties: Vec<(String, usize, usize, usize)> = n
            .edges
            .iter()
            .map(|e| {
                (
                    format!("{}–{}", e.source, e.target),
                    e.weight,
                    e.support,
                    e.oppose,
                )
            })
            .collect();
        assert_eq!(
            ties,
            [
                // Both oppose on oil, both support the truce.
                ("actor:iran–actor:iraq".to_owned(), 2, 1, 1),
                // Both support on oil.
                ("actor:iraq–actor:oman".to_owned(), 1, 1, 0),
            ]
        );
        assert_eq!(n.edges[0].polarity(), "both");
    }

    #[test]
    fn modes_read_from_their_names() {
        assert_eq!("congruence".parse(), Ok(NetworkMode::Congruence));
        assert_eq!("two-mode".parse(), Ok(NetworkMode::TwoMode));
        assert!("one-mode".parse::<NetworkMode>().is_err());
    }
}
