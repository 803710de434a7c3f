//! Which files to read: every `.rs` regular file under the given directories,
//! honouring `.gitignore` and the configured excludes, never `target/`; files
//! given by name are read as they are.

use std::path::{Path, PathBuf};

use ignore::overrides::OverrideBuilder;
use ignore::WalkBuilder;

use crate::error::UserError;

/// Directories never worth reading: build output.
const ALWAYS_EXCLUDED: [&str; 1] = ["target"];

/// The `.rs` files to lint under `targets`, sorted, each once (the
/// examples' and tests' listing; a lint streams them, [`stream_tree_files`]).
pub fn rust_files(targets: &[PathBuf], exclude: &[String]) -> Result<Vec<PathBuf>, UserError> {
    let mut files = Vec::new();
    stream_tree_files(targets, exclude, |file| files.push(file))?;
    files.sort();
    files.dedup();
    Ok(files)
}

/// Walks `targets`, giving `on_file` each `.rs` file as it is found (in walk
/// order; a file under two targets twice), so reading can start before the
/// walk ends. Returns the `Cargo.toml` files, sorted, each once.
pub fn stream_tree_files(
    targets: &[PathBuf],
    exclude: &[String],
    mut on_file: impl FnMut(PathBuf),
) -> Result<Vec<PathBuf>, UserError> {
    let mut manifests = Vec::new();
    for target in targets {
        let meta = std::fs::metadata(target)
            .map_err(|e| UserError::new(format!("cannot read {}: {e}", target.display())))?;
        if meta.is_dir() {
            walk_dir(target, exclude, &mut on_file, &mut manifests)?;
        } else if meta.is_file() {
            on_file(target.clone());
        } else {
            return Err(UserError::new(format!(
                "{} is not a file or a directory",
                target.display()
            )));
        }
    }
    manifests.sort();
    manifests.dedup();
    Ok(manifests)
}

fn walk_dir(
    dir: &Path,
    exclude: &[String],
    on_file: &mut impl FnMut(PathBuf),
    manifests: &mut Vec<PathBuf>,
) -> Result<(), UserError> {
    let mut overrides = OverrideBuilder::new(dir);
    for pattern in ALWAYS_EXCLUDED
        .iter()
        .copied()
        .chain(exclude.iter().map(String::as_str))
    {
        overrides.add(&format!("!{pattern}")).map_err(|e| {
            UserError::new(format!(
                "`[lint] exclude` pattern `{pattern}` is not a valid glob: {e}"
            ))
        })?;
    }
    let overrides = overrides
        .build()
        .map_err(|e| UserError::new(format!("`[lint] exclude` is not valid: {e}")))?;
    let walker = WalkBuilder::new(dir)
        .overrides(overrides)
        .require_git(false)
        .follow_links(false)
        .build();
    for entry in walker.flatten() {
        if !entry.file_type().is_some_and(|t| t.is_file()) {
            continue;
        }
        if entry.path().extension().is_some_and(|e| e == "rs") {
            on_file(entry.into_path());
        } else if entry.file_name() == "Cargo.toml" {
            manifests.push(entry.into_path());
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tree(files: &[&str]) -> PathBuf {
        let dir = std::env::temp_dir().join(format!(
            "collects-walk-{}-{}",
            std::process::id(),
            files.len()
        ));
        let _ = std::fs::remove_dir_all(&dir);
        for file in files {
            let path = dir.join(file);
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(path, "").unwrap();
        }
        dir
    }

    fn names(dir: &Path, exclude: &[&str]) -> Vec<String> {
        let exclude: Vec<String> = exclude.iter().map(|s| s.to_string()).collect();
        rust_files(&[dir.to_path_buf()], &exclude)
            .unwrap()
            .iter()
            .map(|p| crate::paths::relative_display(p, dir))
            .collect()
    }

    #[test]
    fn finds_rust_files_but_not_target_gitignored_or_excluded_ones() {
        let dir = tree(&[
            "src/a.rs",
            "src/b.txt",
            "target/debug/x.rs",
            "gen/skip.rs",
            "vendor/v.rs",
            ".gitignore",
            "dir.rs/inner.txt",
        ]);
        std::fs::write(dir.join(".gitignore"), "gen/\n").unwrap();
        let found = names(&dir, &["vendor"]);
        let _ = std::fs::remove_dir_all(&dir);
        assert_eq!(found, ["src/a.rs"]);
    }

    #[test]
    fn a_missing_path_is_an_error() {
        let err = rust_files(&[PathBuf::from("/no/such/dir")], &[]).unwrap_err();
        assert!(err.message.contains("/no/such/dir"));
    }
}
