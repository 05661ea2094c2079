//! Building and updating an index from a corpus: walk → read → report → passages → tantivy
//! documents.
//!
//! An index that exists, was built with this schema and has a manifest is updated in place:
//! only files that are new, changed or gone are touched, and tantivy's commit makes the
//! update visible all at once. Otherwise (`--rebuild`, a new schema, no index yet) the whole
//! index is written beside the old one and swapped in when complete. Either way a build that
//! fails or is killed leaves the previous index searchable, and one `baogao index` at a time
//! holds the index's lock.

use std::path::Path;
use std::time::{Instant, SystemTime, UNIX_EPOCH};
use tantivy::indexer::{IndexWriterOptions, LogMergePolicy};
use tantivy::store::{Compressor, ZstdCompressor};
use tantivy::{Index, IndexSettings, IndexWriter};

use super::diff::{updatable, Diff};
use super::document::{delete_file, index_file, FileOutcome};
use super::error::{io_error, tantivy_error, BuildError};
use super::lock::IndexLock;
use super::manifest::{Manifest, MANIFEST_FILE};
use super::meta::{IndexMeta, META_FILE};
use super::parallel::in_order;
use super::statistics::field_tokens;
use super::swap::{ensure_replaceable, recover_leftovers, staging_dir, swap_in, RemoveOnDrop};
use crate::corpus::{find_report_files, CorpusFile, ReadOptions, SkipKind, Skipped, Walk};
use crate::schema::IndexSchema;
use crate::tokenize;

/// Size of a compressed block of stored passages (tantivy's default).
const DOCSTORE_BLOCK_BYTES: usize = 16 * 1024;

/// Memory the writer may use for each indexing thread before it flushes a segment.
const WRITER_BUDGET_PER_THREAD: usize = 128 * 1024 * 1024;

/// Segments merge four at a time, one merge at a time, and a segment of this many passages
/// (about 400 MB of corpus) merges no more: a merge reads its segments through memory maps,
/// which count in the process's memory, so this bounds the peak however large the corpus
/// (tantivy's defaults, eight segments and four merges at once, peaked at 1067 MiB on 1 GB).
const MERGE_SEGMENTS: usize = 4;
const MERGED_SEGMENT_DOCS: usize = 400_000;

/// How to build.
#[derive(Debug, Clone, Copy)]
pub struct BuildOptions {
    /// Indexing threads.
    pub threads: usize,
    /// Build the whole index even when it could be updated.
    pub rebuild: bool,
    /// Wait for another `baogao index` on the same index instead of failing.
    pub wait: bool,
    /// How files are read (the size limit).
    pub read: ReadOptions,
}

/// How far a build is, reported after each file read.
#[derive(Debug, Clone, Copy, Default)]
pub struct Progress {
    /// Files read so far, of those this run reads.
    pub files_done: usize,
    pub files_total: usize,
    /// Bytes of the files read so far.
    pub bytes_done: u64,
}

/// What a build did.
#[derive(Debug, Clone, Default)]
pub struct BuildSummary {
    /// Why the whole index was built, when it was; None when it was updated in place.
    pub full_build: Option<String>,
    pub added: usize,
    pub changed: usize,
    pub removed: usize,
    pub unchanged: usize,
    /// What the index holds now.
    pub files: usize,
    pub reports: usize,
    pub passages: usize,
    /// Passages written by this run.
    pub passages_written: usize,
    /// Lines dropped as web boilerplate, in the files read by this run.
    pub boilerplate_lines: usize,
    /// Files and folders that were not indexed, with the reason.
    pub skipped: Vec<Skipped>,
    /// Problems that did not stop a file from being indexed (a bad override sidecar), and
    /// notes (a stale lock taken over).
    pub warnings: Vec<String>,
    /// Files of other kinds in the corpus, left alone.
    pub other_files: usize,
    pub seconds: f64,
}

