//! Options and files as an adversary would give them: huge limits, special files, control
//! characters in names and queries, filter values at their edges. Each ends in an answer or
//! a one-line message, never a panic or an abort.

mod common;

use common::{baogao, corpus_index, hits, index_into, stderr_of, stdout_of, Indexed};

#[test]
fn a_limit_larger_than_the_index_costs_nothing_extra() {
    let index = corpus_index();
    let all = index.json(&["发展", "--limit", "1000", "--per-report", "0"]);
    for limit in ["18446744073709551615", "4294967296", "100000000"] {
        let result = index.json(&["发展", "--limit", limit, "--per-report", "0"]);
        assert_eq!(result, all, "--limit {limit}");
    }
    index
        .search(&["发展", "-n", "18446744073709551615"])
        .assert()
        .success();
}

#[cfg(unix)]
#[test]
fn fifos_and_devices_are_skips_with_a_reason() {
    let corpus = tempfile::tempdir().expect("temp dir");
    let root = corpus.path();
    std::fs::copy(
        common::corpus_dir().join("004_2ac8209b6c6491b0.txt"),
        root.join("good.txt"),
    )
    .expect("copy a report");
    let fifo = root.join("report.txt");
    let made = std::process::Command::new("mkfifo")
        .arg(&fifo)
        .status()
        .expect("run mkfifo");
    assert!(made.success());
    std::os::unix::fs::symlink("/dev/zero", root.join("zero.txt")).expect("symlink");
    std::os::unix::fs::symlink("/dev/urandom", root.join("random.md")).expect("symlink");
    std::os::unix::fs::symlink("/dev/null", root.join("null.html")).expect("symlink");
    let dir = tempfile::tempdir().expect("temp dir");
    let assert = baogao()
        .arg("index")
        .arg(root)
        .arg("--index")
        .arg(dir.path())
        .timeout(std::time::Duration::from_secs(120))
        .assert()
        .success();
    let stderr = stderr_of(&assert);
    assert!(
        stderr.contains("report.txt`: it is a named pipe (FIFO), not a regular file"),
        "{stderr}"
    );
    for (name, target) in [
        ("zero.txt", "/dev/zero"),
        ("random.md", "/dev/urandom"),
        ("null.html", "/dev/null"),
    ] {
        assert!(
            stderr.contains(&format!(
                "{name}`: it is a character device, not a regular file (the symbolic link leads to `{target}`)"
            )),
            "{name}: {stderr}"
        );
    }
    assert!(
        stderr.contains("baogao: 4 skipped: 4 special files"),
        "{stderr}"
    );
    assert!(stdout_of(&assert).contains("(4 skipped, see above)"));
}

#[test]
fn control_characters_in_file_names_are_escaped_on_a_terminal_and_exact_in_json() {
    let name = "\u{1b}[31mred\n\u{202e}.txt";
    let report = std::fs::read_to_string(common::corpus_dir().join("004_2ac8209b6c6491b0.txt"))
        .expect("read a report");
    let (_corpus, index) = Indexed::of_files(&[(name, &report)]);
    let plain = stdout_of(
        &index
            .search(&["手足口病", "--color", "never"])
            .assert()
            .success(),
    );
    let first = plain.lines().next().expect("a hit");
    assert!(
        first.ends_with("\\x1b[31mred\\n\\u{202e}.txt:31"),
        "path:line on one line, escaped: {first:?}"
    );
    assert!(!plain.contains('\u{1b}') && !plain.contains('\u{202e}'));
    let json = index.json(&["手足口病"]);
    let path = common::field(&hits(&json)[0], "file");
    assert_eq!(path, name, "JSON keeps the name exact");
}

#[test]
fn a_query_echoed_in_an_error_is_one_escaped_line() {
    let index = corpus_index();
    let failed = index
        .search(&["发展\n\"x\u{1b}[31m\u{202e}"])
        .assert()
        .code(2);
    let stderr = stderr_of(&failed);
    assert_eq!(stderr.lines().count(), 1, "{stderr:?}");
    assert!(
        stderr.contains("`发展\\n\"x\\x1b[31m\\u{202e}`"),
        "{stderr:?}"
    );
}

#[test]
fn filter_names_are_read_in_any_case() {
    let index = corpus_index();
    for (typed, canonical) in [
        (["--kind", "MONTHLY"], ["--kind", "monthly"]),
        (["--level", "Province"], ["--level", "province"]),
        (["--level", "COUNTY"], ["--level", "county"]),
        (["--region", "UNKNOWN"], ["--region", "unknown"]),
        (["--year", "Unknown"], ["--year", "unknown"]),
    ] {
        let a = index.json(&["卫生", typed[0], typed[1], "-n", "50"]);
        let b = index.json(&["卫生", canonical[0], canonical[1], "-n", "50"]);
        assert_eq!(a, b, "{typed:?}");
    }
    let unknown = index.json(&["卫生", "--region", "UNKNOWN"]);
    assert!(unknown["total_hits"].as_u64().unwrap_or(0) > 0);
}

#[test]
fn an_empty_filter_item_is_an_error_naming_the_flag() {
    let index = corpus_index();
    for args in [
        ["--kind", "plan,"],
        ["--kind", ",plan"],
        ["--level", ""],
        ["--region", "北京市,"],
        ["--region", ""],
        ["--region", ","],
    ] {
        let failed = index.search(&["卫生", args[0], args[1]]).assert().code(2);
        let stderr = stderr_of(&failed);
        assert!(
            stderr.starts_with(&format!("baogao: error: {}: an empty item", args[0])),
            "{args:?}: {stderr}"
        );
    }
}

#[test]
fn a_signed_year_is_rejected() {
    let index = corpus_index();
    for year in ["+2024", "+2019..2021", "..+2021"] {
        let failed = index.search(&["卫生", "--year", year]).assert().code(2);
        assert!(
            stderr_of(&failed).contains("expected a year"),
            "{year}: {}",
            stderr_of(&failed)
        );
    }
}

#[test]
fn a_big_docx_is_read_as_it_unpacks() {
    // 20 000 paragraphs in a document part of about 10 MB: the text comes out whole, in
    // order, numbered as paragraphs.
    let paragraph = "<w:p><w:pPr><w:spacing w:before=\"0\" w:after=\"0\"/></w:pPr><w:r><w:rPr><w:sz w:val=\"32\"/></w:rPr><w:t>第{}段：推进医共体建设。</w:t></w:r></w:p>";
    let body = (0..20_000)
        .map(|i| paragraph.replace("{}", &i.to_string()))
        .collect::<String>();
    let corpus = tempfile::tempdir().expect("temp dir");
    std::fs::write(corpus.path().join("big.docx"), baogao::testing::docx(&body))
        .expect("write big.docx");
    let dir = tempfile::tempdir().expect("temp dir");
    index_into(corpus.path(), dir.path()).success();
    let index = Indexed::in_dir(dir);
    let result = index.json(&["第19999段"]);
    let hit = &hits(&result)[0];
    assert_eq!(
        format!("{}:{}", common::field(hit, "file"), hit["line"]),
        "big.docx:20000"
    );
}
