//! An abort while reading an index, turned into a report. tantivy trusts the lengths written
//! in its files: a garbled `.store` block can hold a string length of petabytes, and
//! `String::with_capacity` then fails, which Rust answers with an abort, not a panic that
//! [`super::catch_quietly`] could catch. While a command reads an index, SIGABRT makes the
//! process replace itself (`execv`, safe in a signal handler) with
//! `baogao after-abort --index DIR`, which checks the index and says what is damaged, or that
//! memory ran out, and exits 2.

use std::ffi::CString;
use std::path::Path;
use std::sync::OnceLock;

use super::AFTER_ABORT;

/// The program and arguments the handler executes, made before any abort can happen (a signal
/// handler may not allocate).
struct Reexec {
    program: CString,
    /// Kept alive for the pointers in `argv`.
    _args: Vec<CString>,
    argv: Vec<*const libc::c_char>,
}

// The pointers point into `_args`, which lives as long as the static and is never changed.
unsafe impl Send for Reexec {}
unsafe impl Sync for Reexec {}

static REEXEC: OnceLock<Reexec> = OnceLock::new();

/// From now on, an abort runs `baogao after-abort --index DIR` in place of this process.
/// Does nothing when the program's own path or `dir` cannot be passed to `execv`.
pub fn report_aborts_reading(dir: &Path) {
    use std::os::unix::ffi::OsStrExt;
    let Ok(exe) = std::env::current_exe() else {
        return;
    };
    let Ok(program) = CString::new(exe.as_os_str().as_bytes()) else {
        return;
    };
    let args: Option<Vec<CString>> = [
        b"baogao".as_slice(),
        AFTER_ABORT.as_bytes(),
        b"--index",
        dir.as_os_str().as_bytes(),
    ]
    .iter()
    .map(|arg| CString::new(*arg).ok())
    .collect();
    let Some(args) = args else {
        return;
    };
    let mut argv: Vec<*const libc::c_char> = args.iter().map(|arg| arg.as_ptr()).collect();
    argv.push(std::ptr::null());
    if REEXEC
        .set(Reexec {
            program,
            _args: args,
            argv,
        })
        .is_err()
    {
        return;
    }
    // SAFETY: the handler only reads the static set above and calls async-signal-safe
    // functions (execv, _exit).
    unsafe {
        let mut action: libc::sigaction = std::mem::zeroed();
        action.sa_sigaction = on_abort as extern "C" fn(libc::c_int) as libc::sighandler_t;
        libc::sigemptyset(&mut action.sa_mask);
        libc::sigaction(libc::SIGABRT, &action, std::ptr::null_mut());
    }
}

extern "C" fn on_abort(_signal: libc::c_int) {
    if let Some(reexec) = REEXEC.get() {
        // SAFETY: both pointers are NUL-terminated and live for the program's lifetime.
        unsafe {
            libc::execv(reexec.program.as_ptr(), reexec.argv.as_ptr());
        }
    }
    // SAFETY: _exit is async-signal-safe.
    unsafe { libc::_exit(2) }
}
