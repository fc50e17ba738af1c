//! The networks the statements make, as the Discourse Network Analyzer draws them,
//! with DNA's options by DNA's names (see [`options`]).
//!
//! - **Two-mode** (the default): actor nodes and claim-category nodes; one edge per
//!   actor–category pair, so every tool reads a simple graph.
//! - **One-mode**: actors tied by the categories they share (`--nodes claims`:
//!   categories tied by the actors they share), weighted as DNA weights them
//!   ([`compute`]).
//! - **Event list**: no network, one CSV row a statement with every variable
//!   ([`events`]).
//!
//! `weight` is the tie's value under the qualifier and normalisation chosen;
//! `support`, `oppose`, `other` count what is behind it (two-mode: statements by
//! side; one-mode: the products of same-side and of opposite-side statements), and
//! `polarity` says which sides there are. Repeated statements are counted once per
//! document, week, month, year or selection where asked ([`duplicates`]).
//!
//! Actors are their registry entity, or their text in normal form when they have
//! none; categories likewise (see [`crate::model::statement_key`]), so a fresh
//! project without a registry still gives a network. Node ids are `actor:<entity
//! id>`, `actor:text:<text>`, `category:<category id>`, `category:text:<text>`: the
//! same on every run. Incomplete statements cannot be drawn and are counted instead.

mod compute;
mod duplicates;
pub mod events;
pub mod options;
pub mod windows;

pub use options::{
    Duplicates, GraphFormat, NetworkMode, NetworkOptions, Nodes, Normalize, Qualifier,
};
pub use windows::TimeWindow;

use super::error::StatementsError;
use super::graphml::write_graphml;
use super::table::write_notes;
use crate::formats::export::check_output_file;
use crate::formats::select::{Selected, Selection, Takes, for_each_document, resolve_sources};
use crate::model::{ActorRef, ClaimRef, UnknownAssignments, actor_ref, claim_ref};
use crate::model::{Annotations, Document, DocumentStatements, Polarity, Registry, Schema};
use crate::store::{Project, write_atomic};
use compute::Count;
use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::fmt;
use std::path::Path;

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
    /// How many of the statements drawn it is part of.
    pub statements: usize,
    /// The registry entry's colour, where it has one.
    pub colour: Option<String>,
    /// The registry entry's further attributes (DNA's `Type`, `Notes`…).
    pub attributes: BTreeMap<String, String>,
}

impl Node {
    /// A node of no statements yet, without kind, colour or attributes.
    pub fn new(id: String, node_type: NodeType, label: String) -> Self {
        Self {
            id,
            node_type,
            label,
            kind: None,
            statements: 0,
            colour: None,
            attributes: BTreeMap::new(),
        }
    }
}

/// One edge of the network; see the module documentation for what the numbers mean.
#[derive(Debug, Clone, PartialEq)]
pub struct Edge {
    /// The id of one end (the actor, in a two-mode network).
    pub source: String,
    /// The id of the other end (the category, in a two-mode network).
    pub target: String,
    /// The tie's value under the qualifier and normalisation chosen.
    pub weight: f64,
    /// Two-mode: supporting statements; one-mode: products of both supporting.
    pub support: usize,
    /// Two-mode: opposing statements; one-mode: products of both opposing.
    pub oppose: usize,
    /// Two-mode: neutral or unset statements; one-mode: products of opposite sides.
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
#[derive(Debug, Clone, PartialEq)]
pub struct Network {
    /// What it was built with.
    pub options: NetworkOptions,
    /// Nodes.
    pub nodes: Vec<Node>,
    /// Edges.
    pub edges: Vec<Edge>,
}

impl Network {
    /// The registry attribute names its nodes have, in name order: the extra
    /// columns or attributes every network file declares.
    pub fn node_attribute_names(&self) -> BTreeSet<&str> {
        attribute_names(self.nodes.iter())
    }
}

/// The registry attribute names `nodes` have, in name order.
pub(crate) fn attribute_names<'a>(nodes: impl Iterator<Item = &'a Node>) -> BTreeSet<&'a str> {
    nodes
        .flat_map(|n| n.attributes.keys().map(String::as_str))
        .collect()
}

/// For or against, as DNA's boolean `agreement`; `Neither` for neutral or unset.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub(crate) enum Side {
    /// `support`: DNA's “yes”.
    Support = 0,
    /// `oppose`: DNA's “no”.
    Oppose = 1,
    /// Neutral or without a polarity.
    Neither = 2,
}

