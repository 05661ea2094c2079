//! Reading a report file as text.

use std::path::Path;
use thiserror::Error;

/// Why a file was not read; the file is skipped and named in the index summary.
#[derive(Debug, Error)]
pub enum ReadError {
    #[error("cannot read it: {0}")]
    Io(#[from] std::io::Error),
    #[error("it is empty")]
    Empty,
    #[error("it looks binary (it holds NUL bytes)")]
    Binary,
    #[error("it is not UTF-8 text (byte {0} is invalid)")]
    NotUtf8(usize),
}

/// Reads `path` as UTF-8 text, without a byte-order mark. A file that is not text is an
/// error rather than mojibake in the index.
pub fn read_text(path: &Path) -> Result<String, ReadError> {
    text_of(&std::fs::read(path)?)
}

/// The text of a report file's bytes (see [`read_text`]).
pub fn text_of(bytes: &[u8]) -> Result<String, ReadError> {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    if bytes.iter().all(u8::is_ascii_whitespace) {
        return Err(ReadError::Empty);
    }
    if bytes.contains(&0) {
        return Err(ReadError::Binary);
    }
    match std::str::from_utf8(bytes) {
        Ok(text) => Ok(text.to_string()),
        Err(err) => Err(ReadError::NotUtf8(err.valid_up_to())),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strips_bom_and_rejects_empty_binary_and_non_utf8() {
        let dir = tempfile::tempdir().expect("temp dir");
        let file = |name: &str, bytes: &[u8]| {
            let path = dir.path().join(name);
            std::fs::write(&path, bytes).expect("write");
            path
        };
        let bom = file("bom.txt", "\u{feff}卫生院".as_bytes());
        assert_eq!(read_text(&bom).expect("read"), "卫生院");
        assert!(matches!(
            read_text(&file("e.txt", b" \n")),
            Err(ReadError::Empty)
        ));
        assert!(matches!(
            read_text(&file("b.txt", b"a\0b")),
            Err(ReadError::Binary)
        ));
        assert!(matches!(
            read_text(&file("g.txt", &[0xce, 0xc0, 0xc9, 0xfa])),
            Err(ReadError::NotUtf8(0))
        ));
    }
}
