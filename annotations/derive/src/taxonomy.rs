//! Which taxonomy a crate's annotations are checked against: the built-in
//! one, or the file named by `[taxonomy] path` in the nearest `collects.toml`
//! (the same file the linter reads).

use std::collections::HashMap;
use std::fs;
use std::ops::Range;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, OnceLock};
use std::time::SystemTime;

use collects_grammar::{find_config, Taxonomy, CONFIG_FILE};

/// The taxonomy to check against, and the files it was read from: the derive
/// makes cargo rebuild when one of them changes.
pub(crate) struct Loaded {
    pub taxonomy: Arc<Taxonomy>,
    pub files: Vec<PathBuf>,
}

/// The taxonomy for the crate being compiled, found from `CARGO_MANIFEST_DIR`.
pub(crate) fn for_crate() -> Result<Loaded, String> {
    match std::env::var_os("CARGO_MANIFEST_DIR") {
        Some(dir) => load(Path::new(&dir)),
        // Not built by cargo: nothing tells us where a collects.toml would be.
        None => Ok(builtin()),
    }
}

/// The taxonomy for code at `start`: the nearest `collects.toml` at or above
/// it decides. The error says which file is wrong and how.
pub(crate) fn load(start: &Path) -> Result<Loaded, String> {
    let Some(config) = find_config(start) else {
        return Ok(builtin());
    };
    let text = fs::read_to_string(&config)
        .map_err(|e| format!("cannot read {}: {e}", config.display()))?;
    let Some(path) = taxonomy_path(&config, &text)? else {
        // The config is still tracked: adding `[taxonomy] path` must rebuild.
        return Ok(Loaded {
            files: vec![config],
            ..builtin()
        });
    };
    let file = config.parent().unwrap_or(Path::new("/")).join(path);
    let taxonomy = cached(&file, &config)?;
    Ok(Loaded {
        taxonomy,
        files: vec![config, file],
    })
}

fn builtin() -> Loaded {
    static BUILTIN: OnceLock<Arc<Taxonomy>> = OnceLock::new();
    Loaded {
        taxonomy: BUILTIN
            .get_or_init(|| Arc::new(Taxonomy::builtin()))
            .clone(),
        files: Vec::new(),
    }
}

/// The `[taxonomy] path` of a `collects.toml`, as written. Only this table
/// is checked here: the rest of the file is the linter's to judge, and a
/// mistake there should not stop the build.
fn taxonomy_path(config: &Path, text: &str) -> Result<Option<String>, String> {
    let at = |span: Option<Range<usize>>, message: &str| {
        format!("{}{}: {message}", config.display(), line_of(text, span))
    };
    let table: toml::Table = toml::from_str(text).map_err(|e| {
        let message = e.message().trim().replace('\n', "; ");
        at(e.span(), &format!("invalid TOML: {message}"))
    })?;
    let Some(section) = table.get("taxonomy") else {
        return Ok(None);
    };
    let toml::Value::Table(section) = section else {
        return Err(at(
            line_starting(text, "taxonomy"),
            "`taxonomy` must be a table: `[taxonomy]` with `path = \"taxonomy.toml\"`",
        ));
    };
    if let Some(key) = section.keys().find(|k| *k != "path") {
        return Err(at(
            line_starting(text, key).or(line_starting(text, "[taxonomy]")),
            &format!("[taxonomy] has no key `{key}`; the only key is `path`"),
        ));
    }
    match section.get("path") {
        None => Ok(None),
        Some(toml::Value::String(path)) if !path.trim().is_empty() => Ok(Some(path.clone())),
        Some(_) => Err(at(
            line_starting(text, "path"),
            &format!("[taxonomy] `path` must be the file name of a taxonomy, relative to this {CONFIG_FILE}: `path = \"taxonomy.toml\"`"),
        )),
    }
}

type Cache = HashMap<PathBuf, (Option<SystemTime>, Result<Arc<Taxonomy>, String>)>;

