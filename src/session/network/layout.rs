//! A force-directed layout of a network (Fruchterman and Reingold, 1991): nodes push
//! each other apart, ties pull their ends together, a weak pull to the middle keeps
//! parts that share no tie in view. Written here rather than taken from a crate
//! because the ones on crates.io either tie themselves to a graph type or to an egui
//! version; this is the textbook algorithm in a page, deterministic, so the same
//! network is always drawn the same way and a test can say what it gives.

/// A tie as the layout takes it: the two nodes by index, and its weight.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Tie {
    /// One end.
    pub a: usize,
    /// The other end.
    pub b: usize,
    /// How strongly it pulls; weights are scaled to the largest.
    pub weight: f64,
}

/// Pair computations the layout may spend (iterations × pairs), so a network of
/// thousands of nodes still lays out in seconds; small ones get every iteration.
const BUDGET: f64 = 3.0e8;
const MOST_ITERATIONS: usize = 300;
const FEWEST_ITERATIONS: usize = 40;
/// How hard the middle pulls, against the pull of a tie: enough that parts
/// sharing no tie sit closer to each other than to the edge of the view, so a tie
/// is not drawn as a dot (nine lone pairs: ties about half as long as the gap to
/// the nearest other pair, where 0.05 made them a quarter).
const GRAVITY: f64 = 0.2;

/// Positions of `nodes` nodes in the square from −1 to 1, tied by `ties`, laid
/// out in the iterations the network's size allows. `progress(done, total)` is
/// called after each iteration.
pub fn force_layout(
    nodes: usize,
    ties: &[Tie],
    progress: &mut dyn FnMut(usize, usize),
) -> Vec<[f32; 2]> {
    let mut pos = spiral(nodes);
    if nodes < 2 {
        return pos.iter().map(|_| [0.0, 0.0]).collect();
    }
    let iterations = iterations_for(nodes);
    // The ideal distance between nodes, for nodes spread over the unit square.
    let k = (1.0 / nodes as f64).sqrt();
    let strongest = ties.iter().map(|t| t.weight.abs()).fold(0.0, f64::max);
    let pull: Vec<f64> = ties
        .iter()
        .map(|t| {
            if strongest > 0.0 {
                // A weak tie still pulls a little, so no tie is drawn across the view.
                0.2 + 0.8 * t.weight.abs() / strongest
            } else {
                1.0
            }
        })
        .collect();
    let mut xy: Vec<[f64; 2]> = pos.iter().map(|p| [p[0] as f64, p[1] as f64]).collect();
    let mut shift = vec![[0.0f64; 2]; nodes];
    for i in 0..iterations {
        // The temperature: how far a node may move, falling to nothing.
        let t = 0.1 * (1.0 - i as f64 / iterations as f64) + 0.002;
        step(&xy, ties, &pull, k, &mut shift);
        for (p, d) in xy.iter_mut().zip(&shift) {
            let len = (d[0] * d[0] + d[1] * d[1]).sqrt();
            if len > 0.0 {
                let moved = len.min(t);
                p[0] += d[0] / len * moved;
                p[1] += d[1] / len * moved;
            }
        }
        progress(i + 1, iterations);
    }
    fit(&xy, &mut pos);
    pos
}

/// Iterations for a network of `nodes` nodes, within the budget.
fn iterations_for(nodes: usize) -> usize {
    let pairs = (nodes * nodes) as f64 / 2.0;
    ((BUDGET / pairs) as usize).clamp(FEWEST_ITERATIONS, MOST_ITERATIONS)
}

/// The forces on every node, into `shift`.
fn step(xy: &[[f64; 2]], ties: &[Tie], pull: &[f64], k: f64, shift: &mut [[f64; 2]]) {
    let k2 = k * k;
    for (i, p) in xy.iter().enumerate() {
        let mut f = [-GRAVITY * p[0] / k, -GRAVITY * p[1] / k];
        for (j, q) in xy.iter().enumerate() {
            if i == j {
                continue;
            }
            let (dx, dy) = (p[0] - q[0], p[1] - q[1]);
            // Two nodes on one place are pushed apart along a direction of their own.
            let d2 = (dx * dx + dy * dy).max(1e-12);
            let (dx, dy) = if dx == 0.0 && dy == 0.0 {
                let a = (i * 7919 + j) as f64;
                (a.cos() * 1e-6, a.sin() * 1e-6)
            } else {
                (dx, dy)
            };
            // Repulsion k²/d along the unit vector: k²·(dx, dy)/d².
            f[0] += k2 * dx / d2;
            f[1] += k2 * dy / d2;
        }
        shift[i] = f;
    }
    for (tie, w) in ties.iter().zip(pull) {
        if tie.a == tie.b || tie.a >= xy.len() || tie.b >= xy.len() {
            continue;
        }
        let (p, q) = (xy[tie.a], xy[tie.b]);
        let (dx, dy) = (p[0] - q[0], p[1] - q[1]);
        let d = (dx * dx + dy * dy).sqrt();
        // Attraction d²/k along the unit vector: d·(dx, dy)/k.
        let f = w * d / k;
        shift[tie.a][0] -= f * dx;
        shift[tie.a][1] -= f * dy;
        shift[tie.b][0] += f * dx;
        shift[tie.b][1] += f * dy;
    }
}

