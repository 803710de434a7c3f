//! What the project says about itself: the crates a tree depends on, read
//! from its `Cargo.toml` files, and the names it gives its own code (its
//! packages, the folders and file stems of its `.rs` files).
//! `[dependencies]`, `[workspace.dependencies]` and target-specific
//! `[target.'cfg(..)'.dependencies]` count; dev and build dependencies do
//! not (tests and build scripts are not the product). A renamed dependency
//! (`name = { package = "x" }`) counts as the crate it is. A `Cargo.toml`
//! that cannot be read or parsed adds nothing.

use std::collections::BTreeSet;
use std::path::{Component, Path, PathBuf};

use toml::{Table, Value};

/// What a tree says about itself.
#[derive(Debug, Default)]
pub struct Project {
    /// The crates it depends on, sorted, each once.
    pub deps: Vec<String>,
    /// The names it gives its own code, sorted, each once.
    pub names: Vec<OwnName>,
}

/// A name a project gives its own code.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum OwnName {
    /// The `[package] name` of one of its `Cargo.toml` files.
    Package(String),
    /// A folder or a file stem of one of its `.rs` files, under the root.
    Module(String),
}

impl OwnName {
    /// The name as the project writes it.
    pub fn as_str(&self) -> &str {
        match self {
            OwnName::Package(name) | OwnName::Module(name) => name,
        }
    }
}

/// What the `manifests` and the paths of the `files` (under `root`) say.
pub fn project(manifests: &[PathBuf], files: &[PathBuf], root: &Path) -> Project {
    let (mut deps, mut names) = (BTreeSet::new(), BTreeSet::new());
    for path in manifests {
        if let Ok(text) = std::fs::read_to_string(path) {
            of_manifest(&text, &mut deps, &mut names);
        }
    }
    for file in files {
        names.extend(modules_of(file, root).into_iter().map(OwnName::Module));
    }
    Project {
        deps: deps.into_iter().collect(),
        names: names.into_iter().collect(),
    }
}

/// The crate names the `manifests` depend on, sorted, each once.
pub fn dependencies(manifests: &[PathBuf]) -> Vec<String> {
    project(manifests, &[], Path::new("")).deps
}

/// The folders and the file stem of `file` below `root` (`src/mastodon/
/// account.rs`: `src`, `mastodon`, `account`); of a file outside it, its
/// stem alone (the folders above a root are not the project's).
fn modules_of(file: &Path, root: &Path) -> Vec<String> {
    let below = file.strip_prefix(root).ok();
    let folders = below
        .and_then(Path::parent)
        .into_iter()
        .flat_map(Path::components)
        .filter_map(|c| match c {
            Component::Normal(part) => Some(part.to_string_lossy().into_owned()),
            _ => None,
        });
    let stem = file.file_stem().map(|s| s.to_string_lossy().into_owned());
    folders.chain(stem).collect()
}

/// Adds the dependencies and the package name of one `Cargo.toml` text; a
/// bad one adds nothing.
fn of_manifest(text: &str, deps: &mut BTreeSet<String>, names: &mut BTreeSet<OwnName>) {
    let Ok(root) = toml::from_str::<Table>(text) else {
        return;
    };
    let package = root.get("package").and_then(|p| p.get("name"));
    if let Some(name) = package.and_then(Value::as_str) {
        names.insert(OwnName::Package(name.to_string()));
    }
    let table = |t: &Table, key: &str| t.get(key).and_then(Value::as_table).cloned();
    let mut lists: Vec<Table> = Vec::new();
    lists.extend(table(&root, "dependencies"));
    if let Some(ws) = table(&root, "workspace") {
        lists.extend(table(&ws, "dependencies"));
    }
    if let Some(targets) = table(&root, "target") {
        for target in targets.values().filter_map(Value::as_table) {
            lists.extend(table(target, "dependencies"));
        }
    }
    for list in &lists {
        for (name, spec) in list {
            let real = spec.get("package").and_then(Value::as_str).unwrap_or(name);
            deps.insert(real.to_string());
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn deps(text: &str) -> Vec<String> {
        let mut set = BTreeSet::new();
        of_manifest(text, &mut set, &mut BTreeSet::new());
        set.into_iter().collect()
    }

    fn package(text: &str) -> Vec<OwnName> {
        let mut names = BTreeSet::new();
        of_manifest(text, &mut BTreeSet::new(), &mut names);
        names.into_iter().collect()
    }

    fn modules(file: &str, root: &str) -> Vec<String> {
        modules_of(Path::new(file), Path::new(root))
    }

    #[test]
    fn dependencies_of_every_kind_but_dev_and_build() {
        let text = r#"
            [package]
            name = "app"
            [dependencies]
            ruma = "0.9"
            mail = { package = "mail-parser", version = "0.9" }
            [workspace.dependencies]
            async-stripe = "0.3"
            [target.'cfg(unix)'.dependencies]
            lettre = "0.11"
            [dev-dependencies]
            ical = "0.7"
            [build-dependencies]
            openidconnect = "3"
        "#;
        assert_eq!(
            deps(text),
            ["async-stripe", "lettre", "mail-parser", "ruma"]
        );
    }

    #[test]
    fn a_bad_manifest_adds_nothing() {
        assert!(deps("[dependencies\nruma = ").is_empty());
        assert!(deps("dependencies = 3").is_empty());
    }

    #[test]
    fn a_package_name_is_an_own_name() {
        let pkg = |name: &str| vec![OwnName::Package(name.to_string())];
        assert_eq!(
            package("[package]\nname = \"x-activitypub\""),
            pkg("x-activitypub")
        );
        assert!(package("[workspace]\nmembers = [\"a\"]").is_empty());
    }

    #[test]
    fn folders_and_the_stem_below_the_root_are_modules() {
        assert_eq!(
            modules("t/src/mastodon/account.rs", "t"),
            ["src", "mastodon", "account"]
        );
        assert_eq!(modules("./unix_passwd.rs", "."), ["unix_passwd"]);
        assert_eq!(modules("/home/scim/lib.rs", "t"), ["lib"]);
    }
}
