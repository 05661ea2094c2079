//! Builders of test inputs shared by the unit tests and the integration tests (`tests/`):
//! one copy of each. Not part of the interface.

use std::io::{Cursor, Write};

/// A minimal `.docx` holding `body` as its document's body XML (`<w:p>…</w:p>`…).
pub fn docx(body: &str) -> Vec<u8> {
    let xml = format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<w:document \
         xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\">\
         <w:body>{body}</w:body></w:document>"
    );
    let mut zip = zip::ZipWriter::new(Cursor::new(Vec::new()));
    let options = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated);
    zip.start_file("[Content_Types].xml", options)
        .expect("a zip entry in memory");
    zip.write_all(b"<?xml version=\"1.0\"?><Types/>")
        .expect("a zip write in memory");
    zip.start_file("word/document.xml", options)
        .expect("a zip entry in memory");
    zip.write_all(xml.as_bytes())
        .expect("a zip write in memory");
    zip.finish().expect("a zip in memory").into_inner()
}

/// `text` in UTF-16 with its byte-order mark, big- or little-endian.
pub fn utf16(text: &str, big_endian: bool) -> Vec<u8> {
    let mut bytes = if big_endian {
        vec![0xfe, 0xff]
    } else {
        vec![0xff, 0xfe]
    };
    for unit in text.encode_utf16() {
        let pair = if big_endian {
            unit.to_be_bytes()
        } else {
            unit.to_le_bytes()
        };
        bytes.extend(pair);
    }
    bytes
}
