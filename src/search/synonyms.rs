//! Abbreviation groups from `index_schema/synonyms.txt` (医改 医药卫生体制改革): a query word of
//! a group also finds the group's other forms.

use std::sync::OnceLock;

use crate::embedded;
use crate::tokenize::unit_runs;

/// The groups of the embedded synonym list, each form folded (simplified, lower-case).
fn groups() -> &'static [Vec<String>] {
    static GROUPS: OnceLock<Vec<Vec<String>>> = OnceLock::new();
    GROUPS.get_or_init(|| parse_groups(embedded::SYNONYMS.text))
}

/// Parses a synonym list: one group per line, forms separated by spaces, `#` comments.
pub fn parse_groups(text: &str) -> Vec<Vec<String>> {
    text.lines()
        .map(str::trim)
        .filter(|line| !line.is_empty() && !line.starts_with('#'))
        .map(|line| {
            line.split_whitespace()
                .map(|form| unit_runs(form).concat())
                .collect::<Vec<_>>()
        })
        .filter(|group| group.len() > 1)
        .collect()
}

/// The other forms of `word` (any script or width), or nothing when it is in no group.
pub fn synonyms_of(word: &str) -> Vec<String> {
    let folded = unit_runs(word).concat();
    groups()
        .iter()
        .filter(|group| group.contains(&folded))
        .flat_map(|group| group.iter().filter(|form| **form != folded).cloned())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_form_finds_the_others() {
        assert_eq!(synonyms_of("医改"), ["医药卫生体制改革"]);
        assert_eq!(
            synonyms_of("醫改"),
            ["医药卫生体制改革"],
            "traditional forms are folded"
        );
        let kin = synonyms_of("卫生健康委");
        assert!(
            kin.contains(&"卫健委".to_string()) && kin.contains(&"卫生健康委员会".to_string()),
            "{kin:?}"
        );
        assert!(synonyms_of("手足口病").is_empty());
    }

    #[test]
    fn comments_and_single_forms_are_not_groups() {
        let groups = parse_groups("# comment\n医改 医药卫生体制改革\n孤单\n");
        assert_eq!(
            groups,
            vec![vec!["医改".to_string(), "医药卫生体制改革".to_string()]]
        );
    }
}
