//! One report file into the index: read once (bytes hashed for the manifest, then decoded),
//! cut into reports and passages, each passage a tantivy document.

use tantivy::{IndexWriter, TantivyDocument, Term};

use super::error::{tantivy_error, BuildError};
use super::manifest::{fnv1a, hash_bytes, FileRecord, FileState};
use crate::corpus::{
    document_of, read_bytes, read_sidecar, sidecar_path, CorpusFile, ReadError, ReadOptions,
};
use crate::dates::to_datetime;
use crate::error_text::with_causes;
use crate::report::{parse_document, Overrides, Report};
use crate::schema::facet::{region_value, year_value};
use crate::schema::{FacetName, Fields};

/// What indexing one file did.
pub struct FileOutcome {
    pub record: FileRecord,
    pub boilerplate_lines: usize,
    /// Problems that did not stop the file from being indexed (a bad override sidecar).
    pub warnings: Vec<String>,
}

/// Deletes every passage of the file at corpus-relative `relative` (none is fine).
pub fn delete_file(writer: &IndexWriter, fields: &Fields, relative: &str) {
    writer.delete_term(Term::from_field_text(fields.path, relative));
}

/// Reads `file` and adds its passages to `writer`. A file that cannot be read or decoded is
/// recorded as skipped, with the reason, and adds nothing.
pub fn index_file(
    writer: &IndexWriter,
    fields: &Fields,
    file: &CorpusFile,
    read: &ReadOptions,
) -> Result<FileOutcome, BuildError> {
    // The sidecar is read once: hashed for the manifest, parsed for the report stage.
    let sidecar = read_sidecar(&file.path);
    let sidecar_record = match &sidecar {
        Ok(Some(sidecar)) => FileState::of(&sidecar.path)
            .ok()
            .map(|state| (state, hash_bytes(&sidecar.bytes))),
        _ => None,
    };
    let skipped = |state: FileState, hash: String, err: ReadError| FileOutcome {
        record: FileRecord {
            state,
            hash,
            sidecar: sidecar_record.clone(),
            reports: 0,
            passages: 0,
            skipped: Some(with_causes(&err)),
            skip_kind: Some(err.kind()),
        },
        boilerplate_lines: 0,
        warnings: Vec::new(),
    };
    let state = match FileState::of(&file.path) {
        Ok(state) => state,
        Err(err) => {
            let unknown = FileState {
                size: 0,
                modified_ns: 0,
            };
            return Ok(skipped(unknown, String::new(), ReadError::Io(err)));
        }
    };
    let bytes = match read_bytes(&file.path, read.max_file_size) {
        Ok(bytes) => bytes,
        Err(err) => return Ok(skipped(state, String::new(), err)),
    };
    let hash = hash_bytes(&bytes);
    let source = match document_of(bytes, file.format, read) {
        Ok(source) => source,
        Err(err) => return Ok(skipped(state, hash, err)),
    };
    let mut warnings: Vec<String> = source
        .warnings
        .iter()
        .map(|warning| format!("indexed `{}` in part: {warning}", file.path.display()))
        .collect();
    let overrides = match &sidecar {
        Ok(None) => None,
        Ok(Some(sidecar)) => Overrides::parse(sidecar)
            .map_err(|err| warnings.push(format!("override ignored: {err}")))
            .ok(),
        Err(err) => {
            let path = sidecar_path(&file.path);
            warnings.push(format!(
                "override ignored: {}: cannot read it: {err}",
                path.display()
            ));
            None
        }
    };
    let declared = source.extracted.title.as_deref();
    let mut parsed = parse_document(source.text(), file_name(&file.relative), declared);
    if parsed.reports.is_empty() {
        // Nothing but chrome: say so, rather than count a file that holds no passage.
        let lines = parsed.boilerplate_lines;
        return Ok(skipped(state, hash, ReadError::OnlyBoilerplate { lines }));
    }
    let (mut reports, mut passages) = (0, 0);
    for report in &mut parsed.reports {
        if let Some(overrides) = &overrides {
            if let Err(err) = overrides.apply(report.number, report) {
                warnings.push(format!("override ignored: {err}"));
            }
        }
        // `path:N` is the file's line (or a .docx paragraph), not the extracted text's.
        for passage in &mut report.passages {
            passage.line = source.number_of_line(passage.line);
        }
        for document in documents(fields, &file.relative, report) {
            writer
                .add_document(document)
                .map_err(tantivy_error(format!("indexing `{}`", file.path.display())))?;
        }
        reports += 1;
        passages += report.passages.len();
    }
    Ok(FileOutcome {
        record: FileRecord {
            state,
            hash,
            sidecar: sidecar_record,
            reports,
            passages,
            skipped: None,
            skip_kind: None,
        },
        boilerplate_lines: parsed.boilerplate_lines,
        warnings,
    })
}

/// The tantivy documents of one report's passages.
fn documents<'a>(
    fields: &'a Fields,
    relative: &'a str,
    report: &'a Report,
) -> impl Iterator<Item = TantivyDocument> + 'a {
    let metadata = &report.metadata;
    let year = FacetName::Year.facet(&year_value(metadata.year));
    let kind = FacetName::Kind.facet(metadata.kind.label());
    let level = FacetName::Level.facet(metadata.level.label());
    let region = FacetName::Region.facet(&region_value(metadata.region.as_deref()));
    report
        .passages
        .iter()
        .enumerate()
        .map(move |(ordinal, passage)| {
            let mut document = TantivyDocument::default();
            document.add_text(fields.text, &passage.text);
            document.add_text(fields.grams, &passage.text);
            document.add_text(fields.title, &report.title);
            document.add_text(fields.heading, &passage.heading);
            document.add_text(fields.path, relative);
            document.add_u64(fields.line, passage.line as u64);
            document.add_u64(fields.passage, ordinal as u64);
            document.add_u64(fields.report, report.number as u64);
            document.add_u64(fields.tiebreak, tiebreak(relative, report.number, ordinal));
            document.add_facet(fields.year, year.clone());
            if let Some(year) = metadata.year {
                document.add_u64(fields.year_value, u64::from(year));
            }
            document.add_facet(fields.kind, kind.clone());
            document.add_facet(fields.level, level.clone());
            document.add_facet(fields.region, region.clone());
            if let Some(org) = &metadata.org {
                document.add_text(fields.org, org);
            }
            if let Some(published) = metadata.published {
                document.add_date(fields.published, to_datetime(published));
            }
            document
        })
}

/// The tie-break key of a passage: 32 bits of FNV-1a over its path, report and position.
fn tiebreak(relative: &str, report: usize, passage: usize) -> u64 {
    fnv1a(format!("{relative}\0{report}\0{passage}").as_bytes()) >> 32
}

/// The file name of a corpus-relative path.
fn file_name(relative: &str) -> &str {
    relative.rsplit('/').next().unwrap_or(relative)
}
