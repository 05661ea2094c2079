//! Turning a file's bytes into text: UTF-8 (with or without a byte-order mark), UTF-16 with
//! a byte-order mark, GB18030/GBK (the legacy encoding of most Chinese government files) and,
//! failing those, what chardetng guesses. Bytes that do not decode cleanly are an error, never
//! text with replacement characters: mojibake in the index would match nothing and show garbage.
//! The one exception is a file cut inside its last character (an interrupted download): its
//! text is kept, and [`Decoded::cut_bytes`] says what was left out.

use crate::text::chars::is_cjk;
use encoding_rs::{
    DecoderResult, Encoding, BIG5, EUC_JP, EUC_KR, GB18030, GBK, SHIFT_JIS, UTF_16BE, UTF_16LE,
    UTF_8,
};
use thiserror::Error;

/// A decoded file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Decoded {
    /// The text, without a byte-order mark.
    pub text: String,
    /// The encoding it was read in (`UTF-8`, `UTF-16LE`, `gb18030`, …).
    pub encoding: &'static str,
    /// Bytes of an incomplete last character left out: the file was cut short (a truncated
    /// download); 0 for a whole file.
    pub cut_bytes: usize,
}

/// Why bytes were not taken as text.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum DecodeError {
    #[error("it is empty")]
    Empty,
    #[error("it looks binary (it holds NUL bytes)")]
    NulBytes,
    #[error("it looks binary ({controls} of its first {chars} characters are control characters)")]
    ControlCharacters { controls: usize, chars: usize },
    #[error("it is not valid {encoding} text (malformed bytes at byte {offset})")]
    Malformed {
        encoding: &'static str,
        offset: usize,
    },
    #[error("its encoding is unknown: it is not UTF-8, and as {guess}, the likeliest encoding, it is malformed at byte {offset}")]
    Unknown { guess: &'static str, offset: usize },
}

/// Latin-1 bytes that decode as GB18030 pair an accented letter with the letter after it into
/// one Hanzi (`médecin` → `m` + Hanzi + `ecin`): in such a reading nearly every Hanzi touches
/// a Latin letter. Above this share of Hanzi touching one, a clean GB18030 reading is taken
/// for Latin text in disguise. Real Chinese text, even full of ASCII words (`CnPack 在 2012
/// 年…`, `使用Delphi开发`), has its Hanzi in runs between punctuation, far below it.
const MAX_LATIN_TOUCHING_SHARE: f64 = 0.5;

/// The most bytes an incomplete last character can have: a character of the encodings read
/// here takes at most four.
const MAX_INCOMPLETE_BYTES: usize = 3;

/// How many characters the binary check looks at, and how many control characters in them
/// make a file binary (a text file may hold a stray form feed or escape, not dozens).
const CONTROL_SAMPLE_CHARS: usize = 4096;
const MAX_CONTROL_SHARE: f64 = 0.02;

/// Decodes `bytes`, trying in turn: a byte-order mark, UTF-8, the encoding the file names
/// itself (`declared`, an HTML `<meta charset>`), then a guess among the legacy encodings.
pub fn decode(bytes: &[u8], declared: Option<&'static Encoding>) -> Result<Decoded, DecodeError> {
    if let Some(decoded) = by_bom(bytes) {
        return decoded;
    }
    if bytes.iter().all(u8::is_ascii_whitespace) {
        return Err(DecodeError::Empty);
    }
    if bytes.contains(&0) {
        return Err(DecodeError::NulBytes);
    }
    if let Some(decoded) = as_utf8(bytes) {
        return decoded;
    }
    if let Some(encoding) = declared.map(ascii_compatible) {
        if let Ok(text) = strict(encoding, bytes) {
            return checked(text, encoding);
        }
    }
    guessed(bytes)
}

/// Bytes that start with a byte-order mark are in its encoding, or malformed (unless only
/// cut short); None without a mark.
fn by_bom(bytes: &[u8]) -> Option<Result<Decoded, DecodeError>> {
    let (encoding, bom_length) = Encoding::for_bom(bytes)?;
    let body = &bytes[bom_length..];
    Some(match strict(encoding, body) {
        Ok(text) => checked(text, encoding),
        Err(offset) => match cut_short(encoding, body) {
            Some((text, cut)) => checked_cut(text, encoding, cut),
            None => Err(DecodeError::Malformed {
                encoding: encoding.name(),
                offset: offset + bom_length,
            }),
        },
    })
}

