//! Web chrome that is not report text: breadcrumbs, share/print/font widgets, paywall and tip
//! lines, copyright and filing footers, site prefaces, QR-code and subscription lines. Each rule
//! is a pattern over a whole line (folded to simplified characters, see `normalize::fold`) with
//! real lines it was written for; they live here and nowhere else.

use regex::{RegexSet, RegexSetBuilder};
use std::sync::OnceLock;

/// A kind of boilerplate line.
pub struct Rule {
    /// What the rule removes.
    pub name: &'static str,
    /// A regex matched against the whole trimmed, folded line.
    pub pattern: &'static str,
    /// Real lines it removes (checked by a test).
    pub examples: &'static [&'static str],
}

/// Separators of a label and its value.
macro_rules! colon {
    () => {
        r"\s*[:：]"
    };
}

/// The rules, in no particular order: a line matching any of them is dropped.
pub const RULES: &[Rule] = &[
    Rule {
        name: "breadcrumb",
        pattern: concat!(r"^(当前位置|您现在所在的位置|您的位置|您所在的位置|所在位置|当前的位置)", colon!()),
        examples: &["当前位置:首页 > 工作总结 > 正文", "您现在所在的位置 : 首页 > 政务公开 > 规划计划及解读 > 工作计划", "您的位置:", "当前位置："],
    },
    Rule {
        name: "breadcrumb path",
        pattern: r"(^|\s)首页\s*[>＞»›]|^[>＞»›]$",
        examples: &["首页 > 政务公开 > 工作计划", ">"],
    },
    Rule {
        name: "navigation section name",
        pattern: r"^\p{Han}{0,6}(要闻|新闻|动态|政务信息|信息公开|政务公开)$",
        examples: &["云南要闻", "宁夏要闻", "政务信息"],
    },
    Rule {
        name: "page widget words",
        pattern: r"^(首页|下载|打印|打印本页|全屏|收藏|关闭|关闭窗口|返回|返回顶部|加大|还原|减小|[大中小]|纠错|分享|【|】|\[|\]|×|赏赞|Document)(\s+(下载|打印|全屏|收藏|关闭窗口|分享|[大中小]))*$",
        examples: &["×", "下载", "打印", "全屏", "收藏", "加大", "还原", "减小", "大", "中", "小", "】", "关闭窗口", "打印本页", "赏赞", "Document", "下载 打印 全屏 收藏"],
    },
    Rule {
        name: "font-size widget",
        pattern: concat!(r"^•?\s*【?\s*(字体|字号)", colon!()),
        examples: &["【字号：", "• 【字体:    ", "【字体：大 中 小】"],
    },
    Rule {
        name: "share and QR code",
        pattern: r"^(分享到|分享)\s*[:：]?\s*\S{0,6}$|^.{0,8}(扫一扫|二维码|订阅号|公众号).{0,16}$",
        examples: &["分享到:", "分享到微信", "分享:", "分享：", "微信扫一扫在手机阅读、分享本文", "扫一扫在手机打开当前页", "二维码", "微信订阅号"],
    },
    Rule {
        name: "page meta label",
        pattern: concat!(
            r"^[•·(（]?\s*(来源|发布机构|发布时间|发表时间|发布日期|阅读量|阅读次数|浏览次数|点击数|点击量|访问量|作者|编辑|责任编辑|一审|二审|三审|信息来源|文章来源|时间|日期|相关报道)",
            colon!(),
            r".{0,40}$"
        ),
        examples: &["发布时间: 2022-07-18 09:10:03 来源:网友投稿", "• 来源:  ", "• 发布机构:", "• 一审:", "来源：解放日报", "时间：2026-02-12", "阅读量：", "相关报道：下载", "（来源：青海日报）"],
    },
    Rule {
        name: "lone date and time",
        pattern: r"^•?\s*\d{4}[-/.]\d{1,2}[-/.]\d{1,2}(\s+\d{1,2}:\d{2}(:\d{2})?)?(\s+\d+)?$|^\d{4}年\d{1,2}月\d{1,2}日\s+\d{1,2}[时:]\d{2}分?$",
        examples: &["2024-12-16 00:03:52 32", "• 2021-09-22 10:08", "2026-02-03 09:02:33", "2026年02月10日 07时41分"],
    },
    Rule {
        name: "paywall and tips",
        pattern: r"阅读全文|想阅读完全部|请赞赏|赏赞|打赏|^¥\s*[\d.]+$|查看更多|如果喜欢本篇",
        examples: &["阅读全文", "(想阅读完全部图文内容,您需要先成为会员)", "如果喜欢本篇内容,请赞赏鼓励哦!", "尚未有人赏赞,赶紧来一个吧", "查看更多>>", "请选择打赏类型", "¥0.01", "¥99.99"],
    },
    Rule {
        name: "related-links block",
        pattern: r"^•?\s*(相关内容|热门推荐|本周热门|本月热门|相关政策|友情链接|相关文章|相关阅读|猜你喜欢|推荐阅读|相关文档|相关附件|上一篇|下一篇|联系客服|关于本文|文章导读)\s*[:：]?",
        examples: &["相关文档：", "相关内容", "    热门推荐", "• 本周热门", "相关政策", "友情链接", "联系客服", "关于本文", "文章导读"],
    },
    Rule {
        name: "link list item",
        pattern: r"^•\s*[^。！？；]{1,20}$",
        examples: &["• 监督一点通", "• 三湘e监督", "• 湖南省政府网"],
    },
    Rule {
        name: "copyright and filing footer",
        pattern: r"版权所有|ICP备|ICP证|公网安备|网站标识码|Powered by|All Rights Reserved|^©|Copyright",
        examples: &["版权所有:博古范文网 2012-2024 未经许可", "Powered by 博古范文网 © All Rights Reserved.", "电子邮箱: dadzzw@163.com  湘ICP备16001010号", "湘公网安备43112202000005号  网站标识码:4311250001"],
    },
    Rule {
        name: "site contact footer",
        pattern: concat!(r"^(主办|承办|地址|邮编|联系我们|联系电话|电子邮箱|本文标题|链接地址|本文链接|原文链接|网址)", colon!(), r".{0,80}$"),
        examples: &["主办:东安县人民政府办公室  承办:东安县行政审批服务局", "地址:东安县车站路133号  邮编:425900", "联系我们:0746-4239377(仅受理网站建设维护相关事宜)", "本文标题:市卫生健康委2024年工作总结及2025年工作谋划", "链接地址:https://www.example.com/a.html"],
    },
    Rule {
        name: "bare link",
        pattern: r"^(https?://|www\.)\S+$",
        examples: &["https://www.example.com/index.html"],
    },
    Rule {
        name: "site preface",
        pattern: r"本站为你精心整理|小编为大家整理|小编整理|供大家参考|希望能为你|希望对你有所帮助|欢迎咨询|欢迎阅读|范文网",
        examples: &[
            "前言:本站为你精心整理了市卫生部门上年总结范文,希望能为你的创作提供参考价值,我们的客服老师可以帮助你提供个性化的参考范文,欢迎咨询。",
            "下面是小编为大家整理的X县卫健委上半年工作总结【完整版】,供大家参考。",
        ],
    },
    Rule {
        name: "photo caption",
        pattern: r"记者.{1,12}摄影?$",
        examples: &["政府工作报告。 贵州日报天眼新闻记者 李森 摄", "殷勇同志作政府工作报告。本报记者 戴冰摄", "省长叶建春作政府工作报告。本报全媒体记者 林 君摄"],
    },
    Rule {
        name: TRUNCATED_TEASER,
        pattern: r"^.{40,}(\.\.\.|……)$",
        examples: &["第一篇：卫生局.白碱滩区卫生局7月工作总结一、贯标工作2024年7月12日，区人民政府召开实施ISO9001质量管理体系文件发布大会，标志着区人民政府及各贯标部门质量体系文件正式发布并开始进入试运行阶段。卫生局根据要求召开本单位的体系文件..."],
    },
];

