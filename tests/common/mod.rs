//! Helpers shared by the integration tests: the real binary, the bundled corpus, indexes in
//! temporary folders.

#![allow(dead_code)]

pub mod snapshot;

use assert_cmd::Command;
use baogao::index::{open_index, OpenIndex};
use baogao::search::StoredPassage;
use serde_json::Value;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;
use tantivy::DocAddress;
use tempfile::TempDir;

/// The bundled corpus, `corpus/` at the top of the project.
pub fn corpus_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus")
}

/// The `baogao` binary, run from the project folder with no `BAOGAO_INDEX` or `NO_COLOR` from
/// the caller's environment.
pub fn baogao() -> Command {
    let mut command =
        Command::cargo_bin("baogao").expect("the baogao binary is built by cargo test");
    command.current_dir(env!("CARGO_MANIFEST_DIR"));
    // RUST_BACKTRACE would add lines to what the runtime prints on a failed allocation.
    command
        .env_remove("BAOGAO_INDEX")
        .env_remove("NO_COLOR")
        .env_remove("RUST_BACKTRACE");
    command
}

/// `baogao index CORPUS --index DIR`, run; check its exit with `.success()` or `.code(N)`.
pub fn index_into(corpus: &Path, dir: &Path) -> assert_cmd::assert::Assert {
    baogao()
        .arg("index")
        .arg(corpus)
        .arg("--index")
        .arg(dir)
        .assert()
}

/// What a finished command printed on stdout.
pub fn stdout_of(assert: &assert_cmd::assert::Assert) -> String {
    String::from_utf8_lossy(&assert.get_output().stdout).into_owned()
}

/// What a finished command printed on stderr.
pub fn stderr_of(assert: &assert_cmd::assert::Assert) -> String {
    String::from_utf8_lossy(&assert.get_output().stderr).into_owned()
}

/// The index of `corpus/` shared by the tests of one test binary that only read it: built
/// once, by the first test that asks. A test that changes its index builds its own with
/// [`Indexed::corpus`].
pub fn corpus_index() -> &'static Indexed {
    static INDEX: OnceLock<Indexed> = OnceLock::new();
    INDEX.get_or_init(|| {
        // A static is never dropped, so a temporary folder would outlive every run: the
        // index lives in cargo's folder for test data instead, one per test binary, built
        // afresh by each run.
        let dir = Path::new(env!("CARGO_TARGET_TMPDIR"))
            .join(format!("corpus-index-{}", env!("CARGO_CRATE_NAME")));
        if dir.exists() {
            std::fs::remove_dir_all(&dir).expect("remove the index of an earlier run");
        }
        index_into(&corpus_dir(), &dir).success();
        Indexed {
            dir: IndexDir::Shared(dir),
        }
    })
}

/// Where a test's index is.
pub enum IndexDir {
    /// A temporary folder of the test's own, removed when the test ends.
    Own(TempDir),
    /// The index of `corpus/` shared by the tests of a binary ([`corpus_index`]).
    Shared(PathBuf),
}

impl IndexDir {
    /// The index folder.
    pub fn path(&self) -> &Path {
        match self {
            IndexDir::Own(dir) => dir.path(),
            IndexDir::Shared(dir) => dir,
        }
    }
}

/// An index of a test: of the bundled corpus, or of files the test wrote.
pub struct Indexed {
    pub dir: IndexDir,
}

impl Indexed {
    /// Builds the index of `corpus/` into a new temporary folder, for a test that changes it
    /// (the others share [`corpus_index`]).
    pub fn corpus() -> Self {
        Self::of(&corpus_dir())
    }

    /// Builds the index of `corpus` into a new temporary folder.
    pub fn of(corpus: &Path) -> Self {
        let dir = tempfile::tempdir().expect("temp dir");
        index_into(corpus, dir.path()).success();
        Self::in_dir(dir)
    }

    /// The index a test built in `dir` itself.
    pub fn in_dir(dir: TempDir) -> Self {
        Indexed {
            dir: IndexDir::Own(dir),
        }
    }

    /// The index of a corpus made of `files` (name, text), written into a temporary folder
    /// that lives as long as the returned guard.
    pub fn of_files(files: &[(&str, &str)]) -> (TempDir, Self) {
        let corpus = tempfile::tempdir().expect("temp dir");
        for (name, text) in files {
            std::fs::write(corpus.path().join(name), text).expect("write a corpus file");
        }
        let index = Self::of(corpus.path());
        (corpus, index)
    }

    /// Every passage of the index with its address, as the library reads it.
    pub fn passages(&self) -> (OpenIndex, Vec<(DocAddress, StoredPassage)>) {
        let open = open_index(self.dir.path()).expect("open the index");
        let passages = StoredPassage::all(&open.reader.searcher(), &open.schema.fields)
            .expect("read every stored passage");
        (open, passages)
    }

    /// `baogao search ARGS… --index DIR`, not yet run.
    pub fn search(&self, args: &[&str]) -> Command {
        self.command("search", args)
    }

    /// `baogao COMMAND ARGS… --index DIR` (show, trend, stats, …), not yet run.
    pub fn command(&self, command: &str, args: &[&str]) -> Command {
        let mut cmd = baogao();
        cmd.arg(command)
            .args(args)
            .arg("--index")
            .arg(self.dir.path());
        cmd
    }

    /// Runs `baogao COMMAND ARGS… --json` and returns the parsed object; panics unless it
    /// exits 0 or 1.
    pub fn command_json(&self, command: &str, args: &[&str]) -> Value {
        let output = self
            .command(command, args)
            .arg("--json")
            .output()
            .expect("run baogao");
        let code = output.status.code();
        assert!(
            matches!(code, Some(0) | Some(1)),
            "baogao {command} {args:?} exited {code:?}: {}",
            String::from_utf8_lossy(&output.stderr)
        );
        serde_json::from_slice(&output.stdout)
            .unwrap_or_else(|err| panic!("{command} --json prints one JSON object: {err}"))
    }

    /// Runs a search with `--json` and returns the parsed object; panics unless it exits 0 or 1.
    pub fn json(&self, args: &[&str]) -> Value {
        self.command_json("search", args)
    }
}

/// The hits of a `--json` result.
pub fn hits(result: &Value) -> &Vec<Value> {
    result["hits"].as_array().expect("hits is an array")
}

/// A string field of a hit.
pub fn field<'a>(hit: &'a Value, name: &str) -> &'a str {
    hit[name]
        .as_str()
        .unwrap_or_else(|| panic!("hit has a string `{name}`: {hit}"))
}

/// `path:line` of a hit, or of one of its `also` places.
pub fn place(hit: &Value) -> String {
    format!("{}:{}", field(hit, "path"), hit["line"])
}

/// Everything a word can match in: the passage, its title and heading.
pub fn searchable_text(hit: &Value) -> String {
    format!(
        "{}\n{}\n{}",
        field(hit, "text"),
        field(hit, "title"),
        field(hit, "heading")
    )
}
