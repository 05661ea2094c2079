//! `extract` on titles and opening lines copied from real reports: the corpus of this repo
//! (corpus/000…004, 000 folded to simplified characters) and the 2026 provincial government
//! work reports of /work/shared/extra-corpus/provincial-2026 when that folder is present.

use super::*;

/// What a test expects of `extract`, with the date written as Display prints it.
#[derive(Clone, Copy)]
struct Want {
    year: Option<u16>,
    published: Option<&'static str>,
    kind: Kind,
    level: Level,
    region: Option<&'static str>,
    org: Option<&'static str>,
}

fn check(title: &str, opening: &[&str], file_name: &str, want: Want) {
    let got = extract(title, opening, file_name);
    let published = got.published.map(|date| date.to_string());
    assert_eq!(got.year, want.year, "year of {title}");
    assert_eq!(published.as_deref(), want.published, "published of {title}");
    assert_eq!(got.kind, want.kind, "kind of {title}");
    assert_eq!(got.level, want.level, "level of {title}");
    assert_eq!(got.region.as_deref(), want.region, "region of {title}");
    assert_eq!(got.org.as_deref(), want.org, "org of {title}");
}

#[test]
fn corpus_health_reports() {
    use Kind::*;
    use Level::*;
    let cases: &[(&str, &[&str], &str, Want)] = &[
        (
            "上半年工作回顾", // 000, traditional in the file: no year, no place, no stamp
            &[
                "前言:本站为你精心整理了市卫生部门上年总结范文,希望能为你的创作提供参考价值",
                "全市卫生工作坚持以科学发展观为指导,年上半年。以深化医药卫生体制改革为切入点",
                "上半年工作回顾",
                "一、医药卫生体制改革有序推进",
                "市政府成立了深化医药卫生体制改革领导小组,市委、市政府高度重视医改工作。",
            ],
            "000_bd783308ac91c8c5.txt",
            // 全市 once, 市政府 twice and 市委 once: a city's report, though it names no city.
            Want { year: None, published: None, kind: HalfYearSummary, level: City, region: None, org: None },
        ),
        (
            "市卫生健康委2024年工作总结及2025年工作谋划", // 001
            &[
                "市卫生健康委2024年工作总结及2025年工作谋划",
                "2024-12-16 00:03:52 32",
                "文章导读",
                "市卫生健康委2024年工作总结及2025年工作谋划 2024年,全市卫生健康系统坚持以…",
            ],
            "001_d67ff23fbbb9576f.txt",
            Want { year: Some(2024), published: Some("2024-12-16"), kind: AnnualSummary, level: City, region: None, org: Some("市卫生健康委") },
        ),
        (
            "X县卫健委上半年工作总结【完整版】", // 002: the year is in the repeated title below
            &[
                "当前位置:首页 > 工作总结 > 正文",
                "X县卫健委上半年工作总结【完整版】",
                "发布时间: 2022-07-18 09:10:03 来源:网友投稿",
                "下面是小编为大家整理的X县卫健委上半年工作总结【完整版】,供大家参考。",
                "X县卫健委上半年工作总结【完整版】",
                "X县卫健委2021年上半年工作总结",
                "2021年,县卫健委在县委、县政府的坚强领导下,坚持以…",
            ],
            "002_f83045ee5558e8cd.txt",
            Want { year: Some(2021), published: Some("2022-07-18"), kind: HalfYearSummary, level: County, region: None, org: Some("X县卫健委") },
        ),
        (
            "白碱滩区卫生局7月工作总结", // 003: the year comes from the body's first date
            &[
                "第一篇：卫生局.白碱滩区卫生局7月工作总结一、贯标工作2024年7月12日，区人民政府召开实施ISO9001质量管理体系文件发布大会，标志着区人民政府及各贯标部门",
                "第一篇：卫生局.",
                "白碱滩区卫生局7月工作总结",
                "一、贯标工作",
                "2024年7月12日，区人民政府召开实施ISO9001质量管理体系文件发布大会",
            ],
            "003_4c56982ee4a395ee.txt",
            Want { year: Some(2024), published: None, kind: Monthly, level: District, region: Some("白碱滩区"), org: Some("白碱滩区卫生局") },
        ),
        (
            "东安县卫生健康局2020年工作总结及2021年工作打算", // 004
            &[
                "您现在所在的位置 : 首页 > 政务公开 > 规划计划及解读 > 工作计划",
                "分享到:",
                "东安县卫生健康局2020年工作总结及2021年工作打算",
                "• 2021-09-22 10:08",
                "• 来源:",
                "• 发布机构:",
                "• 【字体:",
                "今年以来,全县卫健系统以习近平新时代中国特色社会主义思想为指导,…",
            ],
            "004_2ac8209b6c6491b0.txt",
            Want { year: Some(2020), published: Some("2021-09-22"), kind: AnnualSummary, level: County, region: Some("东安县"), org: Some("东安县卫生健康局") },
        ),
    ];
    for (title, opening, file_name, want) in cases {
        check(title, opening, file_name, *want);
    }
}

