//! One lint run: find the files, read them in parallel, run the checks over
//! everything read, and return the findings sorted.

use std::path::{Path, PathBuf};

use rayon::prelude::*;

use crate::checks::{mismatch, not_in_statement, stated_not_collected, undeclared, Code};
use crate::config::Config;
use crate::error::UserError;
use crate::evidence::{Confidence, EvidenceModel};
use crate::finding::{Finding, Severity};
use crate::model::{Field, Item, Span};
use crate::paths::relative_display;
use crate::source::{extract, FileFacts};
use crate::timings::{timed, ThreadTime, Timings};

/// Big enough for the parser on deeply nested code.
const PARSER_STACK_BYTES: usize = 256 * 1024 * 1024;

/// What to lint and how.
#[derive(Debug, Clone, Default)]
pub struct Options {
    /// Files and directories; none means the current directory.
    pub paths: Vec<PathBuf>,
    /// `--config`: overrides discovery of `collects.toml`.
    pub config: Option<PathBuf>,
    /// Threads; `None` means one per core.
    pub jobs: Option<usize>,
    /// `--changed-since REV`: lint only the files git says changed since `REV`.
    pub changed_since: Option<String>,
}

/// A field's declaration, as the report lists it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DeclarationRecord {
    pub path: String,
    pub line: u32,
    pub item: String,
    pub field: String,
    pub ty: String,
    pub categories: Vec<String>,
    pub purpose: Option<String>,
    pub source: Option<String>,
    pub optional: bool,
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Summary {
    pub files: usize,
    pub items: usize,
    pub fields: usize,
    pub declared: usize,
    pub errors: usize,
    pub warnings: usize,
    pub notes: usize,
}

/// Everything a run found, ready for any output format.
#[derive(Debug)]
pub struct Outcome {
    /// The root as given: paths in findings are relative to it.
    pub root: String,
    pub root_dir: PathBuf,
    pub config: Config,
    pub findings: Vec<Finding>,
    pub declarations: Vec<DeclarationRecord>,
    pub summary: Summary,
    /// The files linted, relative to the root, `/`-separated.
    pub files: Vec<String>,
    /// Whether the run covered whole directories (then CL0005 was checked).
    pub whole_tree: bool,
    /// What the baseline tolerated, when one was in force.
    pub baseline: Option<crate::baseline::BaselineReport>,
    /// Where the time went (`--timings`).
    pub timings: Timings,
}

impl Outcome {
    /// Whether the run fails a gate: any error-level finding.
    pub fn has_errors(&self) -> bool {
        self.summary.errors > 0
    }

    /// The text of a file a finding names, for rendering its source lines.
    pub fn source_of(&self, path: &str) -> Option<String> {
        if let Some(file) = &self.config.file {
            if relative_display(&file.path, &self.root_dir) == path {
                return Some(file.text.clone());
            }
        }
        let bytes = std::fs::read(self.root_dir.join(path)).ok()?;
        let text = String::from_utf8_lossy(&bytes).into_owned();
        Some(
            text.strip_prefix('\u{feff}')
                .map(str::to_string)
                .unwrap_or(text),
        )
    }
}

/// Lints `options.paths` and returns every finding.
pub fn check(options: &Options) -> Result<Outcome, UserError> {
    let targets = targets(options)?;
    let config = Config::discover(options.config.as_deref(), &targets[0])?;
    check_with_config(options, config)
}

