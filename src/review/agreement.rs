//! The agreement report over many documents: span F1 per pair of annotators, Cohen's
//! κ per pair, Fleiss' κ and Krippendorff's α over all of them, and each document's
//! exact F1 so the worst can be reviewed first.
//!
//! [`Agreement`] is built one document at a time ([`Agreement::add`]) and partial
//! results combine ([`Agreement::absorb`]), so documents can be read and counted on
//! several threads; only counts are kept, never the documents.
//!
//! Each pair's span F1, Cohen's κ and statement F1 are computed over the documents
//! both of that pair annotated, and say how many; Fleiss' κ over the documents every
//! chosen annotator annotated; α over every document at least two of them annotated,
//! the others counting as missing values (as α is defined for missing data). A
//! measure with nothing to measure (a label nobody used) is `None`, never 1. Token-level measures use the tokens of the `conll` export
//! ([`crate::model::tokens`]), cut at every edge of every compared span, so a span
//! never covers part of a token. For one label, a token's value is whether it lies
//! inside a span of that label; overall, its value is the set of labels it lies in.

use super::alpha::Coincidences;
use super::f1::{Place, SpanCounts, exact_counts, overlap_counts};
use super::kappa::{Contingency, Fleiss, cohen_kappa};
use super::statement_agreement::compare_statements;
use super::tally::Tally;
use crate::model::{Annotations, AnnotatorName, DocumentId, LeftOut, Registry, Schema};
use std::collections::BTreeMap;
use units::TokenUnits;

mod report;
mod units;
pub use report::{
    AgreementReport, DocumentF1, LabelAgreement, LeftOutCount, PairLabel, PairReport, documents,
    number,
};

/// Labels beyond this many take part in span F1 but not in the token measures, whose
/// values are bit sets of labels.
const MAX_TOKEN_LABELS: usize = 64;

/// Agreement counts over the documents added so far.
#[derive(Debug, Clone)]
pub struct Agreement {
    annotators: Vec<AnnotatorName>,
    labels: Vec<String>,
    documents: usize,
    tokens: u64,
    alpha_documents: usize,
    /// Tokens of documents with at least two annotators, by how many annotated them.
    alpha_tokens: Vec<u64>,
    pairs: Vec<Pair>,
    per_label: Vec<LabelCounts>,
    fleiss_overall: Fleiss<u64>,
    alpha_overall: Coincidences<u64>,
    per_document: Vec<(DocumentId, Option<f64>)>,
    /// Spans and links of the compared annotations that could not be used as placed.
    left_out: LeftOut,
}

/// Counts for one pair of annotators, over the documents both annotated.
#[derive(Debug, Clone)]
struct Pair {
    a: usize,
    b: usize,
    /// Documents both annotated.
    documents: usize,
    /// Tokens of those documents.
    tokens: u64,
    /// Per label.
    labels: Vec<PairLabelCounts>,
    overall: Contingency<u64>,
    /// Statements (actor entity, polarity, claim category) both have or one has.
    statements: SpanCounts,
}

/// One pair's counts for one label.
#[derive(Debug, Clone, Default)]
struct PairLabelCounts {
    exact: SpanCounts,
    overlap: SpanCounts,
    /// The token table for Cohen's κ.
    table: Contingency<bool>,
    /// Tokens counted in `table`: a label first met in a later document was absent,
    /// so “outside” in every token before; that is added at the end.
    tokens: u64,
}

/// Token-level counts for one label across annotators.
#[derive(Debug, Clone, Default)]
struct LabelCounts {
    fleiss: Fleiss<bool>,
    alpha: Coincidences<bool>,
    /// Tokens counted for this label: of shared documents, and for α by number of
    /// annotators. A label first met in a later document (one outside the schema)
    /// was absent, so “outside” in every token before; that is added at the end.
    shared_tokens: u64,
    alpha_tokens: Vec<u64>,
}

impl Agreement {
    /// No documents yet. `labels` are the schema's, in its order; labels met in the
    /// annotations that are not among them are added as they come.
    pub fn new(annotators: Vec<AnnotatorName>, labels: &[&str]) -> Self {
        let n = annotators.len();
        let mut pairs = Vec::new();
        for a in 0..n {
            for b in a + 1..n {
                pairs.push(Pair {
                    a,
                    b,
                    documents: 0,
                    tokens: 0,
                    labels: Vec::new(),
                    overall: Contingency::new(),
                    statements: SpanCounts::default(),
                });
            }
        }
        let mut agreement = Self {
            annotators,
            labels: Vec::new(),
            documents: 0,
            tokens: 0,
            alpha_documents: 0,
            alpha_tokens: vec![0; n + 1],
            pairs,
            per_label: Vec::new(),
            fleiss_overall: Fleiss::new(),
            alpha_overall: Coincidences::new(),
            per_document: Vec::new(),
            left_out: LeftOut::default(),
        };
        for label in labels {
            agreement.label_index(label);
        }
        agreement
    }

