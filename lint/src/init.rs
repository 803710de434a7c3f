//! `cargo collects init`: a first `collects.toml`, whose statement lists what
//! the code declares today, so that adopting collects starts from a passing
//! statement check and every later change to it is a reviewed diff.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use crate::config::Config;
use crate::engine::{self, Options};
use crate::error::UserError;
use crate::report::DeclarationRecord;

/// The name of the file `init` writes (and `check` looks for).
pub const CONFIG_FILE: &str = "collects.toml";

/// What `init` wrote.
#[derive(Debug)]
pub struct Written {
    pub path: PathBuf,
    pub categories: usize,
    pub declarations: usize,
}

/// Writes `dir/collects.toml` from the declarations under `dir`. Refuses,
/// changing nothing, when the file exists and `force` is not given.
pub fn init(dir: &Path, force: bool, jobs: Option<usize>) -> Result<Written, UserError> {
    if !dir.is_dir() {
        return Err(
            UserError::new(format!("{} is not a directory", dir.display())).with_help(Some(
                "give the directory of the crate or workspace: `cargo collects init PATH`".into(),
            )),
        );
    }
    let path = dir.join(CONFIG_FILE);
    if path.exists() && !force {
        return Err(UserError::new(format!(
            "{} already exists; nothing was changed",
            path.display()
        ))
        .with_help(Some(
            "pass --force to replace it with one written from the code, or edit it by hand".into(),
        )));
    }
    // The code is read with no statement at all: the new one must not depend
    // on the old one.
    let options = Options {
        paths: vec![dir.to_path_buf()],
        jobs,
        ..Options::default()
    };
    let report = engine::check_with_config(&options, Config::default())?.report;
    let text = render(&report.declarations, report.summary.files);
    // What we write must be what `check` reads.
    Config::parse(&path, text.clone()).map_err(|e| {
        UserError::new(format!(
            "internal error: the collects.toml written by init does not parse: {e}"
        ))
    })?;
    crate::baseline::write_atomically(&path, &text)
        .map_err(|e| UserError::new(format!("cannot write {}: {e}", path.display())))?;
    Ok(Written {
        path,
        categories: categories(&report.declarations).len(),
        declarations: report.declarations.len(),
    })
}

/// Where each declared category is declared: the fields, in report order.
fn categories(declarations: &[DeclarationRecord]) -> BTreeMap<&str, Vec<&DeclarationRecord>> {
    let mut by_category: BTreeMap<&str, Vec<&DeclarationRecord>> = BTreeMap::new();
    for declaration in declarations {
        for category in &declaration.categories {
            by_category.entry(category).or_default().push(declaration);
        }
    }
    by_category
}

/// A TOML string (categories and purposes are identifiers, but be safe).
fn quoted(text: &str) -> String {
    toml::Value::String(text.to_string()).to_string()
}

