//! How paths appear in reports: relative to the scanned root, `/`-separated.

use std::path::{Component, Path, PathBuf};

/// `path` relative to `root` when it is under it, `/`-separated.
pub fn relative_display(path: &Path, root: &Path) -> String {
    let relative: PathBuf = match path.strip_prefix(root) {
        Ok(rest) => rest.to_path_buf(),
        Err(_) => canonical_relative(path, root).unwrap_or_else(|| path.to_path_buf()),
    };
    let text = relative.to_string_lossy().replace('\\', "/");
    match text.strip_prefix("./") {
        Some(rest) => rest.to_string(),
        None if text.is_empty() => path
            .file_name()
            .map_or(text.clone(), |n| n.to_string_lossy().into_owned()),
        None => text,
    }
}

fn canonical_relative(path: &Path, root: &Path) -> Option<PathBuf> {
    let root = root.canonicalize().ok()?;
    let path = path.canonicalize().ok()?;
    path.strip_prefix(root).ok().map(Path::to_path_buf)
}

/// `path` relative to `dir`, `/`-separated, compared lexically on absolute
/// paths (so `./src/a.rs` and `src/a.rs` agree, and nothing must exist).
pub fn rebase_path(path: &Path, dir: &Path) -> String {
    let path = absolute(path);
    let dir = absolute(dir);
    let (path, dir): (Vec<Component>, Vec<Component>) =
        (path.components().collect(), dir.components().collect());
    let common = path.iter().zip(&dir).take_while(|(a, b)| a == b).count();
    let mut parts: Vec<String> = vec!["..".to_string(); dir.len() - common];
    parts.extend(
        path[common..]
            .iter()
            .map(|c| c.as_os_str().to_string_lossy().into_owned()),
    );
    parts.join("/")
}

/// An absolute path with `.` and `..` resolved lexically.
fn absolute(path: &Path) -> PathBuf {
    let path = std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf());
    let mut out = PathBuf::new();
    for component in path.components() {
        match component {
            Component::CurDir => {}
            Component::ParentDir => {
                out.pop();
            }
            other => out.push(other),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::{rebase_path, relative_display};
    use std::path::Path;

    #[test]
    fn paths_are_relative_to_the_root_with_slashes() {
        assert_eq!(
            relative_display(Path::new("root/src/a.rs"), Path::new("root")),
            "src/a.rs"
        );
        assert_eq!(
            relative_display(Path::new("./src/a.rs"), Path::new(".")),
            "src/a.rs"
        );
        assert_eq!(
            relative_display(Path::new("src/a.rs"), Path::new("src/a.rs")),
            "a.rs"
        );
    }

    #[test]
    fn paths_are_rebased_lexically() {
        let cwd = std::env::current_dir().unwrap();
        assert_eq!(
            rebase_path(Path::new("./src/a.rs"), Path::new(".")),
            "src/a.rs"
        );
        assert_eq!(
            rebase_path(Path::new("shop/src/a.rs"), Path::new("shop")),
            "src/a.rs"
        );
        assert_eq!(
            rebase_path(Path::new("src/a.rs"), Path::new("shop")),
            "../src/a.rs"
        );
        assert_eq!(
            rebase_path(&cwd.join("x/../src/a.rs"), Path::new(".")),
            "src/a.rs"
        );
    }
}
