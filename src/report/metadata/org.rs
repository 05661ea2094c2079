//! The issuing body of a report as written: 东安县卫生健康局, 市卫生健康委, X县卫健委,
//! 上海市政府, from the start of its title, else from a line near its top.

use super::place::{self, Place};
use crate::text::chars::is_han;

/// Names of issuing bodies, and whether the name alone, with no place before it, is one
/// (卫生局工作总结 → 卫生局). 政府 alone is not: in 2026年政府工作报告 it is the genre's name.
/// When two start at the same character the longer wins (卫生健康委员会 over 卫生健康委).
const BODIES: &[(&str, bool)] = &[
    ("卫生和计划生育委员会", true),
    ("卫生健康委员会", true), // 湖南省卫生健康委员会
    ("卫生健康委", true),     // 市卫生健康委2024年工作总结
    ("卫生健康局", true),     // 东安县卫生健康局
    ("卫健委", true),         // X县卫健委
    ("卫健局", true),
    ("卫生计生委", true),
    ("卫生计生局", true),
    ("卫计委", true),
    ("卫计局", true),
    ("卫生厅", true),
    ("卫生局", true), // 白碱滩区卫生局, 市卫生局
    ("疾病预防控制中心", true),
    ("疾控中心", true),
    ("卫生监督所", true),
    ("妇幼保健院", true),
    ("人民医院", true),
    ("中医院", true),
    ("卫生院", true),
    ("医院", true),
    ("人民政府", false), // 四川省人民政府, 河北省人民政府省长
    ("政府", false),     // 2026年上海市政府工作报告
];

/// Titles of the heads of bodies, which may follow a body or place on a line of a report's
/// top: 上海市市长 龚 正, 广东省省长 孟凡利, 四川省人民政府省长 施小琳, 自治区人民政府主席.
const OFFICIALS: &[&str] = &[
    "省长",
    "市长",
    "县长",
    "区长",
    "州长",
    "盟长",
    "旗长",
    "主席",
    "局长",
    "主任",
    "书记",
    "院长",
    "代省长",
    "代市长",
    "代县长",
    "代区长",
    "代主席",
];

/// Labels of a line naming a body: 来源：陕西省人民政府, 发布机构: 东安县卫生健康局.
/// 文章来源:灵璧县卫生健康委员会 浏览量: ….
const LABELS: &[&str] = &[
    "信息来源",
    "文章来源",
    "来源",
    "发布机构",
    "发文机关",
    "发布单位",
];

/// Most characters of a title before its body's name (湖南省永州市东安县南桥镇 and a little).
const MAX_PREFIX_CHARS: usize = 16;

/// The body named at the start of a title with its year cut off: the leading run of place
/// characters up to and including a body's name (东安县卫生健康局2020年… → 东安县卫生健康局,
/// 上海市政府工作报告 → 上海市政府); None when digits or punctuation come first.
pub(super) fn org_in_title(head: &str) -> Option<&str> {
    let (at, body, alone) = BODIES
        .iter()
        .filter_map(|&(body, alone)| head.find(body).map(|at| (at, body, alone)))
        .min_by_key(|&(at, body, _)| (at, std::cmp::Reverse(body.len())))?;
    let prefix = &head[..at];
    let placeish = |c: char| is_han(c) || place::hides_name(c);
    let fine = prefix.chars().count() <= MAX_PREFIX_CHARS
        && prefix.chars().all(placeish)
        && (alone || !prefix.is_empty());
    fine.then(|| &head[..at + body.len()])
}

/// A line near a report's top naming a place, maybe with its body: 陕西省人民政府 (a source),
/// 河北省人民政府省长 王正谱, 上海市市长 龚 正, 发布机构: 东安县卫生健康局. The body is None
/// when only the place and an official are named.
pub(super) fn org_line(line: &str) -> Option<(Place, Option<&str>)> {
    let text = without_label(line.trim_start_matches(['•', '·', '●', ' ', '\u{3000}']));
    let ends = |rest: &str| {
        rest.is_empty() || rest.starts_with(char::is_whitespace) || official_at_start(rest)
    };
    let fits = |rest: &str| {
        official_at_start(rest) || body_at_start(rest).is_some_and(|body| ends(&rest[body.len()..]))
    };
    let (place, rest) = place::place_at(text, &fits)?;
    let org = body_at_start(rest).map(|body| &text[..text.len() - rest.len() + body.len()]);
    Some((place, org))
}

/// The longest body's name starting `text`.
pub(super) fn body_at_start(text: &str) -> Option<&'static str> {
    BODIES
        .iter()
        .map(|&(body, _)| body)
        .filter(|body| text.starts_with(body))
        .max_by_key(|body| body.len())
}

/// Whether `text` starts with the title of a head of a body.
fn official_at_start(text: &str) -> bool {
    OFFICIALS.iter().any(|official| text.starts_with(official))
}

/// `line` without a leading label such as 来源：.
fn without_label(line: &str) -> &str {
    LABELS
        .iter()
        .find_map(|label| {
            let rest = line.strip_prefix(label)?.trim_start();
            rest.strip_prefix([':', '：'])
        })
        .map_or(line, str::trim_start)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bodies_at_the_start_of_titles() {
        for (head, want) in [
            (
                "东安县卫生健康局2020年工作总结及2021年工作打算",
                Some("东安县卫生健康局"),
            ),
            (
                "市卫生健康委2024年工作总结及2025年工作谋划",
                Some("市卫生健康委"),
            ),
            ("X县卫健委上半年工作总结【完整版】", Some("X县卫健委")),
            ("白碱滩区卫生局7月工作总结", Some("白碱滩区卫生局")),
            ("市卫生局上半年工作总结", Some("市卫生局")),
            ("湖南省卫生健康委员会工作要点", Some("湖南省卫生健康委员会")),
            ("上海市政府工作报告", Some("上海市政府")),
            ("四川省人民政府工作报告", Some("四川省人民政府")),
            ("东安县人民医院工作总结", Some("东安县人民医院")),
            ("卫生局主要职责", Some("卫生局")),
            ("政府工作报告", None),
            ("陕西省2026年政府工作报告", None),
            ("卫生工作计划", None),
            ("第一篇：卫生局.", None),
        ] {
            assert_eq!(org_in_title(head), want, "{head}");
        }
    }

    #[test]
    fn bodies_and_places_of_lines() {
        fn named(line: &str) -> Option<(Option<String>, Option<&str>)> {
            org_line(line).map(|(place, org)| (place.name, org))
        }
        let some = |name: &str, org: Option<&'static str>| Some((Some(name.to_string()), org));
        assert_eq!(
            named("陕西省人民政府"),
            some("陕西省", Some("陕西省人民政府"))
        );
        assert_eq!(
            named("河北省人民政府省长 王正谱"),
            some("河北省", Some("河北省人民政府"))
        );
        assert_eq!(named("上海市市长 龚 正"), some("上海市", None));
        assert_eq!(named("广东省省长 孟凡利"), some("广东省", None));
        assert_eq!(
            named("发布机构: 东安县卫生健康局"),
            some("东安县", Some("东安县卫生健康局"))
        );
        let bare = org_line("自治区人民政府主席 包钢");
        assert_eq!(
            bare.as_ref().map(|(place, _)| place.name.clone()),
            Some(None)
        );
        assert_eq!(bare.and_then(|(_, org)| org), Some("自治区人民政府"));
        for line in [
            "市政府成立了深化医药卫生体制改革领导小组",
            "省长 王予波",
            "来源：解放日报",
        ] {
            assert_eq!(org_line(line), None, "{line}");
        }
    }
}
