//! CSV for spreadsheets (RFC 4180): records end in CRLF; a field holding a comma, a double
//! quote, CR or LF is put in double quotes, its quotes doubled. Output is UTF-8, and a file
//! starts with a byte-order mark so that Excel reads Chinese as UTF-8, not as the locale's
//! code page. Any command's `--csv` writes [`BOM`], then a header and rows by [`write_record`].

use std::borrow::Cow;
use std::io::{self, Write};

/// The UTF-8 byte-order mark, written once before the header.
pub const BOM: &str = "\u{feff}";

/// Writes one record: `fields` quoted as needed, separated by commas, then CRLF.
pub fn write_record<I, S>(out: &mut impl Write, fields: I) -> io::Result<()>
where
    I: IntoIterator<Item = S>,
    S: AsRef<str>,
{
    for (at, field) in fields.into_iter().enumerate() {
        if at > 0 {
            out.write_all(b",")?;
        }
        out.write_all(quote(field.as_ref()).as_bytes())?;
    }
    out.write_all(b"\r\n")
}

/// `field` as a CSV field: as is, or in double quotes with its quotes doubled when it holds a
/// comma, a double quote, CR or LF.
pub fn quote(field: &str) -> Cow<'_, str> {
    if field.contains([',', '"', '\r', '\n']) {
        Cow::Owned(format!("\"{}\"", field.replace('"', "\"\"")))
    } else {
        Cow::Borrowed(field)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn record(fields: &[&str]) -> String {
        let mut out = Vec::new();
        write_record(&mut out, fields).expect("writing to a Vec cannot fail");
        String::from_utf8(out).expect("CSV of UTF-8 fields is UTF-8")
    }

    #[test]
    fn plain_fields_are_left_as_they_are() {
        assert_eq!(
            record(&["corpus/a.txt", "18", "卫生局工作总结", ""]),
            "corpus/a.txt,18,卫生局工作总结,\r\n"
        );
    }

    #[test]
    fn commas_quotes_and_line_breaks_are_quoted() {
        assert_eq!(quote("总结,计划"), "\"总结,计划\"");
        assert_eq!(quote("关于\"两癌\"筛查"), "\"关于\"\"两癌\"\"筛查\"");
        assert_eq!(quote("一\n二"), "\"一\n二\"");
        assert_eq!(quote("一\r二"), "\"一\r二\"");
        assert_eq!(record(&["a,b", "c"]), "\"a,b\",c\r\n");
    }

    #[test]
    fn full_width_commas_need_no_quotes() {
        assert_eq!(quote("总结，计划"), "总结，计划");
    }
}
