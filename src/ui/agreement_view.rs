//! The Agreement window: the project's `agree` report as a table per pair and
//! label, a bar chart of F1 and κ per label, and the documents worst first — a click
//! on one opens it in review mode with the same annotators.

use super::command::{Command, ReviewCommand};
use crate::model::{AnnotatorName, DocumentId};
use crate::review::AgreementReport;
use crate::review::agreement::{documents, number};
use crate::store::Counted;
use egui::{Color32, RichText, Ui};
use egui_extras::{Column, TableBuilder};
use egui_plot::{Bar, BarChart, Legend, Plot};

/// How many of the worst documents are listed.
const WORST: usize = 50;

/// Whom the window compares and which of their documents count: what the next
/// measurement takes.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct AgreementChoice {
    /// The annotators chosen; none is everyone.
    pub annotators: Vec<AnnotatorName>,
    /// Which documents count as an annotator's.
    pub counted: Counted,
}

/// Draws the window; `open` is cleared when the user closes it, or opens a document
/// (so it is not left behind the window). `known` are the project's annotators.
pub fn agreement_window(
    ctx: &egui::Context,
    report: &AgreementReport,
    known: &[AnnotatorName],
    choice: &AgreementChoice,
    open: &mut bool,
    commands: &mut Vec<Command>,
) {
    let mut opened_document = false;
    egui::Window::new("Agreement")
        .open(open)
        .default_size([760.0, 560.0])
        .vscroll(true)
        .show(ctx, |ui| {
            chooser(ui, known, choice, commands);
            ui.separator();
            ui.label(format!(
                "{}: {} shared by all ({} tokens); each pair on the documents both annotated; α over {}",
                report.annotators.join(", "),
                documents(report.documents),
                report.tokens,
                documents(report.alpha_documents)
            ));
            ui.add_space(4.0);
            // The documents to look at first come first.
            opened_document = worst(ui, report, commands);
            ui.add_space(8.0);
            chart(ui, report);
            ui.add_space(8.0);
            pair_table(ui, report);
            ui.add_space(8.0);
            label_table(ui, report);
        });
    if opened_document {
        *open = false;
    }
}

/// Which annotators, and which of their documents: a change measures again.
fn chooser(
    ui: &mut Ui,
    known: &[AnnotatorName],
    choice: &AgreementChoice,
    commands: &mut Vec<Command>,
) {
    let mut next = choice.clone();
    ui.horizontal_wrapped(|ui| {
        ui.label("Compare:");
        let chosen_now = if choice.annotators.is_empty() {
            known.len()
        } else {
            choice.annotators.len()
        };
        for name in known {
            let mut on = choice.annotators.is_empty() || choice.annotators.contains(name);
            // Agreement needs two: the last two chosen stay chosen.
            let locked = on && chosen_now <= 2;
            let response = ui
                .add_enabled(!locked, egui::Checkbox::new(&mut on, name.as_str()))
                .on_disabled_hover_text("At least two annotators are compared");
            if response.changed() {
                if next.annotators.is_empty() {
                    next.annotators = known.to_vec();
                }
                if on {
                    next.annotators.push(name.clone());
                } else {
                    next.annotators.retain(|a| a != name);
                }
            }
        }
    });
    ui.horizontal_wrapped(|ui| {
        ui.label("An annotator's documents:");
        for counted in [Counted::Worked, Counted::Done] {
            ui.radio_value(&mut next.counted, counted, counted.describe());
        }
    });
    // Everyone chosen is said as none, so annotators added later are in too.
    let mut chosen: Vec<AnnotatorName> = known
        .iter()
        .filter(|a| next.annotators.contains(a))
        .cloned()
        .collect();
    if chosen.len() == known.len() {
        chosen.clear();
    }
    next.annotators = chosen;
    if next != *choice {
        commands.push(Command::Review(ReviewCommand::MeasureAgreement(
            next.annotators,
            next.counted,
        )));
    }
}

fn pair_table(ui: &mut Ui, report: &AgreementReport) {
    ui.label(RichText::new("Span F1 (B against A) and Cohen's κ over tokens").strong());
    TableBuilder::new(ui)
        .id_salt("pairs")
        .striped(true)
        .column(Column::auto().at_least(120.0))
        .column(Column::auto().at_least(80.0))
        .columns(Column::auto().at_least(64.0), 6)
        .header(20.0, |mut header| {
            for title in [
                "pair",
                "label",
                "exact F1",
                "P",
                "R",
                "overlap F1",
                "κ",
                "matched",
            ] {
                header.col(|ui| {
                    ui.strong(title);
                });
            }
        })
        .body(|mut body| {
            for pair in &report.pairs {
                let name = format!("{} / {} ({})", pair.a, pair.b, documents(pair.documents));
                let rows = report
                    .label_order
                    .iter()
                    .filter_map(|l| pair.labels.get(l).map(|p| (l.as_str(), p)))
                    .chain([("overall", &pair.overall)]);
                for (label, p) in rows {
                    body.row(18.0, |mut row| {
                        row.col(|ui| {
                            ui.add(egui::Label::new(&name).extend());
                        });
                        row.col(|ui| {
                            ui.label(label);
                        });
                        for value in [
                            p.exact.f1,
                            p.exact.precision,
                            p.exact.recall,
                            p.overlap.f1,
                            p.cohen_kappa,
                        ] {
                            row.col(|ui| {
                                ui.label(number(value));
                            });
                        }
                        row.col(|ui| {
                            ui.label(format!(
                                "{} (+{} / +{})",
                                p.exact.matched, p.exact.only_a, p.exact.only_b
                            ));
                        });
                    });
                }
                body.row(18.0, |mut row| {
                    row.col(|ui| {
                        ui.add(egui::Label::new(&name).extend());
                    });
                    row.col(|ui| {
                        ui.label("statements");
                    });
                    let s = &pair.statements;
                    for value in [s.f1, s.precision, s.recall, None, None] {
                        row.col(|ui| {
                            ui.label(number(value));
                        });
                    }
                    row.col(|ui| {
                        ui.label(format!("{} (+{} / +{})", s.matched, s.only_a, s.only_b));
                    });
                });
            }
        });
}

