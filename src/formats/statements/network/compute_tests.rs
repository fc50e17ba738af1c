//! DNA's definitions computed by hand on small cases (the cases of the spec kept in
//! the module documentation).

use super::*;

const A: usize = 0;
const B: usize = 1;
const C: usize = 10;
const D: usize = 11;

fn count(row: usize, column: usize, side: Side) -> Count {
    Count { row, column, side }
}

/// A says yes to c twice; B says yes once and no once on c.
fn shared_claim() -> Vec<Count> {
    vec![
        count(A, C, Side::Support),
        count(A, C, Side::Support),
        count(B, C, Side::Support),
        count(B, C, Side::Oppose),
    ]
}

fn weight(ties: &[Tie], a: usize, b: usize) -> Option<f64> {
    ties.iter().find(|t| (t.a, t.b) == (a, b)).map(|t| t.weight)
}

#[test]
fn one_mode_qualifiers_are_products_of_counts() {
    let counts = shared_claim();
    let w = |q| weight(&one_mode(&counts, q, Normalize::No), A, B);
    assert_eq!(w(Qualifier::Ignore), Some(4.0));
    assert_eq!(w(Qualifier::Congruence), Some(2.0));
    assert_eq!(w(Qualifier::Conflict), Some(2.0));
    // Congruence minus conflict is 0: no tie is drawn.
    assert_eq!(w(Qualifier::Subtract), None);
}

#[test]
fn one_mode_normalisations_divide_once_per_pair() {
    let counts = shared_claim();
    let w = |n| weight(&one_mode(&counts, Qualifier::Congruence, n), A, B).unwrap();
    // (2 + 2) / 2 statements on average.
    assert_eq!(w(Normalize::Average), 1.0);
    // m10 = 0, m01 = 1 (B's no), m11 = 2·1: 2 / 3.
    assert!((w(Normalize::Jaccard) - 2.0 / 3.0).abs() < 1e-12);
    // 2 / (2 · 2).
    assert_eq!(w(Normalize::Cosine), 0.5);
}

#[test]
fn one_mode_has_no_self_ties_and_only_shared_columns_tie() {
    let mut counts = shared_claim();
    counts.push(count(2, D, Side::Support));
    let ties = one_mode(&counts, Qualifier::Ignore, Normalize::No);
    assert_eq!(ties.len(), 1, "{ties:?}");
    assert!(ties.iter().all(|t| t.a != t.b));
}

/// A on c: two yes, one no; B on c: one no; A on d: one yes.
fn two_mode_case() -> Vec<Count> {
    vec![
        count(A, C, Side::Support),
        count(A, C, Side::Support),
        count(A, C, Side::Oppose),
        count(B, C, Side::Oppose),
        count(A, D, Side::Support),
    ]
}

/// The weights of A–c, B–c and A–d in the two-mode network of [`two_mode_case`].
fn cells(q: Qualifier, n: Normalize) -> [Option<f64>; 3] {
    let ties = two_mode(&two_mode_case(), q, n);
    [
        weight(&ties, A, C),
        weight(&ties, B, C),
        weight(&ties, A, D),
    ]
}

#[test]
fn two_mode_qualifiers_count_subtract_or_combine() {
    assert_eq!(
        cells(Qualifier::Ignore, Normalize::No),
        [Some(3.0), Some(1.0), Some(1.0)]
    );
    assert_eq!(
        cells(Qualifier::Subtract, Normalize::No),
        [Some(1.0), Some(-1.0), Some(1.0)]
    );
    // 3 both, 2 oppose only, 1 support only.
    assert_eq!(
        cells(Qualifier::Combine, Normalize::No),
        [Some(3.0), Some(2.0), Some(1.0)]
    );
}

#[test]
fn two_mode_activity_and_prominence_divide_rows_and_columns() {
    // A's row sums to 4, B's to 1.
    assert_eq!(
        cells(Qualifier::Ignore, Normalize::Activity),
        [Some(0.75), Some(1.0), Some(0.25)]
    );
    // Subtract divides by every statement of the row: A has 4.
    assert_eq!(
        cells(Qualifier::Subtract, Normalize::Activity),
        [Some(0.25), Some(-1.0), Some(0.25)]
    );
    // Combine by the cells that are not 0: A has 2.
    assert_eq!(
        cells(Qualifier::Combine, Normalize::Activity),
        [Some(1.5), Some(2.0), Some(0.5)]
    );
    // Column c sums to 4, d to 1.
    assert_eq!(
        cells(Qualifier::Ignore, Normalize::Prominence),
        [Some(0.75), Some(0.25), Some(1.0)]
    );
}