/// Starting places on a sunflower spiral: spread evenly, and the same every time.
fn spiral(nodes: usize) -> Vec<[f32; 2]> {
    let golden = std::f64::consts::PI * (3.0 - 5f64.sqrt());
    (0..nodes)
        .map(|i| {
            let r = ((i as f64 + 0.5) / nodes as f64).sqrt();
            let a = i as f64 * golden;
            [(r * a.cos()) as f32, (r * a.sin()) as f32]
        })
        .collect()
}

/// `xy` scaled into the square from −1 to 1, keeping its shape.
fn fit(xy: &[[f64; 2]], pos: &mut [[f32; 2]]) {
    let (mut lo, mut hi) = ([f64::MAX; 2], [f64::MIN; 2]);
    for p in xy {
        for c in 0..2 {
            lo[c] = lo[c].min(p[c]);
            hi[c] = hi[c].max(p[c]);
        }
    }
    let size = (hi[0] - lo[0]).max(hi[1] - lo[1]).max(1e-9);
    let mid = [(lo[0] + hi[0]) / 2.0, (lo[1] + hi[1]) / 2.0];
    for (out, p) in pos.iter_mut().zip(xy) {
        for c in 0..2 {
            out[c] = ((p[c] - mid[c]) * 2.0 / size) as f32;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn distance(p: [f32; 2], q: [f32; 2]) -> f32 {
        ((p[0] - q[0]).powi(2) + (p[1] - q[1]).powi(2)).sqrt()
    }

    fn tie(a: usize, b: usize) -> Tie {
        Tie { a, b, weight: 1.0 }
    }

    #[test]
    fn lone_pairs_keep_their_ties_apart_from_each_other() {
        let ties: Vec<Tie> = (0..9).map(|i| tie(2 * i, 2 * i + 1)).collect();
        let pos = force_layout(18, &ties, &mut |_, _| {});
        let longest = ties
            .iter()
            .map(|t| distance(pos[t.a], pos[t.b]))
            .fold(0.0, f32::max);
        let mut nearest_other = f32::MAX;
        for i in 0..18 {
            for j in 0..18 {
                if i / 2 != j / 2 {
                    nearest_other = nearest_other.min(distance(pos[i], pos[j]));
                }
            }
        }
        // Each pair is told apart, and its tie is long enough to see.
        assert!(longest < nearest_other, "{longest} ≥ {nearest_other}");
        assert!(longest > 0.1, "{longest}");
    }

    #[test]
    fn tied_nodes_end_closer_than_untied_ones() {
        // Two triangles, not tied to each other.
        let ties = [
            tie(0, 1),
            tie(1, 2),
            tie(2, 0),
            tie(3, 4),
            tie(4, 5),
            tie(5, 3),
        ];
        let pos = force_layout(6, &ties, &mut |_, _| {});
        let within = distance(pos[0], pos[1])
            .max(distance(pos[1], pos[2]))
            .max(distance(pos[3], pos[4]));
        let across = distance(pos[0], pos[3])
            .min(distance(pos[1], pos[4]))
            .min(distance(pos[2], pos[5]));
        assert!(within < across, "within {within}, across {across}: {pos:?}");
    }

    #[test]
    fn the_same_network_is_laid_out_the_same_way() {
        let ties = [tie(0, 1), tie(1, 2), tie(2, 3)];
        let a = force_layout(5, &ties, &mut |_, _| {});
        let b = force_layout(5, &ties, &mut |_, _| {});
        assert_eq!(a, b);
    }

    #[test]
    fn every_node_is_inside_the_square_and_none_on_another() {
        let ties: Vec<Tie> = (1..40).map(|i| tie(0, i)).collect();
        let pos = force_layout(40, &ties, &mut |_, _| {});
        for p in &pos {
            assert!(p[0].abs() <= 1.0001 && p[1].abs() <= 1.0001, "{p:?}");
        }
        for i in 0..pos.len() {
            for j in i + 1..pos.len() {
                assert!(distance(pos[i], pos[j]) > 1e-3, "{i} and {j} on one place");
            }
        }
        // The hub ends in the middle of its star.
        assert!(distance(pos[0], [0.0, 0.0]) < 0.2, "{:?}", pos[0]);
    }

    #[test]
    fn a_stronger_tie_holds_its_ends_closer() {
        let ties = [
            Tie {
                a: 0,
                b: 1,
                weight: 10.0,
            },
            Tie {
                a: 2,
                b: 3,
                weight: 1.0,
            },
            tie(1, 2),
        ];
        let pos = force_layout(4, &ties, &mut |_, _| {});
        assert!(
            distance(pos[0], pos[1]) < distance(pos[2], pos[3]),
            "{pos:?}"
        );
    }

    #[test]
    fn no_node_one_node_and_ties_out_of_range_are_taken_calmly() {
        assert!(force_layout(0, &[], &mut |_, _| {}).is_empty());
        assert_eq!(
            force_layout(1, &[tie(0, 0)], &mut |_, _| {}),
            vec![[0.0, 0.0]]
        );
        let pos = force_layout(3, &[tie(0, 7), tie(1, 1)], &mut |_, _| {});
        assert!(pos.iter().all(|p| p[0].is_finite() && p[1].is_finite()));
    }

    #[test]
    fn progress_counts_every_iteration() {
        let mut last = (0, 0);
        force_layout(10, &[tie(0, 1)], &mut |d, t| last = (d, t));
        assert_eq!(last, (MOST_ITERATIONS, MOST_ITERATIONS));
        assert_eq!(iterations_for(5000), FEWEST_ITERATIONS);
    }
}
