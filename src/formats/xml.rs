//! XML text for the files claimspan writes: GraphML networks and Label Studio's
//! labeling configuration.

/// `text` safe inside an XML attribute value or element: markup characters as
/// entities, tab and line breaks as character references (so parsers do not fold
/// them to spaces in attributes or `\r\n` to `\n`), and characters XML 1.0 forbids
/// left out.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            '\t' => out.push_str("&#9;"),
            '\n' => out.push_str("&#10;"),
            '\r' => out.push_str("&#13;"),
            c if is_xml_char(c) => out.push(c),
            _ => {}
        }
    }
    out
}

/// True for the characters XML 1.0 allows (tab and line breaks are handled above).
pub(crate) fn is_xml_char(c: char) -> bool {
    matches!(c, '\u{20}'..='\u{D7FF}' | '\u{E000}'..='\u{FFFD}' | '\u{10000}'..)
}
