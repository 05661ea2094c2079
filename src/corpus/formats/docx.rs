//! The text of a Word `.docx` file: `word/document.xml` in its zip, one block per paragraph
//! (`<w:p>`), numbered in document order, so `path:N` is the N-th paragraph. Runs (`<w:t>`)
//! are joined; tabs and line breaks inside a paragraph become spaces.

use quick_xml::events::{BytesRef, Event};
use quick_xml::Reader;
use std::io::{BufRead, BufReader, Cursor, Read};
use thiserror::Error;

use super::Block;

/// The part of the package that holds the body text.
const DOCUMENT_PART: &str = "word/document.xml";

/// Why a `.docx` file gave no text.
#[derive(Debug, Error)]
pub enum DocxError {
    #[error("it is not a .docx file (not a readable zip archive: {0})")]
    NotZip(zip::result::ZipError),
    #[error("it is not a .docx file (no {DOCUMENT_PART} in it)")]
    NoDocument,
    #[error("its {DOCUMENT_PART} cannot be unpacked: {0}")]
    Unpack(std::io::Error),
    #[error("its {DOCUMENT_PART} unpacks to more than {limit} bytes")]
    TooLarge { limit: u64 },
    #[error("its {DOCUMENT_PART} is not UTF-8")]
    NotUtf8,
    #[error("its {DOCUMENT_PART} is malformed XML at byte {position}: {message}")]
    Xml { position: u64, message: String },
}

/// The paragraphs of a `.docx` file, each numbered (1-based) among all paragraphs of the
/// body, empty ones included. `limit` bounds the unpacked XML (a zip bomb stops there).
///
/// The XML is read as it unpacks, never held whole: memory is the text yielded plus a
/// buffer of one event, however much markup surrounds it (a 400 MB part peaked at 2.4 GB
/// when it was read into memory first).
pub fn to_blocks(bytes: &[u8], limit: u64) -> Result<Vec<Block>, DocxError> {
    let mut archive = zip::ZipArchive::new(Cursor::new(bytes)).map_err(DocxError::NotZip)?;
    let part = match archive.by_name(DOCUMENT_PART) {
        Ok(part) => part,
        Err(zip::result::ZipError::FileNotFound) => return Err(DocxError::NoDocument),
        Err(err) => return Err(DocxError::NotZip(err)),
    };
    let mut counted = Counted {
        inner: part.take(limit.saturating_add(1)),
        bytes: 0,
    };
    let outcome = paragraphs(BufReader::new(&mut counted));
    // Cut at the limit, the XML ends mid-tag: that is the limit's doing, not malformed XML.
    if counted.bytes > limit {
        return Err(DocxError::TooLarge { limit });
    }
    outcome
}

/// A reader that counts the bytes read through it.
struct Counted<R> {
    inner: R,
    bytes: u64,
}

impl<R: Read> Read for Counted<R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.bytes += n as u64;
        Ok(n)
    }
}

/// The paragraphs of a WordprocessingML body, read from `xml` as it comes.
fn paragraphs(xml: impl BufRead) -> Result<Vec<Block>, DocxError> {
    let mut reader = Reader::from_reader(xml);
    let mut buffer = Vec::new();
    let mut blocks = Vec::new();
    // Paragraphs nest (a text box's paragraphs sit inside a run of the outer one): each open
    // paragraph keeps the number it was given when it started.
    let mut open: Vec<Block> = Vec::new();
    let mut count = 0;
    let mut in_text = false;
    loop {
        buffer.clear();
        let event = match reader.read_event_into(&mut buffer) {
            Ok(event) => event,
            Err(quick_xml::Error::Io(err)) => {
                return Err(DocxError::Unpack(std::io::Error::new(
                    err.kind(),
                    err.to_string(),
                )))
            }
            Err(err) => {
                return Err(DocxError::Xml {
                    position: reader.error_position(),
                    message: err.to_string(),
                })
            }
        };
        match event {
            Event::Start(tag) => match tag.name().as_ref() {
                b"w:p" => {
                    count += 1;
                    open.push(Block {
                        text: String::new(),
                        number: count,
                    });
                }
                b"w:t" => in_text = true,
                _ => {}
            },
            Event::Empty(tag) => match tag.name().as_ref() {
                b"w:p" => count += 1,
                b"w:tab" | b"w:br" | b"w:cr" => {
                    if let Some(paragraph) = open.last_mut() {
                        paragraph.text.push(' ');
                    }
                }
                _ => {}
            },
            Event::End(tag) => match tag.name().as_ref() {
                b"w:p" => {
                    if let Some(mut paragraph) = open.pop() {
                        // Trimmed and dropped as they end, so that empty paragraphs of a
                        // huge document cost nothing.
                        let trimmed = paragraph.text.trim();
                        if !trimmed.is_empty() {
                            if trimmed.len() != paragraph.text.len() {
                                paragraph.text = trimmed.to_string();
                            }
                            blocks.push(paragraph);
                        }
                    }
                }
                b"w:t" => in_text = false,
                _ => {}
            },
            Event::Text(text) if in_text => {
                let text = text.decode().map_err(|_| DocxError::NotUtf8)?;
                if let Some(paragraph) = open.last_mut() {
                    paragraph.text.push_str(&text);
                }
            }
            Event::GeneralRef(reference) if in_text => {
                if let Some(paragraph) = open.last_mut() {
                    paragraph.text.push_str(&resolve(&reference));
                }
            }
            Event::Eof => break,
            _ => {}
        }
    }
    blocks.sort_by_key(|block| block.number);
    Ok(blocks)
}

