//! The command line: `cargo collects check|categories|explain`.

use std::ffi::OsString;
use std::io::{IsTerminal, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};

use crate::checks::Code;
use crate::config::Config;
use crate::engine::{self, Options};
use crate::error::UserError;
use crate::report::{ColorMode, Format, MessageFormat};

/// Exit code when error-level findings were reported.
const EXIT_FINDINGS: u8 = 1;
/// Exit code when the run itself failed: bad config, unreadable root, bad flag.
const EXIT_FAILURE: u8 = 2;

#[derive(Parser)]
#[command(
    name = "cargo collects",
    bin_name = "cargo collects",
    version,
    about = "Finds personal data in Rust code that is undeclared, mis-declared, or missing from your privacy statement",
    long_about = None,
    after_help = "Examples:\n  cargo collects check                 lint the crate or workspace here\n  cargo collects check src/user.rs     lint one file (what a pre-commit hook does)\n  cargo collects check --format json   machine-readable report\n  cargo collects check --message-format=json\n                                       cargo's JSON messages, for editors (docs/editors.md)\n  cargo collects fix --dry-run         the declarations the findings suggest, as a diff\n  cargo collects diff origin/main      what this branch changes in the personal data collected\n  cargo collects explain CL0001        what a check finds and how to fix it\n  cargo collects categories            the categories you can declare\n  cargo collects init                  write a collects.toml from what the code declares\n\nExit codes: 0 no error-level finding, 1 error-level findings, 2 the run failed."
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Lint files and directories (default: the current directory)
    #[command(
        after_help = "The statement is read from the nearest collects.toml at or above the first PATH, unless --config names one.\nPaths given as files are linted alone; CL0005 (stated-not-collected) needs a whole-tree run.\n\nIn an editor, through rust-analyzer (docs/editors.md):\n  cargo collects check --message-format=json\nprints one cargo compiler message per finding, with the fix as a quick fix, then build-finished."
    )]
    Check(CheckArgs),
    /// Apply what the findings suggest: declare undeclared fields, correct mismatched categories
    #[command(after_help = crate::fix::HELP)]
    Fix(crate::fix::FixArgs),
    /// Print the data inventory: what the code collects, where and why, in a format app stores and governance tools read
    #[command(
        after_help = "Formats: markdown (the data map), json, xcprivacy (Apple PrivacyInfo.xcprivacy), fides (a fides manifest),\nstatement (a draft \"Personal data we collect\" section), play-csv (Google Play data safety rows).\nThe inventory lists declared fields only: run `cargo collects check` to find the undeclared ones."
    )]
    Inventory(crate::inventory::InventoryArgs),
    /// Compare what the code collects at git revision BASE with HEAD (default: the working tree)
    #[command(after_help = crate::diff::AFTER_HELP)]
    Diff(crate::diff::DiffArgs),
    /// Write a collects.toml whose statement lists what the code declares today
    #[command(
        after_help = "Reads the code under PATH (default: the current directory) with no statement, and writes PATH/collects.toml:\nthe categories it declares, the purposes it declares for them, and every other key commented.\nAn existing collects.toml is left alone (exit 2) unless --force is given."
    )]
    Init {
        /// The directory of the crate or workspace
        #[arg(value_name = "PATH", default_value = ".")]
        path: PathBuf,
        /// Replace an existing collects.toml
        #[arg(long)]
        force: bool,
    },
    /// Print the taxonomy: every category, purpose and source you can declare
    Categories {
        /// Read the taxonomy named by this collects.toml
        #[arg(long, value_name = "FILE")]
        config: Option<PathBuf>,
    },
    /// Explain a check: what it finds, why it matters, how to fix it
    #[command(
        after_help = "Checks: CL0001 undeclared, CL0002 mismatch, CL0003 not-in-statement, CL0004 unknown-category,\n        CL0005 stated-not-collected, CL0006 malformed, CL0007 unparsable, CL0008 debug-leak,\n        CL0009 log-leak"
    )]
    Explain {
        /// A code (CL0001) or a check name (undeclared)
        code: String,
    },
}

