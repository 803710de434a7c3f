//! The checks. Each is one module, `checks/<name>.rs`, holding its detection,
//! its diagnostics (one small struct per message, converted into a
//! [`Finding`]), its part of suppression, its `explain` text and its tests.
//! The registry below lists them once; codes, names, default levels, the
//! explain text and SARIF's rule metadata all come from it.
//!
//! A check runs at one of four moments, named in its registry line:
//! `field` (`check_field`, once per field of every item), `tree`
//! (`check_tree`, once per whole-tree run with a statement), `run`
//! (`check_run`, once per run over every item read: the leak checks) or
//! `read` (its findings are made while a file is read, through the
//! constructors the reader calls: [`unparsable::finding`],
//! [`malformed::directive`], [`annotation_error`]).

use std::path::Path;

use collects_grammar::{AnnotationError, ErrorKind, Taxonomy};
use serde::{Serialize, Serializer};

use crate::evidence::Assessment;
use crate::leaks::LeakIndex;
use crate::source::bodies::Bodies;
use crate::statement::{ConfigFile, Statement};

mod finding;

use crate::model::{Declared, Field, Item, Span};
pub use finding::{Edit, Finding, Fingerprint, Severity, Suggestion};

/// Declares every check from one table: the modules, [`Code`] with its
/// `ALL`, `as_str`, `name`, `default_severity` and `explain`, and the
/// functions that run the `field` and `tree` checks in code order.
macro_rules! declare_checks {
    ($(
        $variant:ident = $code:literal, $name:literal, $severity:ident, $module:ident, [$($moment:ident),*];
    )*) => {
        $(pub(crate) mod $module;)*

        /// A check, by its code.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
        pub enum Code {
            $($variant),*
        }

        impl Code {
            /// Every check, in code order.
            pub const ALL: [Code; [$($code),*].len()] = [$(Code::$variant),*];

            /// `CL0001`.
            pub fn as_str(self) -> &'static str {
                match self {
                    $(Code::$variant => $code),*
                }
            }

            /// The check's name, as used in `collects.toml` and comment directives.
            pub fn name(self) -> &'static str {
                match self {
                    $(Code::$variant => $name),*
                }
            }

            pub fn default_severity(self) -> Severity {
                match self {
                    $(Code::$variant => Severity::$severity),*
                }
            }

            pub fn explain(self) -> &'static Explain {
                match self {
                    $(Code::$variant => &$module::EXPLAIN),*
                }
            }
        }

        /// Runs every `field` check on one field.
        pub(crate) fn check_field(cx: &FieldContext, out: &mut Vec<Finding>) {
            $($(run_at!(field $moment $module cx out);)*)*
        }

        /// Runs every `tree` check once, after every file is read.
        pub(crate) fn check_tree(cx: &TreeContext, out: &mut Vec<Finding>) {
            $($(run_at!(tree $moment $module cx out);)*)*
        }

        /// Runs every `run` check once, after every file is read.
        pub(crate) fn check_run(cx: &RunContext, out: &mut Vec<Finding>) {
            $($(run_at!(run $moment $module cx out);)*)*
        }
    };
}

/// Calls a check's function for one moment, when the check runs at it.
macro_rules! run_at {
    (field field $module:ident $cx:ident $out:ident) => {
        $module::check_field($cx, $out)
    };
    (tree tree $module:ident $cx:ident $out:ident) => {
        $module::check_tree($cx, $out)
    };
    (run run $module:ident $cx:ident $out:ident) => {
        $module::check_run($cx, $out)
    };
    ($wanted:ident $moment:ident $module:ident $cx:ident $out:ident) => {};
}

declare_checks! {
    // variant       code      name                    default  module                runs at
    Undeclared         = "CL0001", "undeclared",           Error,   undeclared,           [field];
    Mismatch           = "CL0002", "mismatch",             Warning, mismatch,             [field];
    NotInStatement     = "CL0003", "not-in-statement",     Error,   not_in_statement,     [field, tree];
    UnknownCategory    = "CL0004", "unknown-category",     Error,   unknown_category,     [read];
    StatedNotCollected = "CL0005", "stated-not-collected", Note,    stated_not_collected, [tree];
    Malformed          = "CL0006", "malformed",            Error,   malformed,            [read];
    Unparsable         = "CL0007", "unparsable",           Warning, unparsable,           [read];
    DebugLeak          = "CL0008", "debug-leak",           Error,   debug_leak,           [run];
    LogLeak            = "CL0009", "log-leak",             Error,   log_leak,             [run];
}