    /// The annotators compared.
    pub fn annotators(&self) -> &[AnnotatorName] {
        &self.annotators
    }

    fn label_index(&mut self, label: &str) -> usize {
        if let Some(i) = self.labels.iter().position(|l| l == label) {
            return i;
        }
        self.labels.push(label.to_owned());
        for pair in &mut self.pairs {
            pair.labels.push(PairLabelCounts::default());
        }
        self.per_label.push(LabelCounts {
            alpha_tokens: vec![0; self.annotators.len() + 1],
            ..LabelCounts::default()
        });
        self.labels.len() - 1
    }

    /// Counts one document: `text` is its article text and `annotations[i]` the
    /// annotations of annotator `i` (as given to [`Agreement::new`]), `None` where
    /// that annotator did not annotate it. Documents with fewer than two annotators
    /// count for nothing.
    pub fn add(&mut self, document: &DocumentId, text: &str, annotations: &[Option<&Annotations>]) {
        let n = self.annotators.len();
        let present: Vec<(usize, &Annotations)> = annotations
            .iter()
            .take(n)
            .enumerate()
            .filter_map(|(i, a)| a.map(|a| (i, a)))
            .collect();
        let m = present.len();
        if m < 2 {
            return;
        }
        let shared = m == n;

        // Each present annotator's places per label.
        let mut places: Vec<Vec<Vec<Place>>> = vec![Vec::new(); m];
        for (k, (_, a)) in present.iter().enumerate() {
            for span in &a.spans {
                let l = self.label_index(&span.label);
                if places[k].len() <= l {
                    places[k].resize(l + 1, Vec::new());
                }
                places[k][l].push((span.start.0, span.end.0));
            }
        }
        let labels = self.labels.len();
        for by_label in &mut places {
            by_label.resize(labels, Vec::new());
            for p in by_label.iter_mut() {
                p.sort_unstable();
                p.dedup();
            }
        }

        if shared {
            self.documents += 1;
        }
        // Where each annotator is among those present.
        let mut slot = vec![None; n];
        for (k, (i, _)) in present.iter().enumerate() {
            slot[*i] = Some(k);
        }
        let mut f1s = Vec::new();
        for pair in &mut self.pairs {
            let (Some(ka), Some(kb)) = (slot[pair.a], slot[pair.b]) else {
                continue;
            };
            pair.documents += 1;
            let mut exact_all = SpanCounts::default();
            for (l, counts) in pair.labels.iter_mut().enumerate() {
                let e = exact_counts(&places[ka][l], &places[kb][l]);
                counts.exact.add(e);
                counts
                    .overlap
                    .add(overlap_counts(&places[ka][l], &places[kb][l]));
                exact_all.add(e);
            }
            f1s.extend(exact_all.f1());
        }
        let f1 = (!f1s.is_empty()).then(|| f1s.iter().sum::<f64>() / f1s.len() as f64);
        self.per_document.push((document.clone(), f1));

        self.count_tokens(text, &slot, &places, shared);
    }

    /// Records what was left out of a document's annotations before they were
    /// counted (see [`crate::store::Compared::left_out`]), so the report says it.
    pub fn count_left_out(&mut self, left_out: &LeftOut) {
        self.left_out.absorb(left_out);
    }

    /// Counts the statements of one document for every pair that both annotated it
    /// (as span F1 does): a statement matches when its actor entity,
    /// polarity and claim category match (the texts stand in where no entity or
    /// category was assigned).
    pub fn add_statements(
        &mut self,
        annotations: &[Option<&Annotations>],
        schema: &Schema,
        registry: &Registry,
    ) {
        for pair in &mut self.pairs {
            let (Some(Some(a)), Some(Some(b))) = (annotations.get(pair.a), annotations.get(pair.b))
            else {
                continue;
            };
            let counts = compare_statements(a, b, schema, registry).counts;
            pair.statements.add(SpanCounts {
                matched: counts.matched as u64,
                only_a: counts.only_a as u64,
                only_b: counts.only_b as u64,
            });
        }
    }