/// The text of `&amp;` or `&#20108;`; an unknown entity stays as written.
fn resolve(reference: &BytesRef<'_>) -> String {
    if let Ok(Some(c)) = reference.resolve_char_ref() {
        return c.to_string();
    }
    let name = String::from_utf8_lossy(reference);
    match quick_xml::escape::resolve_xml_entity(&name) {
        Some(text) => text.to_string(),
        None => format!("&{name};"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::docx;

    fn texts(bytes: &[u8]) -> Vec<(String, usize)> {
        to_blocks(bytes, 1 << 20)
            .expect("docx")
            .into_iter()
            .map(|block| (block.text, block.number))
            .collect()
    }

    #[test]
    fn paragraphs_are_numbered_and_runs_joined() {
        let body = "<w:p><w:r><w:t>东安县卫生健康局</w:t></w:r><w:r><w:t xml:space=\"preserve\">2023年 </w:t></w:r>\
            <w:r><w:t>工作总结</w:t></w:r></w:p><w:p/>\
            <w:p><w:r><w:t>一、医共体</w:t><w:tab/><w:t>建设</w:t><w:br/><w:t>A&amp;B&#20108;</w:t></w:r></w:p>\
            <w:tbl><w:tr><w:tc><w:p><w:r><w:t>门诊量</w:t></w:r></w:p></w:tc></w:tr></w:tbl>\
            <w:p><w:r><w:delText>删去的</w:delText><w:instrText>PAGE</w:instrText></w:r></w:p>";
        assert_eq!(
            texts(&docx(body)),
            [
                ("东安县卫生健康局2023年 工作总结".to_string(), 1),
                ("一、医共体 建设 A&B二".to_string(), 3),
                ("门诊量".to_string(), 4),
            ]
        );
    }

    #[test]
    fn a_text_box_paragraph_keeps_its_own_number() {
        let body = "<w:p><w:r><w:t>外</w:t><w:txbxContent><w:p><w:r><w:t>框内</w:t></w:r></w:p>\
            </w:txbxContent><w:t>段</w:t></w:r></w:p>";
        assert_eq!(
            texts(&docx(body)),
            [("外段".to_string(), 1), ("框内".to_string(), 2)]
        );
    }

    #[test]
    fn not_a_zip_no_document_and_oversize_are_errors() {
        assert!(matches!(
            to_blocks(b"plain text", 100),
            Err(DocxError::NotZip(_))
        ));
        let mut zip = zip::ZipWriter::new(Cursor::new(Vec::new()));
        zip.start_file("other.xml", zip::write::SimpleFileOptions::default())
            .expect("zip entry");
        let empty = zip.finish().expect("zip finish").into_inner();
        assert!(matches!(to_blocks(&empty, 100), Err(DocxError::NoDocument)));
        let big = docx(&"<w:p><w:r><w:t>卫生</w:t></w:r></w:p>".repeat(100));
        assert!(matches!(
            to_blocks(&big, 1000),
            Err(DocxError::TooLarge { limit: 1000 })
        ));
    }
}
