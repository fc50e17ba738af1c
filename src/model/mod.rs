//! The model: documents, spans, labels, links, the schema, word snapping, statements
//! and the registry of entities and categories.
//! Plain data and rules; it knows nothing of files or windows.

pub mod anchor;
pub mod annotations;
pub mod assign;
pub mod document;
pub mod edit;
pub mod ids;
pub mod names;
pub mod offsets;
pub mod reapply;
pub mod registry;
pub mod rejection;
pub mod schema;
pub mod snap;
pub mod span;
pub mod statement;
pub mod statement_key;
pub mod suggest;
pub mod text;
pub mod tokens;
pub mod usable;

pub use anchor::{Reanchored, place_of_text, reanchor};
pub use annotations::{Annotations, EditError, NewSpan, Status};
pub use assign::AssignError;
pub use document::{ArticleMeta, Document};
pub use edit::{Edit, History};
pub use ids::{AnnotatorName, DocumentId, NameError};
pub use names::normalise_name;
pub use offsets::{ByteOffset, CharOffset, OffsetMap};
pub use reapply::{Place, Reapplied, reapply};
pub use registry::{Category, CategoryId, Entity, EntityId, EntityKind, Registry, RegistryError};
pub use rejection::{ORIGIN, Rejection, SCORE, follow_rejections, is_tool_attribute};
pub use schema::{AttributeDef, LabelDef, LinkType, Schema, SchemaError};
pub use snap::{Snap, grapheme_edge, snap, word_edge};
pub use span::{AnchorFlag, Link, Span, SpanId, SpanProblem};
pub use statement::{DocumentStatements, Missing, Polarity, Statement, StatementLabels};
pub use statement_key::{
    ActorRef, ClaimRef, StatementKey, UnknownAssignments, actor_ref, claim_ref,
};
pub use suggest::{MatchKind, Suggestion, suggest_entities};
pub use text::TextHash;
pub use tokens::{Token, sentences, tokens};
pub use usable::{LeftOut, LeftOutReason};
