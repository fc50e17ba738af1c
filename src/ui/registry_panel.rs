//! The Entities tab: assign the selected actor span an entity (suggested from its
//! words) or the selected claim span a category, and keep the project's lists of
//! entities and categories (`entities.ron`).

use super::command::Command;
use super::span_list::truncate;
use crate::model::{
    Entity, EntityId, EntityKind, Registry, Schema, Span, StatementLabels, suggest_entities,
};
use crate::session::{EntryId, RegistryChange};
use egui::{ComboBox, RichText, Ui};

/// The tab's drafts between frames.
#[derive(Debug, Default)]
pub struct RegistryPanel {
    new_entity: String,
    new_kind: Option<EntityKind>,
    new_category: String,
    /// The entity whose alias is being typed, and the alias.
    alias: Option<(EntityId, String)>,
    /// What is being renamed (entity or category) and the new name.
    rename: Option<(EntryId, String)>,
    filter: String,
}

impl RegistryPanel {
    /// Draws the tab. `selected` is the selected span, if any.
    pub fn show(
        &mut self,
        ui: &mut Ui,
        registry: &Registry,
        schema: &Schema,
        selected: Option<&Span>,
        commands: &mut Vec<Command>,
    ) {
        let labels = StatementLabels::of(schema);
        egui::ScrollArea::vertical()
            .id_salt("registry")
            .auto_shrink(false)
            .show(ui, |ui| {
                match selected {
                    Some(span) if span.label == labels.actor => {
                        self.assign_entity(ui, registry, span, commands);
                    }
                    Some(span) if span.label == labels.claim => {
                        self.assign_category(ui, registry, span, commands);
                    }
                    _ => {
                        ui.weak("Select an actor span to give it an entity, or a claim span to give it a category.");
                    }
                }
                ui.separator();
                ui.add(
                    egui::TextEdit::singleline(&mut self.filter)
                        .hint_text("Filter entities and categories")
                        .desired_width(f32::INFINITY),
                );
                self.entities(ui, registry, commands);
                ui.separator();
                self.categories(ui, registry, commands);
            });
    }

    fn assign_entity(
        &mut self,
        ui: &mut Ui,
        registry: &Registry,
        span: &Span,
        commands: &mut Vec<Command>,
    ) {
        ui.label(RichText::new(format!("Actor “{}”", truncate(&span.text, 40))).strong());
        let now = registry.entity_of(span);
        ui.horizontal_wrapped(|ui| {
            ui.label("Entity:");
            match now {
                Some(entity) => {
                    ui.label(RichText::new(&entity.name).strong());
                    if ui.small_button("clear").clicked() {
                        commands.push(Command::AssignEntity(span.id, None));
                    }
                }
                None => {
                    ui.weak("none");
                }
            }
        });
        let suggestions = suggest_entities(registry, &span.text);
        let mut offered = Vec::new();
        for suggestion in suggestions.iter().take(5) {
            let how = if suggestion.alias {
                format!("alias “{}”", suggestion.matched)
            } else {
                "name".to_owned()
            };
            offered.push(suggestion.entity);
            offer_entity(ui, span, now, suggestion.entity, &how, commands);
        }
        // An entity already named as the span is the one to assign, never a second
        // of the same name (the registry would refuse it).
        if let Some(named) = registry.entity_named(&span.text) {
            if !offered.iter().any(|e| e.id == named.id) {
                offer_entity(ui, span, now, named, "same name", commands);
            }
            return;
        }
        ui.horizontal_wrapped(|ui| {
            let kind = self.new_kind.unwrap_or(EntityKind::Unknown);
            if ui
                .button(format!("+ New entity “{}”", truncate(&span.text, 30)))
                .on_hover_text("Add the span's text as an entity and assign it")
                .clicked()
            {
                commands.push(Command::NewEntityFor(span.id, kind));
            }
            kind_combo(ui, "assign-kind", &mut self.new_kind);
        });
    }