impl Side {
    fn of(polarity: Option<&Polarity>) -> Self {
        match polarity {
            Some(Polarity::Support) => Side::Support,
            Some(Polarity::Oppose) => Side::Oppose,
            _ => Side::Neither,
        }
    }
}

/// One complete statement, as networks and the event list take it.
#[derive(Debug, Clone)]
pub struct Event {
    /// The actor node, by index into the builder's nodes.
    pub(crate) actor: usize,
    /// The category node.
    pub(crate) claim: usize,
    /// Its side.
    pub(crate) side: Side,
    /// The article's date, `YYYY-MM-DD`, if it has one.
    pub date: Option<String>,
    /// The document.
    pub document: String,
    /// The article's source.
    pub source: Option<String>,
    /// Whose annotations it comes from (`gold` for gold).
    pub annotator: String,
    /// The stance's text, place and attributes.
    pub stance_text: String,
    /// Where the stance starts, in chars.
    pub stance_start: usize,
    /// Where it ends.
    pub stance_end: usize,
    /// The stance's polarity as written, if any.
    pub polarity: Option<String>,
    /// Every other attribute of the stance (DNA's variables, `dna_statement`…).
    pub attributes: BTreeMap<String, String>,
}

/// Collects complete statements from any number of documents, then builds a
/// network of them.
#[derive(Debug, Default)]
pub struct NetworkBuilder {
    nodes: Vec<Node>,
    index: HashMap<String, usize>,
    events: Vec<Event>,
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

    /// Complete statements taken in.
    pub fn statements(&self) -> usize {
        self.events.len()
    }

    /// Takes in the statements of one document's annotations.
    pub fn add(
        &mut self,
        document: &Document,
        annotations: &Annotations,
        schema: &Schema,
        registry: &Registry,
    ) {
        let built = DocumentStatements::build(annotations, schema);
        self.incomplete += built.incomplete().count();
        self.unknown.add(annotations, registry);
        let meta = &document.meta;
        for statement in built.complete() {
            let (Some(stance), Some(actor), Some(claim)) = statement.spans(annotations) else {
                continue;
            };
            let actor = self.node_for_actor(&actor_ref(actor, registry), registry);
            let claim = self.node_for_claim(&claim_ref(claim, registry), registry);
            let mut attributes = stance.attributes.clone();
            let polarity = attributes.remove(crate::model::schema::POLARITY);
            self.events.push(Event {
                actor,
                claim,
                side: Side::of(statement.polarity.as_ref()),
                date: meta.date.clone(),
                document: meta.id.to_string(),
                source: meta.source.clone(),
                annotator: annotations.annotator.to_string(),
                stance_text: stance.text.clone(),
                stance_start: stance.start.0,
                stance_end: stance.end.0,
                polarity,
                attributes,
            });
        }
    }

    fn node_for_actor(&mut self, actor: &ActorRef, registry: &Registry) -> usize {
        let node = match actor {
            ActorRef::Entity(id) => {
                let entity = registry.entity(id);
                let mut node = Node::new(
                    format!("actor:{id}"),
                    NodeType::Actor,
                    entity.map_or_else(|| id.to_string(), |e| e.name.clone()),
                );
                node.kind = Some(entity.map_or("unknown", |e| e.kind.as_str()));
                if let Some(e) = entity {
                    (node.colour, node.attributes) = (e.colour.clone(), e.attributes.clone());
                }
                node
            }
            ActorRef::Text(text) => {
                let mut node =
                    Node::new(format!("actor:text:{text}"), NodeType::Actor, text.clone());
                node.kind = Some("unknown");
                node
            }
        };
        self.intern(node)
    }

    fn node_for_claim(&mut self, claim: &ClaimRef, registry: &Registry) -> usize {
        let node = match claim {
            ClaimRef::Category(id) => {
                let category = registry.category(id);
                let mut node = Node::new(
                    format!("category:{id}"),
                    NodeType::Category,
                    category.map_or_else(|| id.to_string(), |c| c.name.clone()),
                );
                if let Some(c) = category {
                    (node.colour, node.attributes) = (c.colour.clone(), c.attributes.clone());
                }
                node
            }
            ClaimRef::Text(text) => Node::new(
                format!("category:text:{text}"),
                NodeType::Category,
                text.clone(),
            ),
        };
        self.intern(node)
    }

