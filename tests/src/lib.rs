//! The end-to-end tests of collects: every test under `tests/tests/` runs the
//! `cargo-collects` command line (in process, or as a process for the
//! adoption tests) over fixture trees and compares what it prints with the
//! expected output kept beside each fixture, through [`assert_expected`].
//!
//! Set `UPDATE_EXPECT=1` to rewrite the expected files; review the diff.

use std::ffi::OsString;
use std::path::Path;

use collects_lint::cli::{run, Io};
use serde_json::Value;

/// Runs the command line in process (`args` without the program name):
/// exit code, stdout and stderr.
pub fn run_captured(args: &[&str]) -> (u8, Vec<u8>, Vec<u8>) {
    let argv: Vec<OsString> = std::iter::once("cargo-collects")
        .chain(args.iter().copied())
        .map(OsString::from)
        .collect();
    let (mut out, mut err) = (Vec::new(), Vec::new());
    let code = run(
        argv,
        &mut Io {
            out: &mut out,
            err: &mut err,
            terminal: false,
            exits: false,
        },
    );
    (code, out, err)
}

/// Exit code, stdout and stderr of one run, as the expected files hold them.
pub fn run_cli(args: &[&str]) -> String {
    let (code, out, err) = run_captured(args);
    format!(
        "$ cargo collects {}\nexit: {code}\n--- stdout\n{}--- stderr\n{}",
        args.join(" "),
        String::from_utf8_lossy(&out),
        String::from_utf8_lossy(&err)
    )
}

/// Compares `actual` with the file `expected`, or rewrites it under `UPDATE_EXPECT=1`.
pub fn assert_expected(expected: &Path, actual: &str) {
    if std::env::var_os("UPDATE_EXPECT").is_some() {
        if let Some(dir) = expected.parent() {
            std::fs::create_dir_all(dir).expect("expected directory is writable");
        }
        std::fs::write(expected, actual).expect("expected file is writable");
        return;
    }
    let wanted = std::fs::read_to_string(expected).unwrap_or_else(|_| {
        panic!(
            "{} is missing: run with UPDATE_EXPECT=1 to create it",
            expected.display()
        )
    });
    if wanted != actual {
        panic!(
            "output differs from {} (UPDATE_EXPECT=1 rewrites it)\n--- expected\n{wanted}\n--- actual\n{actual}",
            expected.display()
        );
    }
}

/// `(code, path)` of every finding of a JSON report, in report order.
pub fn finding_places(report: &Value) -> Vec<(String, String)> {
    report["findings"]
        .as_array()
        .expect("a JSON report has findings")
        .iter()
        .map(|f| {
            (
                f["code"].as_str().unwrap_or_default().to_string(),
                f["path"].as_str().unwrap_or_default().to_string(),
            )
        })
        .collect()
}

/// What a process run printed, and its exit code (-1 when killed).
pub struct Run {
    pub code: i32,
    pub out: String,
    pub err: String,
}

impl From<std::process::Output> for Run {
    fn from(output: std::process::Output) -> Run {
        Run {
            code: output.status.code().unwrap_or(-1),
            out: String::from_utf8_lossy(&output.stdout).into_owned(),
            err: String::from_utf8_lossy(&output.stderr).into_owned(),
        }
    }
}

impl std::fmt::Debug for Run {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "exit {}\n--- stdout\n{}--- stderr\n{}",
            self.code, self.out, self.err
        )
    }
}

/// Copies a fixture tree, leaving out its `expected.*` files.
pub fn copy_tree(from: &Path, to: &Path) {
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            std::fs::create_dir_all(&target).unwrap();
            copy_tree(&entry.path(), &target);
        } else if !entry.file_name().to_string_lossy().starts_with("expected.") {
            std::fs::copy(entry.path(), target).unwrap();
        }
    }
}

/// Runs git in `dir` with a fixed identity and no user or system
/// configuration, so it works the same on a fresh CI machine; its stdout.
pub fn git(dir: &Path, args: &[&str]) -> String {
    let output = std::process::Command::new("git")
        .args(["-c", "commit.gpgsign=false"])
        .args(args)
        .current_dir(dir)
        .env("GIT_AUTHOR_NAME", "collects tests")
        .env("GIT_AUTHOR_EMAIL", "tests@collects.invalid")
        .env("GIT_COMMITTER_NAME", "collects tests")
        .env("GIT_COMMITTER_EMAIL", "tests@collects.invalid")
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .env("GIT_CONFIG_GLOBAL", "/dev/null")
        .output()
        .expect("git runs");
    assert!(output.status.success(), "git {args:?}: {output:?}");
    String::from_utf8_lossy(&output.stdout).into_owned()
}
