//! Reading a report file: its bytes (within a size limit), decoded, and its text extracted
//! by format, with the number `path:N` shows for each line.

use std::io::Read;
use std::path::Path;
use thiserror::Error;

use super::decode::{decode, html_declared_encoding, DecodeError};
use super::formats::{extract_docx, extract_text, DocxError, Extracted, Format};
use super::skip::SkipKind;

/// Files larger than this are skipped unless `--max-file-size` says otherwise: far above any
/// report (the largest bundled file is a few hundred KB), low enough that a stray database
/// dump or video named `.txt` does not eat memory.
pub const DEFAULT_MAX_FILE_SIZE: u64 = 64 * 1024 * 1024;

/// An unpacked `.docx` body may be this many times its size limit (XML markup is verbose).
const DOCX_XML_FACTOR: u64 = 8;

/// Why a file was not read; the file is skipped and named in the index summary.
#[derive(Debug, Error)]
pub enum ReadError {
    #[error("cannot read it")]
    Io(#[from] std::io::Error),
    #[error("it is {size} bytes, over the size limit of {limit} bytes (see --max-file-size)")]
    TooLarge { size: u64, limit: u64 },
    #[error(transparent)]
    Decode(#[from] DecodeError),
    #[error(transparent)]
    Docx(#[from] DocxError),
    #[error("it holds no text")]
    NoText,
    #[error("it holds no report text: its {lines} lines are all web boilerplate")]
    OnlyBoilerplate { lines: usize },
}

impl ReadError {
    /// The kind of skip, for the summary's counts.
    pub fn kind(&self) -> SkipKind {
        match self {
            ReadError::Io(_) => SkipKind::Unreadable,
            ReadError::TooLarge { .. } | ReadError::Docx(DocxError::TooLarge { .. }) => {
                SkipKind::TooLarge
            }
            ReadError::Decode(DecodeError::Empty)
            | ReadError::NoText
            | ReadError::OnlyBoilerplate { .. } => SkipKind::Empty,
            ReadError::Decode(DecodeError::NulBytes | DecodeError::ControlCharacters { .. }) => {
                SkipKind::Binary
            }
            ReadError::Decode(DecodeError::Malformed { .. } | DecodeError::Unknown { .. }) => {
                SkipKind::Encoding
            }
            ReadError::Docx(_) => SkipKind::BadDocument,
        }
    }
}

/// How files are read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ReadOptions {
    /// Files larger than this many bytes are skipped.
    pub max_file_size: u64,
}

impl Default for ReadOptions {
    fn default() -> Self {
        ReadOptions {
            max_file_size: DEFAULT_MAX_FILE_SIZE,
        }
    }
}

/// A report file's text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Document {
    pub format: Format,
    /// The encoding its bytes were read in (`UTF-8`, `gb18030`, …); `.docx` text is UTF-8.
    pub encoding: &'static str,
    /// Its text and the number `path:N` shows for each line.
    pub extracted: Extracted,
    /// What was lost reading it, though it was read: a file cut inside its last character
    /// (`it is cut short inside a UTF-8 character …`). Each a clause about the file, for the
    /// index summary to name it with.
    pub warnings: Vec<String>,
}

impl Document {
    /// The text the later stages split into reports and passages.
    pub fn text(&self) -> &str {
        &self.extracted.text
    }