/// The documentation of a check: the text `explain` prints and SARIF's rule
/// help, with the same headings for every check.
pub struct Explain {
    /// One line: what it finds.
    pub summary: &'static str,
    pub what_it_does: &'static str,
    pub why_it_matters: &'static str,
    pub example: &'static str,
    /// The language of `example`, for a fenced block in markdown.
    pub example_syntax: &'static str,
    pub fix: &'static str,
}

/// Where an explain text is shown: the same sections, framed for each.
#[derive(Clone, Copy)]
enum ExplainLayout {
    /// `cargo collects explain`: plain text.
    Terminal,
    /// SARIF's `help.markdown`.
    Markdown,
}

impl Code {
    /// A code (`CL0001`, any case) or a check name (`undeclared`).
    pub fn parse(text: &str) -> Option<Code> {
        Code::ALL
            .into_iter()
            .find(|c| c.as_str().eq_ignore_ascii_case(text) || c.name() == text)
    }

    /// The whole explain text, as `cargo collects explain CODE` prints it.
    pub fn explain_text(self) -> String {
        self.explain_in(ExplainLayout::Terminal)
    }

    /// The explain text as markdown, for SARIF's rule help.
    pub fn explain_markdown(self) -> String {
        self.explain_in(ExplainLayout::Markdown)
    }

    fn explain_in(self, layout: ExplainLayout) -> String {
        let e = self.explain();
        let example = match layout {
            ExplainLayout::Terminal => e.example.trim().to_string(),
            ExplainLayout::Markdown => {
                format!("```{}\n{}\n```", e.example_syntax, e.example.trim())
            }
        };
        let sections = [
            ("What it does", e.what_it_does.trim()),
            ("Why it matters", e.why_it_matters.trim()),
            ("Example", &example),
            ("How to fix it", e.fix.trim()),
        ];
        let body: Vec<String> = sections
            .iter()
            .map(|(heading, text)| format!("## {heading}\n\n{text}"))
            .collect();
        let body = body.join("\n\n");
        match layout {
            ExplainLayout::Terminal => format!(
                "{} ({}): {}\nDefault level: {}\n\n{body}\n",
                self.as_str(),
                self.name(),
                e.summary,
                self.default_severity().as_str()
            ),
            ExplainLayout::Markdown => format!(
                "**{}**\n\n{body}\n\nRun `cargo collects explain {}` for this text in a terminal.",
                e.summary,
                self.as_str()
            ),
        }
    }
}

impl Serialize for Code {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.as_str())
    }
}

/// What a `field` check sees: one field, its item, what the evidence says of
/// it and the statement.
pub(crate) struct FieldContext<'a> {
    pub item: &'a Item,
    pub field: &'a Field,
    /// The evidence model's assessment of the field, made once for every
    /// check (and the leak sources); `None` when nothing says personal data.
    pub assessment: Option<&'a Assessment>,
    /// `None` when there is no collects.toml statement.
    pub statement: Option<&'a Statement>,
    /// Whether undeclared fields in test code are reported (`[lint] tests`).
    pub lint_tests: bool,
}

impl FieldContext<'_> {
    /// Whether the field is in test code that `[lint] tests` leaves out.
    pub fn skips_test_code(&self) -> bool {
        !self.lint_tests && crate::leaks::is_test_code(&self.item.path, self.item.in_test_module)
    }

    /// Whether a `// collects: allow(..)` directive on the field, its item or
    /// its file silences `code` here.
    pub fn allows(&self, code: Code) -> bool {
        allowed_on(self.item, self.field, code)
    }

    /// The field's declaration: its own `#[collects]`, else its item's.
    pub fn declared(&self) -> Option<&Declared> {
        self.item.declaration_of(self.field)
    }
}

/// What a `tree` check sees: the statement, the collects.toml it is in, and
/// every category the code declares.
pub(crate) struct TreeContext<'a> {
    pub statement: &'a Statement,
    pub config_file: &'a ConfigFile,
    /// The scanned root: reports name collects.toml relative to it.
    pub root: &'a Path,
    pub taxonomy: &'a Taxonomy,
    /// Every category declared in the code, one entry per declaration.
    pub declared: &'a [String],
}