/// Lints with `config`, whatever collects.toml says (`init` reads the code
/// with no statement).
pub fn check_with_config(options: &Options, config: Config) -> Result<Outcome, UserError> {
    let targets = targets(options)?;
    let (root, root_dir) = match targets.as_slice() {
        [dir] if dir.is_dir() => (dir.to_string_lossy().into_owned(), dir.clone()),
        _ => (".".to_string(), PathBuf::from(".")),
    };
    let whole_tree = targets.iter().all(|t| t.is_dir()) && options.changed_since.is_none();
    let mut timings = Timings::default();
    let mut files = timed(&mut timings.walk, || {
        crate::walk::rust_files(&targets, &config.exclude)
    })?;
    if let Some(rev) = &options.changed_since {
        let changed = crate::git::changed_files(rev, &targets[0])?;
        files.retain(|f| f.canonicalize().is_ok_and(|f| changed.contains(&f)));
    }
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(options.jobs.unwrap_or(0))
        .stack_size(PARSER_STACK_BYTES)
        .build()
        .map_err(|e| UserError::new(format!("cannot start worker threads: {e}")))?;
    let mut outcome = pool.install(|| lint_files(&files, &root_dir, &config, &mut timings));
    if whole_tree {
        outcome
            .1
            .extend(statement_findings(&config, &root_dir, &outcome.2));
    }
    let (items, mut findings, declarations) = outcome;
    apply_severities(&mut findings, &config);
    findings.sort_by(|a, b| a.sort_key().cmp(&b.sort_key()));
    let summary = summarize(files.len(), &items, &findings, &declarations);
    drop_in_background(items);
    Ok(Outcome {
        root,
        root_dir: root_dir.clone(),
        config,
        findings,
        declarations,
        summary,
        files: files
            .iter()
            .map(|f| relative_display(f, &root_dir))
            .collect(),
        whole_tree,
        baseline: None,
        timings,
    })
}

/// The paths to lint (the current directory when none), each checked to exist.
fn targets(options: &Options) -> Result<Vec<PathBuf>, UserError> {
    let targets = if options.paths.is_empty() {
        vec![PathBuf::from(".")]
    } else {
        options.paths.clone()
    };
    for target in &targets {
        if !target.exists() {
            return Err(
                UserError::new(format!("{} does not exist", target.display()))
                    .with_help(Some("give a directory or .rs file to lint".into())),
            );
        }
    }
    Ok(targets)
}

type Linted = (Vec<Item>, Vec<Finding>, Vec<DeclarationRecord>);

fn lint_files(
    files: &[PathBuf],
    root_dir: &Path,
    config: &Config,
    timings: &mut Timings,
) -> Linted {
    let (read_time, parse_time) = (ThreadTime::default(), ThreadTime::default());
    let facts: Vec<FileFacts> = timed(&mut timings.read_and_parse, || {
        files
            .par_iter()
            .map(|file| {
                let display = relative_display(file, root_dir);
                match read_time.measure(|| std::fs::read(file)) {
                    Ok(bytes) => parse_time.measure(|| extract(&display, &bytes, &config.taxonomy)),
                    Err(e) => FileFacts {
                        items: Vec::new(),
                        findings: vec![crate::checks::unparsable::finding(
                            &display,
                            Span::default(),
                            &format!("cannot read the file: {e}"),
                        )],
                        ..FileFacts::default()
                    },
                }
            })
            .collect()
    });
    timings.read = read_time.total();
    timings.parse = parse_time.total();
    let (mut items, mut findings) = (Vec::new(), Vec::new());
    for file in facts {
        timings.macro_bodies += file.macro_bodies;
        items.extend(file.items);
        findings.extend(file.findings);
    }
    let evidence = timed(&mut timings.evidence, || {
        EvidenceModel::with_vocabulary(&config.taxonomy, &items, config.vocabulary.as_deref())
    });
    let field_findings: Vec<Finding> = timed(&mut timings.check, || {
        items
            .par_iter()
            .flat_map_iter(|item| {
                item.fields
                    .iter()
                    .flat_map(|field| check_field(item, field, &evidence, config))
            })
            .collect()
    });
    findings.extend(field_findings);
    let mut declarations: Vec<DeclarationRecord> = items
        .iter()
        .flat_map(|item| {
            item.fields
                .iter()
                .filter_map(move |field| declaration_record(item, field))
        })
        .collect();
    declarations.sort_by(|a, b| (&a.path, a.line, &a.field).cmp(&(&b.path, b.line, &b.field)));
    drop_in_background(evidence);
    (items, findings, declarations)
}

