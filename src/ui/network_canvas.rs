//! The drawing of a network: ties as one mesh (so ten thousand of them cost one
//! shape, not ten thousand), actors as circles and claim categories as squares
//! (kind told by shape as well as colour), sized by their statements; drag to pan,
//! scroll or pinch to zoom, hover for a node's name, click to pick it.

use super::theme;
use crate::formats::statements::NodeType;
use crate::session::network::{NetworkScene, SceneFrame, SceneNode};
use egui::{Align2, Color32, FontId, Mesh, Pos2, Rect, Sense, Shape, Stroke, Ui, Vec2, pos2, vec2};

/// How many of the largest nodes are named without hovering.
const NAMED: usize = 30;
/// Node radius in points: the smallest, and what the largest adds.
const RADIUS: (f32, f32) = (3.0, 10.0);
/// Tie width in points: the thinnest, and what the strongest adds.
const WIDTH: (f32, f32) = (0.6, 4.4);

/// Where the view looks: a shift of the middle and a magnification.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Camera {
    /// How far the drawing was dragged, in points.
    pub pan: Vec2,
    /// 1 shows the whole network.
    pub zoom: f32,
}

impl Default for Camera {
    fn default() -> Self {
        Self {
            pan: Vec2::ZERO,
            zoom: 1.0,
        }
    }
}

impl Camera {
    /// The screen place of `p` (in the layout's square from −1 to 1) in `rect`.
    fn to_screen(self, rect: Rect, p: [f32; 2]) -> Pos2 {
        let scale = rect.size().min_elem() * 0.45 * self.zoom;
        rect.center() + self.pan + vec2(p[0], p[1]) * scale
    }

    /// Zooms by `factor` keeping the point under `at` where it is.
    fn zoom_at(&mut self, rect: Rect, at: Pos2, factor: f32) {
        let zoom = (self.zoom * factor).clamp(0.2, 40.0);
        let factor = zoom / self.zoom;
        let from_middle = at - rect.center() - self.pan;
        self.pan -= from_middle * (factor - 1.0);
        self.zoom = zoom;
    }
}

/// Draws `frame` of `scene` filling the space left in `ui`; `selected` is drawn
/// ringed, with its ties in front and the rest faded. Returns a click: on a node, or
/// on nothing (`Some(None)`).
pub fn canvas(
    ui: &mut Ui,
    scene: &NetworkScene,
    frame: &SceneFrame,
    camera: &mut Camera,
    selected: Option<usize>,
) -> Option<Option<usize>> {
    let (response, painter) = ui.allocate_painter(ui.available_size(), Sense::click_and_drag());
    response.widget_info(|| egui::WidgetInfo::labeled(egui::Role::Canvas, true, "Network drawing"));
    let rect = response.rect;
    let dark = ui.visuals().dark_mode;
    painter.rect_filled(rect, 4.0, ui.visuals().extreme_bg_color);
    if response.dragged() {
        camera.pan += response.drag_delta();
    }
    if let Some(at) = response.hover_pos() {
        let (scroll, pinch) = ui.input(|i| (i.smooth_scroll_delta.y, i.zoom_delta()));
        let factor = pinch * (scroll / 200.0).exp();
        if factor != 1.0 {
            camera.zoom_at(rect, at, factor);
        }
    }
    let places: Vec<Pos2> = scene
        .nodes
        .iter()
        .map(|n| camera.to_screen(rect, n.pos))
        .collect();
    let most = frame
        .node_statements
        .iter()
        .copied()
        .max()
        .unwrap_or(0)
        .max(1);
    let radius = |i: usize| {
        let share = frame.node_statements[i] as f32 / most as f32;
        RADIUS.0 + RADIUS.1 * share.sqrt()
    };
    painter.add(ties_mesh(frame, &places, selected, dark));
    let hovered = response
        .hover_pos()
        .and_then(|at| node_at(&places, at, &radius));
    for (i, node) in scene.nodes.iter().enumerate() {
        draw_node(
            &painter,
            node,
            places[i],
            radius(i),
            frame.node_statements[i] > 0,
            dark,
        );
    }
    if let Some(i) = selected.filter(|&i| i < places.len()) {
        let ring = Stroke::new(2.5, ui.visuals().strong_text_color());
        painter.circle_stroke(places[i], radius(i) + 3.0, ring);
    }
    draw_names(
        ui,
        &painter,
        scene,
        frame,
        &places,
        &radius,
        [selected, hovered],
    );
    legend(&painter, rect, dark);
    let clicked = response.clicked().then_some(hovered);
    if let Some(i) = hovered {
        let node = &scene.nodes[i];
        let kind = node.kind.map(|k| format!(" ({k})")).unwrap_or_default();
        response.on_hover_text_at_pointer(format!(
            "{}{kind}\n{} statement(s) here; click to list them",
            node.label, frame.node_statements[i]
        ));
    }
    clicked
}

/// The node whose shape is under `at`, the nearest if several.
fn node_at(places: &[Pos2], at: Pos2, radius: &dyn Fn(usize) -> f32) -> Option<usize> {
    places
        .iter()
        .enumerate()
        .map(|(i, p)| (i, p.distance(at)))
        .filter(|&(i, d)| d <= radius(i) + 3.0)
        .min_by(|a, b| a.1.total_cmp(&b.1))
        .map(|(i, _)| i)
}

