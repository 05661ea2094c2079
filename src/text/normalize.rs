//! Normalization, in two parts:
//! - [`fold`]: what matching sees, at index and query time alike. Traditional characters become
//!   simplified (衛生院 → 卫生院) and full-width letters and digits half-width (ＡＢ１２ → AB12),
//!   one character for one, so that offsets into the folded text map back to the original and
//!   highlights land on the characters the user sees.
//! - [`repair_pinyin`]: what the stored text loses, because it was never the report's: the
//!   inline pinyin that web converters add (衛(wèi)生 → 衛生).

use regex::Regex;
use std::borrow::Cow;
use std::sync::OnceLock;

use super::t2s::{fold_table, HAN_RANGES};

/// The folded form of one character (see the module doc).
pub fn fold_char(c: char) -> char {
    let code = c as u32;
    if code < 0x3400 {
        return c;
    }
    match code {
        // Full-width digits and Latin letters.
        0xFF10..=0xFF19 | 0xFF21..=0xFF3A | 0xFF41..=0xFF5A => {
            char::from_u32(code - 0xFEE0).unwrap_or(c)
        }
        _ => {
            let table = fold_table();
            for ((first, last), folded) in HAN_RANGES.iter().zip(table.iter()) {
                if (*first..=*last).contains(&code) {
                    return folded.get((code - first) as usize).copied().unwrap_or(c);
                }
            }
            c
        }
    }
}

/// `text` folded for matching: the same number of characters, simplified and half-width.
pub fn fold(text: &str) -> Cow<'_, str> {
    if text.is_ascii() {
        return Cow::Borrowed(text);
    }
    let folded: String = text.chars().map(fold_char).collect();
    if folded == text {
        Cow::Borrowed(text)
    } else {
        Cow::Owned(folded)
    }
}

/// A Han character followed by a parenthesised pinyin syllable: 衛(wèi), 醫（yī）.
fn pinyin_pattern() -> &'static Regex {
    static PATTERN: OnceLock<Regex> = OnceLock::new();
    PATTERN.get_or_init(|| {
        Regex::new(r"(\p{Han})[(（]([a-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜüńňǹḿ]{1,6})[)）]")
            .expect("the pinyin pattern is a valid regex")
    })
}

/// Vowels with a tone mark: a syllable without one, such as (de) or (dr), is left alone.
const TONE_MARKED: &[char] = &[
    'ā', 'á', 'ǎ', 'à', 'ē', 'é', 'ě', 'è', 'ī', 'í', 'ǐ', 'ì', 'ō', 'ó', 'ǒ', 'ò', 'ū', 'ú', 'ǔ',
    'ù', 'ǖ', 'ǘ', 'ǚ', 'ǜ', 'ń', 'ň', 'ǹ', 'ḿ',
];

/// Removes inline pinyin annotations: 衛(wèi)生 → 衛生, 發(fā)展 → 發展. Real parentheses —
/// （一）, (DR), (2024) — are kept.
pub fn repair_pinyin(line: &str) -> Cow<'_, str> {
    if !line.contains(['(', '（']) {
        return Cow::Borrowed(line);
    }
    pinyin_pattern().replace_all(line, |caps: &regex::Captures<'_>| {
        let syllable = &caps[2];
        if syllable.contains(TONE_MARKED) {
            caps[1].to_string()
        } else {
            caps[0].to_string()
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folds_traditional_to_simplified_one_for_one() {
        assert_eq!(fold("衛生院"), "卫生院");
        assert_eq!(fold("縣衛生健康局組織開展"), "县卫生健康局组织开展");
        assert_eq!(fold("衞生"), "卫生", "Hong Kong variant");
        let simplified = "东安县卫生健康局2020年工作总结";
        assert!(
            matches!(fold(simplified), Cow::Borrowed(_)),
            "simplified text is left as it is"
        );
        let traditional = "醫藥衛生體制改革";
        assert_eq!(
            fold(traditional).chars().count(),
            traditional.chars().count()
        );
    }

    #[test]
    fn folds_full_width_letters_and_digits() {
        assert_eq!(fold("ＡＢＣ１２３ｘ"), "ABC123x");
        assert_eq!(
            fold("（一）"),
            "（一）",
            "full-width punctuation is not a letter or digit"
        );
    }

    #[test]
    fn pinyin_annotations_are_removed() {
        assert_eq!(repair_pinyin("全市衛(wèi)生工作"), "全市衛生工作");
        assert_eq!(repair_pinyin("醫(yī)藥衛(wèi)生體制"), "醫藥衛生體制");
        assert_eq!(repair_pinyin("促進中醫(yī)藥發(fā)展"), "促進中醫藥發展");
        assert_eq!(repair_pinyin("農(nóng)村"), "農村");
        assert_eq!(repair_pinyin("綠(lǜ)色"), "綠色");
        assert_eq!(repair_pinyin("醫（yī）院"), "醫院");
    }

    #[test]
    fn real_parentheses_survive_pinyin_repair() {
        for line in [
            "（一）医药卫生体制改革",
            "(一)创新突破",
            "购置(DR)设备",
            "流行性感冒(513例)",
            "检查(de)",
            "2024(年)",
        ] {
            assert_eq!(repair_pinyin(line), line);
        }
    }
}