/// Valid UTF-8 with anything beyond ASCII is practically never another encoding, whatever a
/// stale `<meta charset>` says (pages are re-saved as UTF-8 and keep their old header). Valid
/// UTF-8 cut inside its last character (a truncated download) is UTF-8 too, once it holds a
/// character beyond ASCII: GBK text is not valid UTF-8 for more than a few bytes.
fn as_utf8(bytes: &[u8]) -> Option<Result<Decoded, DecodeError>> {
    match std::str::from_utf8(bytes) {
        Ok(text) => Some(checked(text.to_string(), UTF_8)),
        Err(err) if err.error_len().is_none() => {
            let head = &bytes[..err.valid_up_to()];
            let text = std::str::from_utf8(head).ok()?;
            (!text.is_ascii())
                .then(|| checked_cut(text.to_string(), UTF_8, bytes.len() - head.len()))
        }
        Err(_) => None,
    }
}

/// How bytes read as GB18030.
enum GbReading {
    /// Clean (`cut` bytes of an incomplete last character left out).
    Clean {
        text: String,
        cut: usize,
    },
    /// Clean, but Latin text in disguise (see [`latin_in_disguise`]): not taken.
    SetAside,
    Malformed,
}

fn gb18030_reading(bytes: &[u8], guessed_gbk: bool) -> GbReading {
    let clean = strict(GB18030, bytes)
        .ok()
        .map(|text| (text, 0))
        .or_else(|| cut_short(GB18030, bytes));
    match clean {
        None => GbReading::Malformed,
        Some((text, _)) if !guessed_gbk && latin_in_disguise(&text) => GbReading::SetAside,
        Some((text, cut)) => GbReading::Clean { text, cut },
    }
}

/// Bytes that are not UTF-8 and not in the encoding they name: GB18030 when they read
/// cleanly as such, whatever their share of ASCII and whatever chardetng guesses (it takes
/// GBK with many ASCII words for windows-1252), unless the reading is Latin text in disguise
/// or another multi-byte encoding reads them better; else chardetng's guess.
fn guessed(bytes: &[u8]) -> Result<Decoded, DecodeError> {
    let mut detector = chardetng::EncodingDetector::new(chardetng::Iso2022JpDetection::Deny);
    detector.feed(bytes, true);
    // No top-level-domain hint: with `cn` chardetng takes Big5 for GBK.
    let guess = detector.guess(None, chardetng::Utf8Detection::Deny);
    let guessed_gbk = guess == GBK || guess == GB18030;
    let gb = gb18030_reading(bytes, guessed_gbk);
    let other = if guessed_gbk {
        None
    } else {
        strict(guess, bytes).ok()
    };
    match (gb, other) {
        // Big5 (and other CJK encodings) often decode cleanly as GB18030 too, into rare
        // characters, kana and private-use code points: the reading with fewer of those wins.
        (GbReading::Clean { text: gb, .. }, Some(other))
            if is_multibyte(guess) && odd_chars(&other) <= odd_chars(&gb) =>
        {
            checked(other, guess)
        }
        // A short GBK text is often guessed as a single-byte encoding, which decodes anything.
        (GbReading::Clean { text, cut }, _) => checked_cut(text, GB18030, cut),
        (_, Some(other)) if !damaged_gb18030(bytes, guess, &other) => checked(other, guess),
        (gb, other) => {
            // Name the encoding whose reading failed: GB18030, unless its clean reading was
            // set aside for the detector's guess.
            let set_aside = matches!(gb, GbReading::SetAside);
            let encoding = if !set_aside && (guessed_gbk || other.is_some()) {
                GB18030
            } else {
                guess
            };
            Err(DecodeError::Unknown {
                guess: encoding.name(),
                offset: strict(encoding, bytes).err().unwrap_or(0),
            })
        }
    }
}

