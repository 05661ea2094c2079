//! `search -l` and `search -c`, as grep prints them: one file per line, or `file:count`.

use std::io::{self, Write};

use super::style::{paint, GREEN, MAGENTA};

/// Writes each file, with its count of hits when `count`.
pub fn write_files(
    out: &mut impl Write,
    files: &[(String, u64)],
    display: &dyn Fn(&str) -> String,
    count: bool,
    color: bool,
) -> io::Result<()> {
    for (path, hits) in files {
        let path = paint(color, MAGENTA, &display(path));
        if count {
            writeln!(out, "{path}:{}", paint(color, GREEN, &hits.to_string()))?;
        } else {
            writeln!(out, "{path}")?;
        }
    }
    Ok(())
}
