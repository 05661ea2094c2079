//! `baogao show PATH:LINE`: the passage holding that line, with its neighbours, as indexed.

use anyhow::{anyhow, bail, Context, Result};
use std::path::{Component, Path, PathBuf};
use std::process::ExitCode;

use super::{to_stdout, IndexLocation};
use crate::index::{open_index, OpenIndex};
use crate::render::{display_path, write_show_json, write_show_plain, ColorChoice, Excerpt};
use crate::search::{file_passages, passage_at, StoredPassage};

/// Arguments of `baogao show`.
#[derive(Debug, clap::Args)]
#[command(
    after_help = "PATH may be given as `baogao search` prints it (relative to the current folder), relative to\nthe corpus folder, or absolute; LINE may be any line of a passage, not only its first.\nThe passages are read from the index, so they are what was indexed even if the file changed.\n\nExamples:\n  baogao show corpus/004_2ac8209b6c6491b0.txt:31\n  baogao show 004_2ac8209b6c6491b0.txt:32 -C 1\n  baogao show corpus/001_d67ff23fbbb9576f.txt:18 --json | jq -r '.passages[].text'\n\nExit status: 0 when the passage was shown, 2 when the file is not in the index, the line is\nbeyond its end, or on another error."
)]
pub struct ShowArgs {
    /// The file and a line in it, as `baogao search` prints them
    #[arg(value_name = "PATH:LINE")]
    pub at: String,
    /// How many passages to show before and after it
    #[arg(long, short = 'C', value_name = "N", default_value_t = 2)]
    pub context: usize,
    /// Print one JSON object instead of text
    #[arg(long)]
    pub json: bool,
    /// When to colour the output
    #[arg(long, value_name = "WHEN", value_enum, default_value_t = ColorChoice::Auto)]
    pub color: ColorChoice,
    #[command(flatten)]
    pub location: IndexLocation,
}

/// Runs `baogao show`; exit 0 when shown, an error (exit 2) when there is nothing to show.
pub fn run(args: ShowArgs) -> Result<ExitCode> {
    let (given, line) = split_location(&args.at)?;
    let open = open_index(&args.location.dir)?;
    let cwd = std::env::current_dir().ok();
    let (file, passages) = find_file(&open, given, cwd.as_deref())?;
    let last = passages.last().map_or(0, |passage| passage.line);
    if line > last {
        check_line_in_file(&open.meta.corpus_root.join(&file), given, line, last)?;
    }
    let target = passage_at(&passages, line)
        .ok_or_else(|| anyhow!("`{given}` has no passages in the index"))?;
    let from = target.start.saturating_sub(args.context);
    let to = target.end.saturating_add(args.context).min(passages.len());
    let excerpt = Excerpt {
        path: display_path(&open.meta.corpus_root, &file, cwd.as_deref()),
        line,
        passages: &passages[from..to],
        target: target.start - from..target.end - from,
    };
    to_stdout(|out| {
        if args.json {
            write_show_json(out, &excerpt)
        } else {
            write_show_plain(out, &excerpt, args.color.enabled())
        }
    })?;
    Ok(ExitCode::SUCCESS)
}

/// `corpus/a.txt:31` → (`corpus/a.txt`, 31).
fn split_location(location: &str) -> Result<(&str, u64)> {
    let expected = || {
        anyhow!(
            "`{location}`: expected PATH:LINE as `baogao search` prints it (corpus/004_2ac8209b6c6491b0.txt:31)"
        )
    };
    let (path, line) = location.rsplit_once(':').ok_or_else(expected)?;
    let line: u64 = line.trim().parse().map_err(|_| expected())?;
    if path.is_empty() {
        return Err(expected());
    }
    if line == 0 {
        bail!("`{location}`: lines are counted from 1");
    }
    Ok((path, line))
}