    fn assign_category(
        &mut self,
        ui: &mut Ui,
        registry: &Registry,
        span: &Span,
        commands: &mut Vec<Command>,
    ) {
        ui.label(RichText::new(format!("Claim “{}”", truncate(&span.text, 40))).strong());
        let now = registry.category_of(span);
        ui.horizontal_wrapped(|ui| {
            ui.label("Category:");
            let text = now.map_or("none", |c| c.name.as_str());
            ComboBox::from_id_salt("assign-category")
                .selected_text(text)
                .show_ui(ui, |ui| {
                    if ui.selectable_label(now.is_none(), "none").clicked() {
                        commands.push(Command::AssignCategory(span.id, None));
                    }
                    for category in &registry.categories {
                        let on = now.is_some_and(|c| c.id == category.id);
                        if ui.selectable_label(on, &category.name).clicked() {
                            commands
                                .push(Command::AssignCategory(span.id, Some(category.id.clone())));
                        }
                    }
                });
        });
        if registry.categories.is_empty() {
            ui.weak("No categories yet: add one below.");
        }
    }

    fn entities(&mut self, ui: &mut Ui, registry: &Registry, commands: &mut Vec<Command>) {
        let filter = self.filter.to_lowercase();
        egui::CollapsingHeader::new(format!("Entities ({})", registry.entities.len()))
            .default_open(true)
            .show(ui, |ui| {
                for entity in &registry.entities {
                    let id = &entity.id;
                    if !filter.is_empty()
                        && !entity.names().any(|n| n.to_lowercase().contains(&filter))
                    {
                        continue;
                    }
                    ui.push_id(id, |ui| {
                        ui.horizontal_wrapped(|ui| {
                            let entry = EntryId::Entity(id.clone());
                            if !self.renaming(ui, &entry, &entity.name, commands) {
                                ui.label(RichText::new(&entity.name).strong());
                                ui.weak(entity.kind.as_str());
                                if ui.small_button("✏").on_hover_text("Rename").clicked() {
                                    self.rename = Some((entry, entity.name.clone()));
                                }
                                if ui.small_button("+ alias").clicked() {
                                    self.alias = Some((id.clone(), String::new()));
                                }
                                if ui
                                    .small_button("🗑")
                                    .on_hover_text(
                                        "Remove (spans keep the id and are flagged by validate)",
                                    )
                                    .clicked()
                                {
                                    commands.push(Command::ChangeRegistry(
                                        RegistryChange::RemoveEntity { id: id.clone() },
                                    ));
                                }
                            }
                        });
                        ui.horizontal_wrapped(|ui| {
                            for alias in &entity.aliases {
                                if ui
                                    .small_button(format!("{alias} ✕"))
                                    .on_hover_text("Remove this alias")
                                    .clicked()
                                {
                                    commands.push(Command::ChangeRegistry(
                                        RegistryChange::RemoveAlias {
                                            id: id.clone(),
                                            alias: alias.clone(),
                                        },
                                    ));
                                }
                            }
                            self.alias_field(ui, id, commands);
                        });
                    });
                }
                ui.horizontal_wrapped(|ui| {
                    let field = ui.add(
                        egui::TextEdit::singleline(&mut self.new_entity)
                            .hint_text("New entity")
                            .desired_width(field_width(ui, 140.0)),
                    );
                    kind_combo(ui, "new-kind", &mut self.new_kind);
                    let enter = field.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter));
                    if (ui.button("Add").clicked() || enter) && !self.new_entity.trim().is_empty() {
                        commands.push(Command::ChangeRegistry(RegistryChange::AddEntity {
                            name: std::mem::take(&mut self.new_entity).trim().to_owned(),
                            kind: self.new_kind.unwrap_or(EntityKind::Unknown),
                        }));
                    }
                });
            });
    }

    fn categories(&mut self, ui: &mut Ui, registry: &Registry, commands: &mut Vec<Command>) {
        let filter = self.filter.to_lowercase();
        egui::CollapsingHeader::new(format!("Claim categories ({})", registry.categories.len()))
            .default_open(true)
            .show(ui, |ui| {
                for category in &registry.categories {
                    let id = &category.id;
                    if !filter.is_empty() && !category.name.to_lowercase().contains(&filter) {
                        continue;
                    }
                    ui.push_id(id, |ui| {
                        ui.horizontal_wrapped(|ui| {
                            let entry = EntryId::Category(id.clone());
                            if self.renaming(ui, &entry, &category.name, commands) {
                                return;
                            }
                            let label = ui.label(RichText::new(&category.name).strong());
                            if let Some(description) = &category.description {
                                label.on_hover_text(description);
                            }
                            if ui.small_button("✏").on_hover_text("Rename").clicked() {
                                self.rename = Some((entry, category.name.clone()));
                            }
                            if ui.small_button("🗑").on_hover_text("Remove").clicked() {
                                commands.push(Command::ChangeRegistry(
                                    RegistryChange::RemoveCategory { id: id.clone() },
                                ));
                            }
                        });
                    });
                }
                ui.horizontal_wrapped(|ui| {
                    let field = ui.add(
                        egui::TextEdit::singleline(&mut self.new_category)
                            .hint_text("New category")
                            .desired_width(field_width(ui, 180.0)),
                    );
                    let enter = field.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter));
                    if (ui.button("Add").clicked() || enter) && !self.new_category.trim().is_empty()
                    {
                        commands.push(Command::ChangeRegistry(RegistryChange::AddCategory {
                            name: std::mem::take(&mut self.new_category).trim().to_owned(),
                        }));
                    }
                });
            });
    }

    /// The rename field, when `entry` is being renamed; true when it was drawn.
    fn renaming(
        &mut self,
        ui: &mut Ui,
        entry: &EntryId,
        name: &str,
        commands: &mut Vec<Command>,
    ) -> bool {
        let Some((renamed, draft)) = &mut self.rename else {
            return false;
        };
        if renamed != entry {
            return false;
        }
        let field = ui.add(egui::TextEdit::singleline(draft).desired_width(field_width(ui, 160.0)));
        super::keep_focus(&field);
        let enter = field.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter));
        if ui.small_button("OK").clicked() || enter {
            let name_now = draft.trim().to_owned();
            if !name_now.is_empty() && name_now != name {
                commands.push(Command::ChangeRegistry(match entry {
                    EntryId::Entity(id) => RegistryChange::RenameEntity {
                        id: id.clone(),
                        name: name_now,
                    },
                    EntryId::Category(id) => RegistryChange::RenameCategory {
                        id: id.clone(),
                        name: name_now,
                    },
                }));
            }
            self.rename = None;
        } else if ui.small_button("Cancel").clicked() {
            self.rename = None;
        }
        true
    }

    fn alias_field(&mut self, ui: &mut Ui, id: &EntityId, commands: &mut Vec<Command>) {
        let Some((for_id, draft)) = &mut self.alias else {
            return;
        };
        if for_id != id {
            return;
        }
        let field = ui.add(
            egui::TextEdit::singleline(draft)
                .hint_text("another name")
                .desired_width(field_width(ui, 140.0)),
        );
        super::keep_focus(&field);
        let enter = field.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter));
        if ui.small_button("Add").clicked() || enter {
            if !draft.trim().is_empty() {
                commands.push(Command::ChangeRegistry(RegistryChange::AddAlias {
                    id: id.clone(),
                    alias: draft.trim().to_owned(),
                }));
            }
            self.alias = None;
        }
    }
}

