//! A deterministic corpus for benchmarks: a tree of report files of about the size asked,
//! made of the paragraphs of `corpus/` (and of any extra folders given), with varied titles,
//! regions, years 2005–2025 and kinds, a few percent in traditional characters, a few percent
//! in GB18030, and some hard-wrapped like PDF copies. The same seed gives the same bytes.
//!
//! `cargo run --release --example gen_corpus -- --size 100M --out target/bench/corpus-100M
//!  [--seed 42] [--source corpus] [--source ../shared/extra-corpus/provincial-2026]`

use std::collections::HashMap;
use std::io::Write;
use std::path::{Path, PathBuf};

/// A small, fast, seedable generator (PCG-XSH-RR 64/32), so that no crate decides our bytes.
struct Pcg(u64);

impl Pcg {
    fn next(&mut self) -> u32 {
        let state = self.0;
        self.0 = state
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        let xorshifted = (((state >> 18) ^ state) >> 27) as u32;
        xorshifted.rotate_right((state >> 59) as u32)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() as usize) % n.max(1)
    }

    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }

    fn chance(&mut self, percent: usize) -> bool {
        self.below(100) < percent
    }
}

const REGIONS: &[&str] = &[
    "东安县",
    "白碱滩区",
    "清远市",
    "湖南省",
    "永州市",
    "英德市",
    "连州市",
    "宁乡县",
    "浏阳市",
    "株洲市",
    "岳阳县",
    "平江县",
    "汝城县",
    "桂东县",
    "嘉禾县",
    "临武县",
    "城步苗族自治县",
    "江华瑶族自治县",
    "湘潭县",
    "韶山市",
    "广东省",
    "浙江省",
    "江苏省",
    "四川省",
    "甘肃省",
    "X县",
    "**市",
    "xx县",
];
const BODIES: &[&str] = &[
    "卫生健康局",
    "卫生局",
    "卫健委",
    "卫生健康委员会",
    "疾病预防控制中心",
    "人民政府",
];
const KINDS: &[&str] = &[
    "{y}年工作总结",
    "{y}年上半年工作总结",
    "{y}年{m}月工作总结",
    "{y}年第{q}季度工作总结",
    "{y}年工作计划",
    "{y}年工作总结及{n}年工作打算",
    "{y}年政府工作报告",
    "主要职责",
];
const HEADINGS: &[&str] = &[
    "一、", "二、", "三、", "四、", "五、", "六、", "七、", "八、",
];
const SUBHEADINGS: &[&str] = &["（一）", "（二）", "（三）", "（四）", "（五）"];
const CHROME: &[&str] = &[
    "当前位置：首页 > 工作总结 > 正文",
    "分享到:",
    "【字体：大 中 小】",
    "下载 打印 全屏 收藏",
    "版权所有：某某范文网 2012-2024",
    "湘ICP备16001010号",
    "扫一扫在手机打开当前页",
];

fn parse_size(text: &str) -> Option<u64> {
    let text = text.trim();
    let (digits, unit) = text.split_at(
        text.find(|c: char| !c.is_ascii_digit())
            .unwrap_or(text.len()),
    );
    let n: u64 = digits.parse().ok()?;
    let factor = match unit.to_ascii_uppercase().as_str() {
        "" | "B" => 1,
        "K" | "KB" => 1 << 10,
        "M" | "MB" => 1 << 20,
        "G" | "GB" => 1 << 30,
        _ => return None,
    };
    Some(n * factor)
}

/// The paragraphs of every .txt file under `folder`: lines of 20 characters or more that
/// baogao does not take for web boilerplate.
fn paragraphs(folder: &Path, into: &mut Vec<String>) {
    for file in walk(folder) {
        let Ok(text) = std::fs::read_to_string(&file) else {
            continue;
        };
        for line in baogao::text::clean_lines(&text) {
            if line.boilerplate.is_none() && line.text.chars().count() >= 20 {
                into.push(line.text);
            }
        }
    }
}

/// The report files of a folder, as `baogao index` finds them.
fn walk(folder: &Path) -> Vec<PathBuf> {
    baogao::corpus::report_paths(folder).unwrap_or_else(|err| fail(&err.to_string()))
}

/// Simplified → one traditional form, from the folding table read backwards.
fn to_traditional_table() -> HashMap<char, char> {
    let mut table = HashMap::new();
    for code in (0x4E00u32..=0x9FFF).rev() {
        if let Some(c) = char::from_u32(code) {
            let folded = baogao::text::fold_char(c);
            if folded != c {
                table.insert(folded, c);
            }
        }
    }
    table
}