/// The indexed file `given` names, and its passages.
fn find_file(
    open: &OpenIndex,
    given: &str,
    cwd: Option<&Path>,
) -> Result<(String, Vec<StoredPassage>)> {
    let root = &open.meta.corpus_root;
    for candidate in candidates(given, root, cwd) {
        let passages = file_passages(open, &candidate)
            .with_context(|| format!("reading the passages of `{candidate}` from the index"))?;
        if !passages.is_empty() {
            return Ok((candidate, passages));
        }
    }
    bail!(
        "`{given}` is not a file of the index at `{}` (corpus `{}`): give the path as `baogao search` prints it",
        open.dir.display(),
        root.display()
    )
}

/// The corpus-relative, `/`-separated paths `given` may mean, most likely first: the file it
/// names from the current folder (or absolutely) when that lies in the corpus, as `search`
/// prints it; then `given` itself taken relative to the corpus.
fn candidates(given: &str, corpus_root: &Path, cwd: Option<&Path>) -> Vec<String> {
    let mut found = Vec::new();
    let path = Path::new(given);
    let absolute = if path.is_absolute() {
        Some(path.to_path_buf())
    } else {
        cwd.map(|cwd| cwd.join(path))
    };
    if let Some(absolute) = absolute {
        found.extend(relative_to(&normalize(&absolute), corpus_root));
        if let Ok(real) = absolute.canonicalize() {
            found.extend(relative_to(&real, corpus_root));
        }
    }
    if path.is_relative() {
        found.extend(relative_to(&normalize(path), Path::new("")));
    }
    let mut unique = Vec::new();
    for candidate in found {
        if !unique.contains(&candidate) {
            unique.push(candidate);
        }
    }
    unique
}

/// `path` under `root`, as the index spells paths; None outside it.
fn relative_to(path: &Path, root: &Path) -> Option<String> {
    let rest = path.strip_prefix(root).ok()?;
    let parts: Vec<String> = rest
        .components()
        .map(|part| match part {
            Component::Normal(name) => Some(name.to_string_lossy().into_owned()),
            _ => None,
        })
        .collect::<Option<_>>()?;
    (!parts.is_empty()).then(|| parts.join("/"))
}

/// `path` without `.` and with `..` applied, without touching the file system.
fn normalize(path: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    for part in path.components() {
        match part {
            Component::CurDir => {}
            Component::ParentDir => {
                if !out.pop() {
                    out.push("..");
                }
            }
            other => out.push(other.as_os_str()),
        }
    }
    out
}

/// A line after the start of the last passage: fine while the file on disk reaches it (the
/// last passage or the lines after it), else beyond the end.
fn check_line_in_file(file: &Path, given: &str, line: u64, last: u64) -> Result<()> {
    let lines = std::fs::read(file).ok().map(|bytes| {
        (bytes.split(|&b| b == b'\n').count() - usize::from(bytes.ends_with(b"\n"))) as u64
    });
    match lines {
        Some(lines) if line <= lines => Ok(()),
        Some(lines) => bail!("line {line} is beyond the end of `{given}`, which has {lines} lines"),
        None => bail!(
            "line {line} is beyond the end of `{given}` as indexed: its last passage starts at line {last}"
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn locations_split_at_the_last_colon() {
        assert_eq!(
            split_location("corpus/a.txt:31").ok(),
            Some(("corpus/a.txt", 31))
        );
        assert_eq!(split_location("c:/a.txt:2").ok(), Some(("c:/a.txt", 2)));
        for bad in ["corpus/a.txt", "corpus/a.txt:", "a.txt:x", ":3", "a.txt:0"] {
            assert!(split_location(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn paths_are_read_relative_to_the_corpus_and_to_the_current_folder() {
        let root = Path::new("/work/p/corpus");
        let cwd = Path::new("/work/p");
        assert_eq!(
            candidates("corpus/a.txt", root, Some(cwd)),
            ["a.txt", "corpus/a.txt"]
        );
        assert_eq!(candidates("./sub/../a.txt", root, None), ["a.txt"]);
        assert_eq!(
            candidates("/work/p/corpus/x/b.txt", root, Some(cwd)),
            ["x/b.txt"]
        );
        assert!(candidates("/elsewhere/b.txt", root, Some(cwd)).is_empty());
        assert_eq!(
            candidates("../corpus/a.txt", root, Some(Path::new("/work/p/other"))),
            ["a.txt"]
        );
    }
}
