//! The fix rewrites files in place, so, as `cargo fix` and `cargo clippy
//! --fix` do, it first makes sure git can give them back: it refuses a tree
//! outside git (unless `--allow-no-vcs`) and one with uncommitted changes
//! (unless `--allow-dirty`, or `--allow-staged` when they are all staged).

use std::path::{Path, PathBuf};

use crate::error::UserError;
use crate::git::git;

/// What the user allowed.
#[derive(Debug, Clone, Copy, Default)]
pub struct Allow {
    pub dirty: bool,
    pub staged: bool,
    pub no_vcs: bool,
}

/// Listed at most, in the refusal; the rest are counted.
const MAX_LISTED: usize = 20;

/// Fails unless every target is in a git work tree with no uncommitted
/// change under it, or the user allowed it.
pub fn ensure_recoverable(targets: &[PathBuf], allow: Allow) -> Result<(), UserError> {
    if allow.dirty && allow.no_vcs {
        return Ok(());
    }
    for target in targets {
        let dir = directory_of(target);
        let Ok(top) = git(dir, &["rev-parse", "--show-toplevel"]) else {
            if allow.no_vcs {
                continue;
            }
            return Err(UserError::new(format!(
                "no git repository holds {}, and `cargo collects fix` rewrites files in place",
                shown(target)
            ))
            .with_help(Some(
                "run it in a git work tree, so that `git diff` shows what it changed and `git checkout` undoes it; or pass --allow-no-vcs".into(),
            )));
        };
        if allow.dirty {
            continue;
        }
        let top = PathBuf::from(top.trim_end_matches(['\n', '\r']));
        let uncommitted = uncommitted(&top, target, allow.staged)?;
        if !uncommitted.is_empty() {
            return Err(refusal(&uncommitted));
        }
    }
    Ok(())
}

fn shown(target: &Path) -> String {
    if target == Path::new(".") {
        "the current directory".into()
    } else {
        target.display().to_string()
    }
}

/// The directory to run git in for a target (a directory or a file).
fn directory_of(target: &Path) -> &Path {
    if target.is_dir() {
        target
    } else {
        target
            .parent()
            .filter(|p| !p.as_os_str().is_empty())
            .unwrap_or(Path::new("."))
    }
}

/// The changed files under `target` as `path (dirty)`, `(untracked)` (the
/// fix could edit them too) or `(staged)` (unless `--allow-staged`).
fn uncommitted(top: &Path, target: &Path, allow_staged: bool) -> Result<Vec<String>, UserError> {
    let target = std::path::absolute(target).unwrap_or_else(|_| target.to_path_buf());
    let target = target.to_string_lossy();
    let status = git(
        top,
        &[
            "status",
            "--porcelain=v1",
            "-z",
            "--untracked-files=all",
            "--",
            &target,
        ],
    )
    .map_err(|e| UserError::new(format!("git status failed: {}", e.trim())))?;
    let mut files = Vec::new();
    let mut entries = status.split('\0');
    while let Some(entry) = entries.next() {
        let (Some(code), Some(path)) = (entry.get(..2), entry.get(3..)) else {
            continue;
        };
        if code.starts_with(['R', 'C']) {
            // A rename or copy is followed by the path it came from.
            entries.next();
        }
        if code == "??" {
            files.push(format!("{path} (untracked)"));
        } else if !code.ends_with(' ') {
            files.push(format!("{path} (dirty)"));
        } else if !allow_staged {
            files.push(format!("{path} (staged)"));
        }
    }
    Ok(files)
}

fn refusal(files: &[String]) -> UserError {
    let mut list: Vec<String> = files
        .iter()
        .take(MAX_LISTED)
        .map(|f| format!("  * {f}"))
        .collect();
    if files.len() > MAX_LISTED {
        list.push(format!("  and {} more", files.len() - MAX_LISTED));
    }
    UserError::new(format!(
        "the work tree has uncommitted changes, and `cargo collects fix` rewrites files in place:\n{}",
        list.join("\n")
    ))
    .with_help(Some(
        "commit or stash them first, so that `git diff` shows exactly what the fix changed; or pass --allow-dirty (--allow-staged if they are all staged)".into(),
    ))
}
