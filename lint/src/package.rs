//! The cargo package and target a file belongs to, named as cargo names them
//! in its JSON messages (`package_id`, `manifest_path`, `target`), so that an
//! editor files a finding under the package it checks. Read from the nearest
//! Cargo.toml with a `[package]` above the file and cargo's layout: `[lib]`
//! and `[[bin]]`-style paths, `build.rs`, `src/bin/`, `tests/`, `examples/`,
//! `benches/`, else the library or the main binary. A file in no package
//! gets one named after its folder.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::rc::Rc;

use percent_encoding::{utf8_percent_encode, AsciiSet, CONTROLS};
use toml::{Table, Value};

/// What a file URL escapes in a path segment (the `url` crate's set).
const SEGMENT: &AsciiSet = &CONTROLS
    .add(b' ')
    .add(b'"')
    .add(b'#')
    .add(b'<')
    .add(b'>')
    .add(b'?')
    .add(b'`')
    .add(b'{')
    .add(b'}')
    .add(b'/')
    .add(b'%');

/// A package, as its manifest says.
#[derive(Debug)]
pub struct Package {
    /// As cargo prints it: `path+file:///projects/app#0.1.0`, or
    /// `path+file:///projects/crates/x#app@0.1.0` when the folder is named otherwise.
    pub id: String,
    pub manifest_path: PathBuf,
    name: String,
    edition: String,
    dir: PathBuf,
    manifest: Table,
}

/// A target of a package, with the fields of cargo's `target` object.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Target {
    pub name: String,
    pub kind: Vec<String>,
    pub crate_types: Vec<String>,
    pub src_path: PathBuf,
    pub edition: String,
    pub doc: bool,
    pub doctest: bool,
    pub test: bool,
}

/// The kinds of target, with what cargo says of each.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Kind {
    Lib,
    Bin,
    Test,
    Example,
    Bench,
    CustomBuild,
}

impl Kind {
    fn name(self) -> &'static str {
        match self {
            Kind::Lib => "lib",
            Kind::Bin => "bin",
            Kind::Test => "test",
            Kind::Example => "example",
            Kind::Bench => "bench",
            Kind::CustomBuild => "custom-build",
        }
    }

    /// `doc`, `doctest`, `test`: cargo's defaults.
    fn flags(self) -> (bool, bool, bool) {
        match self {
            Kind::Lib => (true, true, true),
            Kind::Bin => (true, false, true),
            Kind::Test | Kind::Bench => (false, false, true),
            Kind::Example | Kind::CustomBuild => (false, false, false),
        }
    }

    /// The manifest's array of this kind (`[[bin]]`) and its folder.
    fn layout(self) -> Option<(&'static str, &'static str)> {
        match self {
            Kind::Bin => Some(("bin", "src/bin")),
            Kind::Test => Some(("test", "tests")),
            Kind::Example => Some(("example", "examples")),
            Kind::Bench => Some(("bench", "benches")),
            Kind::Lib | Kind::CustomBuild => None,
        }
    }
}

/// The packages of the folders seen during a run: each manifest is read
/// once, not once per finding.
#[derive(Default)]
pub struct Packages {
    by_folder: HashMap<PathBuf, Rc<Package>>,
}

impl Packages {
    /// The package that holds `file` (an absolute path), else one named
    /// after its folder.
    pub fn of(&mut self, file: &Path) -> Rc<Package> {
        let folder = file.parent().unwrap_or(file).to_path_buf();
        self.by_folder
            .entry(folder)
            .or_insert_with(|| {
                let package = manifest_of(file).and_then(|manifest| Package::read(&manifest));
                Rc::new(package.unwrap_or_else(|| Package::standalone(file)))
            })
            .clone()
    }
}

/// The nearest Cargo.toml with a `[package]` above `file`.
pub fn manifest_of(file: &Path) -> Option<PathBuf> {
    let file = std::path::absolute(file).ok()?;
    file.ancestors().skip(1).find_map(|dir| {
        let manifest = dir.join("Cargo.toml");
        let text = std::fs::read_to_string(&manifest).ok()?;
        let table: Table = toml::from_str(&text).ok()?;
        table.contains_key("package").then_some(manifest)
    })
}

impl Package {
    fn read(manifest_path: &Path) -> Option<Package> {
        let manifest: Table = toml::from_str(&std::fs::read_to_string(manifest_path).ok()?).ok()?;
        let dir = manifest_path.parent()?.to_path_buf();
        let package = manifest.get("package")?.as_table()?;
        let name = package.get("name")?.as_str()?.to_string();
        let version = inherited(package, "version", &dir).unwrap_or_else(|| "0.0.0".into());
        let edition = inherited(package, "edition", &dir).unwrap_or_else(|| "2015".into());
        Some(Package {
            id: package_id(&dir, &name, &version),
            manifest_path: manifest_path.to_path_buf(),
            name,
            edition,
            dir,
            manifest,
        })
    }

