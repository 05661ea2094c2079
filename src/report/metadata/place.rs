//! Where a report comes from: the administrative level of its issuing body and the real name
//! of its place, from the start of its title, a line near its top, or its file name.

use std::ops::RangeInclusive;
use std::sync::LazyLock;

use regex::Regex;

use super::org;
use super::Level;
use crate::text::chars::{is_han, is_placeholder};

/// A place a report names or implies.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Place {
    pub(super) level: Level,
    /// The real name as written (东安县, 内蒙古自治区, 湖南省永州市); None when anonymised
    /// (X县, **市) or bare (市卫生健康委, 全市).
    pub(super) name: Option<String>,
}

/// Endings of place names, the level they give and how many characters of name may come
/// before them. Longest endings first, so 内蒙古自治区 ends in 自治区 and not in 区. Lengths
/// allow a chain written in one piece (湖南省永州市东安县) and one-character counties (泾县).
const ENDINGS: &[(&str, Level, RangeInclusive<usize>)] = &[
    ("自治区", Level::Province, 2..=5), // 西藏自治区, 新疆维吾尔自治区
    ("自治州", Level::City, 2..=9),     // 延边朝鲜族自治州
    ("自治县", Level::County, 2..=9),   // 长阳土家族自治县
    ("自治旗", Level::County, 2..=6),   // 鄂伦春自治旗
    ("地区", Level::City, 2..=8),       // 喀什地区
    ("省", Level::Province, 2..=3),     // 湖南省, 黑龙江省
    ("市", Level::City, 2..=8),         // 清远市, 湖南省永州市
    ("州", Level::City, 2..=8),         // 恩施州
    ("盟", Level::City, 2..=8),         // 锡林郭勒盟
    ("县", Level::County, 1..=8),       // 东安县, 泾县
    ("旗", Level::County, 2..=8),       // 达拉特旗
    ("区", Level::District, 2..=8),     // 白碱滩区, 北京市西城区
];

/// Cities that are provinces: 2026年上海市政府工作报告 comes from a province-level body.
const MUNICIPALITIES: &[&str] = &["北京市", "上海市", "天津市", "重庆市"];

/// Words that end like a place but are none: 城市, 超市, 上市, 社区, 辖区, 市区 (开展卫生城市
/// 创建, 全县各社区), mountain areas and parks (贫困山区, 工业园区; but 船山区 and 梁园区 are
/// districts), zones that are no level of government (示范区卫生健康局, 开发区), and pairs of
/// levels (县区, 市县).
const NOT_PLACE_ENDINGS: &[&str] = &[
    "城市",
    "都市",
    "超市",
    "上市",
    "市区",
    "社区",
    "辖区",
    "小区",
    "景区",
    "片区",
    "郊区",
    "贫困山区",
    "偏远山区",
    "边远山区",
    "深山区",
    "产业园区",
    "工业园区",
    "科技园区",
    "物流园区",
    "创业园区",
    "农业园区",
    "生态园区",
    "示范区",
    "开发区",
    "高新区",
    "保税区",
    "自贸区",
    "试验区",
    "功能区",
    "县区",
    "市县",
    "区县",
    "省市",
    "县市",
];

/// Zones run at a district's level, named without a place: 示范区卫生健康局2021年工作总结….
const ZONES: &[&str] = &["示范区", "开发区", "高新区", "新区"];

/// Words never inside a place's name: 昆明市官渡区人民政府关于官渡区… holds no place named
/// 人民政府关于官渡区.
const NOT_IN_NAMES: &[&str] = &["政府", "人民", "关于", "的", "委员会", "卫生", "召开"];

/// Characters that never end a place's name before its ending: 全市, 各县, 本区, 我省, 该县,
/// 加强全县卫生工作. (全市, 本县 and 我省 still give a level: see `BARE_PREFIXES`.)
const NOT_NAME_TAILS: &[char] = &['全', '本', '我', '各', '该', '此', '两', '每'];

/// Words before a bare ending that still mean "this place": 全市卫生工作, 本县, 我省.
const BARE_PREFIXES: &[&str] = &["全", "本", "我"];

/// Whether `c` hides a place's name in an anonymised report: X县, XX县, xx县, **市, ＊＊市,
/// ○○镇 (the placeholders), and 某县.
pub(super) fn hides_name(c: char) -> bool {
    is_placeholder(c) || c == '某'
}

