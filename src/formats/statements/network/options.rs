//! The choices of a network export, by the names the Discourse Network Analyzer
//! gives them (`networkType`, `qualifierAggregation`, `normalization`,
//! `duplicates`), so a DNA user finds every option where DNA has it.

use std::fmt;
use std::str::FromStr;

/// Which network to build (DNA's `networkType`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum NetworkMode {
    /// Actors and claim categories, an edge for each pair joined by statements.
    #[default]
    TwoMode,
    /// Actors tied to actors by the claims they share (or claims by their actors).
    OneMode,
    /// No network: one row a statement, every variable, for R or pandas.
    EventList,
}

impl NetworkMode {
    /// Every mode, the default first.
    pub const ALL: [NetworkMode; 3] = [
        NetworkMode::TwoMode,
        NetworkMode::OneMode,
        NetworkMode::EventList,
    ];

    /// The mode's name on the command line: `two-mode`, `one-mode`, `event-list`.
    pub fn name(self) -> &'static str {
        match self {
            NetworkMode::TwoMode => "two-mode",
            NetworkMode::OneMode => "one-mode",
            NetworkMode::EventList => "event-list",
        }
    }
}

impl FromStr for NetworkMode {
    type Err = String;
    /// `two-mode` (also `affiliation`), `one-mode` (also `congruence`, the name of
    /// its default qualifier) or `event-list`.
    fn from_str(s: &str) -> Result<Self, String> {
        match s {
            "two-mode" | "twomode" | "affiliation" => Ok(NetworkMode::TwoMode),
            "one-mode" | "onemode" | "congruence" => Ok(NetworkMode::OneMode),
            "event-list" | "eventlist" => Ok(NetworkMode::EventList),
            other => Err(format!(
                "“{other}” is not a network mode; use two-mode, one-mode or event-list"
            )),
        }
    }
}

/// Which nodes a one-mode network ties.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Nodes {
    /// Actors, tied by the claim categories they make statements on.
    #[default]
    Actors,
    /// Claim categories, tied by the actors who make statements on both.
    Claims,
}

impl FromStr for Nodes {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, String> {
        match s {
            "actors" | "actor" => Ok(Nodes::Actors),
            "claims" | "claim" | "categories" | "concepts" => Ok(Nodes::Claims),
            other => Err(format!(
                "“{other}” is not a kind of node; use actors or claims"
            )),
        }
    }
}

/// How the stance's polarity (DNA's `agreement` qualifier) enters the weights
/// (DNA's `qualifierAggregation`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Qualifier {
    /// Polarity makes no difference: every statement counts.
    Ignore,
    /// One-mode: ties from taking the same side on a shared claim.
    Congruence,
    /// One-mode: ties from taking opposite sides.
    Conflict,
    /// One-mode: congruence minus conflict; two-mode: support minus oppose.
    Subtract,
    /// Two-mode: 1 support only, 2 oppose only, 3 both.
    Combine,
}

impl Qualifier {
    /// The name on the command line.
    pub fn name(self) -> &'static str {
        match self {
            Qualifier::Ignore => "ignore",
            Qualifier::Congruence => "congruence",
            Qualifier::Conflict => "conflict",
            Qualifier::Subtract => "subtract",
            Qualifier::Combine => "combine",
        }
    }
}

impl FromStr for Qualifier {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, String> {
        match s {
            "ignore" => Ok(Qualifier::Ignore),
            "congruence" => Ok(Qualifier::Congruence),
            "conflict" => Ok(Qualifier::Conflict),
            "subtract" => Ok(Qualifier::Subtract),
            "combine" => Ok(Qualifier::Combine),
            other => Err(format!(
                "“{other}” is not a qualifier aggregation; use ignore, congruence, conflict, subtract or combine"
            )),
        }
    }
}

