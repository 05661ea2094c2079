//! Text meant for a terminal, made safe to print: control characters (a file named
//! `\x1b[31mred.txt`, a query holding a newline) and the bidirectional overrides that make
//! text display in another order than it reads (U+202E) are written as escapes, as ripgrep
//! does (`\n`, `\x1b`, `\u{202e}`). Everything else, Chinese included, stays as it is; JSON
//! output is not passed through here, it stays exact.

use std::borrow::Cow;

/// `text` with control and bidi characters escaped; borrowed when there are none.
pub fn terminal_safe(text: &str) -> Cow<'_, str> {
    if !text.chars().any(needs_escape) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        match c {
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if needs_escape(c) && u32::from(c) < 0x100 => {
                out.push_str(&format!("\\x{:02x}", u32::from(c)))
            }
            c if needs_escape(c) => out.push_str(&format!("\\u{{{:x}}}", u32::from(c))),
            c => out.push(c),
        }
    }
    Cow::Owned(out)
}

/// C0 and C1 controls, DEL, the bidi embeddings, overrides, isolates and marks, and the
/// line and paragraph separators.
fn needs_escape(c: char) -> bool {
    c.is_control()
        || matches!(
            c,
            '\u{061c}'
                | '\u{200e}'
                | '\u{200f}'
                | '\u{202a}'..='\u{202e}'
                | '\u{2066}'..='\u{2069}'
                | '\u{2028}'
                | '\u{2029}'
        )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn controls_and_bidi_overrides_are_escaped() {
        assert_eq!(terminal_safe("\u{1b}[31mred.txt"), "\\x1b[31mred.txt");
        assert_eq!(terminal_safe("发展\n\"x"), "发展\\n\"x");
        assert_eq!(terminal_safe("a\u{202e}txt.exe"), "a\\u{202e}txt.exe");
        assert_eq!(terminal_safe("\u{7f}\u{85}\t"), "\\x7f\\x85\\t");
    }

    #[test]
    fn ordinary_text_is_borrowed_unchanged() {
        let text = "卫生院（一）a\\b «x»";
        assert!(matches!(terminal_safe(text), Cow::Borrowed(t) if t == text));
    }

    #[test]
    fn escaping_twice_changes_nothing_more() {
        let once = terminal_safe("\u{1b}\n\u{202e}").into_owned();
        assert_eq!(terminal_safe(&once), once);
    }
}
