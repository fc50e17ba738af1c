//! Links drawn over the article: an arc from one span to the other with an arrowhead
//! and the link's name, or, when the other end is off screen, a lead to the edge of
//! the view that says where it goes.

use egui::epaint::CubicBezierShape;
use egui::{Align2, Color32, FontId, Painter, Pos2, Rect, Shape, Stroke, pos2, vec2};

/// Where one end of a link is, as far as the screen goes.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Endpoint {
    /// On screen, over this rectangle (the span's first row).
    Here(Rect),
    /// Scrolled away above the view.
    Above,
    /// Scrolled away below the view.
    Below,
}

/// Draws one link from `from` to `to`, named `label`, within `clip`. Nothing is drawn
/// when neither end is on screen.
pub fn paint_link(
    painter: &Painter,
    from: Endpoint,
    to: Endpoint,
    label: &str,
    color: Color32,
    clip: Rect,
    font: &FontId,
) {
    let stroke = Stroke::new(1.6, color);
    match (from, to) {
        (Endpoint::Here(a), Endpoint::Here(b)) => {
            let (p0, p3) = (a.center_top(), b.center_top());
            // Higher arcs for ends further apart, so arcs between near spans stay
            // small and long ones clear the line in between.
            let lift = (p0.distance(p3) * 0.25).clamp(14.0, 70.0);
            let p1 = p0 - vec2(0.0, lift);
            let p2 = p3 - vec2(0.0, lift);
            painter.add(Shape::CubicBezier(CubicBezierShape::from_points_stroke(
                [p0, p1, p2, p3],
                false,
                Color32::TRANSPARENT,
                stroke,
            )));
            arrowhead(painter, p2, p3, stroke);
            let middle = pos2(
                0.125 * p0.x + 0.375 * p1.x + 0.375 * p2.x + 0.125 * p3.x,
                0.125 * p0.y + 0.375 * p1.y + 0.375 * p2.y + 0.125 * p3.y,
            );
            tag(painter, middle, label, color, font);
        }
        (Endpoint::Here(a), away) => {
            lead(painter, a, away, &format!("{label} →"), stroke, clip, font)
        }
        (away, Endpoint::Here(b)) => {
            lead(painter, b, away, &format!("→ {label}"), stroke, clip, font);
        }
        _ => {}
    }
}

/// A line from a span to the top or bottom edge of the view, for a link whose other
/// end is scrolled away, with the link's name and an arrow saying which way.
fn lead(
    painter: &Painter,
    span: Rect,
    away: Endpoint,
    label: &str,
    stroke: Stroke,
    clip: Rect,
    font: &FontId,
) {
    let (start, end, text) = match away {
        Endpoint::Above => (
            span.center_top(),
            pos2(span.center().x, clip.top() + 2.0),
            format!("{label} ↑"),
        ),
        _ => (
            span.center_bottom(),
            pos2(span.center().x, clip.bottom() - 2.0),
            format!("{label} ↓"),
        ),
    };
    painter.line_segment([start, end], stroke);
    let at = pos2(start.x, (start.y + end.y) / 2.0);
    tag(painter, at, &text, stroke.color, font);
}

fn arrowhead(painter: &Painter, before: Pos2, tip: Pos2, stroke: Stroke) {
    let back = (before - tip).normalized() * 7.0;
    let side = vec2(-back.y, back.x) * 0.5;
    painter.line_segment([tip, tip + back + side], stroke);
    painter.line_segment([tip, tip + back - side], stroke);
}

/// The link's name on a small plate, readable over text and other arcs.
fn tag(painter: &Painter, at: Pos2, text: &str, color: Color32, font: &FontId) {
    let galley = painter.layout_no_wrap(text.to_owned(), font.clone(), color);
    let rect = Align2::CENTER_CENTER
        .anchor_size(at, galley.size())
        .expand2(vec2(3.0, 1.0));
    let fill = painter.ctx().global_style().visuals.extreme_bg_color;
    painter.rect_filled(rect, 3.0, fill);
    painter.rect_stroke(rect, 3.0, Stroke::new(1.0, color), egui::StrokeKind::Inside);
    painter.galley(rect.min + vec2(3.0, 1.0), galley, color);
}
