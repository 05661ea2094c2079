//! Every command's `--help` shows examples, and every example runs on the bundled corpus.

mod common;

use common::{baogao, corpus_index, stderr_of, stdout_of};
use std::path::Path;

const COMMANDS: [&str; 8] = [
    "index",
    "search",
    "show",
    "trend",
    "stats",
    "reports",
    "completions",
    "man",
];

fn help_of(command: Option<&str>) -> String {
    let mut cmd = baogao();
    cmd.args(command).arg("--help");
    stdout_of(&cmd.assert().success())
}

/// The example lines of a help text: `baogao …` or `VAR=… baogao …`.
fn examples(help: &str) -> Vec<String> {
    help.lines()
        .map(str::trim)
        .filter(|line| {
            line.starts_with("baogao ")
                || line
                    .split_once(' ')
                    .is_some_and(|(env, rest)| env.contains('=') && rest.starts_with("baogao "))
        })
        .map(str::to_string)
        .collect()
}

/// An example's words as a shell would pass them, up to a pipe, a redirection or a comment.
fn words(example: &str) -> Vec<String> {
    let mut words = Vec::new();
    let mut word = String::new();
    let mut quote = None;
    let mut in_word = false;
    for c in example.chars() {
        match (quote, c) {
            (Some(q), c) if c == q => quote = None,
            (Some(_), c) => word.push(c),
            (None, '\'' | '"') => {
                quote = Some(c);
                in_word = true;
            }
            (None, c) if c.is_whitespace() => {
                if in_word {
                    words.push(std::mem::take(&mut word));
                    in_word = false;
                }
            }
            (None, '|' | '>' | '#') if !in_word => break,
            (None, c) => {
                word.push(c);
                in_word = true;
            }
        }
    }
    if in_word {
        words.push(word);
    }
    words
}

/// Runs an example with its index (and any folder it writes) moved into `scratch`; the index
/// it searches is `index`, or for `baogao index` one in `scratch`, built first, so that
/// `--check` and updates have an index to look at.
fn run_example(example: &str, index: &Path, scratch: &Path) -> assert_cmd::assert::Assert {
    let mut words = words(example).into_iter().peekable();
    let mut command = baogao();
    let builds = example.contains("baogao index");
    let index = if builds {
        let own = scratch.join("index");
        common::index_into(&common::corpus_dir(), &own).success();
        own
    } else {
        index.to_path_buf()
    };
    command.env("BAOGAO_INDEX", &index);
    while let Some(word) = words.next_if(|w| w.contains('=') && !w.starts_with('-')) {
        if let Some((name, value)) = word.split_once('=') {
            let value = if name == "BAOGAO_INDEX" {
                index.display().to_string()
            } else {
                value.to_string()
            };
            command.env(name, value);
        }
    }
    assert_eq!(words.next().as_deref(), Some("baogao"), "{example}");
    while let Some(word) = words.next() {
        command.arg(&word);
        match word.as_str() {
            "--index" => {
                words.next();
                command.arg(&index);
            }
            "--out" => {
                words.next();
                command.arg(scratch.join("out"));
            }
            _ => {}
        }
    }
    command.assert()
}

#[test]
fn every_command_shows_examples_in_its_help() {
    let main = help_of(None);
    assert!(examples(&main).len() >= 3, "{main}");
    for command in COMMANDS {
        let help = help_of(Some(command));
        assert!(
            help.contains("Examples:"),
            "baogao {command} --help:\n{help}"
        );
        let found = examples(&help);
        assert!(found.len() >= 2, "baogao {command} --help: {found:?}");
        for example in &found {
            assert!(
                example.contains(&format!("baogao {command}")),
                "baogao {command} --help shows another command: {example}"
            );
        }
    }
}

#[test]
fn every_help_example_runs_on_the_bundled_corpus() {
    let index = corpus_index();
    let mut all = examples(&help_of(None));
    for command in COMMANDS {
        all.extend(examples(&help_of(Some(command))));
    }
    assert!(all.len() >= 20, "{all:?}");
    for example in &all {
        let scratch = tempfile::tempdir().expect("temp dir");
        let output = run_example(example, index.dir.path(), scratch.path());
        let code = output.get_output().status.code();
        assert_eq!(
            code,
            Some(0),
            "`{example}` exited {code:?}:\n{}{}",
            stdout_of(&output),
            stderr_of(&output)
        );
        assert!(
            !stdout_of(&output).is_empty() || example.contains("--out"),
            "`{example}` printed nothing"
        );
    }
}

#[test]
fn example_lines_are_split_like_a_shell_would() {
    assert_eq!(
        words("baogao search '\"家庭医生签约\"' --json | jq '.hits[].path'"),
        ["baogao", "search", "\"家庭医生签约\"", "--json"]
    );
    assert_eq!(
        words("baogao index                      # index ./corpus"),
        ["baogao", "index"]
    );
    assert_eq!(
        words("BAOGAO_INDEX=/tmp/idx baogao index corpus"),
        ["BAOGAO_INDEX=/tmp/idx", "baogao", "index", "corpus"]
    );
}
