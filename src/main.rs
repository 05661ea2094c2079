//! `baogao`: search a folder of Chinese reports from the terminal.

use clap::{CommandFactory, Parser, Subcommand};
use std::process::ExitCode;

use baogao::cli;

/// Full-text search for folders of Chinese reports (工作总结, 政府工作报告, 计划 …):
/// index them once, then search ranked passages by word, phrase and year.
#[derive(Debug, Parser)]
#[command(name = "baogao", version, about, long_about = None)]
#[command(
    after_help = "Start with:\n  baogao index corpus\n  baogao search 医共体 --year 2024\n  baogao show corpus/001_d67ff23fbbb9576f.txt:18\n  baogao trend 医共体\n  baogao stats\n  baogao reports --year unknown"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Build the index of a folder of reports
    Index(cli::index::IndexArgs),
    /// Search the index: ranked passages with path:line, title, year and snippet
    Search(cli::search::SearchArgs),
    /// Show the passage at PATH:LINE with its neighbours and headings, as indexed
    Show(cli::show::ShowArgs),
    /// Count hits and reports per year for a query, as a bar chart
    Trend(cli::trend::TrendArgs),
    /// What the index holds: files, reports, passages per year, kind, level, region
    Stats(cli::stats::StatsArgs),
    /// List every report with what was understood of it: title, year, kind, level, region, org
    Reports(cli::reports::ReportsArgs),
    /// Print every passage of the index as NDJSON (one JSON object a line)
    Export(cli::export::ExportArgs),
    /// Load the index's passages into an OpenSearch cluster index (incrementally)
    Push(cli::push::PushArgs),
    /// Print shell completions (bash, zsh, fish, elvish, powershell)
    #[command(hide = true)]
    Completions(cli::completions::CompletionsArgs),
    /// Print the man page
    #[command(hide = true)]
    Man(cli::completions::ManArgs),
    /// Say why a command reading the index aborted (run by that command, in its place)
    #[command(hide = true, name = baogao::guard::AFTER_ABORT)]
    AfterAbort(AfterAbortArgs),
}

#[derive(Debug, clap::Args)]
struct AfterAbortArgs {
    #[arg(long)]
    index: std::path::PathBuf,
}

fn main() -> ExitCode {
    let outcome = match Cli::parse_from(excluded_words_last(std::env::args_os())).command {
        Command::Index(args) => {
            cli::writing_index(&args.location.dir.clone(), || cli::index::run(args))
        }
        Command::Search(args) => {
            cli::reading_index(&args.read.location.dir.clone(), || cli::search::run(args))
        }
        Command::Show(args) => {
            cli::reading_index(&args.location.dir.clone(), || cli::show::run(args))
        }
        Command::Trend(args) => {
            cli::reading_index(&args.read.location.dir.clone(), || cli::trend::run(args))
        }
        Command::Stats(args) => {
            cli::reading_index(&args.read.location.dir.clone(), || cli::stats::run(args))
        }
        Command::Reports(args) => {
            cli::reading_index(&args.read.location.dir.clone(), || cli::reports::run(args))
        }
        Command::Export(args) => {
            cli::reading_index(&args.location.dir.clone(), || cli::export::run(args))
        }
        Command::Push(args) => {
            cli::reading_index(&args.location.dir.clone(), || cli::push::run(args))
        }
        Command::Completions(args) => cli::completions::run_completions(args, Cli::command()),
        Command::Man(args) => cli::completions::run_man(args, Cli::command()),
        Command::AfterAbort(args) => cli::after_abort(&args.index),
    };
    outcome.unwrap_or_else(|err| {
        if cli::is_broken_pipe(&err) {
            return ExitCode::SUCCESS;
        }
        eprintln!(
            "baogao: error: {}",
            baogao::render::terminal_safe(&baogao::error_text::with_causes(err.as_ref()))
        );
        ExitCode::from(2)
    })
}

/// `baogao search 疫情 -新冠 --year 2021`: clap would read `-新冠` as a flag. A word of the
/// query of `search` or `trend` that starts with `-` and then a non-ASCII character, a digit or a quote is moved
/// after `--`, where clap takes it as part of the query; the order of AND-ed words does not
/// change the results. Latin words (`-HPV`) still need the user's own `--`, as clap says.
///
/// clap's own `allow_hyphen_values` on the query does not do: the query takes one or more
/// words, so with it every argument after the first word, `--year 2021` included, would be
/// swallowed as words of the query.
fn excluded_words_last(args: impl Iterator<Item = std::ffi::OsString>) -> Vec<std::ffi::OsString> {
    let mut args: Vec<_> = args.collect();
    let command_at = args
        .iter()
        .skip(1)
        .position(|arg| !arg.to_string_lossy().starts_with('-'));
    let Some(search_at) = command_at
        .map(|i| i + 1)
        .filter(|&i| args[i] == "search" || args[i] == "trend")
    else {
        return args;
    };
    let end = args
        .iter()
        .position(|arg| arg == "--")
        .unwrap_or(args.len());
    let is_excluded_word = |arg: &std::ffi::OsString| {
        let text = arg.to_string_lossy();
        let mut chars = text.chars();
        chars.next() == Some('-')
            && chars
                .next()
                .is_some_and(|c| !c.is_ascii() || c.is_ascii_digit() || c == '"')
    };
    let moved: Vec<_> = (search_at + 1..end)
        .filter(|&i| is_excluded_word(&args[i]))
        .collect();
    if moved.is_empty() {
        return args;
    }
    let words: Vec<_> = moved.iter().map(|&i| args[i].clone()).collect();
    for &i in moved.iter().rev() {
        args.remove(i);
    }
    if !args.iter().any(|arg| arg == "--") {
        args.push("--".into());
    }
    args.extend(words);
    args
}

#[cfg(test)]
mod tests {
    use super::excluded_words_last;

    fn moved(args: &[&str]) -> Vec<String> {
        excluded_words_last(args.iter().map(std::ffi::OsString::from))
            .into_iter()
            .map(|arg| arg.to_string_lossy().into_owned())
            .collect()
    }

    #[test]
    fn excluded_words_of_a_query_move_after_a_double_dash() {
        assert_eq!(
            moved(&["baogao", "search", "疫情", "-新冠", "--year", "2021"]),
            ["baogao", "search", "疫情", "--year", "2021", "--", "-新冠"]
        );
        assert_eq!(
            moved(&["baogao", "trend", "疫情", "-\"新冠 肺炎\"", "--", "x"]),
            // After the user's own `--` words too: the order of AND-ed words is no matter.
            ["baogao", "trend", "疫情", "--", "x", "-\"新冠 肺炎\""]
        );
    }

    #[test]
    fn flags_latin_words_and_other_commands_are_left_alone() {
        for args in [
            &["baogao", "search", "疫情", "-n", "5"][..],
            &["baogao", "search", "疫情", "-HPV"],
            &["baogao", "show", "-新冠"],
            &["baogao", "index", "corpus"],
        ] {
            assert_eq!(moved(args), args);
        }
    }
}