/// Whether `bytes` look like GB18030 with a few broken bytes rather than `other`, their
/// clean decoding in the detector's `guess`: a single-byte encoding decodes anything (GBK
/// bytes become Latin-1 letters), so only a multi-byte reading with no more odd characters
/// than GB18030's is taken instead.
fn damaged_gb18030(bytes: &[u8], guess: &'static Encoding, other: &str) -> bool {
    let (lossy, _) = GB18030.decode_without_bom_handling(bytes);
    lossy.chars().any(is_cjk)
        && !latin_in_disguise(&lossy)
        && !(is_multibyte(guess) && odd_chars(other) <= odd_chars(&lossy))
}

/// Whether `text`, read as GB18030, is Latin text in a single-byte encoding: most of its
/// Hanzi touch a Latin letter (see [`MAX_LATIN_TOUCHING_SHARE`]), or it has none at all.
fn latin_in_disguise(text: &str) -> bool {
    let (mut cjk, mut touching) = (0usize, 0usize);
    let mut run = 0usize;
    let mut run_touches = false;
    let mut previous = None;
    for c in text.chars() {
        if is_cjk(c) {
            if run == 0 {
                run_touches = previous.is_some_and(|p: char| p.is_ascii_alphabetic());
            }
            run += 1;
        } else if run > 0 {
            cjk += run;
            if run_touches || c.is_ascii_alphabetic() {
                touching += run;
            }
            run = 0;
        }
        previous = Some(c);
    }
    cjk += run;
    if run_touches {
        touching += run;
    }
    cjk == 0 || touching as f64 > cjk as f64 * MAX_LATIN_TOUCHING_SHARE
}

/// Legacy encodings of several bytes a character (Big5, Shift_JIS, EUC-KR, …), which the
/// detector tells apart from GB18030 by the characters they make.
fn is_multibyte(encoding: &'static Encoding) -> bool {
    encoding == BIG5 || encoding == SHIFT_JIS || encoding == EUC_JP || encoding == EUC_KR
}

/// Characters that are rare in Chinese reports and common in text decoded in the wrong
/// encoding: private-use code points, kana, Cyrillic, Greek, box drawing.
fn odd_chars(text: &str) -> usize {
    text.chars()
        .filter(|c| {
            matches!(c,
                '\u{e000}'..='\u{f8ff}'
                | '\u{3040}'..='\u{30ff}'
                | '\u{0370}'..='\u{04ff}'
                | '\u{2500}'..='\u{257f}'
            )
        })
        .count()
}

/// The encoding a page names itself in an HTML `<meta charset=…>` or
/// `<meta http-equiv="Content-Type" content="…; charset=…">` in its first kilobytes.
pub fn html_declared_encoding(bytes: &[u8]) -> Option<&'static Encoding> {
    let head = &bytes[..bytes.len().min(4096)];
    let head: String = head
        .iter()
        .map(|&b| char::from(b.to_ascii_lowercase()))
        .collect();
    let mut rest = head.as_str();
    while let Some(at) = rest.find("<meta") {
        rest = &rest[at + 5..];
        let tag = &rest[..rest.find('>').unwrap_or(rest.len())];
        // Every `charset` of the tag, until one is followed by `=`: `<meta name="charset-note"
        // content="…">` says nothing, and the tags after it may.
        for (at, _) in tag.match_indices("charset") {
            let Some(value) = tag[at + 7..].trim_start().strip_prefix('=') else {
                continue;
            };
            let value = value.trim_start().trim_start_matches(['"', '\'']);
            let end = value
                .find(|c: char| c == '"' || c == '\'' || c == ';' || c == '/' || c.is_whitespace())
                .unwrap_or(value.len());
            return Encoding::for_label(&value.as_bytes()[..end]);
        }
    }
    None
}