    /// The index of `node`, added when new.
    fn intern(&mut self, node: Node) -> usize {
        if let Some(&i) = self.index.get(&node.id) {
            return i;
        }
        self.index.insert(node.id.clone(), self.nodes.len());
        self.nodes.push(node);
        self.nodes.len() - 1
    }

    /// The statements that count under `options`: without repeats where asked, and
    /// without those of no side where the qualifier needs a side.
    pub fn counted(&self, options: &NetworkOptions) -> Counted<'_> {
        let needs_side =
            options.mode != NetworkMode::EventList && options.qualifier() != Qualifier::Ignore;
        let (with_side, without_side): (Vec<&Event>, Vec<&Event>) = self
            .events
            .iter()
            .partition(|e| !needs_side || e.side != Side::Neither);
        let (events, repeated) =
            duplicates::keep_first(with_side, options.duplicates, options.qualifier());
        Counted {
            events,
            repeated,
            without_side: without_side.len(),
        }
    }

    /// The network of everything taken in, under `options` (an event list gives
    /// the two-mode network of its statements).
    pub fn build(&self, options: &NetworkOptions) -> (Network, Counted<'_>) {
        let counted = self.counted(options);
        let network = self.network_of(&counted.events, options);
        (network, counted)
    }

    /// The network of `events` (statements this builder took in and counted).
    pub fn network_of(&self, events: &[&Event], options: &NetworkOptions) -> Network {
        let q = options.qualifier();
        let one_mode = options.mode == NetworkMode::OneMode;
        let counts: Vec<Count> = events
            .iter()
            .map(|e| {
                let (row, column) = if one_mode && options.nodes == Nodes::Claims {
                    (e.claim, e.actor)
                } else {
                    (e.actor, e.claim)
                };
                Count {
                    row,
                    column,
                    side: e.side,
                }
            })
            .collect();
        let ties = if one_mode {
            compute::one_mode(&counts, q, options.normalize)
        } else {
            compute::two_mode(&counts, q, options.normalize)
        };
        let mut nodes = self.nodes.clone();
        for e in events {
            nodes[e.actor].statements += 1;
            nodes[e.claim].statements += 1;
        }
        let keep_type = match (one_mode, options.nodes) {
            (false, _) => None,
            (true, Nodes::Actors) => Some(NodeType::Actor),
            (true, Nodes::Claims) => Some(NodeType::Category),
        };
        let mut edges: Vec<Edge> = ties
            .into_iter()
            .map(|t| {
                let (a, b) = (&nodes[t.a].id, &nodes[t.b].id);
                let (source, target) = if one_mode && b < a { (b, a) } else { (a, b) };
                Edge {
                    source: source.clone(),
                    target: target.clone(),
                    weight: t.weight,
                    support: t.support,
                    oppose: t.oppose,
                    other: t.other,
                }
            })
            .collect();
        edges.sort_by(|x, y| (&x.source, &x.target).cmp(&(&y.source, &y.target)));
        let mut nodes: Vec<Node> = nodes
            .into_iter()
            .filter(|n| n.statements > 0 && keep_type.is_none_or(|t| t == n.node_type))
            .collect();
        nodes.sort_by(|a, b| (a.node_type, &a.id).cmp(&(b.node_type, &b.id)));
        Network {
            options: *options,
            nodes,
            edges,
        }
    }

    /// The networks of the time windows of `counted` statements between `from`
    /// and `to` (from the statements where not given), each with its first and
    /// last day, and how many statements had no date.
    pub fn windows(
        &self,
        counted: &[&Event],
        options: &NetworkOptions,
        window: TimeWindow,
        from: Option<&str>,
        to: Option<&str>,
    ) -> (Vec<WindowNetwork>, usize) {
        let (slices, undated) = windows::slices(counted, window, from, to);
        let networks = slices
            .into_iter()
            .map(|s| WindowNetwork {
                network: self.network_of(&s.events, options),
                statements: s.events.len(),
                start: s.start,
                end: s.end,
            })
            .collect();
        (networks, undated)
    }

    /// The node at `index`, for the event list.
    pub(crate) fn node(&self, index: usize) -> &Node {
        &self.nodes[index]
    }

    /// The actor node of `event` (a statement this builder took in).
    pub fn actor_of(&self, event: &Event) -> &Node {
        &self.nodes[event.actor]
    }

    /// The claim category node of `event`.
    pub fn claim_of(&self, event: &Event) -> &Node {
        &self.nodes[event.claim]
    }
}

