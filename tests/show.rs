//! `baogao show PATH:LINE` on the bundled corpus and on small corpora written by the tests.

mod common;

use common::{corpus_index, stderr_of, stdout_of, Indexed};
use serde_json::Value;

fn passages(result: &Value) -> &Vec<Value> {
    result["passages"].as_array().expect("passages is an array")
}

fn targets(result: &Value) -> Vec<&Value> {
    passages(result)
        .iter()
        .filter(|p| p["target"] == true)
        .collect()
}

#[test]
fn show_prints_the_passage_at_a_hit_with_its_neighbours_and_headings() {
    let index = corpus_index();
    let output = index
        .command("show", &["corpus/004_2ac8209b6c6491b0.txt:31", "-C", "1"])
        .assert()
        .success();
    let stdout = stdout_of(&output);
    let lines: Vec<&str> = stdout.lines().collect();
    assert_eq!(lines[0], "corpus/004_2ac8209b6c6491b0.txt:31", "{stdout}");
    assert!(
        lines[1].contains("东安县卫生健康局2020年工作总结及2021年工作打算 · 2020"),
        "{stdout}"
    );
    assert!(
        stdout.contains("§ 一、工作开展情况 › (五)疾病预防控制工作有序开展"),
        "{stdout}"
    );
    assert!(stdout.contains("> 31  一是加强疫情网络直报"), "{stdout}");
    // The neighbours are the heading lines around it, passages too.
    assert!(
        stdout.contains("  29  (五)疾病预防控制工作有序开展"),
        "{stdout}"
    );
    assert!(
        stdout.contains("  33  (六)综合监督执法能力不断强化"),
        "{stdout}"
    );
    assert!(!stdout.contains('\x1b'), "no colour when piped:\n{stdout}");

    let result = index.command_json("show", &["corpus/004_2ac8209b6c6491b0.txt:31", "-C", "1"]);
    assert_eq!(result["file"], "004_2ac8209b6c6491b0.txt");
    assert_eq!(result["line"], 31);
    let lines: Vec<u64> = passages(&result)
        .iter()
        .map(|p| p["line"].as_u64().expect("line"))
        .collect();
    // Line 31 is one long paragraph cut into three passages: all are the target.
    assert_eq!(lines, [29, 31, 31, 31, 33]);
    assert_eq!(targets(&result).len(), 3);
    for passage in targets(&result) {
        assert_eq!(passage["year"], 2020);
        assert_eq!(passage["kind"], "annual-summary");
    }
}

#[test]
fn show_agrees_with_the_passages_search_finds() {
    let index = corpus_index();
    let result = index.json(&["手足口病", "--limit", "5"]);
    for hit in common::hits(&result) {
        let at = format!("{}:{}", common::field(hit, "path"), hit["line"]);
        let shown = index.command_json("show", &[&at, "-C", "0"]);
        let texts: Vec<&str> = targets(&shown)
            .iter()
            .map(|p| p["text"].as_str().expect("text"))
            .collect();
        assert!(
            texts.contains(&common::field(hit, "text")),
            "{at}: {texts:?}"
        );
        assert_eq!(
            targets(&shown)[0]["heading"],
            hit["heading"],
            "{at}: same heading"
        );
    }
}

#[test]
fn a_line_inside_a_passage_finds_the_passage_holding_it() {
    let (_corpus, index) = Indexed::of_files(&[(
        "a.txt",
        "某县卫生健康局2023年工作总结\n\n一、医共体建设\n今年我们推进了紧密型县域医共体建设，并且在\n全县八个乡镇开展了试点，取得\n明显成效。\n\n二、公共卫生\n全年完成疫苗接种一万余剂次。\n\n三、下一步打算\n继续推进分级诊疗。\n",
    )]);
    for line in ["4", "5", "6"] {
        let result = index.command_json("show", &[&format!("a.txt:{line}")]);
        let target = targets(&result);
        assert_eq!(target.len(), 1, "{result}");
        assert_eq!(target[0]["line"], 4, "line {line}: {result}");
        assert!(
            target[0]["text"]
                .as_str()
                .is_some_and(|text| text.contains("全县八个乡镇")),
            "{result}"
        );
        assert_eq!(target[0]["heading"], "一、医共体建设");
    }
    // Neighbours: the title and heading lines are passages too (found as grep finds them).
    let result = index.command_json("show", &["a.txt:5"]);
    let lines: Vec<u64> = passages(&result)
        .iter()
        .map(|p| p["line"].as_u64().expect("line"))
        .collect();
    assert_eq!(lines, [1, 3, 4, 8, 9]);
}

#[test]
fn show_reads_the_index_not_the_file_on_disk() {
    let (corpus, index) = Indexed::of_files(&[(
        "a.txt",
        "某县2023年工作总结\n\n一、概况\n全年完成疫苗接种一万余剂次。\n",
    )]);
    std::fs::write(corpus.path().join("a.txt"), "changed\n").expect("rewrite");
    let result = index.command_json("show", &["a.txt:4"]);
    assert!(
        targets(&result)[0]["text"]
            .as_str()
            .is_some_and(|text| text.contains("疫苗接种")),
        "{result}"
    );
    // The absolute path of the file names it too.
    let absolute = corpus.path().join("a.txt");
    let at = format!("{}:4", absolute.display());
    let result = index.command_json("show", &[&at]);
    assert_eq!(result["file"], "a.txt");
}

#[test]
fn a_path_not_in_the_index_is_an_error_naming_it() {
    let index = corpus_index();
    let output = index
        .command("show", &["corpus/nope.txt:3"])
        .assert()
        .code(2);
    let stderr = stderr_of(&output);
    assert!(
        stderr.contains("`corpus/nope.txt` is not a file of the index"),
        "{stderr}"
    );
    assert!(stdout_of(&output).is_empty());
    let output = index
        .command("show", &["corpus/004_2ac8209b6c6491b0.txt"])
        .assert()
        .code(2);
    assert!(stderr_of(&output).contains("expected PATH:LINE"));
}

#[test]
fn a_line_beyond_the_end_of_the_file_is_an_error_naming_it() {
    let index = corpus_index();
    let output = index
        .command("show", &["corpus/004_2ac8209b6c6491b0.txt:9999"])
        .assert()
        .code(2);
    let stderr = stderr_of(&output);
    assert!(
        stderr.contains("line 9999 is beyond the end of `corpus/004_2ac8209b6c6491b0.txt`"),
        "{stderr}"
    );
    let output = index
        .command("show", &["corpus/004_2ac8209b6c6491b0.txt:0"])
        .assert()
        .code(2);
    assert!(stderr_of(&output).contains("counted from 1"));
}

#[test]
fn show_colours_only_when_asked_in_a_pipe() {
    let index = corpus_index();
    let at = "corpus/004_2ac8209b6c6491b0.txt:31";
    let always = stdout_of(
        &index
            .command("show", &[at, "--color", "always"])
            .assert()
            .success(),
    );
    assert!(
        always.starts_with("\x1b[35mcorpus/004_2ac8209b6c6491b0.txt"),
        "{always}"
    );
    let never = stdout_of(
        &index
            .command("show", &[at, "--color", "never"])
            .assert()
            .success(),
    );
    assert!(!never.contains('\x1b'), "{never}");
}