/// What may follow a place at the start of a title, besides a year and a body's name
/// (东安县卫生健康局, 陕西省2026年…): 湖南省卫生健康工作总结, 东安县人民医院, 清远市疾病….
/// Anything else (开展卫生城市创建) means the place was a word of a sentence.
const TITLE_PLACE_FOLLOWERS: &[&str] = &[
    "召开", // 天水市召开2024年卫生健康工作会议
    "关于", // 昆明市官渡区人民政府关于…
    "印发",
    "举行",
    "卫生",
    "卫健",
    "卫计",
    "医",
    "疾",
    "健康",
    "人民",
    "政府",
    "上半年",
    "下半年",
    "年度",
    "妇幼",
    "中医",
    "第",
];

/// The speech line of a government work report naming its congress:
/// ——2026年1月28日在云南省第十四届人民代表大会第四次会议上, …在甘肃省十四届人民代表大会….
static SPEECH: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"在(\p{Han}{2,14}?)第?[一二三四五六七八九十]+届")
        .expect("the speech line pattern is constant and valid")
});

/// Longest place piece looked at, in characters (a 9-character name and 自治州).
const MAX_PIECE_CHARS: usize = 12;
/// Most pieces in one chain (湖南省 永州市 东安县 …).
const MAX_CHAIN: usize = 4;

/// One piece of a chain of places: its level, whether its name is real, its length in bytes.
#[derive(Debug, Clone, Copy)]
struct Piece {
    level: Level,
    named: bool,
    len: usize,
}

/// The place at the start of a title with its year cut off (东安县卫生健康局…, X县卫健委…,
/// 市卫生健康委…, 上海市政府工作报告, 陕西省2026年…), when something fitting follows it.
pub(super) fn place_in_title(head: &str) -> Option<Place> {
    let follows = |rest: &str| {
        rest.is_empty()
            || rest.starts_with(|c: char| c.is_ascii_digit() || hides_name(c))
            || org::body_at_start(rest).is_some()
            || TITLE_PLACE_FOLLOWERS
                .iter()
                .any(|word| rest.starts_with(word))
    };
    place_at(head, &follows).map(|(place, _)| place)
}

/// The place of a speech line: 在云南省第十四届人民代表大会… → 云南省; the country's for a
/// national congress: ——2022年3月5日在第十三届全国人民代表大会第五次会议上,
/// ——在中国共产党第二十次全国代表大会上的报告.
pub(super) fn place_in_speech(line: &str) -> Option<Place> {
    if NATIONAL_SPEECH.is_match(line) {
        return Some(Place::national());
    }
    SPEECH
        .captures_iter(line)
        .find_map(|caps| whole_place(caps.get(1)?.as_str()))
}

/// The name national reports are filed under.
pub const COUNTRY: &str = "中华人民共和国";

/// Words that open the title of a national body's report, with the titles they were written
/// for: 中华人民共和国国务院政府工作报告, 国务院关于…, 在中国共产党第九次全国代表大会上的报告
/// (title_head strips 关于 and the year before these are looked for).
const NATIONAL_TITLE_WORDS: &[&str] = &[
    "中华人民共和国",
    "国务院",
    "中共中央",
    "中国共产党",
    "在中国共产党",
    "全国人民代表大会",
    "国家卫生健康委",
    "国家卫生计生委",
    "国家卫生和计划生育委员会",
    "卫生部",
    "全国卫生",
];

/// A national congress in a speech line: 在第十三届全国人民代表大会…, 在中国共产党第二十次全国
/// 代表大会上.
static NATIONAL_SPEECH: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"在第?[一二三四五六七八九十]+届全国人民代表大会|中国共产党第[一二三四五六七八九十]+次全国代表大会")
        .expect("the national speech pattern is constant and valid")
});

impl Place {
    /// The country, for reports of national bodies.
    pub(super) fn national() -> Place {
        Place {
            level: Level::National,
            name: Some(COUNTRY.to_string()),
        }
    }
}

/// The country when a title starts with the name of a national body (see
/// [`NATIONAL_TITLE_WORDS`]).
pub(super) fn national_in_title(head: &str) -> Option<Place> {
    let head = head.trim_start();
    (NATIONAL_TITLE_WORDS
        .iter()
        .any(|word| head.starts_with(word))
        || NATIONAL_SPEECH.is_match(head))
    .then(Place::national)
}

/// A real place named by a part of the file name: 2026_云南省_政府工作报告.txt → 云南省.
pub(super) fn place_in_file_name(file_name: &str) -> Option<Place> {
    let stem = file_name
        .rsplit_once('.')
        .map_or(file_name, |(stem, _)| stem);
    stem.split(['_', '-', ' ', '.'])
        .filter_map(whole_place)
        .find(|place| place.name.is_some())
}

