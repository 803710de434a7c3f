//! `cargo collects fix`: applies what the findings suggest, as `cargo clippy
//! --fix` does. An error-level CL0001 whose evidence names one category gets
//! `#[collects(Group::Item)]` on its field, `Collects` in its type's derives
//! and `use collects::Collects;` in its module; a CL0002 gets the category
//! the evidence names. Edits are insertions and replacements at byte offsets
//! of the files as they are: formatting and comments stay.
//!
//! [`edits`] makes each finding's suggestion (also what `--message-format=json`
//! offers editors as a quick fix), [`apply`] merges them per file and checks
//! the result parses, `--dry-run` prints them as a unified diff, and [`vcs`]
//! refuses to rewrite what git could not give back.

mod apply;
mod edits;
mod scope;
mod vcs;

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

pub use edits::suggest;

use crate::engine::{self, Options};
use crate::error::UserError;
use crate::report::Report;
use apply::FileFix;
use edits::Left;

/// `cargo collects fix --help`, below the options.
pub const HELP: &str = "What it fixes:
  CL0001 (error level) whose evidence names one category: `#[collects(Group::Item)]` on the field,
         `Collects` in its type's derives, `use collects::Collects;` in its module
  CL0002 whose evidence names one category: that category in place of the declared one
Edits are insertions and replacements in place: formatting and comments stay as they are.

Like `cargo fix`, it rewrites files only in a git work tree with no uncommitted change under PATH,
so that `git diff` shows what it did; --allow-dirty, --allow-staged and --allow-no-vcs lift that.
--dry-run needs neither: it prints the diff (for `git apply`) and the account, and writes nothing.

Example:
  $ cargo collects fix --dry-run
  --- a/src/user.rs
  +++ b/src/user.rs
  @@ -1,5 +1,8 @@
  -#[derive(Debug)]
  +use collects::Collects;
  +
  +#[derive(Debug, Collects)]
   pub struct User {
       pub id: u64,
  +    #[collects(Contact::Email)]
       pub email: String,
   }
  would fix src/user.rs: 1 finding
  would fix 1 finding in 1 file; run without --dry-run to apply";

#[derive(clap::Args)]
pub struct FixArgs {
    /// Files and directories to fix
    #[arg(value_name = "PATH")]
    paths: Vec<PathBuf>,
    /// Print the changes as a unified diff and change nothing
    #[arg(long)]
    dry_run: bool,
    /// Fix even when the git work tree has uncommitted changes
    #[arg(long)]
    allow_dirty: bool,
    /// Fix even when the work tree has staged changes (unstaged ones still stop it)
    #[arg(long)]
    allow_staged: bool,
    /// Fix files that are not in a git repository
    #[arg(long)]
    allow_no_vcs: bool,
    /// The collects.toml to use, instead of the nearest one above PATH
    #[arg(long, value_name = "FILE")]
    config: Option<PathBuf>,
    /// Leave alone the findings recorded in FILE (default: `[lint] baseline` in collects.toml)
    #[arg(long, value_name = "FILE")]
    baseline: Option<PathBuf>,
}

/// What a fix did: the diff (`--dry-run`) for stdout and the account of it
/// for stderr, where cargo writes its own.
pub struct Outcome {
    pub diff: String,
    pub account: String,
}