impl TreeContext<'_> {
    /// collects.toml as reports name it.
    pub fn config_path(&self) -> String {
        crate::paths::relative_display(&self.config_file.path, self.root)
    }

    /// The place of a byte range of collects.toml.
    pub fn config_span(&self, range: &std::ops::Range<usize>) -> Span {
        Span::from_byte_range(&self.config_file.text, range.clone())
    }
}

/// What a `run` check sees: every item read, with the tree's leak sources,
/// and the function bodies read for them.
pub(crate) struct RunContext<'a> {
    pub index: &'a LeakIndex<'a>,
    pub bodies: &'a [Bodies],
}

impl RunContext<'_> {
    /// Whether findings in `path` (or in a `#[cfg(test)]` module of it) are
    /// left out: test code, unless `[leaks] tests` says otherwise.
    pub fn skips_test_code(&self, path: &str, in_test_module: bool) -> bool {
        !self.index.settings.tests && crate::leaks::is_test_code(path, in_test_module)
    }
}

/// Whether a directive on the item or the field (or the file) allows `code`.
pub(crate) fn allowed_on(item: &Item, field: &Field, code: Code) -> bool {
    item.allowed
        .iter()
        .chain(&field.allowed)
        .any(|a| Code::parse(a) == Some(code))
}

/// The level `[lint] severity` in collects.toml gives `finding` (by the key its
/// diagnostic names, else the check's name or code), or its diagnostic's own
/// level; `None` when the configuration turns it off.
pub(crate) fn configured_severity(
    finding: &Finding,
    levels: &std::collections::BTreeMap<String, Option<Severity>>,
) -> Option<Severity> {
    let configured = match finding.severity_key {
        Some(key) => levels.get(key),
        None => levels
            .get(finding.code.name())
            .or_else(|| levels.get(finding.code.as_str())),
    };
    configured.copied().unwrap_or(Some(finding.severity))
}

/// A mistake in a `#[collects(..)]`, at its token: CL0004 when it names
/// something the taxonomy does not have, CL0006 when it breaks the grammar.
pub(crate) fn annotation_error(path: &str, span: Span, error: &AnnotationError) -> Finding {
    match error.kind {
        ErrorKind::Unknown => unknown_category::UnknownName { path, span, error }.into(),
        ErrorKind::Malformed => malformed::MalformedAnnotation { path, span, error }.into(),
    }
}

#[cfg(test)]
pub(crate) mod test {
    //! `check(source, expect)`: runs the engine in memory over one file and
    //! compares the findings, one line each: `line:column level code message [label]`.

    use super::*;
    use crate::config::Config;

    /// The findings for `source` (as `src/lib.rs`) with no collects.toml.
    pub fn check(source: &str, expect: &[&str]) {
        check_with_config("", source, expect);
    }

    /// The findings for `source` (as `src/lib.rs`) with `config` as
    /// collects.toml (none when empty), as a whole-tree run.
    pub fn check_with_config(config: &str, source: &str, expect: &[&str]) {
        let config = match config {
            "" => Config::default(),
            text => Config::parse(Path::new("collects.toml"), text.to_string())
                .unwrap_or_else(|e| panic!("bad test config: {e}")),
        };
        let findings = crate::engine::lint_in_memory(&[("src/lib.rs", source)], &config);
        let actual: Vec<String> = findings.iter().map(line).collect();
        assert_eq!(actual, expect, "\nactual:\n{}", actual.join("\n"));
    }

    fn line(f: &Finding) -> String {
        let at = f.span.start;
        format!(
            "{}:{} {} {} {} [{}]",
            at.line,
            at.column,
            f.severity.as_str(),
            f.code.as_str(),
            f.message,
            f.label
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_and_names_parse_back() {
        for code in Code::ALL {
            assert_eq!(Code::parse(code.as_str()), Some(code));
            assert_eq!(Code::parse(code.name()), Some(code));
        }
        assert_eq!(Code::parse("cl0002"), Some(Code::Mismatch));
        assert_eq!(Code::parse("nope"), None);
    }

    #[test]
    fn every_check_explains_itself_under_the_same_headings() {
        for code in Code::ALL {
            for text in [code.explain_text(), code.explain_markdown()] {
                for heading in [
                    "## What it does",
                    "## Why it matters",
                    "## Example",
                    "## How to fix it",
                ] {
                    assert!(text.contains(heading), "{code:?} lacks {heading}");
                }
            }
            assert!(!code.explain().example.trim().is_empty());
        }
    }
}