    /// A package for a file in none: named after its folder, version 0.0.0.
    fn standalone(file: &Path) -> Package {
        let dir = file.parent().unwrap_or(Path::new("/")).to_path_buf();
        let name: String = dir
            .file_name()
            .map_or("unknown".into(), |n| n.to_string_lossy().into_owned())
            .chars()
            .map(|c| {
                if c.is_alphanumeric() || c == '-' {
                    c
                } else {
                    '_'
                }
            })
            .collect();
        Package {
            id: package_id(&dir, &name, "0.0.0"),
            manifest_path: dir.join("Cargo.toml"),
            name,
            edition: "2021".into(),
            dir,
            manifest: Table::new(),
        }
    }

    /// The target `file` is compiled in.
    pub fn target_of(&self, file: &Path) -> Target {
        self.declared_target(file)
            .or_else(|| self.laid_out_target(file))
            .or_else(|| self.lib())
            .or_else(|| self.main_bin())
            .unwrap_or_else(|| self.target(Kind::Lib, self.lib_name(), file.to_path_buf()))
    }

    /// A target whose root the manifest names and `file` is.
    fn declared_target(&self, file: &Path) -> Option<Target> {
        let lib = self.manifest.get("lib").and_then(Value::as_table);
        if let Some(path) = lib.and_then(|l| l.get("path")).and_then(Value::as_str) {
            if self.dir.join(path) == file {
                return self.lib();
            }
        }
        [Kind::Bin, Kind::Test, Kind::Example, Kind::Bench]
            .into_iter()
            .find_map(|kind| {
                let (array, _) = kind.layout()?;
                self.declared(array).find_map(|(name, path)| {
                    let path = self.dir.join(path?);
                    (path == file).then(|| self.target(kind, name, path))
                })
            })
    }

    /// A target by cargo's layout: `build.rs`, `src/bin/x.rs`, `tests/x.rs`,
    /// `examples/x/main.rs` and what these folders hold.
    fn laid_out_target(&self, file: &Path) -> Option<Target> {
        let relative = file.strip_prefix(&self.dir).ok()?;
        if relative == Path::new("build.rs") {
            return Some(self.target(Kind::CustomBuild, "build-script-build".into(), file.into()));
        }
        [Kind::Bin, Kind::Test, Kind::Example, Kind::Bench]
            .into_iter()
            .find_map(|kind| {
                let (_, folder) = kind.layout()?;
                let first = relative.strip_prefix(folder).ok()?.components().next()?;
                let entry = self.dir.join(folder).join(first);
                let name = Path::new(first.as_os_str()).file_stem()?.to_string_lossy();
                let root = if entry.is_dir() {
                    entry.join("main.rs")
                } else {
                    entry
                };
                Some(self.target(kind, name.into_owned(), root))
            })
    }

    fn lib(&self) -> Option<Target> {
        let lib = self.manifest.get("lib").and_then(Value::as_table);
        let path = lib
            .and_then(|l| l.get("path"))
            .and_then(Value::as_str)
            .map_or_else(|| self.dir.join("src/lib.rs"), |p| self.dir.join(p));
        if lib.is_none() && !path.is_file() {
            return None;
        }
        let mut target = self.target(Kind::Lib, self.lib_name(), path);
        let crate_types = lib
            .and_then(|l| l.get("crate-type").or_else(|| l.get("crate_type")))
            .and_then(Value::as_array);
        if let Some(types) = crate_types {
            target.kind = types
                .iter()
                .filter_map(Value::as_str)
                .map(str::to_string)
                .collect();
            target.crate_types = target.kind.clone();
        }
        Some(target)
    }

    /// `src/main.rs`, else the first `[[bin]]` with a path.
    fn main_bin(&self) -> Option<Target> {
        let main = self.dir.join("src/main.rs");
        if main.is_file() {
            return Some(self.target(Kind::Bin, self.name.clone(), main));
        }
        let (name, path) = self.declared("bin").find(|(_, path)| path.is_some())?;
        Some(self.target(Kind::Bin, name, self.dir.join(path?)))
    }

    /// The entries of an array of targets (`[[bin]]`): name and path.
    fn declared<'a>(&'a self, array: &str) -> impl Iterator<Item = (String, Option<&'a str>)> {
        self.manifest
            .get(array)
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
            .filter_map(Value::as_table)
            .map(|t| {
                let name = t.get("name").and_then(Value::as_str).unwrap_or(&self.name);
                (name.to_string(), t.get("path").and_then(Value::as_str))
            })
    }

    /// `[lib] name`, else the package's name with `-` as `_`.
    fn lib_name(&self) -> String {
        self.manifest
            .get("lib")
            .and_then(|l| l.get("name"))
            .and_then(Value::as_str)
            .map_or_else(|| self.name.replace('-', "_"), str::to_string)
    }

    fn target(&self, kind: Kind, name: String, src_path: PathBuf) -> Target {
        let (doc, doctest, test) = kind.flags();
        let crate_type = if kind == Kind::Lib { "lib" } else { "bin" };
        Target {
            name,
            kind: vec![kind.name().to_string()],
            crate_types: vec![crate_type.to_string()],
            src_path,
            edition: self.edition.clone(),
            doc,
            doctest,
            test,
        }
    }
}

