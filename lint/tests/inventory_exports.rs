//! The inventory's exports of the fixture tree and of `examples/shop`, kept in
//! the repository and compared here. `UPDATE_EXPECT=1 cargo test -p
//! collects-lint --test inventory_exports` rewrites them; review the diff.

use std::path::{Path, PathBuf};

use collects_lint::inventory::{render, Format, Inventory};
use collects_lint::run::{check, Options};

/// Each tree (relative to the workspace root) and where its outputs are kept.
const TREES: &[(&str, &str)] = &[
    ("tests/inventory", "tests/inventory/expected"),
    ("examples/shop", "examples/shop/inventory"),
];

/// Each format and the file it is kept in.
const FILES: &[(Format, &str)] = &[
    (Format::Markdown, "inventory.md"),
    (Format::Json, "inventory.json"),
    (Format::Xcprivacy, "PrivacyInfo.xcprivacy"),
    (Format::Fides, "fides.yml"),
    (Format::Statement, "statement.md"),
    (Format::PlayCsv, "play-data-safety.csv"),
];

fn workspace() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

#[test]
fn exports_match_the_kept_files() {
    let update = std::env::var_os("UPDATE_EXPECT").is_some();
    let mut stale = Vec::new();
    for (tree, kept) in TREES {
        let outcome = check(&Options {
            paths: vec![workspace().join(tree)],
            jobs: Some(1),
            ..Options::default()
        })
        .unwrap_or_else(|e| panic!("{tree}: {e}"));
        let mut inventory = Inventory::build(&outcome, None);
        // As a user at the workspace root would name it.
        inventory.root = tree.to_string();
        for (format, file) in FILES {
            let actual = render(&inventory, &outcome.config.taxonomy, *format);
            let path = workspace().join(kept).join(file);
            let expected = std::fs::read_to_string(&path).unwrap_or_default();
            if actual == expected {
                continue;
            }
            if update {
                std::fs::create_dir_all(path.parent().unwrap()).unwrap();
                std::fs::write(&path, &actual).unwrap();
            } else {
                let line = actual
                    .lines()
                    .zip(expected.lines())
                    .position(|(a, e)| a != e)
                    .unwrap_or_else(|| actual.lines().count().min(expected.lines().count()));
                stale.push(format!(
                    "{kept}/{file} differs from line {}:\n  now:  {:?}\n  kept: {:?}",
                    line + 1,
                    actual.lines().nth(line).unwrap_or(""),
                    expected.lines().nth(line).unwrap_or(""),
                ));
            }
        }
    }
    assert!(
        stale.is_empty(),
        "{}\n\nrun `UPDATE_EXPECT=1 cargo test -p collects-lint --test inventory_exports` and review the diff",
        stale.join("\n")
    );
}

/// Runs the command line in process: exit code, stdout, stderr.
fn run_cli(args: &[&str]) -> (u8, String, String) {
    let (mut out, mut err) = (Vec::new(), Vec::new());
    let argv = ["cargo-collects", "collects"].iter().chain(args);
    let code = collects_lint::cli::run(
        argv.map(std::ffi::OsString::from),
        &mut collects_lint::cli::Io {
            out: &mut out,
            err: &mut err,
            terminal: false,
        },
    );
    (
        code,
        String::from_utf8(out).unwrap(),
        String::from_utf8(err).unwrap(),
    )
}

#[test]
fn the_command_prints_the_inventory_and_notes_the_findings_it_cannot_show() {
    let tree = workspace().join("tests/inventory");
    let tree = tree.to_str().unwrap();
    let (code, out, err) = run_cli(&["inventory", tree, "--format", "json", "--name", "demo"]);
    assert_eq!(code, 0, "{err}");
    let json: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(json["system"], "demo");
    assert!(err.contains("error-level finding"), "{err}");
    let (code, out, _) = run_cli(&["inventory", tree]);
    assert_eq!(code, 0);
    assert!(out.starts_with("# Data inventory: inventory\n"), "{out}");
}

#[test]
fn a_bad_name_or_format_is_exit_2() {
    let tree = workspace().join("tests/inventory");
    let tree = tree.to_str().unwrap();
    let (code, _, err) = run_cli(&["inventory", tree, "--name", "a b"]);
    assert_eq!(code, 2);
    assert!(err.contains("not a valid system name"), "{err}");
    let (code, _, err) = run_cli(&["inventory", tree, "--format", "yaml"]);
    assert_eq!(code, 2);
    assert!(err.contains("play-csv"), "{err}");
}