#[test]
fn anonymised_placeholder_and_bare_reports() {
    use Kind::*;
    use Level::*;
    let cases: &[(&str, &[&str], Want)] = &[
        (
            "**市卫生健康委20XX年工作总结",
            &["**市卫生健康委20XX年工作总结", "2019年,全市卫生健康系统…"],
            Want {
                year: None,
                published: None,
                kind: AnnualSummary,
                level: City,
                region: None,
                org: Some("**市卫生健康委"),
            },
        ),
        (
            "＊＊市卫生局xx年上半年工作总结",
            &["＊＊市卫生局xx年上半年工作总结"],
            Want {
                year: None,
                published: None,
                kind: HalfYearSummary,
                level: City,
                region: None,
                org: Some("＊＊市卫生局"),
            },
        ),
        (
            "某县卫生局**年工作计划",
            &["某县卫生局**年工作计划"],
            Want {
                year: None,
                published: None,
                kind: Plan,
                level: County,
                region: None,
                org: Some("某县卫生局"),
            },
        ),
        (
            "市卫生局上半年工作总结",
            &[
                "市卫生局上半年工作总结",
                "2024年7月12日，区人民政府召开会议",
            ],
            Want {
                year: Some(2024),
                published: None,
                kind: HalfYearSummary,
                level: City,
                region: None,
                org: Some("市卫生局"),
            },
        ),
        (
            "全市卫生工作总结",
            &["全市卫生工作总结"],
            Want {
                year: None,
                published: None,
                kind: AnnualSummary,
                level: City,
                region: None,
                org: None,
            },
        ),
        (
            "城市卫生工作计划",
            &["城市卫生工作计划", "超市、上市公司食品安全……"],
            Want {
                year: None,
                published: None,
                kind: Plan,
                level: Unknown,
                region: None,
                org: None,
            },
        ),
        (
            "卫生局主要职责",
            &["卫生局主要职责"],
            Want {
                year: None,
                published: None,
                kind: Duties,
                level: Unknown,
                region: None,
                org: Some("卫生局"),
            },
        ),
        (
            "2024年卫生工作计划",
            &["2024年卫生工作计划", "时间：2024-01-05"],
            Want {
                year: Some(2024),
                published: Some("2024-01-05"),
                kind: Plan,
                level: Unknown,
                region: None,
                org: None,
            },
        ),
        (
            "卫生院工作总结", // the body's 2009年度 is too deep to be the report's year
            &[
                "卫生院工作总结",
                "一、",
                "二、",
                "三、",
                "四、",
                "五、",
                "六、",
                "七、",
                "八、",
                "九、",
                "十、",
                "对照2009年度目标",
            ],
            Want {
                year: None,
                published: None,
                kind: AnnualSummary,
                level: Unknown,
                region: None,
                org: Some("卫生院"),
            },
        ),
    ];
    for (title, opening, want) in cases {
        check(title, opening, "report.txt", *want);
    }
}