/// The place that is the whole of `text`.
fn whole_place(text: &str) -> Option<Place> {
    place_at(text, &str::is_empty).map(|(place, _)| place)
}

/// The place starting `text` whose remaining text `fits`, with that remaining text: a chain
/// of named or anonymised places (湖南省永州市东安县, 湖南省X县, **市), else a bare ending
/// (市卫生健康委, 县卫生局, 全市). Shorter pieces are tried first, so that a chain is cut
/// into its places (湖南省 永州市 东安县, 济南市 市中区); the name is the last, most specific
/// one (东安县), as a facet value a user types.
pub(super) fn place_at<'t>(text: &'t str, fits: &dyn Fn(&str) -> bool) -> Option<(Place, &'t str)> {
    if let Some((pieces, rest)) = chain_at(text, fits, MAX_CHAIN) {
        let len: usize = pieces.iter().map(|piece| piece.len).sum();
        let last = pieces.last().map_or(0, |piece| piece.len);
        let level = pieces.last().map_or(Level::Unknown, |piece| piece.level);
        let named = pieces.iter().all(|piece| piece.named);
        let name = named.then(|| text[len - last..len].to_string());
        return Some((Place { level, name }, rest));
    }
    if let Some(rest) = ZONES.iter().find_map(|zone| text.strip_prefix(zone)) {
        if fits(rest) {
            let level = Level::District;
            return Some((Place { level, name: None }, rest));
        }
    }
    let unprefixed = BARE_PREFIXES
        .iter()
        .find_map(|prefix| text.strip_prefix(prefix))
        .unwrap_or(text);
    ENDINGS.iter().find_map(|(ending, level, _)| {
        let rest = unprefixed.strip_prefix(ending)?;
        fits(rest).then_some((
            Place {
                level: *level,
                name: None,
            },
            rest,
        ))
    })
}

/// Pieces of places starting `text`, at most `depth` of them, whose remaining text fits.
fn chain_at<'t>(
    text: &'t str,
    fits: &dyn Fn(&str) -> bool,
    depth: usize,
) -> Option<(Vec<Piece>, &'t str)> {
    if depth == 0 {
        return None;
    }
    pieces_at(text).into_iter().find_map(|piece| {
        let rest = &text[piece.len..];
        if let Some((mut more, end)) = chain_at(rest, fits, depth - 1) {
            more.insert(0, piece);
            return Some((more, end));
        }
        fits(rest).then(|| (vec![piece], rest))
    })
}

/// The possible single pieces starting `text`, shortest first: named ones (东安县), then an
/// anonymised one (XX县).
fn pieces_at(text: &str) -> Vec<Piece> {
    let ends: Vec<usize> = text
        .char_indices()
        .skip(1)
        .map(|(at, _)| at)
        .chain([text.len()])
        .take(MAX_PIECE_CHARS)
        .collect();
    let han = text.chars().take_while(|&c| is_han(c)).count();
    let mut pieces: Vec<Piece> = ends[..han.min(ends.len())]
        .iter()
        .filter_map(|&len| {
            named_level(&text[..len]).map(|level| Piece {
                level,
                named: true,
                len,
            })
        })
        .collect();
    let hidden = text.chars().take_while(|&c| hides_name(c)).count();
    if (1..=4).contains(&hidden) {
        let at = ends[hidden - 1];
        let ending = ENDINGS
            .iter()
            .find(|(ending, ..)| text[at..].starts_with(ending));
        if let Some((ending, level, _)) = ending {
            pieces.push(Piece {
                level: *level,
                named: false,
                len: at + ending.len(),
            });
        }
    }
    pieces
}