/// A `[package]` key, or the workspace's when it says `key.workspace = true`.
fn inherited(package: &Table, key: &str, dir: &Path) -> Option<String> {
    match package.get(key)? {
        Value::String(value) => Some(value.clone()),
        Value::Table(t) if t.get("workspace").and_then(Value::as_bool) == Some(true) => {
            dir.ancestors().find_map(|d| {
                let text = std::fs::read_to_string(d.join("Cargo.toml")).ok()?;
                let root: Table = toml::from_str(&text).ok()?;
                let value = root.get("workspace")?.get("package")?.get(key)?;
                value.as_str().map(str::to_string)
            })
        }
        _ => None,
    }
}

/// Cargo's package id: `path+file://` and the folder, then `#version` when
/// the folder bears the package's name, else `#name@version`.
fn package_id(dir: &Path, name: &str, version: &str) -> String {
    let segments: Vec<String> = dir
        .components()
        .filter_map(|c| match c {
            std::path::Component::Normal(part) => {
                Some(utf8_percent_encode(&part.to_string_lossy(), SEGMENT).to_string())
            }
            _ => None,
        })
        .collect();
    let fragment = if dir.file_name().is_some_and(|n| n == name) {
        version.to_string()
    } else {
        format!("{name}@{version}")
    };
    format!("path+file:///{}#{fragment}", segments.join("/"))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn package(files: &[(&str, &str)]) -> (tempfile::TempDir, PathBuf) {
        let dir = tempfile::tempdir().unwrap();
        for (path, text) in files {
            let path = dir.path().join(path);
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(path, text).unwrap();
        }
        let root = dir.path().to_path_buf();
        (dir, root)
    }

    #[test]
    fn ids_are_cargos() {
        assert_eq!(
            package_id(Path::new("/projects/my app"), "my app", "0.1.0"),
            "path+file:///projects/my%20app#0.1.0"
        );
        assert_eq!(
            package_id(Path::new("/projects/crates/api"), "shop-api", "1.2.3"),
            "path+file:///projects/crates/api#shop-api@1.2.3"
        );
    }

    #[test]
    fn a_file_belongs_to_the_target_cargo_builds_it_in() {
        let (_dir, root) = package(&[
            (
                "Cargo.toml",
                "[workspace.package]\nversion = \"2.0.0\"\nedition = \"2021\"\n[package]\nname = \"shop-app\"\nversion.workspace = true\nedition.workspace = true\n[[bin]]\nname = \"admin\"\npath = \"tools/admin.rs\"\n",
            ),
            ("src/lib.rs", ""),
            ("src/main.rs", ""),
            ("src/user.rs", ""),
            ("src/bin/import/main.rs", ""),
            ("tests/api.rs", ""),
            ("tools/admin.rs", ""),
        ]);
        let mut packages = Packages::default();
        let target_of = |packages: &mut Packages, file: &str| {
            let file = root.join(file);
            let target = packages.of(&file).target_of(&file);
            (target.name, target.kind[0].clone(), target.src_path)
        };
        let pkg = packages.of(&root.join("src/user.rs"));
        assert!(pkg.id.ends_with("#shop-app@2.0.0"), "{}", pkg.id);
        assert_eq!(pkg.edition, "2021");
        assert_eq!(
            target_of(&mut packages, "src/user.rs"),
            ("shop_app".into(), "lib".into(), root.join("src/lib.rs"))
        );
        assert_eq!(
            target_of(&mut packages, "src/bin/import/db.rs"),
            (
                "import".into(),
                "bin".into(),
                root.join("src/bin/import/main.rs")
            )
        );
        assert_eq!(
            target_of(&mut packages, "tests/api.rs"),
            ("api".into(), "test".into(), root.join("tests/api.rs"))
        );
        assert_eq!(
            target_of(&mut packages, "tools/admin.rs"),
            ("admin".into(), "bin".into(), root.join("tools/admin.rs"))
        );
    }

    #[test]
    fn a_file_in_no_package_gets_one_named_after_its_folder() {
        let (_dir, root) = package(&[("scripts/seed.rs", "")]);
        let file = root.join("scripts/seed.rs");
        let pkg = Packages::default().of(&file);
        assert!(pkg.id.ends_with("/scripts#0.0.0"), "{}", pkg.id);
        assert_eq!(pkg.target_of(&file).src_path, file);
    }
}