/// Builds or updates the index of the corpus at `corpus` in `index_dir`.
/// `on_progress` hears of each file read; with [`BuildOptions::wait`], `on_wait` hears of
/// the run holding the index's lock (its PID, the lock file) before this one waits for it.
pub fn build_index(
    corpus: &Path,
    index_dir: &Path,
    options: BuildOptions,
    on_progress: &mut dyn FnMut(Progress),
    on_wait: &mut dyn FnMut(&str, &Path),
) -> Result<BuildSummary, BuildError> {
    let started = Instant::now();
    let schema = IndexSchema::embedded()?;
    let walk = find_report_files(corpus, Some(index_dir))?;
    if walk.files.is_empty() {
        return Err(BuildError::NoReports {
            dir: corpus.to_path_buf(),
            other_files: walk.other_files,
            skipped: walk.skipped,
        });
    }
    let corpus_root = corpus
        .canonicalize()
        .map_err(io_error(format!("resolving `{}`", corpus.display())))?;
    let index_dir = std::path::absolute(index_dir)
        .map_err(io_error(format!("resolving `{}`", index_dir.display())))?;
    let lock = IndexLock::acquire(&index_dir, options.wait, on_wait)?;
    recover_leftovers(&index_dir)?;
    ensure_replaceable(&index_dir, options.rebuild)?;

    let mut summary = BuildSummary {
        other_files: walk.other_files,
        ..BuildSummary::default()
    };
    if let Some(pid) = &lock.stale_pid {
        summary.warnings.push(format!(
            "a previous `baogao index` (PID {pid}) did not finish; its leftovers were cleaned up"
        ));
    }
    let job = Job {
        schema: &schema,
        walk: &walk,
        corpus_root: &corpus_root,
        index_dir: &index_dir,
        options,
    };
    match plan(&index_dir, &schema, &corpus_root, options.rebuild) {
        Plan::Update(manifest) => update(&job, manifest, &mut summary, on_progress)?,
        Plan::Full(reason) => {
            summary.full_build = Some(reason);
            full(&job, &mut summary, on_progress)?
        }
    }
    summary.seconds = started.elapsed().as_secs_f64();
    drop(lock);
    Ok(summary)
}

/// What one build works on.
struct Job<'a> {
    schema: &'a IndexSchema,
    walk: &'a Walk,
    corpus_root: &'a Path,
    index_dir: &'a Path,
    options: BuildOptions,
}

/// Whether the index can be updated in place, or why it must be built whole.
enum Plan {
    Update(Manifest),
    Full(String),
}

fn plan(index_dir: &Path, schema: &IndexSchema, corpus_root: &Path, rebuild: bool) -> Plan {
    if rebuild && index_dir.join(META_FILE).exists() {
        return Plan::Full("--rebuild".to_string());
    }
    match updatable(index_dir, schema, corpus_root) {
        Ok(manifest) => Plan::Update(manifest),
        Err(whole) => Plan::Full(whole.build_reason()),
    }
}

/// The whole index, written into a staging folder and swapped in.
fn full(
    job: &Job,
    summary: &mut BuildSummary,
    on_progress: &mut dyn FnMut(Progress),
) -> Result<(), BuildError> {
    let staging = staging_dir(job.index_dir);
    let _cleanup = RemoveOnDrop(staging.clone());
    if staging.exists() {
        std::fs::remove_dir_all(&staging)
            .map_err(io_error(format!("removing `{}`", staging.display())))?;
    }
    std::fs::create_dir_all(&staging)
        .map_err(io_error(format!("creating `{}`", staging.display())))?;
    let index = Index::builder()
        .schema(job.schema.schema.clone())
        .settings(index_settings())
        .create_in_dir(&staging)
        .map_err(tantivy_error(format!(
            "creating an index in `{}`",
            staging.display()
        )))?;
    tokenize::register(&index);
    let writer = writer(&index, job.options.threads)?;
    let mut manifest = Manifest {
        schema_fingerprint: job.schema.fingerprint.clone(),
        ..Manifest::default()
    };
    let mut progress = Progress {
        files_total: job.walk.files.len(),
        ..Progress::default()
    };
    in_order(
        &job.walk.files,
        job.options.threads,
        |file| index_file(&writer, &job.schema.fields, file, &job.options.read),
        |file, outcome| {
            record_file(job, file, outcome, &mut manifest, summary)?;
            summary.added += 1;
            report_progress(&mut progress, &manifest, file, on_progress);
            Ok(())
        },
    )?;
    summary
        .skipped
        .splice(0..0, job.walk.skipped.iter().cloned());
    finish(
        &index,
        writer,
        &staging,
        job.corpus_root,
        job.schema,
        &manifest,
        summary,
    )?;
    swap_in(&staging, job.index_dir)
}