/// The taxonomy in `file`, parsed once per process (the derive runs once per
/// type) and again only when the file's modification time changes, as it can
/// under a long-lived proc-macro server such as rust-analyzer's.
fn cached(file: &Path, config: &Path) -> Result<Arc<Taxonomy>, String> {
    static CACHE: OnceLock<Mutex<Cache>> = OnceLock::new();
    let modified = fs::metadata(file).and_then(|m| m.modified()).ok();
    let mut cache = CACHE
        .get_or_init(Default::default)
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner());
    if let Some((when, result)) = cache.get(file) {
        if modified.is_some() && *when == modified {
            return result.clone();
        }
    }
    let result = read_taxonomy(file, config);
    cache.insert(file.to_path_buf(), (modified, result.clone()));
    result
}

/// `config` is only named in the error, so the user knows where the path came from.
fn read_taxonomy(file: &Path, config: &Path) -> Result<Arc<Taxonomy>, String> {
    let named_by = format!("named by `[taxonomy] path` in {}", config.display());
    let text = fs::read_to_string(file).map_err(|e| {
        format!(
            "cannot read the taxonomy {} ({named_by}): {e}",
            file.display()
        )
    })?;
    Taxonomy::parse(&text).map(Arc::new).map_err(|e| {
        format!(
            "invalid taxonomy {}{} ({named_by}): {}",
            file.display(),
            line_of(&text, e.span),
            e.message.trim()
        )
    })
}

/// The first line that starts with `prefix`, as a byte range for [`line_of`].
fn line_starting(text: &str, prefix: &str) -> Option<Range<usize>> {
    let mut offset = 0;
    for line in text.split_inclusive('\n') {
        if line.trim_start().starts_with(prefix) {
            return Some(offset..offset + 1);
        }
        offset += line.len();
    }
    None
}