/// How weights are scaled (DNA's `normalization`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Normalize {
    /// Counts as they are.
    #[default]
    No,
    /// One-mode: divided by the two nodes' mean number of statements.
    Average,
    /// One-mode: divided by the statements either node makes on a claim and side
    /// the other does not, plus the products where both do (DNA's Jaccard).
    Jaccard,
    /// One-mode: divided by the product of the two nodes' numbers of statements
    /// (DNA's cosine, as DNA computes it).
    Cosine,
    /// Two-mode: each actor's row divided by its activity.
    Activity,
    /// Two-mode: each claim's column divided by its prominence.
    Prominence,
}

impl Normalize {
    /// The name on the command line.
    pub fn name(self) -> &'static str {
        match self {
            Normalize::No => "no",
            Normalize::Average => "average",
            Normalize::Jaccard => "jaccard",
            Normalize::Cosine => "cosine",
            Normalize::Activity => "activity",
            Normalize::Prominence => "prominence",
        }
    }
}

impl FromStr for Normalize {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, String> {
        match s {
            "no" | "none" => Ok(Normalize::No),
            "average" => Ok(Normalize::Average),
            "jaccard" => Ok(Normalize::Jaccard),
            "cosine" => Ok(Normalize::Cosine),
            "activity" => Ok(Normalize::Activity),
            "prominence" => Ok(Normalize::Prominence),
            other => Err(format!(
                "“{other}” is not a normalisation; use no, average, jaccard, cosine (one-mode), activity or prominence (two-mode)"
            )),
        }
    }
}

/// Which repeated statements count once (DNA's `duplicates`): the same actor,
/// claim and (unless the qualifier is ignored) polarity again.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Duplicates {
    /// Every statement counts.
    #[default]
    Include,
    /// Once per document.
    Document,
    /// Once per calendar week (ISO weeks, Monday first).
    Week,
    /// Once per calendar month.
    Month,
    /// Once per calendar year.
    Year,
    /// Once over the whole selection (DNA's `acrossrange`).
    All,
}

impl Duplicates {
    /// The name on the command line.
    pub fn name(self) -> &'static str {
        match self {
            Duplicates::Include => "include",
            Duplicates::Document => "document",
            Duplicates::Week => "week",
            Duplicates::Month => "month",
            Duplicates::Year => "year",
            Duplicates::All => "all",
        }
    }
}

impl FromStr for Duplicates {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, String> {
        match s {
            "include" => Ok(Duplicates::Include),
            "document" => Ok(Duplicates::Document),
            "week" => Ok(Duplicates::Week),
            "month" => Ok(Duplicates::Month),
            "year" => Ok(Duplicates::Year),
            "all" | "acrossrange" => Ok(Duplicates::All),
            other => Err(format!(
                "“{other}” is not a way to count duplicates; use include, document, week, month, year or all"
            )),
        }
    }
}

/// The file a network is written as.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum GraphFormat {
    /// GraphML (Gephi, networkx, igraph, yEd).
    Graphml,
    /// GEXF 1.3, Gephi's own; time windows as one dynamic graph.
    Gexf,
    /// A CSV matrix, as DNA exports one.
    Matrix,
    /// A CSV edge list.
    Edges,
}

impl GraphFormat {
    /// The name on the command line.
    pub fn name(self) -> &'static str {
        match self {
            GraphFormat::Graphml => "graphml",
            GraphFormat::Gexf => "gexf",
            GraphFormat::Matrix => "matrix",
            GraphFormat::Edges => "edges",
        }
    }

    /// The format a file name asks for: `.gexf`, `.csv` (an edge list), otherwise
    /// GraphML.
    pub fn of_path(path: &std::path::Path) -> Self {
        match path
            .extension()
            .map(|e| e.to_string_lossy().to_lowercase())
            .as_deref()
        {
            Some("gexf") => GraphFormat::Gexf,
            Some("csv") => GraphFormat::Edges,
            _ => GraphFormat::Graphml,
        }
    }

    /// The file extension of a window's file.
    pub fn extension(self) -> &'static str {
        match self {
            GraphFormat::Graphml => "graphml",
            GraphFormat::Gexf => "gexf",
            GraphFormat::Matrix | GraphFormat::Edges => "csv",
        }
    }
}

