//! The query language, as a user types it: words are all required (AND), `"…"` is an exact
//! phrase, `OR` between two items makes either do, `-word` or `-"…"` excludes. Nothing else is
//! syntax: `(`, `:` and the like are ordinary characters (and, not being letters, separate
//! words like spaces do).

use thiserror::Error;

/// One thing to look for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Atom {
    /// A plain word: found as itself (jieba) or as a substring (grams), with its synonyms.
    Word(String),
    /// A quoted phrase: the exact character sequence.
    Phrase(String),
}

impl Atom {
    /// The text of the word or phrase.
    pub fn text(&self) -> &str {
        match self {
            Atom::Word(text) | Atom::Phrase(text) => text,
        }
    }
}

/// A parsed query: every group must match (a group is atoms joined by OR), no excluded atom
/// may.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct ParsedQuery {
    pub groups: Vec<Vec<Atom>>,
    pub excluded: Vec<Atom>,
}

/// What is wrong with a query, in words a user can act on.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum ParseError {
    #[error("a quote is not closed")]
    UnclosedQuote,
    #[error("OR needs a word on each side")]
    DanglingOr,
    #[error("an excluded word (-word) cannot be one side of OR")]
    ExcludedInOr,
    #[error("it only excludes words (-word): add a word to look for")]
    OnlyExcluded,
    #[error("there is nothing to look for")]
    Empty,
}

#[derive(Debug, PartialEq)]
enum Piece {
    Atom { atom: Atom, excluded: bool },
    Or,
}

/// Parses a query string.
pub fn parse_query(text: &str) -> Result<ParsedQuery, ParseError> {
    let pieces = pieces(text)?;
    let mut query = ParsedQuery::default();
    let mut joining = false;
    for (i, piece) in pieces.iter().enumerate() {
        match piece {
            Piece::Or => {
                let before = i.checked_sub(1).and_then(|j| pieces.get(j));
                let after = pieces.get(i + 1);
                for side in [before, after] {
                    match side {
                        Some(Piece::Atom { excluded: true, .. }) => {
                            return Err(ParseError::ExcludedInOr)
                        }
                        Some(Piece::Atom { .. }) => {}
                        _ => return Err(ParseError::DanglingOr),
                    }
                }
                joining = true;
            }
            Piece::Atom {
                atom,
                excluded: true,
            } => query.excluded.push(atom.clone()),
            Piece::Atom {
                atom,
                excluded: false,
            } => match query.groups.last_mut() {
                Some(group) if joining => group.push(atom.clone()),
                _ => query.groups.push(vec![atom.clone()]),
            },
        }
        if !matches!(piece, Piece::Or) {
            joining = false;
        }
    }
    if query.groups.is_empty() {
        return Err(if query.excluded.is_empty() {
            ParseError::Empty
        } else {
            ParseError::OnlyExcluded
        });
    }
    Ok(query)
}

/// Splits a query into atoms and ORs; `AND` is accepted and means what a space means.
fn pieces(text: &str) -> Result<Vec<Piece>, ParseError> {
    let mut pieces = Vec::new();
    let mut rest = text.trim_start();
    while !rest.is_empty() {
        let excluded = rest.starts_with('-') && rest.len() > 1;
        let body = if excluded { &rest[1..] } else { rest };
        if let Some(quoted) = body.strip_prefix('"') {
            let end = quoted.find('"').ok_or(ParseError::UnclosedQuote)?;
            let phrase = quoted[..end].trim();
            if !phrase.is_empty() {
                pieces.push(Piece::Atom {
                    atom: Atom::Phrase(phrase.to_string()),
                    excluded,
                });
            }
            rest = quoted[end + 1..].trim_start();
            continue;
        }
        let end = body
            .find(|c: char| c.is_whitespace() || c == '"')
            .unwrap_or(body.len());
        let word = &body[..end];
        match word {
            "OR" if !excluded => pieces.push(Piece::Or),
            "AND" if !excluded => {}
            _ if !word.is_empty() => pieces.push(Piece::Atom {
                atom: Atom::Word(word.to_string()),
                excluded,
            }),
            _ => {}
        }
        rest = body[end..].trim_start();
    }
    Ok(pieces)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn word(text: &str) -> Atom {
        Atom::Word(text.to_string())
    }

    #[test]
    fn words_are_and_or_groups_and_minus_excludes() {
        let query = parse_query("医共体 建设 OR 改革 -新冠").expect("valid");
        assert_eq!(
            query.groups,
            vec![vec![word("医共体")], vec![word("建设"), word("改革")]]
        );
        assert_eq!(query.excluded, vec![word("新冠")]);
    }

    #[test]
    fn quotes_make_phrases_with_spaces_kept() {
        let query = parse_query("\"家庭医生 签约\" -\"新冠 疫情\" AND 卫生").expect("valid");
        assert_eq!(
            query.groups,
            vec![
                vec![Atom::Phrase("家庭医生 签约".into())],
                vec![word("卫生")]
            ]
        );
        assert_eq!(query.excluded, vec![Atom::Phrase("新冠 疫情".into())]);
    }

    #[test]
    fn mistakes_are_named() {
        assert_eq!(parse_query("\"医共体"), Err(ParseError::UnclosedQuote));
        assert_eq!(parse_query("医共体 OR"), Err(ParseError::DanglingOr));
        assert_eq!(parse_query("OR 医共体"), Err(ParseError::DanglingOr));
        assert_eq!(
            parse_query("医共体 OR -新冠"),
            Err(ParseError::ExcludedInOr)
        );
        assert_eq!(parse_query("-卫生"), Err(ParseError::OnlyExcluded));
        assert_eq!(parse_query("  "), Err(ParseError::Empty));
    }

    #[test]
    fn other_characters_are_not_syntax() {
        let query = parse_query("(医共体) 作者:张三 C++").expect("valid");
        assert_eq!(query.groups.len(), 3);
        assert_eq!(
            parse_query("-").expect("a lone minus is a word").groups,
            vec![vec![word("-")]]
        );
    }
}
