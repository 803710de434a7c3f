use std::path::{Path, PathBuf};

/// The name of the statement file, found by walking up from the scanned path.
pub const CONFIG_FILE: &str = "collects.toml";

/// The nearest `collects.toml` at or above `start` (a file or a directory),
/// as `deny.toml` and `ruff.toml` are found.
pub fn find_config(start: &Path) -> Option<PathBuf> {
    let start = if start.is_file() {
        start.parent()?
    } else {
        start
    };
    let start = start.canonicalize().ok()?;
    start
        .ancestors()
        .map(|dir| dir.join(CONFIG_FILE))
        .find(|candidate| candidate.is_file())
}
