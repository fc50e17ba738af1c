//! Review: comparing annotators, measuring how well they agree, and adjudicating
//! their work into a gold standard.
//!
//! Everything here is a pure function over [`Annotations`](crate::model::Annotations)
//! values and article texts: no files, no egui. The command line (`claimspan agree`,
//! `claimspan merge`) and the window's review mode call the same functions; the
//! store reads and writes what they take and return.
//!
//! - [`align`]: the spans of two or more annotators on one document, grouped into
//!   agreed versions and [`Disagreement`]s of a [`DisagreementKind`].
//! - [`f1`], [`kappa`], [`alpha`]: span F1 (exact and overlap), Cohen's and Fleiss'
//!   κ, Krippendorff's α, each checked against worked examples from the literature.
//! - [`agreement`]: the whole `agree` report over many documents, built up one
//!   document at a time (in parallel, then combined).
//! - [`merge`]: annotators' work into a [`Gold`] standard, keeping what a reviewer
//!   adjudicated by hand.
//! - [`adjudicate`]: a reviewer's [`Decision`] on a disagreement as an undoable
//!   [`GoldEdit`].
//! - [`select`]: which annotators and documents to compare.
//! - [`batch`]: agreement and merge over a whole project, in parallel, with the
//!   reading and writing passed in.

pub mod adjudicate;
pub mod agreement;
pub mod align;
pub mod alpha;
pub mod batch;
pub mod error;
pub mod f1;
pub mod kappa;
pub mod merge;
pub mod select;
pub mod statement_agreement;
pub mod tally;

pub use crate::store::gold::{
    Candidate, Disagreement, DisagreementKind, Gold, GoldReview, Overruled, Resolution, ReviewNote,
};
pub use adjudicate::{Decision, GoldEdit, GoldHistory, accept_agreed, adjudicate, restore};
pub use agreement::{Agreement, AgreementReport};
pub use align::{Alignment, align};
pub use batch::{
    GoldInput, MergeCounts, ProjectAgreementError, agree_over, agree_project, merge_over,
    merge_project,
};
pub use error::ReviewError;
pub use f1::{PairF1, SpanCounts, SpanScores, span_f1};
pub use merge::{Merged, check_minimum, merge};
pub use select::{Selection, select};
