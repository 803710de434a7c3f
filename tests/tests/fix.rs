//! `cargo collects fix` over `fixtures/fix-app`, a small shop of several
//! files (nested modules, existing derives and `use` lines, comments): the
//! dry run's diff is kept in `fixtures/fix-app/expected.fix`; the fix is made
//! on copies, in git repositories made for the test.

use std::path::{Path, PathBuf};

use collects_e2e::{assert_expected, copy_tree, git, run_captured, run_cli};
use serde_json::Value;

const FIXTURE: &str = "fixtures/fix-app";

/// The findings the fix leaves, as `code item.field`: two it cannot settle
/// (their evidence names two categories, or the type is written in a macro
/// call) and two notes (weak evidence) it never touches.
const LEFT: [&str; 4] = [
    "CL0001 Session.ip",
    "CL0001 AdminNote.body",
    "CL0001 ScimUser.user_name",
    "CL0001 Callback.callback_phone",
];

/// A copy of the fixture (without its expected files), in git when asked.
fn copy(in_git: bool) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    copy_tree(Path::new(FIXTURE), dir.path());
    if in_git {
        git(dir.path(), &["init", "-q"]);
        git(dir.path(), &["add", "."]);
        git(dir.path(), &["commit", "-q", "-m", "the shop"]);
    }
    dir
}

/// Every `.rs` file under `dir`, relative, with its text.
fn sources(dir: &Path) -> Vec<(PathBuf, String)> {
    let mut files = Vec::new();
    let mut pending = vec![dir.to_path_buf()];
    while let Some(next) = pending.pop() {
        for entry in std::fs::read_dir(next).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                pending.push(path);
            } else if path.extension().is_some_and(|e| e == "rs") {
                let text = std::fs::read_to_string(&path).unwrap();
                files.push((path.strip_prefix(dir).unwrap().to_path_buf(), text));
            }
        }
    }
    files.sort();
    files
}

/// `fix ARGS DIR`: exit code, stdout and stderr.
fn fix(dir: &Path, args: &[&str]) -> (u8, String, String) {
    let dir = dir.to_string_lossy();
    let mut argv = vec!["fix"];
    argv.extend(args);
    argv.push(&dir);
    let (code, out, err) = run_captured(&argv);
    let text = |b: Vec<u8>| String::from_utf8_lossy(&b).into_owned();
    (code, text(out), text(err))
}

/// `code item.field` of every CL0001 and CL0002 finding `check` reports under `dir`.
fn findings(dir: &Path) -> Vec<String> {
    let (_, out, _) = run_captured(&["check", "--format", "json", &dir.to_string_lossy()]);
    let report: Value = serde_json::from_slice(&out).unwrap();
    report["findings"]
        .as_array()
        .unwrap()
        .iter()
        // What the fix resolves; a declared field's Debug leak (CL0008) is
        // the next thing to fix, by hand.
        .filter(|f| matches!(f["code"].as_str(), Some("CL0001" | "CL0002")))
        .map(|f| {
            format!(
                "{} {}.{}",
                f["code"].as_str().unwrap(),
                f["item"].as_str().unwrap(),
                f["field"].as_str().unwrap()
            )
        })
        .collect()
}

#[test]
fn the_dry_run_prints_the_diff_and_changes_nothing() {
    let before = sources(Path::new(FIXTURE));
    assert_expected(
        &Path::new(FIXTURE).join("expected.fix"),
        &run_cli(&["fix", "--dry-run", FIXTURE]),
    );
    assert_eq!(sources(Path::new(FIXTURE)), before);
}

