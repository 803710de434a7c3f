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
