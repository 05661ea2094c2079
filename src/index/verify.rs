//! Whether an index folder is whole: tantivy's `meta.json` and `.managed.json` read, every
//! file of every segment present and matching the checksum in its footer, the segments open
//! and hold the passages `baogao.json` counts. `baogao index` checks this before calling an
//! index up to date, `--check` reports it, and a failed search names what it found.

use std::path::Path;
use tantivy::index::SegmentComponent;
use tantivy::Index;

use crate::guard::catch_quietly;

/// What is wrong with an index: one line per problem found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Damage {
    pub problems: Vec<String>,
}

impl std::fmt::Display for Damage {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.problems.join("; "))
    }
}

/// The segment files tantivy writes for every segment (deletes apart).
const SEGMENT_COMPONENTS: [SegmentComponent; 6] = [
    SegmentComponent::Postings,
    SegmentComponent::Positions,
    SegmentComponent::FastFields,
    SegmentComponent::FieldNorms,
    SegmentComponent::Terms,
    SegmentComponent::Store,
];

/// Checks the tantivy index in `dir`; `passages` is what `baogao.json` says it holds, when
/// that is known. Reads every segment file once (about as fast as the disk reads).
pub fn verify_index(dir: &Path, passages: Option<usize>) -> Result<(), Damage> {
    let damage = |problem: String| Damage {
        problems: vec![problem],
    };
    for name in ["meta.json", ".managed.json"] {
        let path = dir.join(name);
        match std::fs::read(&path) {
            Err(err) if err.kind() == std::io::ErrorKind::NotFound => {
                return Err(damage(format!("`{name}` is missing")))
            }
            Err(err) => return Err(damage(format!("`{name}` cannot be read: {err}"))),
            Ok(bytes) => {
                if let Err(err) = serde_json::from_slice::<serde_json::Value>(&bytes) {
                    return Err(damage(format!("`{name}` is not valid JSON ({err})")));
                }
            }
        }
    }
    let index = match catch_quietly(|| Index::open_in_dir(dir)) {
        Ok(Ok(index)) => index,
        Ok(Err(err)) => return Err(damage(format!("tantivy cannot open it: {err}"))),
        Err(caught) => return Err(damage(format!("tantivy cannot open it: {caught}"))),
    };
    let metas = match index.searchable_segment_metas() {
        Ok(metas) => metas,
        Err(err) => return Err(damage(format!("`meta.json` cannot be read: {err}"))),
    };
    let mut problems = Vec::new();
    for meta in &metas {
        let mut files: Vec<_> = SEGMENT_COMPONENTS
            .iter()
            .map(|component| meta.relative_path(component.clone()))
            .collect();
        if meta.delete_opstamp().is_some() {
            files.push(meta.relative_path(SegmentComponent::Delete));
        }
        for file in files {
            let name = file.display();
            if !dir.join(&file).is_file() {
                problems.push(format!("`{name}` is missing"));
                continue;
            }
            match catch_quietly(|| index.directory().validate_checksum(&file)) {
                Ok(Ok(true)) => {}
                Ok(Ok(false)) => problems.push(format!("`{name}` fails its checksum")),
                // tantivy's words here are about its footer: "magic byte mismatch", "smaller
                // than 4 bytes".
                Ok(Err(_)) | Err(_) => problems.push(format!(
                    "`{name}` is truncated or garbled (no valid footer)"
                )),
            }
        }
    }
    if !problems.is_empty() {
        return Err(Damage { problems });
    }
    // The files are whole; the segments must open too, and hold what baogao counted.
    let opened = catch_quietly(|| -> tantivy::Result<u64> {
        let reader: tantivy::IndexReader = index
            .reader_builder()
            .reload_policy(tantivy::ReloadPolicy::Manual)
            .try_into()?;
        Ok(reader.searcher().num_docs())
    });
    let num_docs = match opened {
        Ok(Ok(num_docs)) => num_docs,
        Ok(Err(err)) => return Err(damage(format!("its segments do not open: {err}"))),
        Err(caught) => return Err(damage(format!("its segments do not open: {caught}"))),
    };
    match passages {
        Some(expected) if u64::try_from(expected).ok() != Some(num_docs) => Err(damage(format!(
            "it holds {num_docs} passages where `baogao.json` counts {expected}"
        ))),
        _ => Ok(()),
    }
}
