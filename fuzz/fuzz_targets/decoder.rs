//! Any bytes as a report file: decoded (byte-order marks, UTF-8, a page's declared charset,
//! GB18030, chardetng's guess) or refused, read as each format, never a panic.
#![no_main]

use baogao::corpus::decode::{decode, html_declared_encoding};
use baogao::corpus::formats::{extract_docx, extract_text};
use baogao::corpus::Format;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|bytes: &[u8]| {
    if let Ok(decoded) = decode(bytes, html_declared_encoding(bytes)) {
        for format in [Format::Text, Format::Markdown, Format::Html] {
            let _ = extract_text(format, decoded.text.clone());
        }
    }
    let _ = extract_docx(bytes, 1 << 20);
});