fn label_table(ui: &mut Ui, report: &AgreementReport) {
    ui.label(RichText::new("All annotators: Krippendorff's α and Fleiss' κ over tokens").strong());
    TableBuilder::new(ui)
        .id_salt("labels")
        .striped(true)
        .column(Column::auto().at_least(120.0))
        .columns(Column::auto().at_least(90.0), 2)
        .header(20.0, |mut header| {
            for title in ["label", "α", "Fleiss κ"] {
                header.col(|ui| {
                    ui.strong(title);
                });
            }
        })
        .body(|mut body| {
            let rows = report
                .label_order
                .iter()
                .filter_map(|l| report.labels.get(l).map(|a| (l.as_str(), a)))
                .chain([("overall", &report.overall)]);
            for (label, a) in rows {
                body.row(18.0, |mut row| {
                    row.col(|ui| {
                        ui.label(label);
                    });
                    row.col(|ui| {
                        ui.label(number(a.krippendorff_alpha));
                    });
                    row.col(|ui| {
                        ui.label(number(a.fleiss_kappa));
                    });
                });
            }
        });
}

/// Exact F1 and Cohen's κ per label, each the mean over pairs, as grouped bars.
fn chart(ui: &mut Ui, report: &AgreementReport) {
    let labels: Vec<&str> = report.label_order.iter().map(String::as_str).collect();
    let mean = |label: &str, pick: &dyn Fn(&crate::review::agreement::PairLabel) -> Option<f64>| {
        let values: Vec<f64> = report
            .pairs
            .iter()
            .filter_map(|p| p.labels.get(label).and_then(pick))
            .collect();
        (!values.is_empty()).then(|| values.iter().sum::<f64>() / values.len() as f64)
    };
    let bars = |offset: f64, pick: &dyn Fn(&crate::review::agreement::PairLabel) -> Option<f64>| {
        labels
            .iter()
            .enumerate()
            .filter_map(|(i, label)| {
                mean(label, pick).map(|v| Bar::new(i as f64 + offset, v).width(0.35).name(*label))
            })
            .collect::<Vec<Bar>>()
    };
    let f1 = BarChart::new("exact F1", bars(-0.2, &|p| p.exact.f1))
        .color(Color32::from_rgb(0x00, 0x72, 0xB2));
    let kappa = BarChart::new("Cohen's κ", bars(0.2, &|p| p.cohen_kappa))
        .color(Color32::from_rgb(0xE6, 0x9F, 0x00));
    let names = labels.iter().map(|l| (*l).to_owned()).collect::<Vec<_>>();
    Plot::new("agreement-chart")
        .height(200.0)
        // Room above the bars for the legend, so it never covers one.
        .legend(Legend::default().position(egui_plot::Corner::LeftTop))
        .allow_zoom(false)
        .allow_drag(false)
        .allow_scroll(false)
        .include_y(0.0)
        .include_y(1.35)
        .x_axis_formatter(move |mark, _| {
            let i = mark.value.round();
            if (mark.value - i).abs() < 1e-6 && i >= 0.0 {
                names.get(i as usize).cloned().unwrap_or_default()
            } else {
                String::new()
            }
        })
        .show(ui, |plot| {
            plot.bar_chart(f1);
            plot.bar_chart(kappa);
        });
}

/// The documents worst first; true when one was clicked (it opens in review mode).
fn worst(ui: &mut Ui, report: &AgreementReport, commands: &mut Vec<Command>) -> bool {
    let mut clicked = false;
    ui.label(RichText::new("Documents, worst first (click to review)").strong());
    let annotators: Vec<AnnotatorName> = report
        .annotators
        .iter()
        .filter_map(|a| AnnotatorName::new(a).ok())
        .collect();
    egui::ScrollArea::vertical()
        .id_salt("worst-documents")
        .max_height(130.0)
        .show(ui, |ui| {
            for document in report.per_document.iter().take(WORST) {
                let line = format!("{}  {}", number(document.exact_f1), document.document);
                if ui.selectable_label(false, line).clicked()
                    && let Ok(id) = DocumentId::new(&document.document)
                {
                    commands.push(Command::Review(ReviewCommand::Start(
                        id,
                        annotators.clone(),
                    )));
                    clicked = true;
                }
            }
        });
    if report.per_document.len() > WORST {
        ui.weak(format!(
            "… and {} more; claimspan agree lists them all",
            report.per_document.len() - WORST
        ));
    }
    clicked
}
