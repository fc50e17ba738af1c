//! Whether a recommender is good enough to be offered: its honest measure (k-fold
//! cross-validated F1 over all labels, or, for suggestions made elsewhere, their F1
//! as given) against a threshold the annotator sets, 0.5 unless they do; one below
//! it is off until it improves. Before there is anything to measure it on (fewer
//! than two done documents), the string matcher and a model's imported predictions
//! are offered — the one suggests only what someone tagged or the registry names,
//! the others someone chose to import — while a model learnt from one document (the
//! tagger) is not: it would offer what it memorised.

use super::evaluate::{Evaluated, Evaluation};
use super::project::ProjectEvaluation;

/// The F1 below which a recommender is off unless the annotator sets another.
pub const DEFAULT_THRESHOLD: f64 = 0.5;

/// Whether a recommender's suggestions are offered, and why.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Switch {
    /// Measured at `f1`, at or above the threshold.
    On {
        /// Its honest F1.
        f1: f64,
    },
    /// Measured at `f1`, below the threshold.
    Off {
        /// Its honest F1.
        f1: f64,
    },
    /// Not measured yet: offered when `offered` (see the module documentation).
    NotMeasured {
        /// Whether it is offered all the same.
        offered: bool,
    },
}

impl Switch {
    /// The switch of `recommender` before it is measured: see the module
    /// documentation.
    pub fn unmeasured(recommender: &str) -> Self {
        Switch::NotMeasured {
            offered: recommender != super::tagger::NAME,
        }
    }

    /// True when its suggestions are offered.
    pub fn is_on(self) -> bool {
        matches!(
            self,
            Switch::On { .. } | Switch::NotMeasured { offered: true }
        )
    }

    /// `on (F1 0.62)`, `off (F1 0.16 < 0.50)`, `not measured yet`.
    pub fn describe(self, threshold: f64) -> String {
        match self {
            Switch::On { f1 } => format!("on (F1 {f1:.2})"),
            Switch::Off { f1 } => format!("off (F1 {f1:.2} < {threshold:.2})"),
            Switch::NotMeasured { offered: true } => "on, not measured yet".to_owned(),
            Switch::NotMeasured { offered: false } => {
                "off until it can be measured (two done documents)".to_owned()
            }
        }
    }
}

impl ProjectEvaluation {
    /// The measure a recommender is judged by: cross-validated, else as given; its
    /// score on training data is no judge.
    pub fn honest(&self, recommender: &str) -> Option<&Evaluation> {
        let of = |kind: fn(&Evaluated) -> bool| {
            self.evaluations
                .iter()
                .find(|e| e.recommender == recommender && kind(&e.evaluated))
        };
        of(|e| matches!(e, Evaluated::CrossValidated { .. }))
            .or_else(|| of(|e| matches!(e, Evaluated::AsGiven)))
    }

    /// Whether `recommender` is offered at `threshold`.
    pub fn switch(&self, recommender: &str, threshold: f64) -> Switch {
        match self.honest(recommender).and_then(|e| e.overall.f1) {
            Some(f1) if f1 >= threshold => Switch::On { f1 },
            Some(f1) => Switch::Off { f1 },
            None => Switch::unmeasured(recommender),
        }
    }

    /// Every recommender measured, each once, in the order of the table.
    pub fn recommenders(&self) -> Vec<&str> {
        let mut names: Vec<&str> = Vec::new();
        for e in &self.evaluations {
            if !names.contains(&e.recommender.as_str()) {
                names.push(&e.recommender);
            }
        }
        names
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::suggest::evaluate::Scores;

    fn evaluation(recommender: &str, evaluated: Evaluated, f1: Option<f64>) -> Evaluation {
        let overall = Scores {
            label: "all".into(),
            precision: f1,
            recall: f1,
            f1,
            matched: 0,
            suggested: 0,
            annotated: 0,
        };
        Evaluation {
            recommender: recommender.into(),
            evaluated,
            documents: 4,
            learned_from: vec![3],
            labels: Vec::new(),
            overall,
        }
    }

    fn report(evaluations: Vec<Evaluation>) -> ProjectEvaluation {
        ProjectEvaluation {
            source: "gold".into(),
            documents: 4,
            evaluations,
            not_cross_validated: None,
            read: String::new(),
            unreadable: Vec::new(),
        }
    }

    #[test]
    fn a_recommender_is_judged_by_cross_validation_not_by_its_training_data() {
        let r = report(vec![
            evaluation("strings", Evaluated::CrossValidated { folds: 4 }, Some(0.3)),
            evaluation("strings", Evaluated::OnTrainingData, Some(0.9)),
            evaluation("llm", Evaluated::AsGiven, Some(0.7)),
        ]);
        assert_eq!(
            r.switch("strings", DEFAULT_THRESHOLD),
            Switch::Off { f1: 0.3 }
        );
        assert_eq!(r.switch("strings", 0.25), Switch::On { f1: 0.3 });
        assert_eq!(r.switch("llm", DEFAULT_THRESHOLD), Switch::On { f1: 0.7 });
        assert_eq!(
            r.switch("tagger", DEFAULT_THRESHOLD),
            Switch::NotMeasured { offered: false },
            "a learnt model is not offered before it is measured"
        );
        assert!(!r.switch("tagger", DEFAULT_THRESHOLD).is_on());
        assert!(r.switch("my-model", DEFAULT_THRESHOLD).is_on());
        assert_eq!(r.recommenders(), ["strings", "llm"]);
        assert_eq!(
            r.switch("strings", 0.5).describe(0.5),
            "off (F1 0.30 < 0.50)"
        );
    }

    #[test]
    fn training_data_alone_is_no_measure() {
        let r = report(vec![evaluation(
            "strings",
            Evaluated::OnTrainingData,
            Some(0.9),
        )]);
        assert_eq!(
            r.switch("strings", DEFAULT_THRESHOLD),
            Switch::NotMeasured { offered: true }
        );
    }
}
