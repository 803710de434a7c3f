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