/// The network of one time window.
#[derive(Debug, Clone)]
pub struct WindowNetwork {
    /// The window's first day, `YYYY-MM-DD`.
    pub start: String,
    /// Its last day.
    pub end: String,
    /// The statements in it.
    pub statements: usize,
    /// Their network.
    pub network: Network,
}

/// The statements a network counts, and what it did not.
#[derive(Debug)]
pub struct Counted<'a> {
    /// The statements counted, first occurrences in order of date and place.
    pub events: Vec<&'a Event>,
    /// Repeats counted once (`--duplicates`).
    pub repeated: usize,
    /// Statements without support or oppose, left out by a qualifier that needs
    /// a side.
    pub without_side: usize,
}

/// What a network export drew and what it could not.
#[derive(Debug, Default, Clone)]
pub struct NetworkReport {
    /// Documents read and skipped.
    pub selected: Selected,
    /// What was built.
    pub options: NetworkOptions,
    /// Nodes written.
    pub nodes: usize,
    /// Edges written.
    pub edges: usize,
    /// Statements drawn.
    pub statements: usize,
    /// Incomplete statements left out (no actor or no claim to draw).
    pub incomplete: usize,
    /// Repeats counted once.
    pub repeated: usize,
    /// Statements without support or oppose, left out by the qualifier.
    pub without_side: usize,
    /// Assignments to ids the registry does not have (drawn under their text).
    pub unknown: UnknownAssignments,
    /// Time windows written (0 without `--window`).
    pub windows: usize,
    /// Statements without a date, in no window.
    pub undated: usize,
}

impl NetworkReport {
    /// What `builder` took in and `counted` counted under `options`; nodes,
    /// edges and windows are the caller's to fill in.
    pub fn of(
        selected: Selected,
        options: &NetworkOptions,
        builder: &NetworkBuilder,
        counted: &Counted<'_>,
    ) -> Self {
        Self {
            selected,
            options: *options,
            statements: counted.events.len(),
            incomplete: builder.incomplete,
            repeated: counted.repeated,
            without_side: counted.without_side,
            unknown: builder.unknown,
            ..Self::default()
        }
    }
}

