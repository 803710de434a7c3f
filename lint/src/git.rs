//! `--changed-since REV`: which files git says changed, so that a large
//! repository is reported on only where a change touches it.

use std::collections::HashSet;
use std::path::{Path, PathBuf};
use std::process::Command;

use crate::error::UserError;

/// The files that differ from `rev` in the work tree of the repository that
/// holds `start`: `git diff --name-only REV` (committed, staged and unstaged
/// changes; a renamed file under its new name) plus untracked files that are
/// not ignored (a new module not yet `git add`ed is a change too). Deleted
/// files are left out. Paths are canonical, for comparison with the walk.
pub fn changed_files(rev: &str, start: &Path) -> Result<HashSet<PathBuf>, UserError> {
    let dir = if start.is_dir() {
        start
    } else {
        start
            .parent()
            .filter(|p| !p.as_os_str().is_empty())
            .unwrap_or(Path::new("."))
    };
    let top = git(dir, &["rev-parse", "--show-toplevel"]).map_err(|e| {
        UserError::new(format!(
            "--changed-since needs a git repository, and {} is not in one",
            start.display()
        ))
        .with_help(Some(format!("git said: {}", e.trim())))
    })?;
    let top = PathBuf::from(top.trim_end_matches(['\n', '\r']));
    if rev.starts_with('-') {
        return Err(bad_revision(rev, "a revision does not start with `-`"));
    }
    git(
        &top,
        &[
            "rev-parse",
            "--verify",
            "--quiet",
            &format!("{rev}^{{commit}}"),
        ],
    )
    .map_err(|e| bad_revision(rev, &e))?;
    let mut names =
        git(&top, &["diff", "--name-only", "-z", rev, "--"]).map_err(|e| bad_revision(rev, &e))?;
    names.push_str(
        &git(&top, &["ls-files", "--others", "--exclude-standard", "-z"])
            .map_err(|e| UserError::new(format!("git ls-files failed: {}", e.trim())))?,
    );
    Ok(names
        .split('\0')
        .filter(|name| !name.is_empty())
        .filter_map(|name| top.join(name).canonicalize().ok())
        .collect())
}

pub(crate) fn bad_revision(rev: &str, git_said: &str) -> UserError {
    let said = git_said.trim();
    UserError::new(format!("`{rev}` is not a revision of this repository"))
        .with_help(Some(if said.is_empty() {
            "give a commit, branch or tag, such as `origin/main` or `HEAD~1`".into()
        } else {
            format!("give a commit, branch or tag, such as `origin/main` or `HEAD~1` (git said: {said})")
        }))
}

/// Runs git in `dir`; its stdout, or what went wrong.
pub(crate) fn git(dir: &Path, args: &[&str]) -> Result<String, String> {
    let output = Command::new("git")
        .arg("-C")
        .arg(dir)
        .args(args)
        .output()
        .map_err(|e| format!("cannot run git: {e}"))?;
    if output.status.success() {
        Ok(String::from_utf8_lossy(&output.stdout).into_owned())
    } else {
        Err(String::from_utf8_lossy(&output.stderr).into_owned())
    }
}
