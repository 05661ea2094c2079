//! The opening formula of a speech to a congress: 现在，我代表国务院，向大会作政府工作报告，请予
//! 审议 says, with no title, that the report is a government work report and who delivers it
//! (我代表海拉尔区人民政府 → 海拉尔区).

use std::sync::LazyLock;

use regex::Regex;

use super::place::{self, Place};

/// A government work report's formula, with the real lines it was written for:
/// 根据中共中央的决定，我代表国务院，向第四届全国人民代表大会作政府工作报告。
/// 现在，我受国务院的委托，向全国人民代表大会报告政府工作。
/// 现在，我代表国务院，向大会报告过去五年的政府工作，并对今年工作提出建议…
/// 现在，我代表中央人民政府作工作報告。 (1954)
/// 现在，我代表市人民政府，向大会报告工作，请予审议。
static GOVERNMENT_WORK_REPORT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"我(?:代表|受)[^。；]{1,40}?(?:向[^。；]{0,40}?作(?:政府)?工作报告|向[^。；]{0,30}?报告(?:[^。；]{0,8}的)?(?:政府)?工作|作(?:政府)?工作报告)",
    )
    .expect("the government work report formula is constant and valid")
});

/// Who speaks for a national body: 我代表国务院, 我代表中华人民共和国国务院, 我代表中央人民政府,
/// 我受中共中央和国务院的委托, 我受十二届中央委员会委托, 我代表第十九届中央委员会.
static NATIONAL_SPEAKER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"我(?:代表|受)(?:中华人民共和国)?(?:国务院|中央人民政府|中共中央|(?:第?[一二三四五六七八九十]+届)?中央委员会)",
    )
    .expect("the national speaker pattern is constant and valid")
});

/// How many opening lines the formula is looked for in.
const FORMULA_LINES: usize = 12;

/// Whether the opening lines hold a government work report's formula.
pub(super) fn is_government_work_report(opening: &[&str]) -> bool {
    opening
        .iter()
        .take(FORMULA_LINES)
        .any(|line| GOVERNMENT_WORK_REPORT.is_match(line))
}

/// The body a speaker speaks for: 我代表海拉尔区人民政府 → 海拉尔区, 我代表国务院 → the country.
pub(super) fn place_of_formula(line: &str) -> Option<Place> {
    if NATIONAL_SPEAKER.is_match(line) {
        return Some(Place::national());
    }
    let (_, after) = line.split_once("我代表")?;
    let government = |rest: &str| rest.starts_with("人民政府") || rest.starts_with("政府");
    place::place_at(after, &government).map(|(place, _)| place)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::report::Level;

    #[test]
    fn formulas_of_real_government_work_reports() {
        for line in [
            "根据中共中央的决定，我代表国务院，向第四届全国人民代表大会作政府工作报告。",
            "现在，我受国务院的委托，向全国人民代表大会报告政府工作。",
            "现在，我代表国务院，向大会报告过去五年的政府工作，并对今年工作提出建议，请各位代表审议",
            "现在，我代表中央人民政府作工作报告。",
            "现在，我代表市人民政府，向大会报告工作，请予审议。",
            "现在，我代表海拉尔区人民政府，向大会作政府工作报告，请予审议",
        ] {
            assert!(is_government_work_report(&[line]), "{line}");
        }
        for line in [
            "我受十二届中央委员会委托，向大会作报告。",
            "现在，我代表第十九届中央委员会向大会作报告。",
            "2021年，县卫健委在县委、县政府的坚强领导下",
        ] {
            assert!(!is_government_work_report(&[line]), "{line}");
        }
    }

    #[test]
    fn the_speaker_names_the_place() {
        let of = |line: &str| place_of_formula(line).map(|place| (place.level, place.name));
        assert_eq!(
            of("现在，我代表海拉尔区人民政府，向大会作政府工作报告"),
            Some((Level::District, Some("海拉尔区".to_string())))
        );
        assert_eq!(
            of("现在，我代表国务院，向大会报告政府工作"),
            Some((Level::National, Some(place::COUNTRY.to_string())))
        );
        assert_eq!(
            of("我受十二届中央委员会委托，向大会作报告。"),
            Some((Level::National, Some(place::COUNTRY.to_string())))
        );
        assert_eq!(
            of("现在，我代表市人民政府，向大会报告工作"),
            Some((Level::City, None))
        );
        assert_eq!(of("我们这次代表大会"), None);
    }
}
