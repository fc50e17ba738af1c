//! The `agree` report: what [`Agreement`](super::Agreement) counted, as JSON for
//! scripts and as a table for the terminal, with what was left out and why.

use super::super::f1::SpanScores;
use crate::model::LeftOut;
use serde::Serialize;
use std::collections::BTreeMap;
use std::fmt::Write as _;

/// The `agree` report; its JSON field names are relied on by users' scripts.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct AgreementReport {
    /// The annotators compared.
    pub annotators: Vec<String>,
    /// Documents every one of them annotated (Fleiss' κ); each pair says how many
    /// documents its own figures stand on.
    pub documents: usize,
    /// Tokens of those documents.
    pub tokens: u64,
    /// Each pair of annotators.
    pub pairs: Vec<PairReport>,
    /// α and Fleiss' κ per label.
    pub labels: BTreeMap<String, LabelAgreement>,
    /// α and Fleiss' κ with a token's value being the set of labels it lies in.
    pub overall: LabelAgreement,
    /// Documents at least two of them annotated (α).
    pub alpha_documents: usize,
    /// Tokens of those documents.
    pub alpha_tokens: u64,
    /// Exact span F1 of each document two or more of them annotated (the mean over
    /// the pairs who both did), worst first; documents with no span at all last.
    pub per_document: Vec<DocumentF1>,
    /// Spans and links that were not counted because they cannot be used as placed
    /// (their article changed and their text was not found once, or they break the
    /// schema or the text), by reason.
    pub left_out: Vec<LeftOutCount>,
    /// Documents that could not be read, each with the reason: they were left out,
    /// and `claimspan agree` exits with 1 after the report.
    pub unreadable: Vec<String>,
    /// Labels in the schema's order, then any others met (for tables).
    #[serde(skip)]
    pub label_order: Vec<String>,
}

/// Span F1 and κ of one pair, for one label or overall.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PairLabel {
    /// Exact match: same start, end and label.
    pub exact: SpanScores,
    /// Overlap match: same label, overlapping, each span matched once.
    pub overlap: SpanScores,
    /// Cohen's κ over tokens; `None` when undefined (neither used the label).
    pub cohen_kappa: Option<f64>,
}

/// One pair of annotators.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PairReport {
    /// The first (the reference for precision and recall).
    pub a: String,
    /// The second.
    pub b: String,
    /// Documents both annotated: what this pair's figures stand on.
    pub documents: usize,
    /// Tokens of those documents.
    pub tokens: u64,
    /// Per label.
    pub labels: BTreeMap<String, PairLabel>,
    /// Over all labels.
    pub overall: PairLabel,
    /// Statement-level agreement: a statement of B matches one of A when actor
    /// entity, polarity and claim category match.
    pub statements: SpanScores,
}

/// Agreement of all compared annotators on one label.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct LabelAgreement {
    /// Krippendorff's α (nominal, missing values allowed); `None` when undefined.
    pub krippendorff_alpha: Option<f64>,
    /// Fleiss' κ; `None` with fewer than three annotators or when undefined.
    pub fleiss_kappa: Option<f64>,
}

/// One document's exact span F1.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct DocumentF1 {
    /// Its id.
    pub document: String,
    /// Exact span F1 over all labels, the mean over the pairs who annotated it and
    /// have a span there; `None` when none has.
    pub exact_f1: Option<f64>,
}

/// How many spans or links were left out for one reason.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct LeftOutCount {
    /// The reason, as a name for scripts (`Unplaced`, `OutOfRange`, …).
    pub reason: String,
    /// The reason in words.
    pub what: String,
    /// How many.
    pub count: usize,
}

impl LeftOutCount {
    /// Every reason of `left_out` with its count.
    pub fn all(left_out: &LeftOut) -> Vec<LeftOutCount> {
        left_out
            .iter()
            .filter(|(_, n)| *n > 0)
            .map(|(reason, count)| LeftOutCount {
                reason: format!("{reason:?}"),
                what: reason.describe().to_owned(),
                count,
            })
            .collect()
    }
}

/// How many of the worst documents the table lists.
const WORST_LISTED: usize = 20;

impl AgreementReport {
    /// A readable table for the terminal.
    pub fn to_table(&self) -> String {
        let mut out = String::new();
        let _ = writeln!(
            out,
            "Agreement of {}: {} shared by all ({} tokens); each pair on the documents both annotated",
            self.annotators.join(", "),
            documents(self.documents),
            self.tokens
        );
        self.write_pairs(&mut out);
        self.write_statements(&mut out);
        self.write_tokens(&mut out);
        self.write_documents(&mut out);
        if !self.left_out.is_empty() {
            let _ = writeln!(out, "\nLeft out, not counted");
            for line in &self.left_out {
                let _ = writeln!(out, "{:>6}  {}", line.count, line.what);
            }
        }
        if !self.unreadable.is_empty() {
            let _ = writeln!(out, "\nNot read, left out");
            for problem in &self.unreadable {
                let _ = writeln!(out, "  {problem}");
            }
        }
        out
    }

