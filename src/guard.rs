//! Panics of the libraries we call, caught: tantivy trusts the bytes of its index files and
//! panics on some damaged ones (a `.store` block that does not decompress, a `.fast` column
//! whose header lies). [`catch_quietly`] turns such a panic into a value the caller reports,
//! with no `thread 'main' panicked at …` on stderr.

#[cfg(unix)]
mod abort;

#[cfg(unix)]
pub use abort::report_aborts_reading;

/// Where an abort could be turned into a report (see `abort.rs`): not on this platform.
#[cfg(not(unix))]
pub fn report_aborts_reading(_dir: &std::path::Path) {}

/// The hidden subcommand that reports an abort while reading an index.
pub const AFTER_ABORT: &str = "after-abort";

use std::cell::{Cell, RefCell};
use std::panic::{self, AssertUnwindSafe};
use std::sync::Once;

/// A panic caught by [`catch_quietly`]: its message and where it was raised.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Caught {
    pub message: String,
    /// `file:line` of the panic, when the runtime said.
    pub location: Option<String>,
}

impl Caught {
    /// Whether it was raised inside tantivy (or one of its crates), i.e. while reading index
    /// files, rather than in baogao's own code.
    pub fn in_tantivy(&self) -> bool {
        self.location
            .as_deref()
            .is_some_and(|location| location.contains("tantivy"))
    }
}

impl std::fmt::Display for Caught {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match &self.location {
            Some(location) => write!(f, "{} at {location}", self.message),
            None => f.write_str(&self.message),
        }
    }
}

thread_local! {
    /// How many [`catch_quietly`] calls this thread is inside: the hook stays silent then.
    static QUIET: Cell<usize> = const { Cell::new(0) };
    static LAST: RefCell<Option<Caught>> = const { RefCell::new(None) };
}

static INSTALL: Once = Once::new();

/// Runs `f`; a panic inside it comes back as `Err`, printed by nobody. Panics outside any
/// `catch_quietly`, and on other threads, are reported as usual.
pub fn catch_quietly<T>(f: impl FnOnce() -> T) -> Result<T, Caught> {
    INSTALL.call_once(|| {
        let previous = panic::take_hook();
        panic::set_hook(Box::new(move |info| {
            if QUIET.with(Cell::get) == 0 {
                return previous(info);
            }
            let payload = info.payload();
            let message = payload
                .downcast_ref::<&str>()
                .map(|text| text.to_string())
                .or_else(|| payload.downcast_ref::<String>().cloned())
                .unwrap_or_else(|| "panic with no message".to_string());
            let location = info
                .location()
                .map(|at| format!("{}:{}", at.file(), at.line()));
            LAST.with(|last| *last.borrow_mut() = Some(Caught { message, location }));
        }));
    });
    QUIET.with(|quiet| quiet.set(quiet.get() + 1));
    let outcome = panic::catch_unwind(AssertUnwindSafe(f));
    QUIET.with(|quiet| quiet.set(quiet.get().saturating_sub(1)));
    outcome.map_err(|_| {
        LAST.with(|last| last.borrow_mut().take())
            .unwrap_or_else(|| Caught {
                message: "panic with no message".to_string(),
                location: None,
            })
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_panic_comes_back_as_a_value_with_its_message() {
        let caught = catch_quietly(|| -> u8 { panic!("bad bytes {}", 7) }).unwrap_err();
        assert_eq!(caught.message, "bad bytes 7");
        assert!(caught.location.is_some_and(|at| at.contains("guard.rs")));
    }

    #[test]
    fn no_panic_returns_the_value() {
        assert_eq!(catch_quietly(|| 3), Ok(3));
    }
}
