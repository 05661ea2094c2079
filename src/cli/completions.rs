//! `baogao completions [SHELL]` and `baogao man`: shell completions and man pages generated
//! from the command-line definition itself (hidden commands; `make docs` writes them all).

use anyhow::{Context, Result};
use clap::ValueEnum as _;
use clap_complete::Shell;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

/// Arguments of `baogao completions`.
#[derive(Debug, clap::Args)]
#[command(
    after_help = "Examples:\n  baogao completions bash > ~/.local/share/bash-completion/completions/baogao\n  baogao completions zsh > ~/.zfunc/_baogao\n  baogao completions --out target/docs     # every shell, one file each"
)]
pub struct CompletionsArgs {
    /// The shell to complete for; without it, --out writes them all
    #[arg(value_name = "SHELL", value_enum, required_unless_present = "out")]
    pub shell: Option<Shell>,
    /// Write files into this folder (created if missing) instead of printing
    #[arg(long, value_name = "DIR")]
    pub out: Option<PathBuf>,
}

/// Arguments of `baogao man`.
#[derive(Debug, clap::Args)]
#[command(
    after_help = "Examples:\n  baogao man | man -l -\n  baogao man --out target/docs     # baogao.1 and baogao-search.1, baogao-show.1, …"
)]
pub struct ManArgs {
    /// Write one page per command into this folder (created if missing) instead of printing
    /// the page of `baogao`
    #[arg(long, value_name = "DIR")]
    pub out: Option<PathBuf>,
}

/// Runs `baogao completions` for `command`, the whole command line of baogao.
pub fn run_completions(args: CompletionsArgs, mut command: clap::Command) -> Result<ExitCode> {
    let name = command.get_name().to_string();
    match (args.out, args.shell) {
        (Some(dir), shell) => {
            create_dir(&dir)?;
            let shells = shell.map_or_else(|| Shell::value_variants().to_vec(), |s| vec![s]);
            for shell in shells {
                let path = clap_complete::generate_to(shell, &mut command, &name, &dir)
                    .with_context(|| {
                        format!("writing {shell} completions into `{}`", dir.display())
                    })?;
                eprintln!("wrote {}", path.display());
            }
        }
        (None, Some(shell)) => {
            let mut out = Vec::new();
            clap_complete::generate(shell, &mut command, &name, &mut out);
            write_stdout(&out)?;
        }
        (None, None) => anyhow::bail!("name a SHELL or give --out DIR"),
    }
    Ok(ExitCode::SUCCESS)
}

/// Runs `baogao man` for `command`, the whole command line of baogao.
pub fn run_man(args: ManArgs, command: clap::Command) -> Result<ExitCode> {
    match args.out {
        Some(dir) => {
            create_dir(&dir)?;
            clap_mangen::generate_to(command, &dir)
                .with_context(|| format!("writing man pages into `{}`", dir.display()))?;
            eprintln!("wrote man pages into {}", dir.display());
        }
        None => {
            let mut out = Vec::new();
            clap_mangen::Man::new(command).render(&mut out)?;
            write_stdout(&out)?;
        }
    }
    Ok(ExitCode::SUCCESS)
}

fn create_dir(dir: &Path) -> Result<()> {
    std::fs::create_dir_all(dir).with_context(|| format!("creating `{}`", dir.display()))
}

fn write_stdout(bytes: &[u8]) -> Result<()> {
    let mut stdout = std::io::stdout().lock();
    stdout
        .write_all(bytes)
        .and_then(|()| stdout.flush())
        .context("writing to stdout")
}