#[derive(clap::Args)]
struct CheckArgs {
    /// Files and directories to lint
    #[arg(value_name = "PATH")]
    paths: Vec<PathBuf>,
    /// Output format
    #[arg(long, value_enum, default_value_t = Format::Human)]
    format: Format,
    /// cargo's name for `--format cargo`, what editors run: json, or json-diagnostic-rendered-ansi (colours in `rendered`)
    #[arg(long, value_enum, value_name = "FMT", conflicts_with = "format")]
    message_format: Option<MessageFormat>,
    /// The collects.toml to use, instead of the nearest one above PATH
    #[arg(long, value_name = "FILE")]
    config: Option<PathBuf>,
    /// Worker threads (default: one per core)
    #[arg(long, short = 'j', value_name = "N")]
    jobs: Option<usize>,
    /// When to colour human output
    #[arg(long, value_enum, default_value_t = ColorMode::Auto)]
    color: ColorMode,
    /// Tolerate the findings recorded in FILE (default: `[lint] baseline` in collects.toml)
    #[arg(long, value_name = "FILE")]
    baseline: Option<PathBuf>,
    /// Record today's findings in FILE (keeping the reasons of entries that still match), then check against it
    #[arg(long, value_name = "FILE")]
    write_baseline: Option<PathBuf>,
    /// Report on the .rs files changed since the git revision REV (and untracked ones),
    /// and on leak findings elsewhere that go through a declaration in them
    #[arg(long, value_name = "REV")]
    changed_since: Option<String>,
    /// Print where the time went (walk, read, parse, check, render) to stderr
    #[arg(long)]
    timings: bool,
    /// How much each kind of evidence counts, in place of the built-in fit
    /// (written by `scripts/fit`; used to score leave-one-project-out folds)
    #[arg(long, value_name = "FILE", hide = true)]
    fitted: Option<PathBuf>,
}

/// Where a run writes: the report to `out`, errors to `err`. `terminal` says
/// whether `out` is a terminal (colour in `--color auto`).
pub struct Io<'a> {
    pub out: &'a mut dyn Write,
    pub err: &'a mut dyn Write,
    pub terminal: bool,
    /// The process exits once the command is done: what a run built is
    /// left for the system to take back, not freed piece by piece.
    pub exits: bool,
}

/// The `cargo-collects` binary.
pub fn main() -> ExitCode {
    let stdout = std::io::stdout();
    let terminal = stdout.is_terminal();
    // Not to a terminal, output is written in blocks, not lines: a JSON
    // report of a big tree was 16,000 `write` calls. `run` flushes it.
    let mut out: Box<dyn Write> = if terminal {
        Box::new(stdout.lock())
    } else {
        Box::new(std::io::BufWriter::with_capacity(64 << 10, stdout.lock()))
    };
    let mut err = std::io::stderr();
    let code = run(
        std::env::args_os(),
        &mut Io {
            out: &mut out,
            err: &mut err,
            terminal,
            exits: true,
        },
    );
    ExitCode::from(code)
}

/// Runs a command line (`args[0]` is the program) and returns the exit code.
pub fn run(args: impl IntoIterator<Item = OsString>, io: &mut Io) -> u8 {
    let mut args: Vec<OsString> = args.into_iter().collect();
    // `cargo collects ..` runs `cargo-collects collects ..`.
    if args.get(1).is_some_and(|a| a == "collects") {
        args.remove(1);
    }
    let cli = match Cli::try_parse_from(args) {
        Ok(cli) => cli,
        Err(e) => {
            let (sink, code) = if e.use_stderr() {
                (&mut *io.err, EXIT_FAILURE)
            } else {
                (&mut *io.out, 0)
            };
            let _ = write!(
                sink,
                "{}",
                if io.terminal {
                    e.render().ansi().to_string()
                } else {
                    e.render().to_string()
                }
            );
            return code;
        }
    };
    let result = run_command(cli.command, io).and_then(|code| {
        match io.out.flush() {
            // A reader that stops early (`| head`) is not a failure of the run.
            Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => Err(write_error(e)),
            _ => Ok(code),
        }
    });
    match result {
        Ok(code) => code,
        Err(error) => {
            let _ = writeln!(io.err, "{error}");
            EXIT_FAILURE
        }
    }
}

fn run_command(command: Command, io: &mut Io) -> Result<u8, UserError> {
    match command {
        Command::Check(args) => check(args, io),
        Command::Fix(args) => {
            let outcome = crate::fix::run(&args)?;
            write_out(io, &outcome.diff)?;
            let _ = write!(io.err, "{}", outcome.account);
            Ok(0)
        }
        Command::Inventory(args) => {
            let (text, note) = crate::inventory::run(&args)?;
            write_out(io, &text)?;
            if let Some(note) = note {
                let _ = writeln!(io.err, "{note}");
            }
            Ok(0)
        }
        Command::Diff(args) => {
            let (text, code) = crate::diff::run(&args)?;
            write_out(io, &text)?;
            Ok(code)
        }
        Command::Init { path, force } => {
            let written = crate::init::init(&path, force, None)?;
            write_out(
                io,
                &format!(
                    "wrote {}: {} categor{} from {} declared field{}\nnext: review it against your published statement, then run `cargo collects check`\n",
                    written.path.display(),
                    written.categories,
                    if written.categories == 1 { "y" } else { "ies" },
                    written.declarations,
                    if written.declarations == 1 { "" } else { "s" },
                ),
            )?;
            Ok(0)
        }
        Command::Categories { config } => {
            let config = Config::discover(config.as_deref(), &PathBuf::from("."))?;
            write_out(io, &categories_text(&config))?;
            Ok(0)
        }
        Command::Explain { code } => {
            let Some(code) = Code::parse(&code) else {
                let known: Vec<String> = Code::ALL
                    .iter()
                    .map(|c| format!("{} ({})", c.as_str(), c.name()))
                    .collect();
                return Err(UserError::new(format!("`{code}` is not a check"))
                    .with_help(Some(format!("the checks are {}", known.join(", ")))));
            };
            write_out(io, &code.explain_text())?;
            Ok(0)
        }
    }
}

