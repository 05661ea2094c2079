//! Horizontal bars of Unicode blocks, in eighths of a column.

/// The partial blocks, one to seven eighths of a column wide.
const EIGHTHS: [char; 7] = ['▏', '▎', '▍', '▌', '▋', '▊', '▉'];

/// A bar for `value` on a scale where `max` fills `width` columns. A value above zero always
/// shows at least an eighth, so a year with one hit is not mistaken for one with none.
pub fn bar(value: u64, max: u64, width: usize) -> String {
    if value == 0 || max == 0 || width == 0 {
        return String::new();
    }
    let eighths =
        (u128::from(value.min(max)) * width as u128 * 8 + u128::from(max) / 2) / u128::from(max);
    let eighths = usize::try_from(eighths).unwrap_or(usize::MAX).max(1);
    let mut out = "█".repeat(eighths / 8);
    if eighths % 8 > 0 {
        out.push(EIGHTHS[eighths % 8 - 1]);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bars_scale_to_the_width_in_eighths() {
        assert_eq!(bar(10, 10, 4), "████");
        assert_eq!(bar(5, 10, 4), "██");
        assert_eq!(bar(1, 16, 4), "▎");
        assert_eq!(bar(1, 1000, 4), "▏");
        assert_eq!(bar(0, 10, 4), "");
        assert_eq!(bar(3, 0, 4), "");
    }
}
