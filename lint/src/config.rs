//! `collects.toml`: the statement (which categories and purposes the published
//! privacy statement lists), the taxonomy to use, and lint settings.

use std::collections::BTreeMap;
use std::ops::Range;
use std::path::{Path, PathBuf};

use collects_grammar::{closest, Taxonomy};
use serde::Deserialize;
use toml::Spanned;

use crate::checks::Severity;
use crate::error::UserError;
pub use crate::statement::{ConfigFile, Statement};

/// The statement and settings in force for one run.
#[derive(Debug)]
pub struct Config {
    /// Where it was read from; `None` when no `collects.toml` was found.
    pub file: Option<ConfigFile>,
    /// `None` when there is no statement: every category counts as listed.
    pub statement: Option<Statement>,
    pub taxonomy: Taxonomy,
    /// Where the taxonomy was read from (`None`: the built-in one).
    pub taxonomy_path: Option<PathBuf>,
    /// `[taxonomy] vocabulary`: a company's own words for its categories, added
    /// to the built-in vocabulary (same format as `vocabulary.toml`).
    pub vocabulary: Option<String>,
    /// `check --fitted FILE`: how much each kind of evidence counts, in place
    /// of the built-in `fitted.toml` (the fitting scripts score folds with it).
    pub fitted: Option<String>,
    pub exclude: Vec<String>,
    /// Severity per check name (`undeclared`) or code (`CL0001`); `None` turns it off.
    pub severity: BTreeMap<String, Option<Severity>>,
    pub baseline: Option<PathBuf>,
    /// `[lint] tests`: whether CL0001 reports undeclared fields in test code
    /// (`#[cfg(test)]` modules, `tests/`, `benches/`, `*_test(s).rs`): a
    /// fixture's `email` is made up, so by default it is not.
    pub lint_tests: bool,
    /// `[leaks]`: what CL0008 and CL0009 look for.
    pub leaks: Leaks,
}

/// `[leaks]` in collects.toml: which categories are leak sources, and whether
/// test code is checked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Leaks {
    /// Categories or groups whose values must not reach `Debug` output, logs,
    /// panics or traces.
    pub sensitive: Vec<String>,
    /// Whether leaks in test code (`#[cfg(test)]`, `#[test]`, `tests/`,
    /// `benches/`) are reported.
    pub tests: bool,
}

/// The default `[leaks] sensitive`: secrets, payment numbers, precise
/// location and the contact data a leak exposes a person by. Not usernames or
/// IP addresses, which servers log on purpose.
pub const DEFAULT_SENSITIVE: [&str; 7] = [
    "Credentials",
    "Payment",
    "Spend::PaymentCard",
    "Location::Precise",
    "Contact::Email",
    "Contact::Phone",
    "Contact::PostalAddress",
];

impl Leaks {
    /// The defaults, as far as `taxonomy` knows them (a custom taxonomy may
    /// not have these categories).
    pub fn defaults(taxonomy: &Taxonomy) -> Leaks {
        Leaks {
            sensitive: DEFAULT_SENSITIVE
                .iter()
                .filter(|c| taxonomy.knows(c))
                .map(|c| c.to_string())
                .collect(),
            tests: false,
        }
    }

    /// Whether `category` (`Group::Item` or `Group`) is a leak source.
    pub fn is_sensitive(&self, category: &str) -> bool {
        self.sensitive
            .iter()
            .any(|listed| Taxonomy::covers(listed, category))
    }
}