/// The index updated in place: new and changed files re-read, removed ones deleted.
fn update(
    job: &Job,
    mut manifest: Manifest,
    summary: &mut BuildSummary,
    on_progress: &mut dyn FnMut(Progress),
) -> Result<(), BuildError> {
    let diff = Diff::of(job.walk, &manifest, &job.options.read);
    summary.unchanged = diff.unchanged.len();
    for (file, state) in &diff.touched {
        if let Some(record) = manifest.files.get_mut(&file.relative) {
            record.state = *state;
        }
    }
    summary.skipped.extend(job.walk.skipped.iter().cloned());
    for file in &diff.unchanged {
        if let Some(record) = manifest.files.get(&file.relative) {
            if let Some(reason) = &record.skipped {
                summary.skipped.push(Skipped {
                    path: file.path.clone(),
                    kind: record.skip_kind.unwrap_or(SkipKind::Unreadable),
                    reason: format!("{reason} (unchanged since the last run)"),
                });
            }
        }
    }
    if diff.is_empty() {
        fill_totals(&manifest, summary);
        if !diff.touched.is_empty() {
            manifest.write(job.index_dir).map_err(io_error(format!(
                "writing `{}`",
                job.index_dir.join(MANIFEST_FILE).display()
            )))?;
        }
        return Ok(());
    }
    let index = Index::open_in_dir(job.index_dir).map_err(tantivy_error(format!(
        "opening the index in `{}`",
        job.index_dir.display()
    )))?;
    tokenize::register(&index);
    let writer = writer(&index, job.options.threads)?;
    for path in &diff.removed {
        delete_file(&writer, &job.schema.fields, path);
        manifest.files.remove(path);
        summary.removed += 1;
    }
    let mut progress = Progress {
        files_total: diff.added.len() + diff.changed.len(),
        ..Progress::default()
    };
    let work: Vec<(&CorpusFile, bool)> = (diff.added.iter().map(|&file| (file, true)))
        .chain(diff.changed.iter().map(|&file| (file, false)))
        .collect();
    in_order(
        &work,
        job.options.threads,
        |(file, _)| {
            // Deleting first makes a file indexed by a run that was killed before it wrote
            // the manifest come out once, not twice.
            delete_file(&writer, &job.schema.fields, &file.relative);
            index_file(&writer, &job.schema.fields, file, &job.options.read)
        },
        |&(file, added), outcome| {
            record_file(job, file, outcome, &mut manifest, summary)?;
            if added {
                summary.added += 1;
            } else {
                summary.changed += 1;
            }
            report_progress(&mut progress, &manifest, file, on_progress);
            Ok(())
        },
    )?;
    finish(
        &index,
        writer,
        job.index_dir,
        job.corpus_root,
        job.schema,
        &manifest,
        summary,
    )
}

/// Records what indexing one file did in the manifest and the summary.
fn record_file(
    job: &Job,
    file: &CorpusFile,
    outcome: FileOutcome,
    manifest: &mut Manifest,
    summary: &mut BuildSummary,
) -> Result<(), BuildError> {
    // A file that vanished because its whole corpus folder did (unmounted, moved, deleted)
    // ends the run: committing would replace a good index with a fragment of it.
    if outcome.record.skip_kind == Some(SkipKind::Unreadable) && !job.corpus_root.is_dir() {
        return Err(BuildError::CorpusGone(job.corpus_root.to_path_buf()));
    }
    if let Some(reason) = &outcome.record.skipped {
        summary.skipped.push(Skipped {
            path: file.path.clone(),
            kind: outcome.record.skip_kind.unwrap_or(SkipKind::Unreadable),
            reason: reason.clone(),
        });
    }
    summary.passages_written += outcome.record.passages;
    summary.boilerplate_lines += outcome.boilerplate_lines;
    summary.warnings.extend(outcome.warnings);
    manifest.files.insert(file.relative.clone(), outcome.record);
    Ok(())
}

