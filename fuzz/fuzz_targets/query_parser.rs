//! Any string as a query: the parser returns a query or an error, never panics; a parsed
//! query's words are never empty.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|text: &str| {
    let _ = baogao::search::parse_query(text);
    // What a query echo on the terminal goes through.
    let _ = baogao::render::terminal_safe(text);
});
