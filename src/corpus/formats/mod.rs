//! The formats a report can come in, chosen by file extension, and their text. Each format
//! says what the `N` of `path:N` counts: a line of the file, or a paragraph of a `.docx`.

mod docx;
mod html;
mod markdown;

pub use docx::DocxError;

use std::path::Path;

/// A format baogao reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// `.txt`: the text as it is.
    Text,
    /// `.md`, `.markdown`: markup stripped line by line.
    Markdown,
    /// `.html`, `.htm`: the text a browser shows, block by block.
    Html,
    /// `.docx`: the paragraphs of the document.
    Docx,
}

/// Extensions and their formats; anything else is a file of another kind.
const EXTENSIONS: &[(&str, Format)] = &[
    ("txt", Format::Text),
    ("md", Format::Markdown),
    ("markdown", Format::Markdown),
    ("html", Format::Html),
    ("htm", Format::Html),
    ("docx", Format::Docx),
];

impl Format {
    /// The format of `path` by its extension (any case), if baogao reads it.
    pub fn of(path: &Path) -> Option<Format> {
        let ext = path.extension()?.to_str()?;
        EXTENSIONS
            .iter()
            .find(|(known, _)| ext.eq_ignore_ascii_case(known))
            .map(|(_, format)| *format)
    }

    /// The extensions read, for messages: `.txt, .md, …`.
    pub fn extension_list() -> String {
        EXTENSIONS
            .iter()
            .map(|(ext, _)| format!(".{ext}"))
            .collect::<Vec<_>>()
            .join(", ")
    }
}

/// A block of text (a paragraph) and the number `path:N` shows for it: the source line it
/// starts on, or the paragraph number in a `.docx`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Block {
    pub text: String,
    pub number: usize,
}

/// A file's text as the later stages read it, line by line, and where each line came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Extracted {
    pub text: String,
    /// The title the page declares, `<h1>` preferred over `<title>` (without the site's name:
    /// `…任务分解_灵璧县人民政府` → `…任务分解`); None for other formats and pages with neither.
    /// It is not a line of `text` unless the body shows it too (as an `<h1>` is).
    pub title: Option<String>,
    /// For line `i + 1` of `text`, the number `path:N` shows; `None` when they are the same.
    numbers: Option<Vec<usize>>,
}

impl Extracted {
    /// Text whose line numbers are the file's own.
    pub fn lines(text: String) -> Self {
        Extracted {
            text,
            title: None,
            numbers: None,
        }
    }

    /// Text made of blocks, an empty line between two, so that no later stage joins two
    /// blocks into one paragraph (as it joins the hard-wrapped lines of a PDF copy).
    pub fn blocks(blocks: Vec<Block>) -> Self {
        let mut text = String::new();
        let mut numbers = Vec::with_capacity(blocks.len() * 2);
        for block in blocks {
            text.push_str(&block.text);
            text.push_str("\n\n");
            numbers.extend([block.number, block.number]);
        }
        Extracted {
            text,
            title: None,
            numbers: Some(numbers),
        }
    }

    /// The number `path:N` shows for the 1-based `line` of [`Extracted::text`].
    pub fn number_of_line(&self, line: usize) -> usize {
        match &self.numbers {
            None => line,
            Some(numbers) => line
                .checked_sub(1)
                .and_then(|at| numbers.get(at))
                .copied()
                .unwrap_or(line),
        }
    }
}

/// The text of decoded `text` in `format` (not `.docx`, which is read from bytes).
pub fn extract_text(format: Format, text: String) -> Extracted {
    match format {
        Format::Text | Format::Docx => Extracted::lines(text),
        Format::Markdown => Extracted::lines(markdown::to_text(&text)),
        Format::Html => {
            let page = html::to_page(&text);
            Extracted {
                title: page.title,
                ..Extracted::blocks(page.blocks)
            }
        }
    }
}

/// The paragraphs of a `.docx` file's bytes; `limit` bounds its unpacked XML.
pub fn extract_docx(bytes: &[u8], limit: u64) -> Result<Extracted, DocxError> {
    docx::to_blocks(bytes, limit).map(Extracted::blocks)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_by_extension_in_any_case() {
        assert_eq!(Format::of(Path::new("a/b.TXT")), Some(Format::Text));
        assert_eq!(Format::of(Path::new("b.Htm")), Some(Format::Html));
        assert_eq!(Format::of(Path::new("c.docx")), Some(Format::Docx));
        assert_eq!(Format::of(Path::new("d.pdf")), None);
        assert_eq!(Format::of(Path::new("noext")), None);
    }

    #[test]
    fn block_lines_map_to_their_numbers() {
        let extracted = Extracted::blocks(vec![
            Block {
                text: "甲".into(),
                number: 4,
            },
            Block {
                text: "乙".into(),
                number: 9,
            },
        ]);
        assert_eq!(extracted.text, "甲\n\n乙\n\n");
        assert_eq!(extracted.number_of_line(1), 4);
        assert_eq!(extracted.number_of_line(3), 9);
        assert_eq!(Extracted::lines("x".into()).number_of_line(7), 7);
    }
}
