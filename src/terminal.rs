//! Text for a terminal: what the command line prints comes partly from the files it
//! read (ids, labels, annotator names, a peer file's strings), and a control
//! character in one of those (`ESC [2J` clears the screen, a carriage return
//! overwrites the line before it) would act on the terminal instead of being read.
//! Everything printed goes through [`TerminalSafe`], which shows such characters
//! escaped (`\x1b`, `\r`, `\u{9b}`) and passes all other text, every script included,
//! unchanged.

use std::io::{self, Write};

/// A writer that escapes control characters other than newline and tab.
pub struct TerminalSafe<W: Write> {
    inner: W,
    // A 0xC2 byte at the end of the last write, whose second byte decides whether it
    // starts a C1 control (U+0080–U+009F).
    pending_c2: bool,
}

impl<W: Write> TerminalSafe<W> {
    /// Wraps `inner`.
    pub fn new(inner: W) -> Self {
        Self {
            inner,
            pending_c2: false,
        }
    }
}

/// `text` with its control characters escaped, for a message.
pub fn escape_controls(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if is_unsafe(c) {
            out.push_str(&escaped(c));
        } else {
            out.push(c);
        }
    }
    out
}

fn is_unsafe(c: char) -> bool {
    c.is_control() && c != '\n' && c != '\t'
}

fn escaped(c: char) -> String {
    match c {
        '\r' => "\\r".to_owned(),
        c if (c as u32) < 0x80 => format!("\\x{:02x}", c as u32),
        c => format!("\\u{{{:x}}}", c as u32),
    }
}

impl<W: Write> Write for TerminalSafe<W> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        let mut out = Vec::with_capacity(buf.len());
        for &b in buf {
            if self.pending_c2 {
                self.pending_c2 = false;
                if (0x80..=0x9f).contains(&b) {
                    out.extend_from_slice(format!("\\u{{{b:x}}}").as_bytes());
                    continue;
                }
                out.push(0xc2);
            }
            match b {
                0xc2 => self.pending_c2 = true,
                b'\n' | b'\t' => out.push(b),
                b if b < 0x20 || b == 0x7f => {
                    out.extend_from_slice(escaped(char::from(b)).as_bytes())
                }
                b => out.push(b),
            }
        }
        self.inner.write_all(&out)?;
        Ok(buf.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        if std::mem::take(&mut self.pending_c2) {
            self.inner.write_all(&[0xc2])?;
        }
        self.inner.flush()
    }
}

impl<W: Write> Drop for TerminalSafe<W> {
    fn drop(&mut self) {
        let _ = self.flush();
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn through(chunks: &[&[u8]]) -> Vec<u8> {
        let mut out = Vec::new();
        {
            let mut safe = TerminalSafe::new(&mut out);
            for chunk in chunks {
                safe.write_all(chunk).unwrap();
            }
        }
        out
    }

    #[test]
    fn escape_sequences_and_carriage_returns_are_shown_not_obeyed() {
        let got = through(&["id \x1b[2Jgone\rlabel\u{9b}x\n".as_bytes()]);
        assert_eq!(
            String::from_utf8(got).unwrap(),
            "id \\x1b[2Jgone\\rlabel\\u{9b}x\n"
        );
        assert_eq!(escape_controls("a\x07b\tc"), "a\\x07b\tc");
    }

    #[test]
    fn a_c1_control_split_across_writes_is_still_escaped() {
        let bytes = "a\u{9b}b".as_bytes();
        let got = through(&[&bytes[..2], &bytes[2..]]);
        assert_eq!(String::from_utf8(got).unwrap(), "a\\u{9b}b");
    }

    proptest! {
        #[test]
        fn text_without_controls_passes_unchanged(text in "[^\\p{Cc}]*", cut in 0usize..64) {
            let bytes = text.as_bytes();
            let cut = cut.min(bytes.len());
            let got = through(&[&bytes[..cut], &bytes[cut..]]);
            prop_assert_eq!(got, bytes.to_vec());
        }

        #[test]
        fn the_bytes_escape_as_the_string_does(text in "\\PC*[\\x00-\\x1f\\x7f\\u{80}-\\u{9f}]?\\PC*") {
            let got = through(&[text.as_bytes()]);
            prop_assert_eq!(String::from_utf8(got).unwrap(), escape_controls(&text));
        }
    }
}
