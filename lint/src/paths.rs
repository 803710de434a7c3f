//! How paths appear in reports: relative to the scanned root, `/`-separated.

use std::path::{Path, PathBuf};

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

#[cfg(test)]
mod tests {
    use super::relative_display;
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
}
