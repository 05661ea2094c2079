//! Any query string, however odd: `search` and `trend` exit 0, 1 or 2, never panic, print
//! valid JSON with `--json` when they answer, and one line on stderr when they do not.
//! The case count is bounded (each case runs the binary) so that CI stays fast.

mod common;

use common::corpus_index;
use proptest::prelude::*;

/// Pieces a query is made of: words of the corpus, the query language's operators and
/// quotes, control and bidi characters, and any character at all.
fn query() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        Just("医共体".to_string()),
        Just("卫生院".to_string()),
        Just("发展".to_string()),
        Just("生".to_string()),
        Just(" OR ".to_string()),
        Just(" AND ".to_string()),
        Just("\"".to_string()),
        Just("-".to_string()),
        Just(" -".to_string()),
        Just("(".to_string()),
        Just(")".to_string()),
        Just("*".to_string()),
        Just(":".to_string()),
        Just(" ".to_string()),
        Just("\u{3000}".to_string()),
        Just("\n".to_string()),
        Just("\u{1b}[31m".to_string()),
        Just("\u{202e}".to_string()),
        Just("衛生".to_string()),
        Just("ＨＰＶ".to_string()),
        "[a-zA-Z0-9]{1,4}",
        any::<char>().prop_map(|c| c.to_string()),
    ];
    proptest::collection::vec(piece, 0..8).prop_map(|pieces| {
        // An argument cannot hold a NUL byte.
        pieces.concat().replace('\0', "")
    })
}

fn check(command: &str, query: &str) -> Result<(), TestCaseError> {
    let index = corpus_index();
    let output = common::baogao()
        .args([command, "--json", "--index"])
        .arg(index.dir.path())
        .arg("--")
        .arg(query)
        .output()
        .expect("run baogao");
    let code = output.status.code();
    let stderr = String::from_utf8_lossy(&output.stderr);
    prop_assert!(
        matches!(code, Some(0..=2)),
        "{command} {query:?} exited {code:?}: {stderr}"
    );
    prop_assert!(
        !stderr.contains("panicked"),
        "{command} {query:?}: {stderr}"
    );
    if code == Some(2) {
        prop_assert!(
            stderr.starts_with("baogao: error: ") && stderr.lines().count() == 1,
            "{command} {query:?}: {stderr:?}"
        );
        prop_assert!(
            !stderr.contains('\u{1b}') && !stderr.contains('\u{202e}'),
            "raw control characters in {:?}",
            stderr
        );
    } else {
        let parsed: Result<serde_json::Value, _> = serde_json::from_slice(&output.stdout);
        prop_assert!(
            parsed.is_ok(),
            "{command} {query:?}: not JSON: {}",
            String::from_utf8_lossy(&output.stdout)
        );
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 48, ..ProptestConfig::default() })]

    #[test]
    fn any_query_searches_or_fails_cleanly(query in query()) {
        check("search", &query)?;
    }

    #[test]
    fn any_query_trends_or_fails_cleanly(query in query()) {
        check("trend", &query)?;
    }
}