/// Every tie of `frame` as quads of one mesh, faded where they do not touch
/// `selected`.
fn ties_mesh(frame: &SceneFrame, places: &[Pos2], selected: Option<usize>, dark: bool) -> Shape {
    let mut mesh = Mesh::default();
    mesh.reserve_vertices(frame.ties.len() * 8);
    mesh.reserve_triangles(frame.ties.len() * 6);
    let strongest = if frame.strongest > 0.0 {
        frame.strongest
    } else {
        1.0
    };
    for tie in &frame.ties {
        let (Some(&a), Some(&b)) = (places.get(tie.a), places.get(tie.b)) else {
            continue;
        };
        let along = b - a;
        if along.length_sq() < 0.01 {
            continue;
        }
        let share = (tie.weight.abs() / strongest) as f32;
        let width = WIDTH.0 + WIDTH.1 * share;
        let touches = selected.is_none_or(|s| s == tie.a || s == tie.b);
        let alpha = if touches {
            150 + (105.0 * share) as u8
        } else {
            25
        };
        let color = theme::tie_color(tie.side, dark).gamma_multiply_u8(alpha);
        // A solid core and a point of fading edge each side, as egui's own
        // strokes are feathered, so a thin tie is not drawn as a staircase.
        let normal = along.normalized().rot90();
        let core = normal * (width / 2.0 - 0.5).max(0.25);
        let edge = normal * (width / 2.0 + 0.5);
        let first = mesh.vertices.len() as u32;
        for (p, c) in [
            (a + edge, Color32::TRANSPARENT),
            (a + core, color),
            (a - core, color),
            (a - edge, Color32::TRANSPARENT),
            (b + edge, Color32::TRANSPARENT),
            (b + core, color),
            (b - core, color),
            (b - edge, Color32::TRANSPARENT),
        ] {
            mesh.colored_vertex(p, c);
        }
        for i in 0..3 {
            let (top, bottom) = (first + i, first + 4 + i);
            mesh.add_triangle(top, top + 1, bottom + 1);
            mesh.add_triangle(top, bottom + 1, bottom);
        }
    }
    Shape::mesh(mesh)
}

fn draw_node(
    painter: &egui::Painter,
    node: &SceneNode,
    at: Pos2,
    radius: f32,
    present: bool,
    dark: bool,
) {
    let mut fill = theme::node_color(node.node_type, node.kind, node.colour.as_deref());
    if !present {
        // Not in this time window: a faint mark, so places stay where they were.
        fill = fill.gamma_multiply(0.18);
    }
    let edge = Stroke::new(
        1.0,
        if dark {
            Color32::from_gray(20)
        } else {
            Color32::WHITE
        },
    );
    match node.node_type {
        NodeType::Actor => {
            painter.circle(at, radius, fill, edge);
        }
        NodeType::Category => {
            let square = Rect::from_center_size(at, Vec2::splat(radius * 1.8));
            painter.rect(square, 2.0, fill, edge, egui::StrokeKind::Middle);
        }
    }
}

/// Names the largest nodes of the frame, and the selected and hovered one.
fn draw_names(
    ui: &Ui,
    painter: &egui::Painter,
    scene: &NetworkScene,
    frame: &SceneFrame,
    places: &[Pos2],
    radius: &dyn Fn(usize) -> f32,
    always: [Option<usize>; 2],
) {
    let mut order: Vec<usize> = (0..scene.nodes.len())
        .filter(|&i| frame.node_statements[i] > 0)
        .collect();
    order.sort_by_key(|&i| std::cmp::Reverse(frame.node_statements[i]));
    order.truncate(NAMED);
    order.extend(always.into_iter().flatten());
    let font = FontId::proportional(11.0);
    let color = ui.visuals().text_color();
    let clip = painter.clip_rect();
    for i in order {
        let at = places[i] + vec2(radius(i) + 3.0, 0.0);
        if clip.contains(at) {
            painter.text(
                at,
                Align2::LEFT_CENTER,
                &scene.nodes[i].label,
                font.clone(),
                color,
            );
        }
    }
}

/// What the colours and shapes mean, in the lower left corner.
fn legend(painter: &egui::Painter, rect: Rect, dark: bool) {
    use crate::session::network::TieSide;
    let font = FontId::proportional(10.0);
    let text = if dark {
        Color32::from_gray(200)
    } else {
        Color32::from_gray(60)
    };
    let mut at = pos2(rect.left() + 10.0, rect.bottom() - 12.0);
    let node = |kind| theme::node_color(NodeType::Actor, Some(kind), None);
    let entries = [
        ("person", node("person"), Mark::Circle),
        ("organisation", node("organisation"), Mark::Circle),
        ("state", node("state"), Mark::Circle),
        (
            "claim",
            theme::node_color(NodeType::Category, None, None),
            Mark::Square,
        ),
        (
            "support",
            theme::tie_color(TieSide::Support, dark),
            Mark::Line,
        ),
        (
            "oppose",
            theme::tie_color(TieSide::Oppose, dark),
            Mark::Line,
        ),
        ("both", theme::tie_color(TieSide::Both, dark), Mark::Line),
        (
            "neither",
            theme::tie_color(TieSide::Neither, dark),
            Mark::Line,
        ),
    ];
    for (name, color, mark) in entries {
        match mark {
            Mark::Circle => {
                painter.circle_filled(at, 4.0, color);
            }
            Mark::Square => {
                painter.rect_filled(Rect::from_center_size(at, Vec2::splat(7.0)), 1.0, color);
            }
            Mark::Line => {
                painter.line_segment([at - vec2(5.0, 0.0), at + vec2(5.0, 0.0)], (2.5, color));
            }
        }
        let r = painter.text(
            at + vec2(8.0, 0.0),
            Align2::LEFT_CENTER,
            name,
            font.clone(),
            text,
        );
        at.x = r.right() + 12.0;
    }
}

/// How the legend marks an entry.
enum Mark {
    Circle,
    Square,
    Line,
}
