//! The model: documents, spans, labels, links, the schema and word snapping.
//! Plain data and rules; it knows nothing of files or windows.

pub mod anchor;
pub mod annotations;
pub mod document;
pub mod edit;
pub mod ids;
pub mod offsets;
pub mod schema;
pub mod snap;
pub mod span;
pub mod text;
pub mod tokens;

pub use anchor::{Reanchored, reanchor};
pub use annotations::{Annotations, EditError, NewSpan, Status};
pub use document::{ArticleMeta, Document};
pub use edit::{Edit, History};
pub use ids::{AnnotatorName, DocumentId, NameError};
pub use offsets::{ByteOffset, CharOffset, OffsetMap};
pub use schema::{AttributeDef, LabelDef, LinkType, Schema, SchemaError};
pub use snap::{Snap, snap};
pub use span::{AnchorFlag, Link, Span, SpanId, SpanProblem};
pub use text::TextHash;
pub use tokens::{Token, sentences, tokens};