/// The text of the new collects.toml.
pub fn render(declarations: &[DeclarationRecord], files: usize) -> String {
    let by_category = categories(declarations);
    let mut out = String::new();
    out.push_str(&format!(
        "# collects.toml: what the published privacy statement says, for `cargo collects check`.\n\
         # Written by `cargo collects init` from the {} declared field{} in {} file{} read today.\n\
         # Review it against the statement you publish: from now on, code that declares\n\
         # anything this file does not list fails the check.\n\n",
        declarations.len(),
        if declarations.len() == 1 { "" } else { "s" },
        files,
        if files == 1 { "" } else { "s" },
    ));
    out.push_str("[statement]\n");
    out.push_str(
        "# The categories the privacy statement lists; a group (\"Contact\") covers all its items.\n\
         # Declaring a category that is not listed is an error (CL0003); listing one that\n\
         # nothing declares is a note (CL0005). `cargo collects categories` shows them all.\n",
    );
    if by_category.is_empty() {
        out.push_str(
            "# Nothing declares a category yet: add `#[collects(..)]` to the fields that hold\n\
             # personal data (`cargo collects check` names them), then list the categories here.\n\
             lists = []\n",
        );
    } else {
        out.push_str("lists = [\n");
        let width = by_category
            .keys()
            .map(|c| quoted(c).len())
            .max()
            .unwrap_or(0)
            + 1;
        for (category, places) in &by_category {
            let first = places[0];
            let more = match places.len() {
                1 => String::new(),
                n => format!(" and {} more", n - 1),
            };
            let entry = format!("{},", quoted(category));
            out.push_str(&format!(
                "    {entry:<width$} # {}.{} ({}:{}){more}\n",
                first.item, first.field, first.path, first.line,
            ));
        }
        out.push_str("]\n");
    }
    out.push_str(
        "# The published text (optional, relative to this file): each listed group's heading\n\
         # (`cargo collects categories` prints them) must appear in it.\n\
         # text = \"PRIVACY.md\"\n",
    );
    let mut purposes: BTreeMap<&str, Vec<&str>> = BTreeMap::new();
    for (category, places) in &by_category {
        let mut names: Vec<&str> = places.iter().filter_map(|d| d.purpose.as_deref()).collect();
        names.sort_unstable();
        names.dedup();
        if !names.is_empty() {
            purposes.insert(category, names);
        }
    }
    out.push_str(
        "\n# The purposes the statement discloses for each category (`purpose = ..` in code).\n\
         # A declaration with a purpose not listed for its category is an error (CL0003);\n\
         # a category not named here may be declared with any purpose.\n\
         [statement.purposes]\n",
    );
    for (category, names) in &purposes {
        let names: Vec<String> = names.iter().map(|n| quoted(n)).collect();
        out.push_str(&format!("{} = [{}]\n", quoted(category), names.join(", ")));
    }
    out.push_str(
        "\n[taxonomy]\n\
         # A taxonomy of your own, in the format of the built-in one (relative to this file).\n\
         # path = \"taxonomy.toml\"\n\
         \n[lint]\n\
         # Paths not to lint, as gitignore globs; `target/` and what .gitignore ignores are\n\
         # never linted.\n\
         exclude = []\n\
         # The level of a check, by name or code: \"error\", \"warning\", \"note\" or \"off\";\n\
         # `undeclared.weak` is CL0001 on weak evidence (a note by default).\n\
         # severity = { mismatch = \"error\", \"undeclared.weak\" = \"off\" }\n\
         # Findings to tolerate while adopting collects, written by\n\
         # `cargo collects check --write-baseline collects-baseline.json` (see docs/adoption.md).\n\
         # baseline = \"collects-baseline.json\"\n",
    );
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn declaration(
        path: &str,
        line: u32,
        field: &str,
        category: &str,
        purpose: Option<&str>,
    ) -> DeclarationRecord {
        DeclarationRecord {
            path: path.into(),
            line,
            item: "User".into(),
            field: field.into(),
            ty: "String".into(),
            categories: vec![category.into()],
            purpose: purpose.map(str::to_string),
            source: None,
            optional: false,
        }
    }

    #[test]
    fn lists_each_declared_category_once_with_where_and_parses_back() {
        let text = render(
            &[
                declaration("src/user.rs", 4, "email", "Contact::Email", Some("Account")),
                declaration(
                    "src/user.rs",
                    6,
                    "backup_email",
                    "Contact::Email",
                    Some("Support"),
                ),
                declaration("src/device.rs", 3, "ip", "Device::IpAddress", None),
            ],
            2,
        );
        assert!(
            text.contains("    \"Contact::Email\",    # User.email (src/user.rs:4) and 1 more\n"),
            "{text}"
        );
        assert!(
            text.contains("    \"Device::IpAddress\", # User.ip (src/device.rs:3)\n"),
            "{text}"
        );
        assert!(
            text.contains("\"Contact::Email\" = [\"Account\", \"Support\"]\n"),
            "{text}"
        );
        assert!(!text.contains("\"Device::IpAddress\" = ["), "{text}");
        let config = Config::parse(Path::new("collects.toml"), text).unwrap();
        let statement = config.statement.unwrap();
        assert!(statement.lists("Contact::Email") && statement.lists("Device::IpAddress"));
        assert!(!statement.lists("Contact::Phone"));
        assert_eq!(
            statement.purposes_for("Contact::Email").unwrap(),
            ["Account", "Support"]
        );
    }

    #[test]
    fn every_key_has_a_comment_above_it() {
        let text = render(
            &[declaration("a.rs", 1, "email", "Contact::Email", None)],
            1,
        );
        let lines: Vec<&str> = text.lines().collect();
        for (i, line) in lines.iter().enumerate() {
            let is_key =
                line.contains(" = ") && !line.starts_with('#') && !line.starts_with("    ");
            let is_table_entry = line.starts_with('"');
            if is_key && !is_table_entry {
                assert!(
                    lines[i - 1].starts_with('#'),
                    "`{line}` has no comment above it:\n{text}"
                );
            }
        }
    }

    #[test]
    fn with_no_declarations_the_list_is_empty_and_says_why() {
        let text = render(&[], 3);
        assert!(text.contains("lists = []\n"), "{text}");
        Config::parse(Path::new("collects.toml"), text).unwrap();
    }
}