impl fmt::Display for NetworkReport {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(f, "{}", self.selected)?;
        if self.options.mode == NetworkMode::EventList {
            write!(f, "event list: {} statements", self.statements)?;
        } else if self.windows > 0 {
            write!(
                f,
                "{} in {} time {}: up to {} nodes and {} edges a window, from {} statements",
                self.options,
                self.windows,
                if self.windows == 1 {
                    "window"
                } else {
                    "windows"
                },
                self.nodes,
                self.edges,
                self.statements
            )?;
        } else {
            write!(
                f,
                "{}: {} nodes, {} edges from {} statements",
                self.options, self.nodes, self.edges, self.statements
            )?;
        }
        let repeated = format!(
            "repeated statements counted once (--duplicates {})",
            self.options.duplicates.name()
        );
        write_notes(
            f,
            &[
                (self.incomplete, "incomplete statements left out"),
                (self.undated, "statements without a date, in no time window"),
                (self.repeated, &repeated),
                (
                    self.without_side,
                    "statements neither for nor against, left out as the qualifier counts sides",
                ),
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

/// Reads the selected statements of `project` into a builder, calling
/// `progress(done, total)` after each document. All annotators at once are
/// refused, as each statement would count once per annotator.
pub fn collect_statements(
    project: &Project,
    registry: &Registry,
    selection: &Selection,
    progress: &mut dyn FnMut(usize, usize),
) -> Result<(NetworkBuilder, Selected), StatementsError> {
    let sources = resolve_sources(project, &selection.source, Takes::One, "network")?;
    let mut builder = NetworkBuilder::new();
    let schema = project.schema();
    let selected = for_each_document(project, selection, sources, progress, |document, sets| {
        for annotations in &sets {
            builder.add(document, annotations, schema, registry);
        }
        Ok::<(), StatementsError>(())
    })?;
    Ok((builder, selected))
}

/// Builds the network of `project`'s selected annotations under `options`.
pub fn build_network(
    project: &Project,
    registry: &Registry,
    selection: &Selection,
    options: &NetworkOptions,
    progress: &mut dyn FnMut(usize, usize),
) -> Result<(Network, NetworkReport), StatementsError> {
    options.check().map_err(StatementsError::Options)?;
    let (builder, selected) = collect_statements(project, registry, selection, progress)?;
    let (network, counted) = builder.build(options);
    let mut report = NetworkReport::of(selected, options, &builder, &counted);
    (report.nodes, report.edges) = (network.nodes.len(), network.edges.len());
    Ok((network, report))
}

/// Writes the network of `project` to `path`, atomically, reading the registry
/// from the project: GraphML, GEXF, a CSV matrix or edge list (as `options.format`
/// or the file name says), or with `--mode event-list` the event list as CSV. With
/// time windows, `path` is a folder of one file per window and an `index.csv`, or
/// for GEXF one dynamic graph. The entry point of `claimspan export --format
/// network`.
pub fn export_network(
    project: &Project,
    selection: &Selection,
    options: &NetworkOptions,
    path: &Path,
    progress: &mut dyn FnMut(usize, usize),
) -> Result<NetworkReport, StatementsError> {
    options.check().map_err(StatementsError::Options)?;
    let format = options.format.unwrap_or_else(|| GraphFormat::of_path(path));
    let into_folder = options.window.is_some()
        && options.mode != NetworkMode::EventList
        && format != GraphFormat::Gexf;
    if into_folder {
        crate::formats::export::prepare_output_folder(project, path)?;
    } else {
        check_output_file(project, path)?;
    }
    let registry = project.load_registry()?.registry;
    let (builder, selected) = collect_statements(project, &registry, selection, progress)?;
    let counted = builder.counted(options);
    let mut report = NetworkReport::of(selected, options, &builder, &counted);
    if options.mode == NetworkMode::EventList {
        let mut bytes = Vec::new();
        events::write_event_list(&builder, &counted.events, &mut bytes)?;
        write_atomic(path, &bytes)?;
        return Ok(report);
    }
    let Some(window) = options.window else {
        let network = builder.network_of(&counted.events, options);
        (report.nodes, report.edges) = (network.nodes.len(), network.edges.len());
        write_atomic(path, &network_bytes(&network, format)?)?;
        return Ok(report);
    };
    let from = selection.dates.from.map(|d| d.to_string());
    let to = selection.dates.to.map(|d| d.to_string());
    let (networks, undated) = builder.windows(
        &counted.events,
        options,
        window,
        from.as_deref(),
        to.as_deref(),
    );
    report.windows = networks.len();
    report.undated = undated;
    report.nodes = networks
        .iter()
        .map(|w| w.network.nodes.len())
        .max()
        .unwrap_or(0);
    report.edges = networks
        .iter()
        .map(|w| w.network.edges.len())
        .max()
        .unwrap_or(0);
    if format == GraphFormat::Gexf {
        let windows: Vec<super::gexf::Window<'_>> = networks
            .iter()
            .map(|w| super::gexf::Window {
                start: &w.start,
                end: &w.end,
                network: &w.network,
            })
            .collect();
        let mut bytes = Vec::new();
        super::gexf::write_dynamic_gexf(&windows, &mut bytes)?;
        write_atomic(path, &bytes)?;
        return Ok(report);
    }
    let mut index = String::from("start,end,statements,nodes,edges,file\n");
    for w in &networks {
        let name = format!("{}_{}.{}", w.start, w.end, format.extension());
        write_atomic(&path.join(&name), &network_bytes(&w.network, format)?)?;
        index.push_str(&format!(
            "{},{},{},{},{},{name}\n",
            w.start,
            w.end,
            w.statements,
            w.network.nodes.len(),
            w.network.edges.len()
        ));
    }
    write_atomic(&path.join("index.csv"), index.as_bytes())?;
    Ok(report)
}

/// `network` as the bytes of a file of `format`.
fn network_bytes(network: &Network, format: GraphFormat) -> Result<Vec<u8>, StatementsError> {
    let mut bytes = Vec::new();
    match format {
        GraphFormat::Graphml => write_graphml(network, &mut bytes)?,
        GraphFormat::Gexf => super::gexf::write_gexf(network, &mut bytes)?,
        GraphFormat::Matrix => super::network_csv::write_matrix(network, &mut bytes)?,
        GraphFormat::Edges => super::network_csv::write_edge_list(network, &mut bytes)?,
    }
    Ok(bytes)
}

#[cfg(test)]
#[path = "network_tests.rs"]
mod tests;