/// A button assigning `entity` to `span`, unless it is the one assigned already.
fn offer_entity(
    ui: &mut Ui,
    span: &Span,
    now: Option<&Entity>,
    entity: &Entity,
    how: &str,
    commands: &mut Vec<Command>,
) {
    if now.is_some_and(|e| e.id == entity.id) {
        return;
    }
    if ui
        .button(format!("→ {}  ({how})", entity.name))
        .on_hover_text("Assign this entity")
        .clicked()
    {
        commands.push(Command::AssignEntity(span.id, Some(entity.id.clone())));
    }
}

fn kind_combo(ui: &mut Ui, salt: &str, kind: &mut Option<EntityKind>) {
    let now = kind.unwrap_or(EntityKind::Unknown);
    let response = ComboBox::from_id_salt(salt)
        .selected_text(now.as_str())
        .show_ui(ui, |ui| {
            for option in EntityKind::ALL {
                if ui
                    .selectable_label(now == option, option.as_str())
                    .clicked()
                {
                    *kind = Some(option);
                }
            }
        })
        .response;
    // The combo shows no label beside it (the row says what it is), but a screen
    // reader still needs a name.
    response.widget_info(|| {
        let mut info =
            egui::WidgetInfo::labeled(egui::accesskit::Role::ComboBox, true, "Kind of entity");
        info.current_text_value = Some(now.as_str().to_owned());
        info
    });
}

/// A text field's width: `wanted`, or less in a panel too narrow for it, so the panel
/// never has to grow past its share of the window (egui would shift it, not clip it).
fn field_width(ui: &Ui, wanted: f32) -> f32 {
    // Room for the button that usually follows on the same row.
    const BESIDE: f32 = 48.0;
    wanted.min(ui.available_width() - BESIDE).max(60.0)
}
