//! An error as one line: its own message, then each cause's, joined by `: ` (what anyhow's
//! `{:#}` prints). Each error type of baogao's says only what it adds; its source is printed
//! here, once. tantivy's errors quote their source in their own message (`Failed to open file
//! for read: 'FileDoesNotExist(…)'`), so the chain ends at one.

use std::error::Error;

/// `err` and its causes: `cannot read it: Permission denied (os error 13)`.
pub fn with_causes(err: &(dyn Error + 'static)) -> String {
    let mut text = err.to_string();
    let mut cause = err.source().filter(|_| !quotes_its_source(err));
    while let Some(inner) = cause {
        text.push_str(": ");
        text.push_str(&inner.to_string());
        cause = inner.source().filter(|_| !quotes_its_source(inner));
    }
    text
}

fn quotes_its_source(err: &(dyn Error + 'static)) -> bool {
    err.is::<tantivy::TantivyError>()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Debug, thiserror::Error)]
    #[error("cannot read it")]
    struct Outer(#[source] std::io::Error);

    #[test]
    fn each_cause_is_printed_once_after_its_context() {
        let err = Outer(std::io::Error::other("disk on fire"));
        assert_eq!(with_causes(&err), "cannot read it: disk on fire");
        let plain = std::io::Error::other("alone");
        assert_eq!(with_causes(&plain), "alone");
    }

    #[test]
    fn a_tantivy_error_ends_the_chain_as_it_quotes_its_source() {
        let open = tantivy::directory::error::OpenReadError::FileDoesNotExist("x.store".into());
        let err = tantivy::TantivyError::from(open);
        assert_eq!(with_causes(&err), err.to_string());
        assert!(err.to_string().contains("x.store"), "{err}");
    }
}
