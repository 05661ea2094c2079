//! The level a report speaks from when no place is named: a city's report says 全市 and 我市,
//! a county's 全县 and 我县, and each thanks its own party committee and government (在县委、县
//! 政府的坚强领导下) (000_….txt: 全市衛生工作 …; 范文二 of 003_….txt: 全区, **区卫生局; a
//! 卫生局上半年工作总结: 紧紧围绕区委、区政府…的总体要求).

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
    ("省委", Level::Province),
    ("省政府", Level::Province),
    ("市委", Level::City),
    ("市政府", Level::City),
    ("县委", Level::County),
    ("县政府", Level::County),
    ("区委", Level::District),
    ("区政府", Level::District),
];

/// How much of a report is read for scope words, in bytes: its first pages.
const SCOPE_BYTES: usize = 24_000;

/// Fewest mentions that decide a level: one 全省 in a district's report (更是全省婦幼保健年, in
/// 船山区2012年卫生工作任务) says nothing of its own level.
const MIN_MENTIONS: usize = 2;

/// The level most mentioned by scope words in the first [`SCOPE_BYTES`] of `lines`, if it is
/// mentioned at least twice and more than any other.
pub fn level_from_scope_words(lines: &[&str]) -> Option<Level> {
    let mut budget = SCOPE_BYTES;
    let read: Vec<&str> = lines
        .iter()
        .take_while(|line| {
            let more = budget > 0;
            budget = budget.saturating_sub(line.len());
            more
        })
        .copied()
        .collect();
    let mut counts: Vec<(Level, usize)> = Vec::new();
    for (word, level) in SCOPE_WORDS {
        let mentions: usize = read.iter().map(|line| line.matches(word).count()).sum();
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
        // xx年卫生局上半年工作总结: its party committee and government name the district.
        assert_eq!(
            level_from_scope_words(&["紧紧围绕区委、区政府“高位求进,跨越发展”的总体要求"]),
            Some(Level::District)
        );
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