/// The rule of lines cut off with `...`: teasers of the text below, unless nothing below is
/// what they preview (see `lines::keep_excerpts_that_are_the_text`).
pub const TRUNCATED_TEASER: &str = "truncated teaser";

/// Labels after which the next line is a teaser (an excerpt of the report repeated above it):
/// 文章导读 in 001_….txt.
const TEASER_LABELS: &[&str] = &["文章导读", "导读", "内容摘要", "内容提要", "摘要"];

/// Whether `line` (trimmed, folded) announces a teaser on the next line.
pub fn introduces_teaser(line: &str) -> bool {
    TEASER_LABELS.contains(&line.trim().trim_end_matches([':', '：']))
}

fn rule_set() -> &'static RegexSet {
    static SET: OnceLock<RegexSet> = OnceLock::new();
    SET.get_or_init(|| {
        // Han character classes make many DFA states: a roomier cache than the default keeps
        // the lazy DFA from being rebuilt line after line.
        RegexSetBuilder::new(RULES.iter().map(|rule| rule.pattern))
            .dfa_size_limit(64 << 20)
            .build()
            .expect("every boilerplate rule is a valid regex")
    })
}

/// The name of the first rule `line` (trimmed, folded) matches, or None for report text.
pub fn boilerplate_rule(line: &str) -> Option<&'static str> {
    let line = line.trim();
    // Nearly every line is report text: the one-pass check first, which rules only after.
    if line.is_empty() || !rule_set().is_match(line) {
        return None;
    }
    rule_set()
        .matches(line)
        .iter()
        .next()
        .map(|index| RULES[index].name)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_rule_removes_its_examples() {
        for rule in RULES {
            for example in rule.examples {
                assert!(
                    boilerplate_rule(example).is_some(),
                    "rule `{}` misses {example:?}",
                    rule.name
                );
            }
        }
    }

    #[test]
    fn report_text_is_kept() {
        let report_lines = [
            "东安县卫生健康局2020年工作总结及2021年工作打算",
            "一、工作开展情况。",
            "(一)医药卫生体制改革持续深化",
            "2024年7月12日，区人民政府召开实施ISO9001质量管理体系文件发布大会。",
            "各位代表：",
            "陕西省人民政府",
            "时间紧、任务重，全县上下凝心聚力，取得了阶段性成效。",
            "一是加强疫情网络直报。截止到12月,全县共报告传染病。",
            "购置DR、彩超等设备，提升服务能力。",
            "2026年2月3日在四川省第十四届人民代表大会第五次会议上",
            "加大财政投入力度，打印机等办公设备全部更新。",
            "新闻发布会上通报了疫情防控情况。",
            "xx县卫生局",
            "首页设计由信息中心负责。",
            "（来源于群众反映的问题，逐件办理。）",
        ];
        let long_share =
            "通过微信公众号、短视频平台等发布健康科普信息1200余条，覆盖人群超过50万人次。";
        for line in report_lines.iter().chain([&long_share]) {
            assert_eq!(boilerplate_rule(line), None, "{line}");
        }
    }
}
