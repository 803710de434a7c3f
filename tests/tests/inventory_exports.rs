//! The inventory's exports of the fixture tree and of `examples/shop`, kept in
//! the repository and compared here. `UPDATE_EXPECT=1 cargo test -p
//! collects-e2e --test inventory_exports` rewrites them; review the diff.

use std::path::{Path, PathBuf};

use collects_e2e::{assert_expected, run_captured};
use collects_lint::engine::{check, Options};
use collects_lint::inventory::{render, Format, Inventory};

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
    for (tree, kept) in TREES {
        let run = check(&Options {
            paths: vec![workspace().join(tree)],
            jobs: Some(1),
            ..Options::default()
        })
        .unwrap_or_else(|e| panic!("{tree}: {e}"));
        let mut inventory = Inventory::build(&run, None);
        // As a user at the workspace root would name it.
        inventory.root = tree.to_string();
        for (format, file) in FILES {
            let actual = render(&inventory, &run.context.config.taxonomy, *format);
            assert_expected(&workspace().join(kept).join(file), &actual);
        }
    }
}

/// Runs the command line in process as cargo calls it: exit code, stdout, stderr.
fn run_cli(args: &[&str]) -> (u8, String, String) {
    let args: Vec<&str> = std::iter::once("collects")
        .chain(args.iter().copied())
        .collect();
    let (code, out, err) = run_captured(&args);
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
