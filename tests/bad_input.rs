//! Bad input never stops a run or loses a good file: each bad file is reported once with its
//! reason, the run ends with counts per reason, and `--strict` turns any skip into exit 3.

mod common;

use common::{baogao, corpus_dir, stderr_of, stdout_of};
use std::path::Path;

/// The good report every bad corpus holds, and a word only it has.
const GOOD: &str = "004_2ac8209b6c6491b0.txt";
const GOOD_WORD: &str = "芦洪市";

fn write(dir: &Path, name: &str, bytes: &[u8]) {
    std::fs::write(dir.join(name), bytes).expect("write a fixture");
}

/// A corpus of one good report and one bad file of each kind that needs no special
/// permission; the name of each bad file, and the reason its warning must give.
fn bad_corpus() -> (tempfile::TempDir, Vec<(&'static str, &'static str)>) {
    let corpus = tempfile::tempdir().expect("temp dir");
    let dir = corpus.path();
    std::fs::copy(corpus_dir().join(GOOD), dir.join("good.txt")).expect("copy");
    write(dir, "empty.txt", b"");
    write(dir, "blank.md", b"\n  \n");
    write(dir, "image.txt", b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\x01\0");
    write(dir, "big.txt", &"卫生院。\n".repeat(100_000).into_bytes());
    write(dir, "broken.docx", b"not a zip archive");
    write(
        dir,
        "scripts.html",
        b"<html><script>var x = 1;</script></html>",
    );
    // GBK with one broken byte: never indexed as mojibake.
    let text = "东安县卫生健康局".repeat(5);
    let (gbk, _, _) = encoding_rs::GBK.encode(&text);
    let mut mangled = gbk.into_owned();
    mangled.insert(9, 0xff);
    write(dir, "mangled.txt", &mangled);
    let mut expected = vec![
        ("empty.txt", "it is empty"),
        ("blank.md", "it is empty"),
        ("image.txt", "it looks binary (it holds NUL bytes)"),
        (
            "big.txt",
            "it is 1300000 bytes, over the size limit of 1048576 bytes (see --max-file-size)",
        ),
        ("broken.docx", "it is not a .docx file (not a readable zip archive"),
        ("scripts.html", "it holds no text"),
        (
            "mangled.txt",
            "its encoding is unknown: it is not UTF-8, and as gb18030, the likeliest encoding, it is malformed at byte 8",
        ),
    ];
    #[cfg(unix)]
    {
        use std::os::unix::ffi::OsStrExt;
        let link = |target: &str, name: &str| {
            std::os::unix::fs::symlink(target, dir.join(name)).expect("symlink");
        };
        link("missing.txt", "broken.txt");
        link("self.txt", "self.txt");
        link(".", "loop");
        // 卫生.txt in GBK, as unzip leaves names from a Windows archive.
        let name = std::ffi::OsStr::from_bytes(b"\xce\xc0\xc9\xfa.txt");
        std::fs::write(dir.join(name), "卫生院工作总结").expect("write");
        expected.extend([
            (
                "broken.txt",
                "broken symbolic link (its target `missing.txt` does not exist)",
            ),
            ("self.txt", "symbolic link loop (it leads back to itself)"),
            ("loop", "symbolic link loop (it leads back to `"),
            (
                "\u{fffd}\u{fffd}\u{fffd}\u{fffd}.txt",
                "its name `\\xce\\xc0\\xc9\\xfa.txt` is not valid UTF-8, `卫生.txt` if read as GBK",
            ),
        ]);
    }
    (corpus, expected)
}

fn index(corpus: &Path, index: &Path, extra: &[&str]) -> assert_cmd::assert::Assert {
    baogao()
        .arg("index")
        .arg(corpus)
        .arg("--index")
        .arg(index)
        .args(["--max-file-size", "1M"])
        .args(extra)
        .assert()
}

/// The warning lines about `name`.
fn warnings_about<'a>(stderr: &'a str, name: &str) -> Vec<&'a str> {
    stderr
        .lines()
        .filter(|line| line.starts_with("baogao: warning: skipped `"))
        .filter(|line| {
            let path = line.split('`').nth(1).unwrap_or("");
            path.rsplit('/').next() == Some(name)
        })
        .collect()
}