/// The level of `candidate` when it is a real place name: a name of the right length before
/// a place ending, not a word like 城市 or 全县.
fn named_level(candidate: &str) -> Option<Level> {
    let (ending, level, name_chars) = ENDINGS
        .iter()
        .find(|(ending, ..)| candidate.ends_with(ending))?;
    let name = &candidate[..candidate.len() - ending.len()];
    let fine = name_chars.contains(&name.chars().count())
        && !name.contains(hides_name) // 某县 is anonymised, not named
        && !NOT_IN_NAMES.iter().any(|word| name.contains(word))
        && !name.ends_with(NOT_NAME_TAILS)
        && !NOT_PLACE_ENDINGS.iter().any(|word| candidate.ends_with(word));
    if !fine {
        return None;
    }
    Some(if MUNICIPALITIES.contains(&candidate) {
        Level::Province
    } else {
        *level
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn title_place(head: &str) -> (Level, Option<String>) {
        place_in_title(head).map_or((Level::Unknown, None), |p| (p.level, p.name))
    }

    #[test]
    fn places_at_the_start_of_titles() {
        use Level::*;
        for (head, level, name) in [
            ("东安县卫生健康局2020年工作总结", County, Some("东安县")),
            ("白碱滩区卫生局7月工作总结", District, Some("白碱滩区")),
            ("清远市卫生健康局工作总结", City, Some("清远市")),
            ("湖南省卫生健康委员会工作要点", Province, Some("湖南省")),
            ("上海市政府工作报告", Province, Some("上海市")),
            ("重庆市人民政府工作报告", Province, Some("重庆市")),
            ("内蒙古自治区政府工作报告", Province, Some("内蒙古自治区")),
            (
                "新疆维吾尔自治区政府工作报告",
                Province,
                Some("新疆维吾尔自治区"),
            ),
            ("陕西省2026年政府工作报告", Province, Some("陕西省")),
            ("北京市西城区卫生健康委工作总结", District, Some("西城区")),
            ("湖南省永州市东安县卫生健康局", County, Some("东安县")),
            ("济南市市中区政府工作报告", District, Some("市中区")),
            ("商丘市梁园区第四届人民代表大会", District, Some("梁园区")),
            (
                "昆明市官渡区人民政府关于官渡区2023年上半年国民经济和社会发展计划执行情况的报告",
                District,
                Some("官渡区"),
            ),
            ("天水市召开2024年卫生健康工作会议", City, Some("天水市")),
            ("示范区卫生健康局2021年工作总结", District, None),
            (
                "延边朝鲜族自治州卫生健康委员会",
                City,
                Some("延边朝鲜族自治州"),
            ),
            (
                "长阳土家族自治县卫生健康局",
                County,
                Some("长阳土家族自治县"),
            ),
            ("泾县卫生健康委工作总结", County, Some("泾县")),
            ("船山区2012年卫生工作任务", District, Some("船山区")),
            ("X县卫健委上半年工作总结", County, None),
            ("XX市XX区卫生健康局", District, None),
            ("**市卫生健康委工作总结", City, None),
            ("某县卫生局工作总结", County, None),
            ("湖南省X县卫生局", County, None),
            ("市卫生健康委2024年工作总结", City, None),
            ("县卫生局上半年工作总结", County, None),
            ("区人民政府工作报告", District, None),
            ("全市卫生工作总结", City, None),
            ("自治区人民政府工作报告", Province, None),
        ] {
            assert_eq!(title_place(head), (level, name.map(String::from)), "{head}");
        }
    }

    #[test]
    fn words_that_only_look_like_places() {
        for head in [
            "城市卫生工作总结",
            "开展卫生城市创建工作总结",
            "加强全县卫生工作的总结",
            "社区卫生服务中心工作总结",
            "超市食品安全检查总结",
            "上市公司年报",
            "各县卫生局工作总结",
            "政府工作报告",
            "卫生局主要职责",
            "上半年工作回顾",
        ] {
            assert_eq!(title_place(head), (Level::Unknown, None), "{head}");
        }
    }

    #[test]
    fn places_of_speech_lines_and_file_names() {
        let name = |place: Option<Place>| place.and_then(|p| p.name);
        for (line, want) in [
            (
                "——2026年1月28日在云南省第十四届人民代表大会第四次会议上",
                "云南省",
            ),
            (
                "——二〇二六年一月二十七日在甘肃省十四届人民代表大会第四次会议上",
                "甘肃省",
            ),
            (
                "——2026年2月3日在宁夏回族自治区第十三届人民代表大会第四次会议上",
                "宁夏回族自治区",
            ),
            ("——2026年1月26日在广东省第十四届", "广东省"),
        ] {
            assert_eq!(name(place_in_speech(line)).as_deref(), Some(want), "{line}");
        }
        assert_eq!(place_in_speech("在省十四届人大五次会议上"), None);
        assert_eq!(
            name(place_in_file_name("2026_广西壮族自治区_政府工作报告.txt")).as_deref(),
            Some("广西壮族自治区")
        );
        assert_eq!(place_in_file_name("004_2ac8209b6c6491b0.txt"), None);
    }
}