    /// The token-level counts of one document; `slot[i]` is where annotator `i` is in
    /// `places`, `None` when absent.
    fn count_tokens(
        &mut self,
        text: &str,
        slot: &[Option<usize>],
        places: &[Vec<Vec<Place>>],
        shared: bool,
    ) {
        let m = places.len();
        let units = TokenUnits::of(text, places);
        let tokens = units.tokens;
        let labels = self.labels.len().min(MAX_TOKEN_LABELS);
        self.alpha_documents += 1;
        self.alpha_tokens[m] += tokens;
        if shared {
            self.tokens += tokens;
        }
        for counts in &mut self.per_label[..labels] {
            counts.alpha_tokens[m] += tokens;
            if shared {
                counts.shared_tokens += tokens;
            }
        }
        for (values, c) in units.iter() {
            self.count_unit(values, c, slot, shared);
        }
        for pair in &mut self.pairs {
            if slot[pair.a].is_some() && slot[pair.b].is_some() {
                pair.tokens += tokens;
                for counts in pair.labels.iter_mut().take(labels) {
                    counts.tokens += tokens;
                }
            }
        }
    }

    /// Counts `c` tokens whose annotators gave `values` (one bit set of labels for
    /// each annotator present) in α, Fleiss' κ (documents all `shared`) and each
    /// pair's κ.
    fn count_unit(&mut self, values: &[u64], c: u64, slot: &[Option<usize>], shared: bool) {
        let m = values.len();
        let labels = self.labels.len().min(MAX_TOKEN_LABELS);
        let sets: Tally<u64> = values.iter().map(|&v| (v, 1)).collect();
        let sets: Vec<(u64, u64)> = sets.iter().map(|(v, n)| (*v, n)).collect();
        self.alpha_overall.add_unit(&sets, c);
        for (l, counts) in self.per_label[..labels].iter_mut().enumerate() {
            let inside = values.iter().filter(|&&v| v >> l & 1 == 1).count() as u64;
            // A zero count adds nothing to either table.
            let split = [(true, inside), (false, m as u64 - inside)];
            counts.alpha.add_unit(&split, c);
            if shared {
                counts.fleiss.add_item(&split, c);
            }
        }
        if shared {
            self.fleiss_overall.add_item(&sets, c);
        }
        for pair in &mut self.pairs {
            let (Some(ka), Some(kb)) = (slot[pair.a], slot[pair.b]) else {
                continue;
            };
            let (va, vb) = (values[ka], values[kb]);
            pair.overall.add((va, vb), c);
            for (l, counts) in pair.labels.iter_mut().enumerate().take(labels) {
                counts.table.add((va >> l & 1 == 1, vb >> l & 1 == 1), c);
            }
        }
    }

    /// Adds the counts of `other` (the same annotators, other documents).
    pub fn absorb(&mut self, other: Agreement) {
        let map: Vec<usize> = other.labels.iter().map(|l| self.label_index(l)).collect();
        let remap = |set: &u64| -> u64 {
            let mut out = 0u64;
            for (j, &i) in map.iter().enumerate().take(MAX_TOKEN_LABELS) {
                if set >> j & 1 == 1 && i < MAX_TOKEN_LABELS {
                    out |= 1 << i;
                }
            }
            out
        };
        self.documents += other.documents;
        self.tokens += other.tokens;
        self.alpha_documents += other.alpha_documents;
        for (mine, theirs) in self.alpha_tokens.iter_mut().zip(&other.alpha_tokens) {
            *mine += theirs;
        }
        for (pair, theirs) in self.pairs.iter_mut().zip(&other.pairs) {
            pair.documents += theirs.documents;
            pair.tokens += theirs.tokens;
            pair.statements.add(theirs.statements);
            pair.overall
                .absorb_mapped(&theirs.overall, |(a, b)| (remap(a), remap(b)));
            for (j, theirs) in theirs.labels.iter().enumerate() {
                let mine = &mut pair.labels[map[j]];
                mine.exact.add(theirs.exact);
                mine.overlap.add(theirs.overlap);
                mine.table.absorb(&theirs.table);
                mine.tokens += theirs.tokens;
            }
        }
        for (j, theirs) in other.per_label.iter().enumerate() {
            let mine = &mut self.per_label[map[j]];
            mine.fleiss.absorb_mapped(&theirs.fleiss, |v| *v);
            mine.alpha.absorb_mapped(&theirs.alpha, |v| *v);
            mine.shared_tokens += theirs.shared_tokens;
            for (a, b) in mine.alpha_tokens.iter_mut().zip(&theirs.alpha_tokens) {
                *a += b;
            }
        }
        self.fleiss_overall
            .absorb_mapped(&other.fleiss_overall, |v| remap(v));
        self.alpha_overall
            .absorb_mapped(&other.alpha_overall, |v| remap(v));
        self.per_document.extend(other.per_document);
        self.left_out.absorb(&other.left_out);
    }

