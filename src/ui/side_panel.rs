//! The right panel: the document's spans, its statements, the project's entities and
//! categories, and its guidelines, one tab each.

use super::command::Command;
use super::registry_panel::RegistryPanel;
use super::span_list::SpanList;
use super::statements_panel::StatementsPanel;
use super::suggestion_bar::suggestion_row;
use crate::session::Selection;
use crate::session::Workspace;
use crate::session::suggestions::Offered;
use egui::Ui;
use egui_commonmark::{CommonMarkCache, CommonMarkViewer};

/// Which tab the panel shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum SideTab {
    /// The spans and links of the document.
    #[default]
    Spans,
    /// Its statements: actor, polarity, claim.
    Statements,
    /// The project's entities and claim categories.
    Entities,
    /// The annotation guidelines.
    Guidelines,
}

/// The panel's state.
#[derive(Debug, Default)]
pub struct SidePanel {
    /// The tab shown.
    pub tab: SideTab,
    spans: SpanList,
    statements: StatementsPanel,
    registry: RegistryPanel,
    markdown: MarkdownCache,
    /// The score from which the Spans tab accepts all suggestions.
    least: Least,
}

/// A score of accept-all, 0.8 until the analyst moves it.
#[derive(Debug)]
struct Least(f32);

impl Default for Least {
    fn default() -> Self {
        Self(0.8)
    }
}

/// egui_commonmark's cache of the guidelines' rendering, which has no `Debug`.
#[derive(Default)]
struct MarkdownCache(CommonMarkCache);

impl std::fmt::Debug for MarkdownCache {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("MarkdownCache")
    }
}

impl SidePanel {
    /// Draws the panel.
    pub fn show(
        &mut self,
        ui: &mut Ui,
        workspace: &Workspace,
        selected: &Selection,
        guidelines: &str,
        offered: Option<&Offered>,
        commands: &mut Vec<Command>,
    ) {
        ui.horizontal_wrapped(|ui| {
            // Tabs sit close, like tabs; they wrap only in a panel made narrow.
            ui.spacing_mut().item_spacing.x = 2.0;
            ui.selectable_value(&mut self.tab, SideTab::Spans, "Spans");
            ui.selectable_value(&mut self.tab, SideTab::Statements, "Statements");
            ui.selectable_value(&mut self.tab, SideTab::Entities, "Entities");
            ui.selectable_value(&mut self.tab, SideTab::Guidelines, "Guidelines");
        });
        ui.separator();
        let schema = workspace.schema();
        let open = workspace.current();
        match (self.tab, open) {
            (SideTab::Guidelines, _) => {
                egui::ScrollArea::vertical()
                    .id_salt("guidelines")
                    .auto_shrink(false)
                    .show(ui, |ui| {
                        // Markdown as the team wrote it: headings, lists, emphasis,
                        // paragraphs reflowed to the panel's width.
                        CommonMarkViewer::new().show(ui, &mut self.markdown.0, guidelines);
                    });
            }
            (SideTab::Entities, _) => {
                let span = open
                    .zip(selected.span())
                    .and_then(|(o, id)| o.annotations().span(id));
                self.registry
                    .show(ui, workspace.registry(), schema, span, commands);
            }
            (_, None) => {
                ui.weak("Open a document to see its spans and statements.");
            }
            (SideTab::Spans, Some(open)) => {
                if let Some(offered) = offered {
                    suggestion_row(ui, offered, &mut self.least.0, commands);
                }
                self.spans.show(ui, open, schema, selected, commands);
            }
            (SideTab::Statements, Some(open)) => {
                self.statements
                    .show(ui, open, schema, workspace.registry(), selected, commands);
            }
        }
    }
}
