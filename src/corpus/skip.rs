//! What was not indexed and why: each skipped file once, with a reason a person can act on,
//! and a kind for the closing summary's counts.

use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::path::PathBuf;

/// The kinds of skip the summary counts, in the order it lists them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum SkipKind {
    /// Empty, only whitespace, or markup with no text.
    Empty,
    /// NUL or control bytes: an image, archive or database with a report's extension.
    Binary,
    /// Not text in any encoding baogao reads without errors.
    Encoding,
    /// Over `--max-file-size`.
    TooLarge,
    /// A `.docx` that is not a readable Word document.
    BadDocument,
    /// The operating system refused to read it (permissions, I/O errors).
    Unreadable,
    /// A symbolic link to nothing.
    BrokenLink,
    /// A symbolic link that leads back to itself or a folder above it.
    LinkLoop,
    /// A file name that is not valid UTF-8.
    BadName,
    /// A FIFO, device or socket (or a link to one, such as `/dev/zero`): reading it would
    /// block or never end.
    NotAFile,
}

impl SkipKind {
    /// `count` skips of this kind, for the summary: `2 empty`, `1 symlink loop`.
    pub fn counted(self, count: usize) -> String {
        // The labels that are nouns take a plural; the adjectives do not.
        let noun = matches!(
            self,
            SkipKind::BadDocument
                | SkipKind::BrokenLink
                | SkipKind::LinkLoop
                | SkipKind::BadName
                | SkipKind::NotAFile
        );
        let label = self.label();
        if noun && count != 1 {
            format!("{count} {label}s")
        } else {
            format!("{count} {label}")
        }
    }

    /// A short label for the summary: `empty`, `binary`, `symlink loop`, ….
    pub fn label(self) -> &'static str {
        match self {
            SkipKind::Empty => "empty",
            SkipKind::Binary => "binary",
            SkipKind::Encoding => "undecodable",
            SkipKind::TooLarge => "over the size limit",
            SkipKind::BadDocument => "broken document",
            SkipKind::Unreadable => "unreadable",
            SkipKind::BrokenLink => "broken symlink",
            SkipKind::LinkLoop => "symlink loop",
            SkipKind::BadName => "non-UTF-8 name",
            SkipKind::NotAFile => "special file",
        }
    }
}

/// Something under the corpus root that was not read, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Skipped {
    pub path: PathBuf,
    pub kind: SkipKind,
    /// Why, as a clause: "it is empty", "broken symbolic link (…)".
    pub reason: String,
}

/// How many skips of each kind, in [`SkipKind`] order.
pub fn count_by_kind(skipped: &[Skipped]) -> Vec<(SkipKind, usize)> {
    let mut counts = BTreeMap::new();
    for skip in skipped {
        *counts.entry(skip.kind).or_insert(0) += 1;
    }
    counts.into_iter().collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counted_kinds_read_as_english() {
        assert_eq!(SkipKind::Empty.counted(2), "2 empty");
        assert_eq!(SkipKind::LinkLoop.counted(1), "1 symlink loop");
        assert_eq!(SkipKind::LinkLoop.counted(2), "2 symlink loops");
        assert_eq!(SkipKind::BadName.counted(3), "3 non-UTF-8 names");
        assert_eq!(SkipKind::TooLarge.counted(2), "2 over the size limit");
    }

    #[test]
    fn counts_are_per_kind_in_a_fixed_order() {
        let skip = |kind| Skipped {
            path: PathBuf::from("x"),
            kind,
            reason: String::new(),
        };
        let skipped = [
            skip(SkipKind::LinkLoop),
            skip(SkipKind::Empty),
            skip(SkipKind::LinkLoop),
        ];
        assert_eq!(
            count_by_kind(&skipped),
            [(SkipKind::Empty, 1), (SkipKind::LinkLoop, 2)]
        );
    }
}
