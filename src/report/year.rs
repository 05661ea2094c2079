//! The year a report is about: the first year (a four-digit number followed by 年) in its
//! title, else in its opening lines.

/// Years outside this range are numbers, not report years.
const YEARS: std::ops::RangeInclusive<u16> = 1949..=2100;

/// The report's year from its title, else from its opening lines.
pub fn find_year(title: &str, opening: &[&str]) -> Option<u16> {
    year_in(title).or_else(|| opening.iter().find_map(|line| year_in(line)))
}

/// The first `NNNN年` in `text` that is a plausible year and not the tail of a longer number
/// (2019136375人 holds no year).
pub fn year_in(text: &str) -> Option<u16> {
    let bytes = text.as_bytes();
    let mut at = 0;
    while let Some(found) = text[at..].find('年') {
        let end = at + found;
        at = end + '年'.len_utf8();
        if end < 4 {
            continue;
        }
        let digits = &bytes[end - 4..end];
        let preceded_by_digit = end > 4 && bytes[end - 5].is_ascii_digit();
        if digits.iter().all(u8::is_ascii_digit) && !preceded_by_digit {
            let year = digits
                .iter()
                .fold(0u16, |acc, d| acc * 10 + u16::from(d - b'0'));
            if YEARS.contains(&year) {
                return Some(year);
            }
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn takes_the_first_year_of_the_title() {
        assert_eq!(
            year_in("东安县卫生健康局2020年工作总结及2021年工作打算"),
            Some(2020)
        );
        assert_eq!(year_in("X县卫健委2021年上半年工作总结"), Some(2021));
    }

    #[test]
    fn ignores_placeholders_long_numbers_and_bare_year_words() {
        assert_eq!(year_in("20XX年工作总结"), None);
        assert_eq!(year_in("同比2019136375年"), None);
        assert_eq!(year_in("全市卫生工作年上半年"), None);
        assert_eq!(year_in("1234年"), None);
    }

    #[test]
    fn falls_back_to_the_opening_lines() {
        let opening = [
            "白碱滩区卫生局7月工作总结",
            "一、贯标工作",
            "2024年7月12日，区人民政府召开大会",
        ];
        assert_eq!(find_year(opening[0], &opening), Some(2024));
        assert_eq!(find_year("上半年工作回顧", &["上半年工作回顧"]), None);
    }
}