/// A page that says it is UTF-16 but has no byte-order mark is read as UTF-8, as browsers do
/// (a `<meta>` readable as ASCII cannot be in UTF-16).
fn ascii_compatible(encoding: &'static Encoding) -> &'static Encoding {
    if encoding == UTF_16LE || encoding == UTF_16BE {
        UTF_8
    } else {
        encoding
    }
}

/// Decodes `bytes` (no byte-order mark) in `encoding`, or says at which byte it went wrong.
fn strict(encoding: &'static Encoding, bytes: &[u8]) -> Result<String, usize> {
    let mut decoder = encoding.new_decoder_without_bom_handling();
    let capacity = decoder
        .max_utf8_buffer_length_without_replacement(bytes.len())
        .unwrap_or(bytes.len().saturating_mul(3));
    let mut text = String::with_capacity(capacity);
    let (result, read) = decoder.decode_to_string_without_replacement(bytes, &mut text, true);
    match result {
        DecoderResult::InputEmpty => Ok(text),
        DecoderResult::Malformed(bad, after) => {
            Err(read.saturating_sub(usize::from(bad) + usize::from(after)))
        }
        // The buffer is as large as encoding_rs says any input can need.
        DecoderResult::OutputFull => Err(read),
    }
}

/// `bytes` decoded in `encoding` when only their end is broken, by a character cut short:
/// the text before it and how many bytes it had.
fn cut_short(encoding: &'static Encoding, bytes: &[u8]) -> Option<(String, usize)> {
    // Decoding as if more bytes were to follow stops without error at a cut character.
    let mut decoder = encoding.new_decoder_without_bom_handling();
    let capacity = decoder
        .max_utf8_buffer_length_without_replacement(bytes.len())
        .unwrap_or(bytes.len().saturating_mul(3));
    let mut text = String::with_capacity(capacity);
    let (result, _) = decoder.decode_to_string_without_replacement(bytes, &mut text, false);
    if result != DecoderResult::InputEmpty {
        return None;
    }
    (1..=MAX_INCOMPLETE_BYTES.min(bytes.len())).find_map(|cut| {
        strict(encoding, &bytes[..bytes.len() - cut])
            .ok()
            .map(|text| (text, cut))
    })
}

/// Decoded text of a file cut short: `cut` bytes of an incomplete last character left out.
fn checked_cut(
    text: String,
    encoding: &'static Encoding,
    cut: usize,
) -> Result<Decoded, DecodeError> {
    checked(text, encoding).map(|decoded| Decoded {
        cut_bytes: cut,
        ..decoded
    })
}

/// Decoded text, unless it is empty or looks binary.
fn checked(text: String, encoding: &'static Encoding) -> Result<Decoded, DecodeError> {
    if text.trim().is_empty() {
        return Err(DecodeError::Empty);
    }
    if text.contains('\0') {
        return Err(DecodeError::NulBytes);
    }
    let sample = text.chars().take(CONTROL_SAMPLE_CHARS);
    let (mut chars, mut controls) = (0, 0);
    for c in sample {
        chars += 1;
        if c.is_control() && !matches!(c, '\n' | '\r' | '\t' | '\u{c}') {
            controls += 1;
        }
    }
    if controls as f64 > chars as f64 * MAX_CONTROL_SHARE {
        return Err(DecodeError::ControlCharacters { controls, chars });
    }
    Ok(Decoded {
        text,
        encoding: encoding.name(),
        cut_bytes: 0,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::utf16;

    const TEXT: &str = "东安县卫生健康局2023年工作总结\n一、医共体建设稳步推进。";

    fn encoded(encoding: &'static Encoding, text: &str) -> Vec<u8> {
        let (bytes, _, unmappable) = encoding.encode(text);
        assert!(!unmappable);
        bytes.into_owned()
    }

    #[test]
    fn utf8_with_and_without_bom() {
        let plain = decode(TEXT.as_bytes(), None).expect("utf-8");
        assert_eq!((plain.text.as_str(), plain.encoding), (TEXT, "UTF-8"));
        let mut bom = b"\xEF\xBB\xBF".to_vec();
        bom.extend(TEXT.as_bytes());
        assert_eq!(decode(&bom, None).expect("utf-8 bom").text, TEXT);
    }

    #[test]
    fn utf16_with_bom_both_byte_orders() {
        let le = decode(&utf16(TEXT, false), None).expect("le");
        assert_eq!((le.text.as_str(), le.encoding), (TEXT, "UTF-16LE"));
        let be = decode(&utf16(TEXT, true), None).expect("be");
        assert_eq!((be.text.as_str(), be.encoding), (TEXT, "UTF-16BE"));
    }

    #[test]
    fn gbk_and_gb18030_bytes_decode_as_gb18030() {
        let gbk = decode(&encoded(encoding_rs::GBK, TEXT), None).expect("gbk");
        assert_eq!((gbk.text.as_str(), gbk.encoding), (TEXT, "gb18030"));
        // 𠀀 (U+20000) has only a four-byte GB18030 form.
        let rare = format!("{TEXT}𠀀");
        let gb18030 = decode(&encoded(GB18030, &rare), None).expect("gb18030");
        assert_eq!(gb18030.text, rare);
    }

    /// Lines of a real GBK file with CRLF line ends (the CnPack group's 2006 work summary):
    /// fewer than a quarter of its letters are Chinese, and chardetng guesses windows-1252.
    const GBK_WITH_ASCII_WORDS: &str = "CnPack开发组2006年工作总结\r\n\r\n    去年漫长的一年中，\
        CnPack 开发组由于人力不足以及其他原因，造成了部分时间进展缓慢甚至停滞不前，在此向大家表示歉意。\
        2006 年 Borland 推出了 BDS 2006 并要出卖其 IDE 生产线，此类动向也给 CnWizards 的前景带来了一定影响。\r\n\
        一、CnPack的主力产品CnPack IDE 专家包（CnWizards）发布 0.8.0 以及 0.8.1 版，更新内容包括：\r\n\
        1.CnWizards 增加对 BDS 2006 的支持。\r\n\
        2.CnWizards 增加 Delphi/C++Builder IDE 的 Code Formatter、Source Highlight、\
        Property Corrector、Uses Cleaner、Editor Enhancements、Comment Cropper 等专家。\r\n";

    #[test]
    fn gbk_with_many_ascii_words_and_crlf_is_gb18030() {
        let bytes = encoded(encoding_rs::GBK, GBK_WITH_ASCII_WORDS);
        let decoded = decode(&bytes, None).expect("gbk with ascii words");
        assert_eq!(
            (decoded.text.as_str(), decoded.encoding, decoded.cut_bytes),
            (GBK_WITH_ASCII_WORDS, "gb18030", 0)
        );
    }

    #[test]
    fn latin_text_that_pairs_into_hanzi_is_not_taken_for_gb18030() {
        // Every accented letter is followed by a letter, so the windows-1252 bytes decode
        // cleanly as GB18030: into Hanzi glued to Latin letters.
        let text = "Bericht über Gesundheitsämter und Krankenhäuser für Ärzte";
        let bytes = encoded(encoding_rs::WINDOWS_1252, text);
        assert!(
            strict(GB18030, &bytes).is_ok(),
            "the fixture must read as GB18030"
        );
        let decoded = decode(&bytes, None).expect("latin");
        assert_eq!(
            (decoded.text.as_str(), decoded.encoding),
            (text, "windows-1252")
        );
    }

    #[test]
    fn utf8_cut_inside_its_last_character_keeps_the_text_before_it() {
        let whole = format!("{TEXT}卫生院");
        let cut = &whole.as_bytes()[..whole.len() - 2];
        let decoded = decode(cut, None).expect("cut utf-8");
        let kept = format!("{TEXT}卫生");
        assert_eq!(
            (decoded.text.as_str(), decoded.encoding, decoded.cut_bytes),
            (kept.as_str(), "UTF-8", 1)
        );
        let mut bom = b"\xEF\xBB\xBF".to_vec();
        bom.extend(cut);
        let decoded = decode(&bom, None).expect("cut utf-8 with bom");
        assert_eq!(
            (decoded.text.as_str(), decoded.cut_bytes),
            (kept.as_str(), 1)
        );
        // A declared encoding does not turn a cut UTF-8 page into mojibake.
        let decoded = decode(cut, Some(encoding_rs::GBK)).expect("cut page");
        assert_eq!((decoded.encoding, decoded.cut_bytes), ("UTF-8", 1));
    }

    #[test]
    fn utf16_and_gbk_cut_inside_their_last_character_keep_the_text_before_it() {
        let mut le = utf16(TEXT, false);
        le.push(0x4e);
        let decoded = decode(&le, None).expect("cut utf-16");
        assert_eq!((decoded.text.as_str(), decoded.cut_bytes), (TEXT, 1));
        let mut gbk = encoded(encoding_rs::GBK, TEXT);
        gbk.push(0xce);
        let decoded = decode(&gbk, None).expect("cut gbk");
        assert_eq!(
            (decoded.text.as_str(), decoded.encoding, decoded.cut_bytes),
            (TEXT, "gb18030", 1)
        );
    }

    #[test]
    fn a_broken_byte_before_the_end_is_still_an_error() {
        let mut bytes = b"\xEF\xBB\xBF".to_vec();
        bytes.extend(TEXT.as_bytes());
        let at = bytes.len() - 3;
        bytes.insert(at, 0xe5);
        assert_eq!(
            decode(&bytes, None),
            Err(DecodeError::Malformed {
                encoding: "UTF-8",
                offset: at
            })
        );
    }

    #[test]
    fn a_short_gbk_text_is_not_taken_for_a_single_byte_encoding() {
        let decoded = decode(&encoded(encoding_rs::GBK, "卫生院"), None).expect("gbk");
        assert_eq!(decoded.text, "卫生院");
    }

    #[test]
    fn gbk_with_a_broken_byte_is_an_error_not_mojibake() {
        for (text, at) in [(TEXT.repeat(3), 11), ("东安县卫生健康局".repeat(5), 9)] {
            let mut bytes = encoded(encoding_rs::GBK, &text);
            bytes.insert(at, 0xff);
            assert_eq!(
                decode(&bytes, None),
                Err(DecodeError::Unknown {
                    guess: "gb18030",
                    offset: at - 1
                })
            );
        }
    }

    #[test]
    fn latin_text_in_a_single_byte_encoding_takes_the_detectors_guess() {
        let text = "Rapport annuel : santé publique, hôpitaux et médecins généralistes à Genève.";
        let decoded = decode(&encoded(encoding_rs::WINDOWS_1252, text), None).expect("latin");
        assert_eq!(
            (decoded.text.as_str(), decoded.encoding),
            (text, "windows-1252")
        );
    }

    #[test]
    fn valid_utf8_wins_over_a_declared_encoding() {
        let decoded = decode(TEXT.as_bytes(), Some(encoding_rs::GBK)).expect("utf-8");
        assert_eq!(decoded.text, TEXT);
    }

    #[test]
    fn big5_is_left_to_the_detector() {
        let text = "臺灣衛生福利部醫院評鑑報告，縣市衛生局辦理情形。".repeat(4);
        let decoded = decode(&encoded(encoding_rs::BIG5, &text), None).expect("big5");
        assert_eq!(
            (decoded.text.as_str(), decoded.encoding),
            (text.as_str(), "Big5")
        );
    }

    #[test]
    fn empty_binary_and_malformed_bytes_are_errors() {
        assert_eq!(decode(b"", None), Err(DecodeError::Empty));
        assert_eq!(decode(b" \r\n\t", None), Err(DecodeError::Empty));
        assert_eq!(decode(b"\xEF\xBB\xBF\n", None), Err(DecodeError::Empty));
        assert_eq!(decode(b"PK\x03\x04\0\0", None), Err(DecodeError::NulBytes));
        let controls: Vec<u8> = (1u8..32).cycle().take(200).collect();
        assert!(matches!(
            decode(&controls, None),
            Err(DecodeError::ControlCharacters { .. })
        ));
        let mut broken = b"\xEF\xBB\xBFok".to_vec();
        broken.push(0xff);
        assert_eq!(
            decode(&broken, None),
            Err(DecodeError::Malformed {
                encoding: "UTF-8",
                offset: 5
            })
        );
        // A lone surrogate in UTF-16.
        assert!(matches!(
            decode(&[0xff, 0xfe, 0x00, 0xd8, 0x41, 0x00], None),
            Err(DecodeError::Malformed { .. })
        ));
    }

    #[test]
    fn meta_charset_is_found_in_both_forms() {
        let modern = b"<html><head><meta charset=\"GBK\"><title>";
        assert_eq!(html_declared_encoding(modern), Some(encoding_rs::GBK));
        let old = b"<META http-equiv=Content-Type content='text/html; charset=gb2312'>";
        assert_eq!(html_declared_encoding(old), Some(encoding_rs::GBK));
        assert_eq!(html_declared_encoding(b"<meta name=x><p>"), None);
        // A `charset` that is not an attribute does not end the search.
        let noted = b"<meta name=\"charset-note\" content=\"x\"><meta charset=\"gbk\">";
        assert_eq!(html_declared_encoding(noted), Some(encoding_rs::GBK));
        let same_tag = b"<meta name=charset content='text/html; charset=big5'>";
        assert_eq!(html_declared_encoding(same_tag), Some(encoding_rs::BIG5));
    }
}