#[test]
fn the_fix_makes_the_dry_runs_changes_and_check_finds_none_of_them_again() {
    let fixed = copy(true);
    let found_before = findings(fixed.path());
    let (code, _, account) = fix(fixed.path(), &[]);
    assert_eq!(code, 0, "{account}");
    assert!(account.contains("fixed 9 findings in 4 files"), "{account}");
    // The same change as the dry run's diff, applied by git to another copy.
    let patched = copy(false);
    let (_, diff, _) = run_captured(&["fix", "--dry-run", FIXTURE]);
    let patch = patched.path().join("fix.patch");
    std::fs::write(&patch, diff).unwrap();
    git(patched.path(), &["apply", "-p3", "fix.patch"]);
    std::fs::remove_file(patch).unwrap();
    assert_eq!(sources(fixed.path()), sources(patched.path()));
    // Nothing the fix resolved is found again, and nothing new.
    let found_after = findings(fixed.path());
    assert_eq!(found_after, LEFT, "before the fix: {found_before:?}");
    assert_eq!(found_before.len(), found_after.len() + 9);
}

#[test]
fn the_fix_keeps_comments_and_the_files_still_parse() {
    let fixed = copy(true);
    let before = sources(fixed.path());
    assert_eq!(fix(fixed.path(), &[]).0, 0);
    for ((path, old), (_, new)) in before.iter().zip(sources(fixed.path())) {
        syn::parse_file(&new).unwrap_or_else(|e| panic!("{}: {e}\n{new}", path.display()));
        for line in old.lines() {
            let comment = line.find("//").or_else(|| line.find("/*"));
            if let Some(at) = comment {
                assert!(
                    new.contains(&line[at..]),
                    "{}: lost `{line}`\n{new}",
                    path.display()
                );
            }
        }
    }
}

#[test]
fn a_tree_with_uncommitted_changes_is_refused_unless_allowed() {
    let dir = copy(true);
    let accounts = dir.path().join("src/accounts.rs");
    let edited = std::fs::read_to_string(&accounts).unwrap() + "\n// work in progress\n";
    std::fs::write(&accounts, &edited).unwrap();
    let (code, _, err) = fix(dir.path(), &[]);
    assert_eq!(code, 2, "{err}");
    assert!(
        err.contains("uncommitted changes")
            && err.contains("src/accounts.rs (dirty)")
            && err.contains("--allow-dirty"),
        "{err}"
    );
    assert_eq!(std::fs::read_to_string(&accounts).unwrap(), edited);

    git(dir.path(), &["add", "src/accounts.rs"]);
    let (code, _, err) = fix(dir.path(), &[]);
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("src/accounts.rs (staged)"), "{err}");
    let (code, _, err) = fix(dir.path(), &["--allow-staged"]);
    assert_eq!(code, 0, "{err}");
    assert!(std::fs::read_to_string(&accounts)
        .unwrap()
        .contains("#[collects(Contact::Email)]"));
}

#[test]
fn a_dirty_tree_is_fixed_with_allow_dirty() {
    let dir = copy(true);
    std::fs::write(dir.path().join("src/new.rs"), "pub struct Draft;\n").unwrap();
    let (code, _, err) = fix(dir.path(), &[]);
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("src/new.rs (untracked)"), "{err}");
    let (code, _, err) = fix(dir.path(), &["--allow-dirty"]);
    assert_eq!(code, 0, "{err}");
    assert!(err.contains("fixed 9 findings"), "{err}");
}

#[test]
fn outside_git_it_needs_allow_no_vcs_and_warns_of_a_missing_dependency() {
    let dir = copy(false);
    let (code, _, err) = fix(dir.path(), &[]);
    assert_eq!(code, 2, "{err}");
    assert!(
        err.contains("no git repository") && err.contains("--allow-no-vcs"),
        "{err}"
    );
    let manifest = dir.path().join("Cargo.toml");
    let without_collects = std::fs::read_to_string(&manifest)
        .unwrap()
        .replace("collects = ", "other = ");
    std::fs::write(&manifest, without_collects).unwrap();
    let (code, _, err) = fix(dir.path(), &["--allow-no-vcs"]);
    assert_eq!(code, 0, "{err}");
    assert!(
        err.contains("Cargo.toml does not depend on `collects`"),
        "{err}"
    );
}

#[test]
fn a_tree_with_nothing_to_fix_says_so() {
    let (code, out, err) = run_captured(&["fix", "--dry-run", "fixtures/clean"]);
    assert_eq!((code, out.is_empty()), (0, true));
    assert!(String::from_utf8_lossy(&err).contains("nothing to fix"));
}