    /// Span F1 and Cohen's κ, a block of rows per pair.
    fn write_pairs(&self, out: &mut String) {
        let _ = writeln!(
            out,
            "\nSpan F1 (B scored against A) and Cohen's κ over tokens"
        );
        let _ = writeln!(
            out,
            "{:<22} {:<10} {:>8} {:>6} {:>6} {:>7} {:>6} {:>6} {:>10} {:>7}",
            "pair (A / B)",
            "label",
            "exact F1",
            "P",
            "R",
            "matched",
            "only A",
            "only B",
            "overlap F1",
            "κ"
        );
        for pair in &self.pairs {
            let name = format!("{} / {}", pair.a, pair.b);
            let _ = writeln!(
                out,
                "{name} on {} ({} tokens)",
                documents(pair.documents),
                pair.tokens
            );
            let rows = self
                .label_order
                .iter()
                .filter_map(|l| pair.labels.get(l).map(|p| (l.as_str(), p)))
                .chain([("overall", &pair.overall)]);
            for (label, p) in rows {
                let _ = writeln!(
                    out,
                    "{:<22} {:<10} {:>8} {:>6} {:>6} {:>7} {:>6} {:>6} {:>10} {:>7}",
                    name,
                    label,
                    number(p.exact.f1),
                    number(p.exact.precision),
                    number(p.exact.recall),
                    p.exact.matched,
                    p.exact.only_a,
                    p.exact.only_b,
                    number(p.overlap.f1),
                    number(p.cohen_kappa)
                );
            }
        }
    }

    /// Statement F1 per pair.
    fn write_statements(&self, out: &mut String) {
        let _ = writeln!(
            out,
            "\nStatements (actor entity, polarity and claim category alike)"
        );
        let _ = writeln!(
            out,
            "{:<22} {:>8} {:>6} {:>6} {:>7} {:>6} {:>6}",
            "pair (A / B)", "F1", "P", "R", "matched", "only A", "only B"
        );
        for pair in &self.pairs {
            let s = &pair.statements;
            let _ = writeln!(
                out,
                "{:<22} {:>8} {:>6} {:>6} {:>7} {:>6} {:>6}",
                format!("{} / {}", pair.a, pair.b),
                number(s.f1),
                number(s.precision),
                number(s.recall),
                s.matched,
                s.only_a,
                s.only_b
            );
        }
    }

    /// Krippendorff's α and Fleiss' κ per label.
    fn write_tokens(&self, out: &mut String) {
        let _ = writeln!(
            out,
            "\nToken agreement of all annotators: α on {} with at least two of them ({} tokens), Fleiss' κ on the {} shared by all",
            documents(self.alpha_documents),
            self.alpha_tokens,
            self.documents
        );
        let _ = writeln!(
            out,
            "{:<10} {:>15} {:>9}",
            "label", "Krippendorff α", "Fleiss κ"
        );
        let rows = self
            .label_order
            .iter()
            .filter_map(|l| self.labels.get(l).map(|a| (l.as_str(), a)))
            .chain([("overall", &self.overall)]);
        for (label, a) in rows {
            let _ = writeln!(
                out,
                "{:<10} {:>15} {:>9}",
                label,
                number(a.krippendorff_alpha),
                number(a.fleiss_kappa)
            );
        }
    }

    /// The worst documents.
    fn write_documents(&self, out: &mut String) {
        let _ = writeln!(out, "\nDocuments, worst first (exact span F1)");
        for doc in self.per_document.iter().take(WORST_LISTED) {
            let _ = writeln!(out, "{:>6}  {}", number(doc.exact_f1), doc.document);
        }
        if self.per_document.len() > WORST_LISTED {
            let _ = writeln!(
                out,
                "… and {} more (--json lists them all)",
                self.per_document.len() - WORST_LISTED
            );
        }
    }
}

/// “1 document”, “3 documents”.
pub fn documents(n: usize) -> String {
    format!("{n} document{}", if n == 1 { "" } else { "s" })
}

/// A measure to three places, or `—` where it is undefined.
pub fn number(value: Option<f64>) -> String {
    value.map_or_else(|| "—".to_owned(), |v| format!("{v:.3}"))
}
