//! `cargo collects diff BASE [HEAD]`: what a change does to the personal data
//! the code collects. Each revision is read through git ([`revision`]) and
//! linted by the engine with its own collects.toml; each run gives a
//! [`snapshot`] (declarations, undeclared findings, inventory categories,
//! export rows); [`compare`] sets them side by side; the renderers print it
//! as a pull-request comment or as JSON.

mod compare;
mod json;
mod markdown;
mod revision;
mod snapshot;

use std::path::Path;

use clap::ValueEnum;

use compare::{compare, Diff};
use revision::Repository;
use snapshot::Snapshot;

use crate::error::UserError;

/// What `cargo collects diff --help` ends with.
pub(crate) const AFTER_HELP: &str = "\
Reads both revisions through git (nothing is checked out; the working tree and the index are left \
alone), each with its own collects.toml, and compares what the code under the current directory \
collects: declared fields that start, stop or change; undeclared personal data (CL0001) that is new, \
matched like the baseline so that moved code is not new; categories collected for the first time or \
no longer; the App Store and Google Play answers that change.

Examples:
  cargo collects diff origin/main                   this branch and its uncommitted changes
  cargo collects diff v1.2.0 v1.3.0 --format json   two revisions, for tools
  cargo collects diff origin/main --fail-on undeclared,statement
  cargo collects diff main --link-url 'https://github.com/O/R/blob/{rev}/{path}#L{line}'

A change that touches no personal data prints the marker and one line:
  <!-- cargo-collects-diff -->
  No change to the personal data the code collects between `main` and the working tree.

Exit codes: 0 the diff was printed, whatever it says; 1 a section named by --fail-on is not empty; \
2 the run failed (not in a git repository, a bad revision, a bad collects.toml at either revision).";

/// The exit code when a section named by `--fail-on` is not empty.
const EXIT_SECTION_NOT_EMPTY: u8 = 1;

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum DiffFormat {
    /// a pull-request comment, with a hidden marker line to find and edit it by
    Markdown,
    /// for tools, versioned (see DESIGN.md)
    Json,
}

/// A section of the diff that `--fail-on` can make fail the run.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum FailOn {
    /// declared fields that the base revision does not declare
    Started,
    /// undeclared personal data (CL0001) that the base revision does not have
    Undeclared,
    /// categories collected for the first time, or no longer at all
    Statement,
}

impl FailOn {
    fn is_in(self, diff: &Diff) -> bool {
        match self {
            FailOn::Started => !diff.started.is_empty(),
            FailOn::Undeclared => !diff.undeclared.is_empty(),
            FailOn::Statement => {
                !diff.statement_started.is_empty() || !diff.statement_stopped.is_empty()
            }
        }
    }
}

/// `cargo collects diff`.
#[derive(Debug, Clone, clap::Args)]
pub struct DiffArgs {
    /// The revision to compare from: a commit, branch or tag (`origin/main`, `HEAD~1`, `v1.2.0`)
    #[arg(value_name = "BASE")]
    pub base: String,
    /// The revision to compare to (default: the working tree, uncommitted changes included)
    #[arg(value_name = "HEAD")]
    pub head: Option<String>,
    /// Output format
    #[arg(long, value_enum, default_value_t = DiffFormat::Markdown)]
    pub format: DiffFormat,
    /// Exit 1 when one of these sections is not empty (comma-separated)
    #[arg(long, value_enum, value_delimiter = ',', value_name = "SECTION")]
    pub fail_on: Vec<FailOn>,
    /// How the comment links a place in code: `{rev}` (a commit id), `{path}` (from the top of the repository) and `{line}` are filled in
    #[arg(long, value_name = "TEMPLATE", default_value = "{path}#L{line}")]
    pub link_url: String,
    /// Worker threads (default: one per core)
    #[arg(long, short = 'j', value_name = "N")]
    pub jobs: Option<usize>,
}

/// Runs `diff` in the current directory: the text to print, and the exit code.
pub fn run(args: &DiffArgs) -> Result<(String, u8), UserError> {
    let repository = Repository::containing(Path::new("."))?;
    // Both names are checked before the first (slower) run.
    let base_commit = repository.commit(&args.base)?;
    let head_commit = match &args.head {
        Some(rev) => Some(repository.commit(rev)?),
        None => None,
    };
    let base = Snapshot::of(repository.lint_commit(&args.base, &base_commit, args.jobs)?);
    let head = Snapshot::of(match (&args.head, &head_commit) {
        (Some(rev), Some(commit)) => repository.lint_commit(rev, commit, args.jobs)?,
        _ => repository.lint_worktree(args.jobs)?,
    });
    let diff = compare(base, head);
    let text = match args.format {
        DiffFormat::Json => json::render(
            &diff,
            &args.base,
            args.head.as_deref().unwrap_or("worktree"),
        ),
        DiffFormat::Markdown => {
            // The working tree's lines are linked at the commit it is on.
            let head_rev = head_commit
                .or_else(|| repository.head_commit())
                .unwrap_or_else(|| "HEAD".into());
            let links = markdown::Links {
                template: &args.link_url,
                prefix: repository.prefix(),
                base_rev: &base_commit,
                head_rev: &head_rev,
            };
            let head_name = match &args.head {
                Some(rev) => format!("`{rev}`"),
                None => "the working tree".into(),
            };
            markdown::render(&diff, &format!("`{}`", args.base), &head_name, &links)
        }
    };
    let failed = args.fail_on.iter().any(|section| section.is_in(&diff));
    Ok((text, if failed { EXIT_SECTION_NOT_EMPTY } else { 0 }))
}
