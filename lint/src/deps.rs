//! The crates a tree depends on, read from its `Cargo.toml` files: what the
//! project says about itself. `[dependencies]`, `[workspace.dependencies]`
//! and target-specific `[target.'cfg(..)'.dependencies]` count; dev and build
//! dependencies do not (tests and build scripts are not the product). A
//! renamed dependency (`name = { package = "x" }`) counts as the crate it is.
//! A `Cargo.toml` that cannot be read or parsed adds nothing.

use std::collections::BTreeSet;
use std::path::PathBuf;

use toml::{Table, Value};

/// The crate names the `manifests` depend on, sorted, each once.
pub fn dependencies(manifests: &[PathBuf]) -> Vec<String> {
    let mut deps = BTreeSet::new();
    for path in manifests {
        if let Ok(text) = std::fs::read_to_string(path) {
            of_manifest(&text, &mut deps);
        }
    }
    deps.into_iter().collect()
}

/// Adds the dependencies of one `Cargo.toml` text; a bad one adds nothing.
fn of_manifest(text: &str, deps: &mut BTreeSet<String>) {
    let Ok(root) = toml::from_str::<Table>(text) else {
        return;
    };
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
        of_manifest(text, &mut set);
        set.into_iter().collect()
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
}