    /// What `path:N` says for the 1-based `line` of [`Document::text`]: a line of the file,
    /// or a paragraph of a `.docx`.
    pub fn number_of_line(&self, line: usize) -> usize {
        self.extracted.number_of_line(line)
    }
}

/// Reads `path` in `format`. A file that is not text in a known encoding, is empty, too large
/// or unreadable is an error naming the reason, never mojibake in the index.
pub fn read_document(
    path: &Path,
    format: Format,
    options: &ReadOptions,
) -> Result<Document, ReadError> {
    document_of(read_bytes(path, options.max_file_size)?, format, options)
}

/// The text of a report file's bytes, read with [`read_bytes`], in `format`.
pub fn document_of(
    bytes: Vec<u8>,
    format: Format,
    options: &ReadOptions,
) -> Result<Document, ReadError> {
    if format == Format::Docx {
        let limit = options.max_file_size.saturating_mul(DOCX_XML_FACTOR);
        let extracted = extract_docx(&bytes, limit)?;
        return with_text(Document {
            format,
            encoding: "UTF-8",
            extracted,
            warnings: Vec::new(),
        });
    }
    let declared = match format {
        Format::Html => html_declared_encoding(&bytes),
        _ => None,
    };
    let decoded = decode(&bytes, declared)?;
    drop(bytes);
    let mut warnings = Vec::new();
    if decoded.cut_bytes > 0 {
        warnings.push(cut_short_warning(decoded.encoding, decoded.cut_bytes));
    }
    with_text(Document {
        format,
        encoding: decoded.encoding,
        extracted: extract_text(format, decoded.text),
        warnings,
    })
}

/// What a file cut inside its last character lost.
fn cut_short_warning(encoding: &str, bytes: usize) -> String {
    let plural = if bytes == 1 { "" } else { "s" };
    format!(
        "it is cut short inside a {encoding} character (an interrupted download?): \
         its incomplete last character ({bytes} byte{plural}) was left out"
    )
}

/// Reads `path` as text in the format its extension names (plain text when none), with the
/// default options. Line numbers of HTML and `.docx` text are not the file's: use
/// [`read_document`] and [`Document::number_of_line`] to index them.
pub fn read_text(path: &Path) -> Result<String, ReadError> {
    let format = Format::of(path).unwrap_or(Format::Text);
    read_document(path, format, &ReadOptions::default()).map(|doc| doc.extracted.text)
}

/// The bytes of the file at `path`, or [`ReadError::TooLarge`] when it holds more than `limit`
/// (checked before reading, and again while reading, should it grow).
pub fn read_bytes(path: &Path, limit: u64) -> Result<Vec<u8>, ReadError> {
    let file = std::fs::File::open(path)?;
    let size = file.metadata()?.len();
    if size > limit {
        return Err(ReadError::TooLarge { size, limit });
    }
    let mut bytes = Vec::with_capacity(usize::try_from(size).unwrap_or(0));
    // A file that grows while it is read stops at the limit too.
    file.take(limit.saturating_add(1)).read_to_end(&mut bytes)?;
    let size = bytes.len() as u64;
    if size > limit {
        return Err(ReadError::TooLarge { size, limit });
    }
    Ok(bytes)
}

fn with_text(document: Document) -> Result<Document, ReadError> {
    if document.text().trim().is_empty() {
        Err(ReadError::NoText)
    } else {
        Ok(document)
    }
}

/// Parses a size as given to `--max-file-size`: bytes, or a number with K, M or G (powers of
/// 1024, an optional `B` or `iB`): `512K`, `10M`, `1.5G`, `1048576`.
pub fn parse_size(text: &str) -> Result<u64, String> {
    let trimmed = text.trim();
    let upper = trimmed.to_ascii_uppercase();
    let without_b = upper
        .strip_suffix("IB")
        .or_else(|| upper.strip_suffix('B'))
        .unwrap_or(&upper);
    let (number, factor) = match without_b.chars().last() {
        Some('K') => (&without_b[..without_b.len() - 1], 1u64 << 10),
        Some('M') => (&without_b[..without_b.len() - 1], 1 << 20),
        Some('G') => (&without_b[..without_b.len() - 1], 1 << 30),
        _ => (without_b, 1),
    };
    let invalid =
        || format!("`{text}` is not a size: give bytes or a number with K, M or G (512K, 10M, 1G)");
    let number = number.trim();
    if number.is_empty() {
        return Err(invalid());
    }
    if let Ok(whole) = number.parse::<u64>() {
        return whole.checked_mul(factor).ok_or_else(invalid);
    }
    match number.parse::<f64>() {
        Ok(value) if value.is_finite() && value >= 0.0 && factor > 1 => {
            Ok((value * factor as f64).round() as u64)
        }
        _ => Err(invalid()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn file(dir: &tempfile::TempDir, name: &str, bytes: &[u8]) -> std::path::PathBuf {
        let path = dir.path().join(name);
        std::fs::write(&path, bytes).expect("write");
        path
    }

    #[test]
    fn reads_decoded_text_and_rejects_empty_binary_and_oversize() {
        let dir = tempfile::tempdir().expect("temp dir");
        let options = ReadOptions { max_file_size: 64 };
        let read = |name: &str, bytes: &[u8]| {
            read_document(&file(&dir, name, bytes), Format::Text, &options)
        };
        let bom = read("bom.txt", "\u{feff}卫生院".as_bytes()).expect("read");
        assert_eq!(bom.text(), "卫生院");
        let gbk = read("g.txt", &[0xce, 0xc0, 0xc9, 0xfa, 0xd4, 0xba]).expect("gbk");
        assert_eq!((gbk.text(), gbk.encoding), ("卫生院", "gb18030"));
        assert_eq!(read("e.txt", b" \n").unwrap_err().kind(), SkipKind::Empty);
        assert_eq!(read("b.txt", b"a\0b").unwrap_err().kind(), SkipKind::Binary);
        let big = read("big.txt", &[b'a'; 65]).unwrap_err();
        assert_eq!(big.kind(), SkipKind::TooLarge);
        assert!(big.to_string().contains("65 bytes"), "{big}");
    }

    #[test]
    fn html_line_numbers_are_source_lines() {
        let dir = tempfile::tempdir().expect("temp dir");
        let html = "<html>\n<body>\n<p>第一段</p>\n\n<p>第二段</p>";
        let path = file(&dir, "a.html", html.as_bytes());
        let doc = read_document(&path, Format::Html, &ReadOptions::default()).expect("read");
        assert_eq!(doc.text(), "第一段\n\n第二段\n\n");
        assert_eq!((doc.number_of_line(1), doc.number_of_line(3)), (3, 5));
        let markup_only = file(&dir, "b.html", b"<html><script>x</script></html>");
        let err = read_document(&markup_only, Format::Html, &ReadOptions::default());
        assert!(matches!(err, Err(ReadError::NoText)));
    }

    #[test]
    fn a_file_cut_inside_its_last_character_is_read_with_a_warning() {
        let dir = tempfile::tempdir().expect("temp dir");
        let whole = "东安县卫生健康局2023年工作总结\n一、医共体建设稳步推进。";
        let path = file(&dir, "cut.txt", &whole.as_bytes()[..whole.len() - 2]);
        let doc = read_document(&path, Format::Text, &ReadOptions::default()).expect("read");
        assert_eq!(doc.text(), &whole[..whole.len() - 3]);
        assert_eq!(
            doc.warnings,
            [
                "it is cut short inside a UTF-8 character (an interrupted download?): \
              its incomplete last character (1 byte) was left out"
            ]
        );
        let whole_file = file(&dir, "whole.txt", whole.as_bytes());
        let doc = read_document(&whole_file, Format::Text, &ReadOptions::default());
        assert!(doc.expect("read").warnings.is_empty());
    }

    #[test]
    fn sizes_take_units() {
        assert_eq!(parse_size("1048576"), Ok(1 << 20));
        assert_eq!(parse_size("512K"), Ok(512 << 10));
        assert_eq!(parse_size("10M"), Ok(10 << 20));
        assert_eq!(parse_size("10mb"), Ok(10 << 20));
        assert_eq!(parse_size("1.5G"), Ok(3 << 29));
        assert_eq!(parse_size("2KiB"), Ok(2048));
        assert!(parse_size("ten").is_err());
        assert!(parse_size("").is_err());
        assert!(parse_size("-1K").is_err());
        // `--max-file-size`'s default in the CLI is written as 64M.
        assert_eq!(parse_size("64M"), Ok(DEFAULT_MAX_FILE_SIZE));
    }

    #[test]
    fn an_html_page_in_gbk_is_decoded_by_its_meta_charset() {
        let dir = tempfile::tempdir().expect("temp dir");
        let html = "<html><head><meta charset=\"gbk\"></head>\n<body><p>乡镇卫生院</p></body>";
        let (bytes, _, _) = encoding_rs::GBK.encode(html);
        let path = file(&dir, "gbk.htm", &bytes);
        let doc = read_document(&path, Format::Html, &ReadOptions::default()).expect("read");
        assert_eq!((doc.text(), doc.encoding), ("乡镇卫生院\n\n", "GBK"));
        assert_eq!(doc.number_of_line(1), 2);
    }
}