/// Runs `cargo collects fix`.
pub fn run(args: &FixArgs) -> Result<Outcome, UserError> {
    let options = Options {
        paths: args.paths.clone(),
        config: args.config.clone(),
        ..Options::default()
    };
    let mut run = engine::check(&options)?;
    crate::baseline::settle(&mut run, args.baseline.as_deref(), None)?;
    let mut left = suggest(&mut run.report, &run.context.config.taxonomy);
    let (fixes, overlapping) = apply::plan(&run.report)?;
    left.extend(overlapping);
    left.sort_by_key(|l| l.finding);
    let report = &run.report;
    if args.dry_run {
        let diff = fixes.iter().map(|fix| unified_diff(report, fix)).collect();
        return Ok(Outcome {
            diff,
            account: account(report, &fixes, &left, true),
        });
    }
    if !fixes.is_empty() {
        let targets = if args.paths.is_empty() {
            vec![PathBuf::from(".")]
        } else {
            args.paths.clone()
        };
        let allow = vcs::Allow {
            dirty: args.allow_dirty,
            staged: args.allow_staged,
            no_vcs: args.allow_no_vcs,
        };
        vcs::ensure_recoverable(&targets, allow)?;
        apply::write(report, &fixes)?;
    }
    Ok(Outcome {
        diff: String::new(),
        account: account(report, &fixes, &left, false),
    })
}

/// `--dry-run`: the change to one file, paths as `git apply` takes them
/// (relative to the current directory).
fn unified_diff(report: &Report, fix: &FileFix) -> String {
    let path = report.ci_path(&fix.path);
    similar::TextDiff::from_lines(&fix.before, &fix.after)
        .unified_diff()
        .header(&format!("a/{path}"), &format!("b/{path}"))
        .to_string()
}

/// What was fixed per file, what was left and why, and what to do next.
fn account(report: &Report, fixes: &[FileFix], left: &[Left], dry_run: bool) -> String {
    let verb = if dry_run { "would fix" } else { "fixed" };
    let mut out = String::new();
    for fix in fixes {
        out.push_str(&format!(
            "{verb} {}: {}\n",
            report.ci_path(&fix.path),
            plural(fix.resolved.len(), "finding")
        ));
    }
    if !left.is_empty() {
        out.push_str(&format!(
            "left {} to fix by hand:\n",
            plural(left.len(), "finding")
        ));
    }
    for l in left {
        let f = &report.findings[l.finding];
        out.push_str(&format!(
            "  {}:{}:{} {} `{}.{}`: {}\n",
            report.ci_path(&f.path),
            f.span.start.line,
            f.span.start.column,
            f.code.as_str(),
            f.item.as_deref().unwrap_or_default(),
            f.field.as_deref().unwrap_or_default(),
            l.reason
        ));
    }
    out.push_str(&missing_dependencies(report, fixes));
    let resolved: usize = fixes.iter().map(|f| f.resolved.len()).sum();
    out.push_str(&match (resolved, dry_run) {
        (0, _) => {
            "nothing to fix: no error-level CL0001 or CL0002 finding with one suggested category\n"
                .to_string()
        }
        (n, true) => format!(
            "{verb} {} in {}; run without --dry-run to apply\n",
            plural(n, "finding"),
            plural(fixes.len(), "file")
        ),
        (n, false) => format!(
            "{verb} {} in {}; review with `git diff`, then run `cargo collects check`\n",
            plural(n, "finding"),
            plural(fixes.len(), "file")
        ),
    });
    out
}

/// A warning for each package of a fixed file whose Cargo.toml does not
/// depend on `collects`: its `#[collects]` and derive would not compile.
fn missing_dependencies(report: &Report, fixes: &[FileFix]) -> String {
    let manifests: BTreeSet<PathBuf> = fixes
        .iter()
        .filter_map(|fix| crate::package::manifest_of(&report.root_dir.join(&fix.path)))
        .collect();
    manifests
        .into_iter()
        .filter(|manifest| {
            !crate::deps::dependencies(std::slice::from_ref(manifest))
                .iter()
                .any(|dep| dep == "collects")
        })
        .map(|manifest| {
            format!(
                "warning: {} does not depend on `collects`: add it to [dependencies], or the fixed code will not compile\n",
                display(&manifest)
            )
        })
        .collect()
}

fn display(path: &Path) -> String {
    crate::paths::rebase_path(path, Path::new("."))
}

fn plural(n: usize, word: &str) -> String {
    format!("{n} {word}{}", if n == 1 { "" } else { "s" })
}