impl FromStr for GraphFormat {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, String> {
        match s {
            "graphml" => Ok(GraphFormat::Graphml),
            "gexf" => Ok(GraphFormat::Gexf),
            "matrix" => Ok(GraphFormat::Matrix),
            "edges" | "edgelist" | "edge-list" => Ok(GraphFormat::Edges),
            other => Err(format!(
                "“{other}” is not a network file format; use graphml, gexf, matrix or edges"
            )),
        }
    }
}

/// Everything a network export is asked to compute.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct NetworkOptions {
    /// Two-mode, one-mode or the event list.
    pub mode: NetworkMode,
    /// One-mode: actors or claims.
    pub nodes: Nodes,
    /// How polarity enters; `None` for the mode's default (two-mode: ignore,
    /// one-mode: congruence).
    pub qualifier: Option<Qualifier>,
    /// How weights are scaled.
    pub normalize: Normalize,
    /// Which repeated statements count once.
    pub duplicates: Duplicates,
    /// The file format; `None` for the one the file name asks for.
    pub format: Option<GraphFormat>,
    /// Time windows, one network each; `None` for one network of the whole
    /// selection.
    pub window: Option<super::windows::TimeWindow>,
}

impl NetworkOptions {
    /// The options of `mode`, every other choice at its default.
    pub fn of(mode: NetworkMode) -> Self {
        Self {
            mode,
            ..Self::default()
        }
    }

    /// The qualifier aggregation in force.
    pub fn qualifier(&self) -> Qualifier {
        self.qualifier.unwrap_or(match self.mode {
            NetworkMode::OneMode => Qualifier::Congruence,
            NetworkMode::TwoMode | NetworkMode::EventList => Qualifier::Ignore,
        })
    }

    /// Refuses a combination DNA does not define (it would silently fall back to
    /// another), with what to use instead.
    pub fn check(&self) -> Result<(), String> {
        let q = self.qualifier();
        match self.mode {
            NetworkMode::TwoMode => {
                if matches!(q, Qualifier::Congruence | Qualifier::Conflict) {
                    return Err(format!(
                        "--qualifier {} ties actors to actors; use it with --mode one-mode, or give a two-mode network ignore, combine or subtract",
                        q.name()
                    ));
                }
                if matches!(
                    self.normalize,
                    Normalize::Average | Normalize::Jaccard | Normalize::Cosine
                ) {
                    return Err(format!(
                        "--normalize {} scales ties between two nodes of one kind; use it with --mode one-mode, or give a two-mode network activity or prominence",
                        self.normalize.name()
                    ));
                }
            }
            NetworkMode::OneMode => {
                if q == Qualifier::Combine {
                    return Err("--qualifier combine codes a two-mode edge (1 support, 2 oppose, 3 both); use it with --mode two-mode, or give a one-mode network ignore, congruence, conflict or subtract".into());
                }
                if matches!(self.normalize, Normalize::Activity | Normalize::Prominence) {
                    return Err(format!(
                        "--normalize {} scales a two-mode network's rows or columns; use it with --mode two-mode, or give a one-mode network average, jaccard or cosine",
                        self.normalize.name()
                    ));
                }
            }
            NetworkMode::EventList => {
                if self.window.is_some() {
                    return Err("an event list has every statement in one file, with its date; leave out --window, or choose --mode two-mode or one-mode for time-sliced networks".into());
                }
            }
        }
        Ok(())
    }
}

impl fmt::Display for NetworkOptions {
    /// `two-mode network`, `one-mode congruence network of actors (jaccard)`,
    /// `two-mode subtract network (activity)`, `event list`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.mode == NetworkMode::EventList {
            return f.write_str("event list");
        }
        f.write_str(self.mode.name())?;
        let q = self.qualifier();
        if q != Qualifier::Ignore {
            write!(f, " {}", q.name())?;
        }
        f.write_str(" network")?;
        if self.mode == NetworkMode::OneMode {
            let nodes = match self.nodes {
                Nodes::Actors => "actors",
                Nodes::Claims => "claims",
            };
            write!(f, " of {nodes}")?;
        }
        if self.normalize != Normalize::No {
            write!(f, " ({})", self.normalize.name())?;
        }
        Ok(())
    }
}