#[test]
fn provincial_reports_with_fallbacks() {
    use Kind::GovernmentWorkReport;
    use Level::Province;
    let cases: &[(&str, &[&str], &str, Want)] = &[
        (
            "2026年上海市政府工作报告",
            &[
                "下载",
                "【字号：",
                "2026年上海市政府工作报告",
                "——2026年2月3日在上海市第十六届人民代表大会第四次会议上",
                "来源：解放日报",
                "时间：2026-02-09",
                "上海市市长 龚 正",
            ],
            "2026_上海市_政府工作报告.txt",
            Want {
                year: Some(2026),
                published: Some("2026-02-09"),
                kind: GovernmentWorkReport,
                level: Province,
                region: Some("上海市"),
                org: Some("上海市政府"),
            },
        ),
        (
            "2026年政府工作报告", // no place in the title: the speech line names it
            &[
                "您的位置:",
                "首页",
                "2026年政府工作报告",
                "来源：云南日报",
                "2026-02-03 09:02:33",
                "【字体：",
                "——2026年1月28日在云南省第十四届人民代表大会第四次会议上",
                "省长　王予波",
            ],
            "report.txt",
            Want {
                year: Some(2026),
                published: Some("2026-02-03"),
                kind: GovernmentWorkReport,
                level: Province,
                region: Some("云南省"),
                org: None,
            },
        ),
        (
            "政府工作报告", // no year in the title: the speech line under it has it
            &[
                "政府工作报告",
                "——2026年1月26日在广东省第十四届",
                "人民代表大会第五次会议上",
                "广东省省长 孟凡利",
            ],
            "report.txt",
            Want {
                year: Some(2026),
                published: None,
                kind: GovernmentWorkReport,
                level: Province,
                region: Some("广东省"),
                org: None,
            },
        ),
        (
            "陕西省2026年政府工作报告", // the body is named on the source line
            &[
                "分享:",
                "陕西省2026年政府工作报告",
                "2026年1月27日在陕西省第十四届人民代表大会第四次会议上 陕西省省长 赵刚",
                "时间：",
                "2026-02-02 09:20",
                "来源：",
                "陕西省人民政府",
            ],
            "report.txt",
            Want {
                year: Some(2026),
                published: Some("2026-02-02"),
                kind: GovernmentWorkReport,
                level: Province,
                region: Some("陕西省"),
                org: Some("陕西省人民政府"),
            },
        ),
        (
            "2026年宁夏回族自治区政府工作报告",
            &[
                "2026年宁夏回族自治区政府工作报告",
                "发表时间：",
                "2026-02-09 09:45:30",
                "来源：",
                "宁夏日报客户端",
            ],
            "report.txt",
            Want {
                year: Some(2026),
                published: Some("2026-02-09"),
                kind: GovernmentWorkReport,
                level: Province,
                region: Some("宁夏回族自治区"),
                org: Some("宁夏回族自治区政府"),
            },
        ),
        (
            "2026年四川省人民政府工作报告",
            &[
                "2026年四川省人民政府工作报告",
                "2026年02月10日 07时41分",
                "来源:",
                "四川日报",
                "2026年2月3日在四川省第十四届人民代表大会第五次会议上",
            ],
            "report.txt",
            Want {
                year: Some(2026),
                published: Some("2026-02-10"),
                kind: GovernmentWorkReport,
                level: Province,
                region: Some("四川省"),
                org: Some("四川省人民政府"),
            },
        ),
        (
            "政府工作报告", // nothing in the lines: the file name has year and place
            &["政府工作报告", "各位代表："],
            "2026_湖南省_政府工作报告.txt",
            Want {
                year: Some(2026),
                published: None,
                kind: GovernmentWorkReport,
                level: Province,
                region: Some("湖南省"),
                org: None,
            },
        ),
    ];
    for (title, opening, file_name, want) in cases {
        check(title, opening, file_name, *want);
    }
}

/// Every 2026 provincial report of the shared extra corpus comes out as a 2026 government
/// work report of the province named in its file name (2026_广西壮族自治区_政府工作报告.txt).
/// The folder lies beside the project, as CI lays it (../shared); a missing one fails.
#[test]
fn extra_corpus_provincial_2026() {
    let folder = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../shared/extra-corpus/provincial-2026");
    let entries = std::fs::read_dir(&folder).unwrap_or_else(|err| {
        panic!(
            "{}: {err} (the provincial set must be there: CI lays ../shared beside the project)",
            folder.display()
        )
    });
    let mut checked = 0;
    for entry in entries.flatten() {
        let file_name = entry.file_name().to_string_lossy().into_owned();
        let Some(province) = file_name.split('_').nth(1) else {
            continue;
        };
        let text = std::fs::read_to_string(entry.path()).expect("a readable UTF-8 report");
        let opening: Vec<&str> = text
            .lines()
            .map(str::trim)
            .filter(|line| !line.is_empty())
            .take(20)
            .collect();
        let title = text
            .lines()
            .map(str::trim)
            .find(|line| line.contains("政府工作报告"))
            .unwrap_or_default();
        let got = extract(title, &opening, &file_name);
        assert_eq!(got.year, Some(2026), "year of {file_name}");
        assert_eq!(got.kind, Kind::GovernmentWorkReport, "kind of {file_name}");
        assert_eq!(got.level, Level::Province, "level of {file_name}");
        assert_eq!(
            got.region.as_deref(),
            Some(province),
            "region of {file_name}"
        );
        checked += 1;
    }
    assert!(checked >= 31, "only {checked} provincial reports checked");
}

#[test]
fn title_heads_lose_their_year() {
    assert_eq!(title_head("2026年上海市政府工作报告"), "上海市政府工作报告");
    assert_eq!(title_head("20XX年度卫生工作总结"), "卫生工作总结");
    assert_eq!(
        title_head("二〇二〇年东安县卫生健康局工作总结"),
        "东安县卫生健康局工作总结"
    );
    assert_eq!(title_head("关于2024年卫生工作的总结"), "卫生工作的总结");
    assert_eq!(title_head("三年行动计划"), "三年行动计划");
}