    /// Combines partial counts (one per thread) into one.
    pub fn combine(parts: impl IntoIterator<Item = Agreement>) -> Option<Agreement> {
        let mut parts = parts.into_iter();
        let mut first = parts.next()?;
        for part in parts {
            first.absorb(part);
        }
        Some(first)
    }

    /// The report of everything counted.
    pub fn report(&self) -> AgreementReport {
        let n = self.annotators.len();
        AgreementReport {
            annotators: self.annotators.iter().map(ToString::to_string).collect(),
            documents: self.documents,
            tokens: self.tokens,
            pairs: self
                .pairs
                .iter()
                .map(|pair| self.pair_report(pair))
                .collect(),
            labels: self.label_agreements(),
            overall: LabelAgreement {
                krippendorff_alpha: self.alpha_overall.alpha(),
                fleiss_kappa: if n >= 3 {
                    self.fleiss_overall.kappa()
                } else {
                    None
                },
            },
            alpha_documents: self.alpha_documents,
            alpha_tokens: self.alpha_tokens.iter().sum(),
            per_document: self.documents_worst_first(),
            left_out: LeftOutCount::all(&self.left_out),
            unreadable: Vec::new(),
            label_order: self.labels.clone(),
        }
    }

    /// One pair's span F1 and Cohen's κ, by label and overall, and statement F1.
    fn pair_report(&self, pair: &Pair) -> PairReport {
        let labels = self.labels.len().min(MAX_TOKEN_LABELS);
        let mut overall_exact = SpanCounts::default();
        let mut overall_overlap = SpanCounts::default();
        let mut by_label = BTreeMap::new();
        for (l, counts) in pair.labels.iter().enumerate() {
            overall_exact.add(counts.exact);
            overall_overlap.add(counts.overlap);
            let kappa = (l < labels).then(|| {
                let mut table = counts.table.clone();
                // Tokens counted before this label was first met were outside it.
                table.add((false, false), pair.tokens - counts.tokens);
                cohen_kappa(&table)
            });
            by_label.insert(
                self.labels[l].clone(),
                PairLabel {
                    exact: counts.exact.scores(),
                    overlap: counts.overlap.scores(),
                    cohen_kappa: kappa.flatten(),
                },
            );
        }
        PairReport {
            a: self.annotators[pair.a].to_string(),
            b: self.annotators[pair.b].to_string(),
            documents: pair.documents,
            tokens: pair.tokens,
            statements: pair.statements.scores(),
            labels: by_label,
            overall: PairLabel {
                exact: overall_exact.scores(),
                overlap: overall_overlap.scores(),
                cohen_kappa: cohen_kappa(&pair.overall),
            },
        }
    }

    /// Krippendorff's α and Fleiss' κ (three annotators or more) of each label the
    /// token measures count.
    fn label_agreements(&self) -> BTreeMap<String, LabelAgreement> {
        let n = self.annotators.len();
        let labels = self.labels.len().min(MAX_TOKEN_LABELS);
        let mut by_label = BTreeMap::new();
        for (l, counts) in self.per_label.iter().enumerate().take(labels) {
            let mut fleiss = counts.fleiss.clone();
            fleiss.add_item(&[(false, n as u64)], self.tokens - counts.shared_tokens);
            let mut alpha = counts.alpha.clone();
            for (m, (&all, &seen)) in self
                .alpha_tokens
                .iter()
                .zip(&counts.alpha_tokens)
                .enumerate()
            {
                alpha.add_unit(&[(false, m as u64)], all - seen);
            }
            by_label.insert(
                self.labels[l].clone(),
                LabelAgreement {
                    krippendorff_alpha: alpha.alpha(),
                    fleiss_kappa: if n >= 3 { fleiss.kappa() } else { None },
                },
            );
        }
        by_label
    }

    /// Each document's exact F1, worst first; documents where nobody tagged
    /// anything (no F1) last.
    fn documents_worst_first(&self) -> Vec<DocumentF1> {
        let mut per_document: Vec<DocumentF1> = self
            .per_document
            .iter()
            .map(|(id, f1)| DocumentF1 {
                document: id.to_string(),
                exact_f1: *f1,
            })
            .collect();
        per_document.sort_by(|a, b| {
            let key = |d: &DocumentF1| d.exact_f1.map_or(f64::INFINITY, |f| f);
            key(a)
                .total_cmp(&key(b))
                .then_with(|| a.document.cmp(&b.document))
        });
        per_document
    }
}

#[cfg(test)]
mod tests;