/// Frees a large structure on another thread: freeing the model of a big tree
/// takes tens of milliseconds that the report need not wait for (and a
/// command-line run exits before they matter).
fn drop_in_background<T: Send + 'static>(value: T) {
    std::thread::spawn(move || drop(value));
}

/// The field-level checks, CL0001–CL0003, for one field.
fn check_field(
    item: &Item,
    field: &Field,
    evidence: &EvidenceModel,
    config: &Config,
) -> Vec<Finding> {
    let allowed = |code: Code| {
        item.allowed
            .iter()
            .chain(&field.allowed)
            .any(|a| Code::parse(a) == Some(code))
    };
    let mut findings = Vec::new();
    match item.declaration_of(field) {
        None => {
            if !allowed(Code::Undeclared) {
                if let Some(assessment) = evidence.assess(item, field) {
                    findings.push(undeclared::check(item, field, assessment));
                }
            }
        }
        Some(declared) => {
            if !allowed(Code::Mismatch) {
                if let Some(assessment) = evidence.assess(item, field) {
                    findings.extend(mismatch::check(item, field, declared, &assessment));
                }
            }
            if let (Some(statement), false) = (&config.statement, allowed(Code::NotInStatement)) {
                findings.extend(not_in_statement::check(item, field, declared, statement));
            }
        }
    }
    findings
}

fn declaration_record(item: &Item, field: &Field) -> Option<DeclarationRecord> {
    let declared = item.declaration_of(field)?;
    if declared.none_reason.is_some() || declared.categories.is_empty() {
        return None;
    }
    Some(DeclarationRecord {
        path: item.path.clone(),
        line: field.span.start.line,
        item: item.display_name(field),
        field: field.name.clone(),
        ty: field.ty.to_string(),
        categories: declared.category_names(),
        purpose: declared.purpose.as_ref().map(|(p, _)| p.clone()),
        source: declared.source.as_ref().map(|(s, _)| s.clone()),
        optional: declared.optional,
    })
}

/// Checks of the statement as a whole: CL0005 and the published text.
fn statement_findings(
    config: &Config,
    root_dir: &Path,
    declarations: &[DeclarationRecord],
) -> Vec<Finding> {
    let (Some(statement), Some(file)) = (&config.statement, &config.file) else {
        return Vec::new();
    };
    let declared: Vec<String> = declarations
        .iter()
        .flat_map(|d| d.categories.iter().cloned())
        .collect();
    let mut findings = stated_not_collected::check(statement, file, root_dir, &declared);
    findings.extend(not_in_statement::check_published_text(
        statement,
        file,
        root_dir,
        &config.taxonomy,
    ));
    findings
}

/// `[lint] severity` in collects.toml: per check, and for weak CL0001 evidence.
fn apply_severities(findings: &mut Vec<Finding>, config: &Config) {
    findings.retain_mut(|finding| {
        let weak = finding.confidence == Some(Confidence::Weak);
        let configured = if weak {
            config
                .severity
                .get(&format!("{}.weak", Code::Undeclared.name()))
        } else {
            config
                .severity
                .get(finding.code.name())
                .or_else(|| config.severity.get(finding.code.as_str()))
        };
        let severity = match configured {
            Some(level) => *level,
            None if weak => Some(Severity::Note),
            None => Some(finding.code.default_severity()),
        };
        match severity {
            Some(severity) => {
                finding.severity = severity;
                true
            }
            None => false,
        }
    });
}

fn summarize(
    files: usize,
    items: &[Item],
    findings: &[Finding],
    declarations: &[DeclarationRecord],
) -> Summary {
    let count = |s: Severity| findings.iter().filter(|f| f.severity == s).count();
    Summary {
        files,
        items: items.len(),
        fields: items.iter().map(|i| i.fields.len()).sum(),
        declared: declarations.len(),
        errors: count(Severity::Error),
        warnings: count(Severity::Warning),
        notes: count(Severity::Note),
    }
}