fn hard_wrap(text: &str, width: usize) -> String {
    let chars: Vec<char> = text.chars().collect();
    chars
        .chunks(width)
        .map(|chunk| chunk.iter().collect::<String>())
        .collect::<Vec<_>>()
        .join("\n")
}

fn main() {
    let mut args = std::env::args().skip(1);
    let (mut size, mut out, mut seed, mut sources) = (
        100u64 << 20,
        PathBuf::from("target/bench/corpus"),
        42u64,
        Vec::new(),
    );
    while let Some(flag) = args.next() {
        let value = args.next().unwrap_or_default();
        match flag.as_str() {
            "--size" => {
                size = parse_size(&value)
                    .unwrap_or_else(|| fail(&format!("--size `{value}`: use 5M, 100M, 1G")))
            }
            "--out" => out = PathBuf::from(value),
            "--seed" => {
                seed = value
                    .parse()
                    .unwrap_or_else(|_| fail(&format!("--seed `{value}` is not a number")))
            }
            "--source" => sources.push(PathBuf::from(value)),
            other => fail(&format!("unknown option `{other}`")),
        }
    }
    if sources.is_empty() {
        sources.push(PathBuf::from("corpus"));
    }
    let mut pool = Vec::new();
    for source in &sources {
        paragraphs(source, &mut pool);
    }
    if pool.is_empty() {
        fail("no paragraphs found in the sources");
    }
    if out.exists() {
        std::fs::remove_dir_all(&out)
            .unwrap_or_else(|e| fail(&format!("cannot clear {}: {e}", out.display())));
    }
    let traditional = to_traditional_table();
    let mut rng = Pcg(seed ^ 0x5851_f42d_4c95_7f2d);
    let (mut written, mut files) = (0u64, 0usize);
    while written < size {
        let year = 2005 + rng.below(21);
        let region = *rng.pick(REGIONS);
        let body = *rng.pick(BODIES);
        let kind = rng
            .pick(KINDS)
            .replace("{y}", &year.to_string())
            .replace("{n}", &(year + 1).to_string())
            .replace("{m}", &(1 + rng.below(12)).to_string())
            .replace("{q}", ["一", "二", "三", "四"][rng.below(4)]);
        let mut report = String::new();
        if rng.chance(40) {
            for _ in 0..2 + rng.below(3) {
                let chrome: &&str = rng.pick(CHROME);
                report.push_str(chrome);
                report.push('\n');
            }
        }
        report.push_str(&format!("{region}{body}{kind}\n\n"));
        let wrapped = rng.chance(10);
        for heading in HEADINGS.iter().take(2 + rng.below(6)) {
            let topic: String = rng.pick(&pool).chars().take(12).collect();
            report.push_str(&format!("{heading}{topic}\n"));
            for sub in SUBHEADINGS.iter().take(rng.below(4)) {
                let topic: String = rng.pick(&pool).chars().take(10).collect();
                report.push_str(&format!("{sub}{topic}\n"));
                for _ in 0..1 + rng.below(4) {
                    let paragraph = rng.pick(&pool);
                    report.push_str(&if wrapped {
                        hard_wrap(paragraph, 32 + rng.below(8))
                    } else {
                        paragraph.clone()
                    });
                    report.push('\n');
                }
            }
        }
        if rng.chance(3) {
            report = report
                .chars()
                .map(|c| traditional.get(&c).copied().unwrap_or(c))
                .collect();
        }
        let folder = out.join(year.to_string()).join(region.replace('*', "x"));
        std::fs::create_dir_all(&folder)
            .unwrap_or_else(|e| fail(&format!("cannot create {}: {e}", folder.display())));
        let path = folder.join(format!("{files:07}.txt"));
        let mut file = std::fs::File::create(&path)
            .unwrap_or_else(|e| fail(&format!("cannot write {}: {e}", path.display())));
        // A few percent in GB18030, as legacy government files are.
        let bytes = if rng.chance(3) {
            encoding_rs::GB18030.encode(&report).0.into_owned()
        } else {
            report.into_bytes()
        };
        file.write_all(&bytes)
            .unwrap_or_else(|e| fail(&format!("cannot write {}: {e}", path.display())));
        written += bytes.len() as u64;
        files += 1;
    }
    println!(
        "{} files, {} bytes in {} (seed {seed}, {} source paragraphs)",
        files,
        written,
        out.display(),
        pool.len()
    );
}

fn fail(message: &str) -> ! {
    eprintln!("gen_corpus: {message}");
    std::process::exit(2);
}