impl Default for Config {
    /// No `collects.toml`: the built-in taxonomy, no statement, default levels.
    fn default() -> Self {
        Config {
            file: None,
            statement: None,
            taxonomy: Taxonomy::builtin(),
            taxonomy_path: None,
            vocabulary: None,
            fitted: None,
            exclude: Vec::new(),
            severity: BTreeMap::new(),
            baseline: None,
            lint_tests: false,
            leaks: Leaks::defaults(&Taxonomy::builtin()),
        }
    }
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawConfig {
    statement: Option<RawStatement>,
    taxonomy: Option<RawTaxonomy>,
    lint: Option<RawLint>,
    leaks: Option<RawLeaks>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawLeaks {
    sensitive: Option<Vec<Spanned<String>>>,
    #[serde(default)]
    tests: bool,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawStatement {
    #[serde(default)]
    lists: Vec<Spanned<String>>,
    #[serde(default)]
    purposes: BTreeMap<Spanned<String>, Vec<Spanned<String>>>,
    text: Option<Spanned<String>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawTaxonomy {
    path: Option<Spanned<String>>,
    vocabulary: Option<Spanned<String>>,
}

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct RawLint {
    #[serde(default)]
    exclude: Vec<String>,
    #[serde(default)]
    severity: BTreeMap<Spanned<String>, Spanned<String>>,
    baseline: Option<String>,
    #[serde(default)]
    tests: bool,
}

/// Check names and codes that `[lint] severity` accepts, besides `<name>.weak`.
pub const SEVERITY_LEVELS: [&str; 4] = ["error", "warning", "note", "off"];

impl Config {
    /// The config for a run: `explicit` (`--config`) if given, else the nearest
    /// `collects.toml` at or above `start`, else the defaults.
    pub fn discover(explicit: Option<&Path>, start: &Path) -> Result<Config, UserError> {
        let path = match explicit {
            Some(path) => Some(path.to_path_buf()),
            None => collects_grammar::find_config(start),
        };
        match path {
            Some(path) => Config::load(&path),
            None => Ok(Config::default()),
        }
    }

    pub fn load(path: &Path) -> Result<Config, UserError> {
        let text = std::fs::read_to_string(path)
            .map_err(|e| UserError::new(format!("cannot read {}: {e}", path.display())))?;
        Config::parse(path, text)
    }

    /// Reads the text of a config file found at `path` (used for relative paths in it).
    pub fn parse(path: &Path, text: String) -> Result<Config, UserError> {
        let at = |span: Range<usize>, message: String| UserError::at(path, &text, span, message);
        let raw: RawConfig = toml::from_str(&text).map_err(|e| {
            let span = e.span().unwrap_or(0..0);
            let (message, help) = explain_toml_error(e.message());
            at(span, message).with_help(help)
        })?;
        let dir = path.parent().unwrap_or(Path::new("."));
        let (raw_taxonomy_path, raw_vocabulary) = match raw.taxonomy {
            Some(t) => (t.path, t.vocabulary),
            None => (None, None),
        };
        let vocabulary = match raw_vocabulary {
            Some(v) => {
                let file = dir.join(v.get_ref());
                let text = std::fs::read_to_string(&file).map_err(|e| {
                    at(
                        v.span(),
                        format!("cannot read the vocabulary {}: {e}", file.display()),
                    )
                })?;
                Some((file, text))
            }
            None => None,
        };
        let (taxonomy, taxonomy_path) = match raw_taxonomy_path {
            Some(p) => {
                let file = dir.join(p.get_ref());
                let taxonomy = load_taxonomy(&file).map_err(|e| match e {
                    TaxonomyLoadError::Read(msg) => at(p.span(), msg),
                    TaxonomyLoadError::Invalid(err) => err,
                })?;
                (taxonomy, Some(file))
            }
            None => (Taxonomy::builtin(), None),
        };
        // A bad custom vocabulary is a configuration error, at its line.
        if let Some((file, text)) = &vocabulary {
            crate::evidence::check_vocabulary(text, &taxonomy)
                .map_err(|(span, message)| UserError::at(file, text, span, message))?;
        }
        let vocabulary = vocabulary.map(|(_, text)| text);
        let statement = raw
            .statement
            .map(|s| read_statement(s, &taxonomy, dir))
            .transpose()
            .map_err(|(span, message, help)| at(span, message).with_help(help))?;
        let lint = raw.lint.unwrap_or_default();
        let severity = read_severities(lint.severity)
            .map_err(|(span, message, help)| at(span, message).with_help(help))?;
        let leaks = read_leaks(raw.leaks, &taxonomy)
            .map_err(|(span, message, help)| at(span, message).with_help(help))?;
        Ok(Config {
            file: Some(ConfigFile {
                path: path.to_path_buf(),
                text: text.clone(),
            }),
            statement,
            taxonomy,
            taxonomy_path,
            vocabulary,
            fitted: None,
            exclude: lint.exclude,
            severity,
            baseline: lint.baseline.map(|b| dir.join(b)),
            lint_tests: lint.tests,
            leaks,
        })
    }
}

enum TaxonomyLoadError {
    Read(String),
    Invalid(UserError),
}

fn load_taxonomy(file: &Path) -> Result<Taxonomy, TaxonomyLoadError> {
    let text = std::fs::read_to_string(file).map_err(|e| {
        TaxonomyLoadError::Read(format!("cannot read the taxonomy {}: {e}", file.display()))
    })?;
    Taxonomy::parse(&text).map_err(|e| {
        TaxonomyLoadError::Invalid(UserError::at(
            file,
            &text,
            e.span.unwrap_or(0..0),
            format!("invalid taxonomy: {}", e.message),
        ))
    })
}

type SpannedProblem = (Range<usize>, String, Option<String>);

fn read_statement(
    raw: RawStatement,
    taxonomy: &Taxonomy,
    dir: &Path,
) -> Result<Statement, SpannedProblem> {
    let known = |name: &Spanned<String>| known_category(taxonomy, name);
    for listed in &raw.lists {
        known(listed)?;
    }
    let mut purposes = BTreeMap::new();
    for (category, names) in raw.purposes {
        known(&category)?;
        for purpose in &names {
            if !taxonomy.has_purpose(purpose.get_ref()) {
                let help = closest(
                    purpose.get_ref(),
                    taxonomy.purposes.iter().map(|(n, _)| n.as_str()),
                )
                .map(|p| format!("did you mean `{p}`?"));
                return Err((
                    purpose.span(),
                    format!("`{}` is not a purpose of the taxonomy", purpose.get_ref()),
                    help,
                ));
            }
        }
        let span = category.span();
        purposes.insert(
            category.into_inner(),
            (names.into_iter().map(Spanned::into_inner).collect(), span),
        );
    }
    Ok(Statement {
        lists: raw
            .lists
            .into_iter()
            .map(|l| {
                let span = l.span();
                (l.into_inner(), span)
            })
            .collect(),
        purposes,
        text: raw.text.map(|t| {
            let span = t.span();
            (dir.join(t.into_inner()), span)
        }),
    })
}

/// A category or group the taxonomy knows, or the problem with a "did you mean".
fn known_category(taxonomy: &Taxonomy, name: &Spanned<String>) -> Result<(), SpannedProblem> {
    if taxonomy.knows(name.get_ref()) {
        return Ok(());
    }
    let help = taxonomy
        .nearest(name.get_ref())
        .map(|c| format!("did you mean `{c}`?"))
        .or_else(|| Some("`cargo collects categories` lists them".into()));
    Err((
        name.span(),
        format!("`{}` is not a category of the taxonomy", name.get_ref()),
        help,
    ))
}

/// `[leaks]`: its `sensitive` list checked against the taxonomy; the defaults
/// for what it leaves out.
fn read_leaks(raw: Option<RawLeaks>, taxonomy: &Taxonomy) -> Result<Leaks, SpannedProblem> {
    let mut leaks = Leaks::defaults(taxonomy);
    let Some(raw) = raw else {
        return Ok(leaks);
    };
    leaks.tests = raw.tests;
    if let Some(sensitive) = raw.sensitive {
        for name in &sensitive {
            known_category(taxonomy, name)?;
        }
        leaks.sensitive = sensitive.into_iter().map(Spanned::into_inner).collect();
    }
    Ok(leaks)
}

fn read_severities(
    raw: BTreeMap<Spanned<String>, Spanned<String>>,
) -> Result<BTreeMap<String, Option<Severity>>, SpannedProblem> {
    use crate::checks::Code;
    let mut names: Vec<String> = Code::ALL
        .iter()
        .flat_map(|c| [c.name().to_string(), c.as_str().to_string()])
        .collect();
    names.extend(
        [
            crate::checks::undeclared::WEAK_SEVERITY_KEY,
            crate::checks::debug_leak::WEAK_SEVERITY_KEY,
            crate::checks::log_leak::WEAK_SEVERITY_KEY,
        ]
        .map(str::to_string),
    );
    let mut out = BTreeMap::new();
    for (key, level) in raw {
        if !names.contains(key.get_ref()) {
            let help = closest(key.get_ref(), names.iter().map(String::as_str))
                .map(|n| format!("did you mean `{n}`?"));
            return Err((
                key.span(),
                format!("`{}` is not a check", key.get_ref()),
                help,
            ));
        }
        let severity = match level.get_ref().as_str() {
            "error" => Some(Severity::Error),
            "warning" => Some(Severity::Warning),
            "note" => Some(Severity::Note),
            "off" => None,
            other => {
                return Err((
                    level.span(),
                    format!("`{other}` is not a level"),
                    Some(format!(
                        "write one of {}",
                        SEVERITY_LEVELS.map(|l| format!("\"{l}\"")).join(", ")
                    )),
                ))
            }
        };
        out.insert(key.into_inner(), severity);
    }
    Ok(out)
}

/// serde's "unknown field `x`, expected one of `a`, `b`" gains a "did you mean".
fn explain_toml_error(message: &str) -> (String, Option<String>) {
    let message = message.trim().to_string();
    let Some(rest) = message.strip_prefix("unknown field `") else {
        return (message, None);
    };
    let unknown = rest.split('`').next().unwrap_or_default();
    let expected: Vec<&str> = rest
        .split_once("expected")
        .map(|(_, list)| list.split('`').skip(1).step_by(2).collect())
        .unwrap_or_default();
    let help = match closest(unknown, expected.iter().copied()) {
        Some(known) => format!("did you mean `{known}`?"),
        None => format!(
            "the known keys here are {}",
            expected
                .iter()
                .map(|k| format!("`{k}`"))
                .collect::<Vec<_>>()
                .join(", ")
        ),
    };
    (format!("unknown key `{unknown}`"), Some(help))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(text: &str) -> Result<Config, UserError> {
        Config::parse(Path::new("collects.toml"), text.to_string())
    }

    fn error(text: &str) -> String {
        parse(text).unwrap_err().to_string()
    }

    #[test]
    fn reads_the_statement_and_lint_settings() {
        let config = parse(
            "[statement]\nlists = [\"Contact\", \"Device::IpAddress\"]\npurposes = { \"Contact::Email\" = [\"Account\"] }\n\n[lint]\nexclude = [\"vendor\"]\nseverity = { mismatch = \"error\", \"undeclared.weak\" = \"off\" }\n",
        )
        .unwrap();
        let statement = config.statement.unwrap();
        assert!(statement.lists("Contact::Email"));
        assert!(statement.lists("Device::IpAddress"));
        assert!(!statement.lists("Device::Identifier"));
        assert_eq!(
            statement.purposes_for("Contact::Email").unwrap(),
            ["Account"]
        );
        assert_eq!(config.exclude, ["vendor"]);
        assert_eq!(config.severity["mismatch"], Some(Severity::Error));
        assert_eq!(config.severity["undeclared.weak"], None);
    }

    #[test]
    fn an_unknown_key_names_the_closest_known_key_and_its_line() {
        let message = error("[statement]\nlsts = []\n");
        assert!(message.contains("collects.toml:2:1"), "{message}");
        assert!(message.contains("unknown key `lsts`"), "{message}");
        assert!(message.contains("did you mean `lists`?"), "{message}");
    }

    #[test]
    fn unknown_categories_purposes_and_levels_are_errors_with_a_suggestion() {
        assert!(error("[statement]\nlists = [\"Contact::Emial\"]")
            .contains("did you mean `Contact::Email`?"));
        assert!(error("[statement]\npurposes = { Contact = [\"Acount\"] }")
            .contains("did you mean `Account`?"));
        assert!(error("[lint]\nseverity = { undeclard = \"error\" }")
            .contains("did you mean `undeclared`?"));
        assert!(error("[lint]\nseverity = { undeclared = \"loud\" }").contains("not a level"));
    }

    #[test]
    fn leaks_has_defaults_and_reads_its_list_and_tests_flag() {
        let defaults = parse("").unwrap().leaks;
        assert_eq!(defaults.sensitive, DEFAULT_SENSITIVE);
        assert!(!defaults.tests);
        assert!(defaults.is_sensitive("Credentials::Password"));
        assert!(!defaults.is_sensitive("Contact::Other"));
        let leaks = parse("[leaks]\nsensitive = [\"Contact\"]\ntests = true\n")
            .unwrap()
            .leaks;
        assert_eq!(leaks.sensitive, ["Contact"]);
        assert!(leaks.tests && leaks.is_sensitive("Contact::Other"));
        assert!(!leaks.is_sensitive("Credentials::Password"));
        let tests_only = parse("[leaks]\ntests = true\n").unwrap().leaks;
        assert_eq!(tests_only.sensitive, DEFAULT_SENSITIVE);
    }

    #[test]
    fn an_unknown_sensitive_category_is_an_error_with_a_suggestion() {
        let message = error("[leaks]\nsensitive = [\"Credentials\", \"Contact::Emial\"]\n");
        assert!(message.contains("collects.toml:2:29"), "{message}");
        assert!(
            message.contains("`Contact::Emial` is not a category"),
            "{message}"
        );
        assert!(
            message.contains("did you mean `Contact::Email`?"),
            "{message}"
        );
        assert!(error("[leaks]\ntest = true\n").contains("did you mean `tests`?"));
    }

    #[test]
    fn malformed_toml_is_an_error_with_its_position() {
        let message = error("[statement\n");
        assert!(message.contains("collects.toml:1:"), "{message}");
    }

    #[test]
    fn an_empty_file_is_the_defaults() {
        let config = parse("").unwrap();
        assert!(config.statement.is_none());
    }
}
