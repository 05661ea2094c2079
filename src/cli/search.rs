//! `baogao search QUERY`: ranked passages with path:line, title, year, heading and snippet.

use anyhow::Result;
use std::io::{BufWriter, Write};
use std::process::ExitCode;

use super::filters::FilterArgs;
use super::queries::QueryArgs;
use super::remote::{ReadArgs, Source};
use crate::render::style::{paint, BOLD};
use crate::render::{
    display_path, write_csv_header, write_csv_hits, write_files, write_json, write_json_array,
    write_json_line, write_plain,
};
use crate::search::{search_stream, FacetName, SearchRequest, SortKey};

/// Arguments of `baogao search`.
#[derive(Debug, clap::Args)]
#[command(
    after_help = "Query syntax (NOT binds tightest, then AND, then OR, as in Lucene):\n  医共体 建设               both words (AND is the default; `医共体 AND 建设` too)\n  医共体 OR 医联体          either word\n  疫情 -新冠, 疫情 NOT 新冠  疫情 but not 新冠\n  (医共体 OR 医联体) 建设   parentheses group\n  \"家庭医生签约\"             the exact phrase\n  \"医共体 建设\"~10           both within 10 characters, either order\n  医共*                     jieba words starting with 医共 (医共体, …)\n  title:东安县  heading:医改  text:医改   only in the report title, the headings, the passage\n  year:2020..2022 kind:plan level:county region:东安县 published:2023-01-01..2023-06-30\n                            filters, as the options of the same names\nA plain word matches wherever the passage holds it, even inside a longer word (生院 in 卫生院);\nabbreviations also find their full forms (医改 → 医药卫生体制改革) unless --exact.\nWith -w, as grep -w, only whole words: where jieba cut the text into that word (-w 卫生 skips 卫生院).\n\nExamples:\n  baogao search 医共体 --year 2024\n  baogao search '(医共体 OR 医联体) 建设 -新冠' --sort year --reverse\n  baogao search '\"医共体 建设\"~10 kind:annual-summary'\n  baogao search 手足口病 --year 2019..2021 --limit 5\n  baogao search 卫生院 --region 东安县,白碱滩区 --facet region,kind -n 3\n  baogao search 医共体 -l\n  baogao search 医共体 -c\n  baogao search 家庭医生 -w\n  baogao search -f examples/topics.txt -l\n  baogao search 医共体 --csv -n 1000 > 医共体.csv\n  baogao search '\"家庭医生签约\"' --json | jq '.hits[].path'\n\nExit status: 0 when something was found, 1 when nothing was, 2 on an error."
)]
pub struct SearchArgs {
    #[command(flatten)]
    pub query: QueryArgs,
    #[command(flatten)]
    pub filters: FilterArgs,
    /// Count hits per value of these facets: year, kind, level, region (year is counted unless
    /// others are named)
    #[arg(long, value_name = "FACET", value_delimiter = ',', value_parser = facet_name)]
    pub facet: Vec<FacetName>,
    /// How many passages to show
    #[arg(long, short = 'n', value_name = "N", default_value_t = 10)]
    pub limit: usize,
    /// At most N passages of one report (0: no limit)
    #[arg(long, value_name = "N", default_value_t = 2)]
    pub per_report: usize,
    /// Order of the hits: relevance, or every match by year, publication date or path
    #[arg(long, value_name = "KEY", value_enum, default_value_t = SortKey::Score)]
    pub sort: SortKey,
    /// Reverse the order of --sort (newest first with --sort year)
    #[arg(long)]
    pub reverse: bool,
    /// Print only the files with a match, one per line
    #[arg(short = 'l', long, conflicts_with_all = ["count", "json", "csv", "json_lines"])]
    pub files_with_matches: bool,
    /// Print each file with a match and its number of hits, `path:count`
    #[arg(short = 'c', long, conflicts_with_all = ["json", "csv", "json_lines"])]
    pub count: bool,
    /// Print one JSON object instead of text (with -f: an array of them)
    #[arg(long, conflicts_with_all = ["csv", "json_lines"])]
    pub json: bool,
    /// Print CSV for spreadsheets: a header row, one row per hit (UTF-8 with BOM)
    #[arg(long, conflicts_with = "json_lines")]
    pub csv: bool,
    /// Print one JSON object per hit and line, as each is ready
    #[arg(long)]
    pub json_lines: bool,
    #[command(flatten)]
    pub read: ReadArgs,
}

/// Runs `baogao search`; exit 0 with hits, 1 without.
pub fn run(args: SearchArgs) -> Result<ExitCode> {
    let queries = args.query.queries()?;
    let source = args.read.source()?;
    let corpus_root = source.corpus_root();
    let filters = args.filters.filters()?;
    let mut facets = args.facet.clone();
    if facets.is_empty() {
        facets.push(FacetName::Year);
    }
    facets.sort();
    facets.dedup();
    let cwd = std::env::current_dir().ok();
    let display = |relative: &str| display_path(&corpus_root, relative, cwd.as_deref());
    let color = args.read.color.enabled();
    let several = args.query.several();
    let mut out = BufWriter::new(std::io::stdout().lock());
    let mut found = false;
    let mut sets = Vec::new();
    let mut written: std::io::Result<()> = Ok(());
    if args.csv {
        written = write_csv_header(&mut out, several);
    }
    for (i, query) in queries.iter().enumerate() {
        if written.is_err() {
            break;
        }
        if several && !args.json && !args.csv && !args.json_lines {
            // The query is escaped for the terminal; the blank line between sets is not.
            let gap = if i > 0 { "\n" } else { "" };
            let header = format!("# {query}");
            written = writeln!(out, "{gap}{}", paint(color, BOLD, &header));
            if written.is_err() {
                break;
            }
        }
        if args.files_with_matches || args.count {
            let files = source.hits_per_file(query, &filters, args.filters.exact)?;
            found |= !files.is_empty();
            written = write_files(&mut out, &files, &display, args.count, color);
            continue;
        }
        let request = SearchRequest {
            query: query.clone(),
            filters: filters.clone(),
            limit: args.limit,
            per_report: args.per_report,
            exact: args.filters.exact,
            facets: facets.clone(),
            sort: args.sort,
            reverse: args.reverse,
        };
        if let (Source::Local(open), true) = (&source, args.csv || args.json_lines) {
            // Each hit written as it is read: an export of any size is never held.
            let mut stream = search_stream(open, &request)?;
            found |= stream.total_hits > 0;
            for hit in stream.by_ref() {
                let hit = hit?;
                written = if args.csv {
                    let query = several.then_some(query.as_str());
                    write_csv_hits(&mut out, query, std::slice::from_ref(&hit), &display)
                } else {
                    write_json_line(&mut out, query, &hit, &display)
                };
                if written.is_err() {
                    break;
                }
            }
            continue;
        }
        let results = source.search(&request)?;
        found |= results.total_hits > 0;
        written = if args.json {
            if !several {
                write_json(&mut out, query, &results, &display)
            } else {
                sets.push((query.clone(), results));
                Ok(())
            }
        } else {
            write_plain(&mut out, &results, &display, color)
        };
    }
    if several && args.json && written.is_ok() {
        written = write_json_array(&mut out, &sets, &display);
    }
    written.and_then(|()| out.flush())?;
    Ok(if found {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    })
}

/// A `--facet` name: year, kind, level or region.
fn facet_name(text: &str) -> Result<FacetName, String> {
    FacetName::of_name(text).ok_or_else(|| {
        let names: Vec<_> = FacetName::ALL
            .iter()
            .map(|facet| facet.field_name())
            .collect();
        format!("expected one of {}", names.join(", "))
    })
}
