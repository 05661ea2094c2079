//! Classes of characters, in one place: what counts as Han, as CJK script, as the end of a
//! sentence or clause, and as a placeholder for an anonymised name or digit.

/// A Han character: CJK unified ideographs (一, 卫), extension A (㐀), the compatibility
/// ideographs (豈), and extensions B to H and the supplement (𠀀, 𰀀). Not punctuation (。),
/// not kana or hangul.
pub fn is_han(c: char) -> bool {
    matches!(c,
        '\u{3400}'..='\u{4DBF}' // extension A
        | '\u{4E00}'..='\u{9FFF}' // unified ideographs
        | '\u{F900}'..='\u{FAFF}' // compatibility ideographs
        | '\u{20000}'..='\u{323AF}' // extensions B–H, compatibility supplement
    )
}

/// Han, kana or hangul: text a wrong decoding turns into something else (a page in GBK read
/// as UTF-8), which the decoder looks for.
pub fn is_cjk(c: char) -> bool {
    is_han(c)
        || matches!(c,
            '\u{3040}'..='\u{30FF}' // kana
            | '\u{AC00}'..='\u{D7AF}' // hangul
        )
}

/// What ends a sentence: 。！？ and their ASCII forms.
pub const SENTENCE_ENDS: &[char] = &['。', '！', '？', '!', '?'];

/// Where a sentence, or a clause as long as one, stops: [`SENTENCE_ENDS`] and the semicolons
/// (；;).
pub const SENTENCE_STOPS: &[char] = &['。', '！', '？', '；', '!', '?', ';'];

/// What stands for a hidden character in an anonymised text, in names (X县, **市, ○○镇) and
/// in digits (20XX年, 20××年, 201□年).
pub const PLACEHOLDERS: &[char] = &['X', 'x', '×', 'Ｘ', 'ｘ', '*', '＊', '○', '□'];

/// Whether `c` is a [placeholder](PLACEHOLDERS).
pub fn is_placeholder(c: char) -> bool {
    PLACEHOLDERS.contains(&c)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn han_is_the_ideographs_of_every_block_and_nothing_else() {
        for c in ['一', '卫', '龥', '㐀', '豈', '𠀀', '𪚥', '𰀀'] {
            assert!(is_han(c), "{c}");
        }
        for c in ['。', 'a', '１', 'の', '한', '○', '　'] {
            assert!(!is_han(c), "{c}");
        }
        assert!(is_cjk('の') && is_cjk('한') && is_cjk('卫') && !is_cjk('。'));
    }

    #[test]
    fn clauses_end_where_sentences_do_and_at_semicolons() {
        assert!(SENTENCE_ENDS.iter().all(|c| SENTENCE_STOPS.contains(c)));
        assert!(SENTENCE_STOPS.contains(&'；') && !SENTENCE_ENDS.contains(&'；'));
        assert!("20XX年".chars().filter(|&c| is_placeholder(c)).count() == 2);
        assert!(!is_placeholder('某') && !is_placeholder('2'));
    }
}