#[test]
fn each_bad_file_is_reported_once_with_its_reason_and_the_good_one_is_indexed() {
    let (corpus, expected) = bad_corpus();
    let dir = tempfile::tempdir().expect("temp dir");
    let output = index(corpus.path(), dir.path(), &[]).success();
    let stderr = stderr_of(&output);
    for (name, reason) in &expected {
        let warnings = warnings_about(&stderr, name);
        assert_eq!(warnings.len(), 1, "{name} reported once:\n{stderr}");
        assert!(
            warnings[0].contains(reason),
            "{name}: expected `{reason}`:\n{stderr}"
        );
    }
    let stdout = stdout_of(&output);
    assert!(
        stdout.starts_with("indexed 1 files")
            && stdout.contains(&format!("({} skipped, see above)", expected.len())),
        "{stdout}"
    );
    baogao()
        .args(["search", GOOD_WORD, "--index"])
        .arg(dir.path())
        .assert()
        .success();
}

#[test]
fn the_run_ends_with_counts_per_reason() {
    let (corpus, expected) = bad_corpus();
    let dir = tempfile::tempdir().expect("temp dir");
    let stderr = stderr_of(&index(corpus.path(), dir.path(), &[]).success());
    let summary = stderr.lines().last().unwrap_or("");
    let mut counts = vec![
        "3 empty",
        "1 binary",
        "1 undecodable",
        "1 over the size limit",
        "1 broken document",
    ];
    if cfg!(unix) {
        counts.extend(["1 broken symlink", "2 symlink loops", "1 non-UTF-8 name"]);
    }
    assert_eq!(
        summary,
        format!("baogao: {} skipped: {}", expected.len(), counts.join(", ")),
        "{stderr}"
    );
}

#[test]
fn strict_makes_any_skip_exit_3_and_still_builds_the_index() {
    let (corpus, _) = bad_corpus();
    let dir = tempfile::tempdir().expect("temp dir");
    let output = index(corpus.path(), dir.path(), &["--strict"]).code(3);
    let stderr = stderr_of(&output);
    assert!(
        stderr.contains("files were skipped and --strict was given"),
        "{stderr}"
    );
    baogao()
        .args(["search", GOOD_WORD, "--index"])
        .arg(dir.path())
        .assert()
        .success();
}

#[test]
fn strict_with_nothing_skipped_exits_0() {
    let corpus = tempfile::tempdir().expect("temp dir");
    std::fs::copy(corpus_dir().join(GOOD), corpus.path().join("good.txt")).expect("copy");
    let dir = tempfile::tempdir().expect("temp dir");
    index(corpus.path(), dir.path(), &["--strict"]).success();
}

#[test]
fn a_corpus_of_only_bad_files_is_an_error_exit_2() {
    let corpus = tempfile::tempdir().expect("temp dir");
    write(corpus.path(), "empty.txt", b"");
    write(corpus.path(), "image.txt", b"\0\0\0");
    let dir = tempfile::tempdir().expect("temp dir");
    let stderr = stderr_of(&index(corpus.path(), dir.path(), &[]).code(2));
    assert!(stderr.contains("none of the 2 report files"), "{stderr}");
}

#[test]
fn max_file_size_takes_units_and_rejects_nonsense() {
    let corpus = tempfile::tempdir().expect("temp dir");
    std::fs::copy(corpus_dir().join(GOOD), corpus.path().join("good.txt")).expect("copy");
    let dir = tempfile::tempdir().expect("temp dir");
    // The good report is about 15 KB: 10K leaves nothing to index, 512K keeps it.
    let small = baogao()
        .arg("index")
        .arg(corpus.path())
        .arg("--index")
        .arg(dir.path())
        .args(["--max-file-size", "10K"])
        .assert()
        .code(2);
    assert!(
        stderr_of(&small).contains("over the size limit of 10240 bytes"),
        "{}",
        stderr_of(&small)
    );
    for size in ["512K", "1048576"] {
        baogao()
            .arg("index")
            .arg(corpus.path())
            .arg("--index")
            .arg(dir.path())
            .args(["--max-file-size", size])
            .assert()
            .success();
    }
    let nonsense = baogao()
        .args(["index", "corpus", "--max-file-size", "lots"])
        .assert()
        .code(2);
    assert!(
        stderr_of(&nonsense).contains("`lots` is not a size"),
        "{}",
        stderr_of(&nonsense)
    );
}