/// `:LINE` for a byte range in `text`, as compilers write positions.
fn line_of(text: &str, span: Option<Range<usize>>) -> String {
    match span {
        Some(span) => {
            let start = span.start.min(text.len());
            let line = text.as_bytes()[..start]
                .iter()
                .filter(|&&b| b == b'\n')
                .count()
                + 1;
            format!(":{line}")
        }
        None => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A fresh directory holding `files` (name, text), for one test.
    fn tree(test: &str, files: &[(&str, &str)]) -> PathBuf {
        let dir =
            std::env::temp_dir().join(format!("collects-derive-{test}-{}", std::process::id()));
        let _ = fs::remove_dir_all(&dir);
        for (name, text) in files {
            let path = dir.join(name);
            fs::create_dir_all(path.parent().unwrap()).unwrap();
            fs::write(path, text).unwrap();
        }
        dir
    }

    fn error_of(test: &str, files: &[(&str, &str)]) -> String {
        let mut files = files.to_vec();
        files.push(("crate/Cargo.toml", ""));
        let dir = tree(test, &files);
        let result = load(&dir.join("crate"));
        fs::remove_dir_all(&dir).unwrap();
        match result {
            Ok(_) => panic!("{test}: expected an error"),
            Err(e) => e,
        }
    }

    const CUSTOM: &str = "[Customer]\nheading = \"Customers\"\nLoyaltyId = \"loyalty card number\"\n\n[purposes]\nRewards = \"loyalty rewards\"\n";

    #[test]
    fn without_collects_toml_the_builtin_taxonomy_is_used() {
        let dir = tree("no-config", &[("crate/Cargo.toml", "")]);
        let loaded = load(&dir.join("crate")).unwrap();
        assert!(loaded.taxonomy.knows("Contact::Email"));
        assert!(loaded.files.is_empty());
        fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn collects_toml_without_taxonomy_keeps_the_builtin_and_is_tracked() {
        let dir = tree(
            "config-only",
            &[
                ("collects.toml", "[statement]\nlists = [\"Contact\"]\n"),
                ("crate/Cargo.toml", ""),
            ],
        );
        let loaded = load(&dir.join("crate")).unwrap();
        assert!(loaded.taxonomy.knows("Contact::Email"));
        assert_eq!(loaded.files.len(), 1);
        assert!(loaded.files[0].ends_with("collects.toml"));
        fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn a_custom_taxonomy_is_read_relative_to_collects_toml() {
        let dir = tree(
            "custom",
            &[
                (
                    "collects.toml",
                    "[taxonomy]\npath = \"policy/taxonomy.toml\"\n",
                ),
                ("policy/taxonomy.toml", CUSTOM),
                ("crate/src/lib.rs", ""),
            ],
        );
        let loaded = load(&dir.join("crate/src")).unwrap();
        assert!(loaded.taxonomy.knows("Customer::LoyaltyId"));
        assert!(!loaded.taxonomy.knows("Contact::Email"));
        assert!(loaded.taxonomy.has_purpose("Rewards"));
        assert!(loaded.files[1].is_absolute());
        assert!(loaded.files[1].ends_with("policy/taxonomy.toml"));

        // An edit is seen even by a long-lived process that cached the file.
        std::thread::sleep(std::time::Duration::from_millis(20));
        let edited = CUSTOM.replace("LoyaltyId", "MemberId");
        fs::write(dir.join("policy/taxonomy.toml"), edited).unwrap();
        let file = fs::File::options()
            .append(true)
            .open(dir.join("policy/taxonomy.toml"))
            .unwrap();
        file.set_modified(SystemTime::now() + std::time::Duration::from_secs(5))
            .unwrap();
        let reloaded = load(&dir.join("crate")).unwrap();
        assert!(reloaded.taxonomy.knows("Customer::MemberId"));
        fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn a_broken_setup_says_which_file_and_what_is_wrong() {
        let bad_toml = error_of("bad-toml", &[("collects.toml", "[taxonomy\npath = 1\n")]);
        assert!(
            bad_toml.contains("collects.toml:1: invalid TOML"),
            "{bad_toml}"
        );

        let not_table = error_of("not-table", &[("collects.toml", "taxonomy = \"x.toml\"\n")]);
        assert!(
            not_table.contains("collects.toml:1: `taxonomy` must be a table"),
            "{not_table}"
        );

        let bad_key = error_of(
            "bad-key",
            &[("collects.toml", "[taxonomy]\nfile = \"x.toml\"\n")],
        );
        assert!(
            bad_key.contains("collects.toml:2: [taxonomy] has no key `file`"),
            "{bad_key}"
        );

        let bad_path = error_of("bad-path", &[("collects.toml", "[taxonomy]\npath = 3\n")]);
        assert!(
            bad_path.contains("collects.toml:2: [taxonomy] `path` must be the file name"),
            "{bad_path}"
        );

        let missing = error_of(
            "missing",
            &[("collects.toml", "[taxonomy]\npath = \"nowhere.toml\"\n")],
        );
        assert!(
            missing.contains("cannot read the taxonomy") && missing.contains("nowhere.toml"),
            "{missing}"
        );
        assert!(
            missing.contains("named by `[taxonomy] path` in"),
            "{missing}"
        );

        let invalid = error_of(
            "invalid",
            &[
                ("collects.toml", "[taxonomy]\npath = \"t.toml\"\n"),
                ("t.toml", "# mine\n[Customer]\nLoyaltyId = \"x\"\n"),
            ],
        );
        assert!(invalid.contains("t.toml:2 (named by"), "{invalid}");
        assert!(
            invalid.contains("): [Customer] has no `heading`"),
            "{invalid}"
        );
    }

    #[test]
    fn line_of_counts_from_one_and_survives_any_offset() {
        assert_eq!(line_of("a\nb\nc", Some(4..5)), ":3");
        assert_eq!(line_of("é", Some(1..2)), ":1");
        assert_eq!(line_of("x", Some(99..100)), ":1");
        assert_eq!(line_of("x", None), "");
    }
}