fn check(args: CheckArgs, io: &mut Io) -> Result<u8, UserError> {
    let options = Options {
        paths: args.paths,
        config: args.config,
        jobs: args.jobs,
        changed_since: args.changed_since,
        fitted: args.fitted,
    };
    let mut run = engine::check(&options)?;
    crate::baseline::settle(
        &mut run,
        args.baseline.as_deref(),
        args.write_baseline.as_deref(),
    )?;
    if let Some(count) = run.report.baseline.as_ref().and_then(|b| b.written) {
        let path = args
            .write_baseline
            .as_deref()
            .unwrap_or(std::path::Path::new(""));
        let _ = writeln!(
            io.err,
            "wrote {count} entr{} to {}",
            if count == 1 { "y" } else { "ies" },
            path.display()
        );
    }
    let (format, color) = match args.message_format {
        Some(MessageFormat::Json) => (Format::Cargo, false),
        Some(MessageFormat::JsonDiagnosticRenderedAnsi) => (Format::Cargo, true),
        None => (args.format, args.color.enabled(io.terminal)),
    };
    if format == Format::Cargo {
        // The editor offers each finding's fix as a quick fix.
        crate::fix::suggest(&mut run.report, &run.context.config.taxonomy);
    }
    let mut render_time = std::time::Duration::ZERO;
    let rendered = crate::timings::timed(&mut render_time, || {
        run.report.render(format, color, &mut *io.out)
    });
    run.context.timings.render = render_time;
    match rendered {
        Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => return Err(write_error(e)),
        _ => {}
    }
    if args.timings {
        let _ = writeln!(io.err, "{}", run.context.timings);
    }
    let code = if run.report.has_errors() {
        EXIT_FINDINGS
    } else {
        0
    };
    if io.exits {
        std::mem::forget(run);
    }
    Ok(code)
}

fn write_out(io: &mut Io, text: &str) -> Result<(), UserError> {
    match io.out.write_all(text.as_bytes()) {
        Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => Err(write_error(e)),
        _ => Ok(()),
    }
}

fn write_error(e: std::io::Error) -> UserError {
    UserError::new(format!("cannot write the report: {e}"))
}

/// The taxonomy as `categories` prints it.
fn categories_text(config: &Config) -> String {
    let t = &config.taxonomy;
    let mut out = String::from(
        "[sensitive]: a leak source for CL0008 and CL0009 (`[leaks] sensitive` in collects.toml)\n\n",
    );
    let listed = |category: &str| match &config.statement {
        Some(s) if !s.lists(category) => "  (not in the statement)",
        _ => "",
    };
    for group in &t.groups {
        out.push_str(&format!("{}  — {}\n", group.name, group.heading));
        for item in &group.items {
            let path = format!("{}::{}", group.name, item.name);
            let sensitive = if config.leaks.is_sensitive(&path) {
                " [sensitive]"
            } else {
                ""
            };
            out.push_str(&format!(
                "  {path:<30} {}{sensitive}{}\n",
                item.description,
                listed(&path)
            ));
        }
    }
    for (title, entries, key) in [
        ("Purposes", &t.purposes, "purpose"),
        ("Sources", &t.sources, "source"),
    ] {
        out.push_str(&format!("\n{title} (`{key} = ..`)\n"));
        for (name, description) in entries {
            out.push_str(&format!("  {name:<30} {description}\n"));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn line_of<'a>(text: &'a str, category: &str) -> &'a str {
        text.lines()
            .find(|l| l.trim_start().starts_with(category))
            .unwrap_or_default()
    }

    #[test]
    fn categories_marks_the_sensitive_ones_of_the_config() {
        let text = categories_text(&Config::default());
        assert!(line_of(&text, "Contact::Email ").ends_with("[sensitive]"));
        assert!(line_of(&text, "Credentials::Password ").ends_with("[sensitive]"));
        assert!(!line_of(&text, "Contact::Other ").contains("[sensitive]"));
        let config = Config::parse(
            std::path::Path::new("collects.toml"),
            "[leaks]\nsensitive = [\"Contact::Other\"]\n".into(),
        )
        .unwrap();
        let text = categories_text(&config);
        assert!(line_of(&text, "Contact::Other ").ends_with("[sensitive]"));
        assert!(!line_of(&text, "Contact::Email ").contains("[sensitive]"));
    }
}