/// chmod 000 stops a normal user reading a file, but not root (tests often run as root in
/// containers): the test checks which it is and expects exactly that.
#[cfg(unix)]
#[test]
fn an_unreadable_file_is_skipped_unless_the_user_can_read_it_anyway() {
    use std::os::unix::fs::PermissionsExt;
    let corpus = tempfile::tempdir().expect("temp dir");
    std::fs::copy(corpus_dir().join(GOOD), corpus.path().join("good.txt")).expect("copy");
    let locked = corpus.path().join("locked.txt");
    std::fs::write(&locked, "县卫健委保密工作要点").expect("write");
    std::fs::set_permissions(&locked, std::fs::Permissions::from_mode(0o000)).expect("chmod");
    let readable_anyway = std::fs::read(&locked).is_ok();
    let dir = tempfile::tempdir().expect("temp dir");
    let output = index(corpus.path(), dir.path(), &[]).success();
    let stderr = stderr_of(&output);
    let warnings = warnings_about(&stderr, "locked.txt");
    if readable_anyway {
        assert!(warnings.is_empty(), "root reads it:\n{stderr}");
        assert!(stdout_of(&output).starts_with("indexed 2 files"));
    } else {
        assert_eq!(warnings.len(), 1, "{stderr}");
        assert!(
            warnings[0].contains("cannot read it: Permission denied"),
            "{stderr}"
        );
        assert!(
            stderr.ends_with("baogao: 1 skipped: 1 unreadable\n"),
            "{stderr}"
        );
    }
    // Let the temporary folder be removed.
    std::fs::set_permissions(&locked, std::fs::Permissions::from_mode(0o644)).expect("chmod");
}

#[test]
fn an_update_reports_the_same_skips_and_follows_a_new_size_limit() {
    let (corpus, expected) = bad_corpus();
    let dir = tempfile::tempdir().expect("temp dir");
    let first = stderr_of(&index(corpus.path(), dir.path(), &[]).success());
    let first_counts = first.lines().last().unwrap_or("").to_string();

    // Nothing changed: every skip is named again, with the same kinds, and --strict still sees them.
    let again = index(corpus.path(), dir.path(), &["--strict"]).code(3);
    let (stdout, stderr) = (stdout_of(&again), stderr_of(&again));
    assert!(stdout.starts_with("index "), "{stdout}");
    assert!(stdout.contains("is up to date"), "{stdout}");
    for (name, reason) in &expected {
        let warnings = warnings_about(&stderr, name);
        assert_eq!(warnings.len(), 1, "{name} reported once:\n{stderr}");
        assert!(
            warnings[0].contains(reason),
            "{name}: `{reason}`:\n{stderr}"
        );
    }
    let counts = stderr
        .lines()
        .find(|line| line.starts_with("baogao: ") && line.contains(" skipped: "));
    assert_eq!(counts, Some(first_counts.as_str()), "{stderr}");

    // A higher limit lets the large file in; a lower one drops it again.
    let raised = baogao()
        .arg("index")
        .arg(corpus.path())
        .arg("--index")
        .arg(dir.path())
        .args(["--max-file-size", "2M"])
        .assert()
        .success();
    let stdout = stdout_of(&raised);
    assert!(
        stdout.contains("1 changed") && stdout.contains("the index holds 2 files"),
        "{stdout}"
    );
    assert!(warnings_about(&stderr_of(&raised), "big.txt").is_empty());
    let lowered = index(corpus.path(), dir.path(), &[]).success();
    let stdout = stdout_of(&lowered);
    assert!(
        stdout.contains("1 changed") && stdout.contains("the index holds 1 files"),
        "{stdout}"
    );
    assert_eq!(warnings_about(&stderr_of(&lowered), "big.txt").len(), 1);
}