fn report_progress(
    progress: &mut Progress,
    manifest: &Manifest,
    file: &CorpusFile,
    on_progress: &mut dyn FnMut(Progress),
) {
    progress.files_done += 1;
    progress.bytes_done += manifest
        .files
        .get(&file.relative)
        .map_or(0, |record| record.state.size);
    on_progress(*progress);
}

/// Commits the writer, then writes `baogao.json` and the manifest into `dir`.
fn finish(
    index: &Index,
    mut writer: IndexWriter,
    dir: &Path,
    corpus_root: &Path,
    schema: &IndexSchema,
    manifest: &Manifest,
    summary: &mut BuildSummary,
) -> Result<(), BuildError> {
    // Committing an index in which no file could be read would replace a good one with
    // nothing.
    if manifest
        .files
        .values()
        .all(|record| record.skipped.is_some())
    {
        return Err(BuildError::NothingIndexed {
            dir: corpus_root.to_path_buf(),
            files: manifest.files.len(),
            skipped: std::mem::take(&mut summary.skipped),
        });
    }
    writer
        .commit()
        .map_err(tantivy_error("committing the index"))?;
    // Merges finish before the process ends, so that the folder is left as committed.
    writer
        .wait_merging_threads()
        .map_err(tantivy_error("merging index segments"))?;
    fill_totals(manifest, summary);
    let meta = IndexMeta {
        baogao_version: env!("CARGO_PKG_VERSION").to_string(),
        schema_fingerprint: schema.fingerprint.clone(),
        corpus_root: corpus_root.to_path_buf(),
        files: summary.files,
        reports: summary.reports,
        passages: summary.passages,
        built_at: SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .map_or(0, |d| d.as_secs()),
        field_tokens: field_tokens(index, &schema.schema)
            .map_err(tantivy_error("counting the index's words"))?,
    };
    manifest.write(dir).map_err(io_error(format!(
        "writing `{}`",
        dir.join(MANIFEST_FILE).display()
    )))?;
    meta.write(dir).map_err(io_error(format!(
        "writing `{}`",
        dir.join(META_FILE).display()
    )))
}

/// The index's totals, from the manifest.
fn fill_totals(manifest: &Manifest, summary: &mut BuildSummary) {
    let indexed = manifest.files.values().filter(|r| r.skipped.is_none());
    summary.files = indexed.clone().count();
    summary.reports = indexed.clone().map(|r| r.reports).sum();
    summary.passages = indexed.map(|r| r.passages).sum();
}

/// A writer with `threads` indexing threads, one merge at a time (see [`MERGE_SEGMENTS`]).
fn writer(index: &Index, threads: usize) -> Result<IndexWriter, BuildError> {
    let options = IndexWriterOptions::builder()
        .num_worker_threads(threads.max(1))
        .memory_budget_per_thread(WRITER_BUDGET_PER_THREAD)
        .num_merge_threads(1)
        .build();
    let writer = index
        .writer_with_options(options)
        .map_err(tantivy_error("starting the index writer"))?;
    let mut policy = LogMergePolicy::default();
    policy.set_min_num_segments(MERGE_SEGMENTS);
    policy.set_max_docs_before_merge(MERGED_SEGMENT_DOCS);
    writer.set_merge_policy(Box::new(policy));
    Ok(writer)
}

/// The stored passages compressed with zstd (passages of one report repeat its title and
/// headings), in blocks of tantivy's default size: a search reads up to a hundred passages,
/// and a larger block costs each read more decompression (64 KiB blocks: index 2.08× the
/// corpus instead of 2.18×, but in-process search p50 13.7 ms instead of 4.7 ms on 100M).
fn index_settings() -> IndexSettings {
    IndexSettings {
        docstore_compression: Compressor::Zstd(ZstdCompressor::default()),
        docstore_blocksize: DOCSTORE_BLOCK_BYTES,
        ..IndexSettings::default()
    }
}
