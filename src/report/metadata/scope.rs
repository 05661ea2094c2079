//! The level a report speaks from when no place is named: a city's report says 全市 and 我市,
//! a county's 全县 and 我县 (000_….txt: 全市衛生工作 …; 范文二 of 003_….txt: 全区, **区卫生局).

use super::Level;

/// Words by which a report speaks of its own area, and the level they imply.
const SCOPE_WORDS: &[(&str, Level)] = &[
    ("全省", Level::Province),
    ("我省", Level::Province),
    ("本省", Level::Province),
    ("全市", Level::City),
    ("我市", Level::City),
    ("本市", Level::City),
    ("全县", Level::County),
    ("我县", Level::County),
    ("本县", Level::County),
    ("全区", Level::District),
    ("我区", Level::District),
    ("本区", Level::District),
];

/// Fewest mentions that decide a level.
const MIN_MENTIONS: usize = 2;

/// The level most mentioned by scope words in `lines`, if it is mentioned at least twice and
/// more than any other.
pub fn level_from_scope_words(lines: &[&str]) -> Option<Level> {
    let mut counts: Vec<(Level, usize)> = Vec::new();
    for (word, level) in SCOPE_WORDS {
        let mentions: usize = lines.iter().map(|line| line.matches(word).count()).sum();
        match counts.iter_mut().find(|(counted, _)| counted == level) {
            Some((_, count)) => *count += mentions,
            None => counts.push((*level, mentions)),
        }
    }
    counts.sort_by_key(|(_, mentions)| std::cmp::Reverse(*mentions));
    match counts.as_slice() {
        [(level, first), (_, second), ..] if *first >= MIN_MENTIONS && first > second => {
            Some(*level)
        }
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_most_mentioned_scope_decides() {
        let city = [
            "全市卫生工作坚持以科学发展观为指导",
            "全市卫生系统认真贯彻落实",
            "我市累计报告手足口病病例338例",
            "全省乡镇卫生院管理年活动",
        ];
        assert_eq!(level_from_scope_words(&city), Some(Level::City));
        let district = [
            "20XX年，**区卫生局在区委区政府的正确领导下",
            "全区卫生工作",
            "全区医疗机构",
            "全市统一部署",
        ];
        assert_eq!(level_from_scope_words(&district), Some(Level::District));
    }

    #[test]
    fn one_mention_or_a_tie_decides_nothing() {
        assert_eq!(level_from_scope_words(&["全县卫生工作"]), None);
        assert_eq!(
            level_from_scope_words(&["全县卫生工作，全市统一部署", "全县，全市"]),
            None
        );
        assert_eq!(
            level_from_scope_words(&["卫生局是地方各级医院的主管部门"]),
            None
        );
    }
}
