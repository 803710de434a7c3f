//! One lint run: walk → read → model → checks → sort.
//!
//! [`check`] finds the files, reads each in parallel into items (the reader
//! makes the CL0004/CL0006/CL0007 findings as it goes), builds the evidence
//! model over every item, runs the `field` checks over every field and the
//! `tree` checks once, applies `[lint] severity`, and sorts. What it returns
//! is a [`Run`]: the [`Report`] the renderers read and the [`Context`] it was
//! made in. The baseline is a later pass over the finished report
//! (`baseline::settle`); the engine knows nothing of it.

use std::collections::HashSet;
use std::path::{Path, PathBuf};

use rayon::prelude::*;

use crate::checks::Finding;
use crate::checks::{self, FieldContext, RunContext, TreeContext};
use crate::config::Config;
use crate::deps::Project;
use crate::error::UserError;
use crate::evidence::{EvidenceModel, Tree};
use crate::leaks::data::LeakData;
use crate::leaks::{read_bodies, weak_source, LeakIndex, Link, PrintingFile, Source};
use crate::model::{Field, Import, Item, Span};
use crate::paths::relative_display;
use crate::report::{DeclarationRecord, Report, Summary};
use crate::source::{extract_with, FileFacts};
pub use crate::timings::Timings;
use crate::timings::{timed, ThreadTime};

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
    /// `--changed-since REV`: report on the files git says changed since
    /// `REV` (and on leak findings that go through a declaration in them).
    pub changed_since: Option<String>,
    /// `--fitted FILE`: evidence weights in place of the built-in fit.
    pub fitted: Option<PathBuf>,
}

/// What a run looked at, beside what it found.
#[derive(Debug)]
pub struct Context {
    pub config: Config,
    /// The files linted, relative to the root, `/`-separated.
    pub files: Vec<String>,
    /// Whether the run covered whole directories (then the `tree` checks ran).
    pub whole_tree: bool,
    /// Where the time went (`--timings`).
    pub timings: Timings,
}

/// A finished run: its report and the context it was made in.
#[derive(Debug)]
pub struct Run {
    pub context: Context,
    pub report: Report,
    /// What the run built and no longer needs.
    pub leftovers: Leftovers,
}

/// The tree's items and the evidence model, once the report is made: tens
/// of MB in small allocations. Dropped, they are freed on another thread;
/// a process about to exit can `std::mem::forget` the run instead, and let
/// the system take the pages back at once (freeing them one by one was 4 %
/// of a command-line run's time).
#[derive(Default)]
pub struct Leftovers(Vec<Box<dyn Send>>);

impl Drop for Leftovers {
    fn drop(&mut self) {
        let parts = std::mem::take(&mut self.0);
        if !parts.is_empty() {
            std::thread::spawn(move || drop(parts));
        }
    }
}

impl std::fmt::Debug for Leftovers {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Leftovers({} parts)", self.0.len())
    }
}

/// Lints `options.paths` with the nearest collects.toml (or `--config`).
pub fn check(options: &Options) -> Result<Run, UserError> {
    let targets = targets(options)?;
    let mut config = Config::discover(options.config.as_deref(), &targets[0])?;
    if let Some(file) = &options.fitted {
        config.fitted = Some(read_fitted(file)?);
    }
    check_with_config(options, config)
}

/// The text of a fitted file (`--fitted`), checked.
fn read_fitted(file: &Path) -> Result<String, UserError> {
    let text = std::fs::read_to_string(file)
        .map_err(|e| UserError::new(format!("cannot read {}: {e}", file.display())))?;
    crate::evidence::check_fitted(&text).map_err(|e| {
        UserError::new(format!("{}: {e}", file.display())).with_help(Some(
            "a fitted file is written by `scripts/fit`; see docs/accuracy.md".into(),
        ))
    })?;
    Ok(text)
}

/// Lints with `config`, whatever collects.toml says (`init` reads the code
/// with no statement).
pub fn check_with_config(options: &Options, config: Config) -> Result<Run, UserError> {
    let targets = targets(options)?;
    let (root, root_dir) = match targets.as_slice() {
        [dir] if dir.is_dir() => (dir.to_string_lossy().into_owned(), dir.clone()),
        _ => (".".to_string(), PathBuf::from(".")),
    };
    let whole_tree = targets.iter().all(|t| t.is_dir()) && options.changed_since.is_none();
    let mut timings = Timings::default();
    // Every file is read even then: the leak checks need every declaration.
    let changed = match &options.changed_since {
        Some(rev) => Some(crate::git::changed_files(rev, &targets[0])?),
        None => None,
    };
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(options.jobs.unwrap_or(0))
        .stack_size(PARSER_STACK_BYTES)
        .build()
        .map_err(|e| UserError::new(format!("cannot start worker threads: {e}")))?;
    let (walked, mut checked) = pool.install(|| {
        let walked = walk_and_read(&targets, &root_dir, &config, &mut timings)?;
        // Two serial steps that need each other's nothing, side by side.
        let (mut read, project) = rayon::join(
            || gather(&walked.files, walked.facts, &root_dir),
            || crate::deps::project(&walked.manifests, &walked.files, &root_dir),
        );
        timings.macro_bodies = read.macro_bodies;
        read.project = project;
        let checked = check_items(read, &config, &root_dir, whole_tree, &mut timings);
        Ok::<_, UserError>((walked.files, checked))
    })?;
    let mut files: Vec<String> = walked
        .iter()
        .map(|f| relative_display(f, &root_dir))
        .collect();
    if let Some(changed) = changed {
        let changed: HashSet<String> = files
            .iter()
            .zip(&walked)
            .filter(|(_, f)| f.canonicalize().is_ok_and(|f| changed.contains(&f)))
            .map(|(display, _)| display.clone())
            .collect();
        files = narrow_to_changes(&mut checked, &files, &changed);
    }
    let summary = summarize(files.len(), &checked);
    let mut leftovers = checked.leftovers;
    leftovers.0.push(Box::new(checked.items));
    let config_source = config
        .file
        .as_ref()
        .map(|file| (relative_display(&file.path, &root_dir), file.text.clone()));
    let report = Report {
        root,
        root_dir: root_dir.clone(),
        findings: checked.findings,
        declarations: checked.declarations,
        summary,
        baseline: None,
        config_source,
    };
    Ok(Run {
        context: Context {
            config,
            files,
            whole_tree,
            timings,
        },
        report,
        leftovers,
    })
}

/// `--changed-since`: keeps what the changed files are reported for, and the
/// leak findings elsewhere that go through a declaration in one of them (a
/// change to a declaration re-checks the code that prints the type). Returns
/// the files reported on, in walk order.
fn narrow_to_changes(
    checked: &mut Checked,
    files: &[String],
    changed: &HashSet<String>,
) -> Vec<String> {
    checked
        .findings
        .retain(|f| changed.contains(&f.path) || f.through.iter().any(|p| changed.contains(p)));
    let scope: HashSet<&str> = changed
        .iter()
        .map(String::as_str)
        .chain(checked.findings.iter().map(|f| f.path.as_str()))
        .collect();
    checked.declarations.retain(|d| changed.contains(&d.path));
    checked.items.retain(|i| changed.contains(&i.path));
    files
        .iter()
        .filter(|f| scope.contains(f.as_str()))
        .cloned()
        .collect()
}

/// The findings of a whole-tree run over `files` (path as reported, source
/// text) held in memory: what the checks' unit tests run.
#[cfg(test)]
pub(crate) fn lint_in_memory(files: &[(&str, &str)], config: &Config) -> Vec<Finding> {
    let mut read = Read::default();
    for (path, text) in files {
        let mut facts = read_file(path, text.as_bytes(), config);
        if facts.prints {
            read.printing.push(PrintingFile {
                display: path.to_string(),
                path: PathBuf::from(path),
                print_text: std::mem::take(&mut facts.print_text),
                text: Some(text.to_string()),
            });
        }
        read.add(facts);
    }
    let mut timings = Timings::default();
    check_items(read, config, Path::new("."), true, &mut timings).findings
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

/// What reading the files gave: every item, and the findings made reading them.
#[derive(Default)]
struct Read {
    items: Vec<Item>,
    findings: Vec<Finding>,
    /// What the tree says about itself ([`crate::deps`]).
    project: Project,
    /// Per file with items: the names its `use` declarations import.
    imports: Vec<(String, Vec<Import>)>,
    /// The files that print, log or panic: CL0009 may read their bodies.
    printing: Vec<PrintingFile>,
    /// How many macro bodies had items read from them (`--timings`).
    macro_bodies: usize,
}

impl Read {
    /// Adds what one file yielded.
    fn add(&mut self, file: FileFacts) {
        if let (false, Some(item)) = (file.imports.is_empty(), file.items.first()) {
            self.imports.push((item.path.clone(), file.imports));
        }
        self.items.extend(file.items);
        self.findings.extend(file.findings);
    }
}

/// What the checks made of it: the findings sorted, at their configured
/// levels, and every declaration.
struct Checked {
    items: Vec<Item>,
    /// The evidence model, done with.
    leftovers: Leftovers,
    findings: Vec<Finding>,
    declarations: Vec<DeclarationRecord>,
}

/// Walks the targets and reads each file as the walk finds it, in parallel,
/// into its items: the files (sorted, each once), the `Cargo.toml` files
/// and what each file holds. The walk runs on a worker of its own while the
/// others read, so a big tree's reading does not wait for its listing.
fn walk_and_read(
    targets: &[PathBuf],
    root_dir: &Path,
    config: &Config,
    timings: &mut Timings,
) -> Result<Walked, UserError> {
    let (read_time, parse_time) = (ThreadTime::default(), ThreadTime::default());
    let read_one = |file: PathBuf| {
        let display = relative_display(&file, root_dir);
        let facts = match read_time.measure(|| std::fs::read(&file)) {
            Ok(bytes) => parse_time.measure(|| read_file(&display, &bytes, config)),
            Err(e) => FileFacts {
                items: Vec::new(),
                findings: vec![checks::unparsable::finding(
                    &display,
                    Span::default(),
                    &format!("cannot read the file: {e}"),
                )],
                ..FileFacts::default()
            },
        };
        (file, facts)
    };
    let (sender, files) = std::sync::mpsc::channel();
    let mut walk_time = std::time::Duration::ZERO;
    let (manifests, mut read) = timed(&mut timings.read_and_parse, || {
        rayon::join(
            || {
                // Moved in, so that the readers stop when the walk ends.
                let sender = sender;
                timed(&mut walk_time, || {
                    crate::walk::stream_tree_files(targets, &config.exclude, |file| {
                        // The receiver lives until the readers stop.
                        let _ = sender.send(file);
                    })
                })
            },
            || {
                files
                    .into_iter()
                    .par_bridge()
                    .map(read_one)
                    .collect::<Vec<_>>()
            },
        )
    });
    timings.walk = walk_time;
    let manifests = manifests?;
    // Each path's components once: `Path`'s own comparison splits both paths
    // again in every one of the sort's comparisons (1 % of a run, serial).
    read.sort_by_cached_key(|(path, _)| path_order(path));
    read.dedup_by(|(a, _), (b, _)| a == b);
    timings.read = read_time.total();
    timings.parse = parse_time.total();
    let (files, facts) = read.into_iter().unzip();
    Ok(Walked {
        files,
        manifests,
        facts,
    })
}

/// A key that orders paths as `Path`'s `Ord` does (component by component,
/// by kind then by bytes): each component as its kind, its bytes and a 0,
/// which no component holds.
fn path_order(path: &Path) -> Vec<u8> {
    use std::path::Component;
    let mut key = Vec::with_capacity(path.as_os_str().len() + 16);
    for component in path.components() {
        key.push(match component {
            Component::Prefix(_) => 1,
            Component::RootDir => 2,
            Component::CurDir => 3,
            Component::ParentDir => 4,
            Component::Normal(_) => 5,
        });
        key.extend_from_slice(component.as_os_str().as_encoded_bytes());
        key.push(0);
    }
    key
}

/// What [`walk_and_read`] found.
struct Walked {
    /// The `.rs` files, sorted, each once.
    files: Vec<PathBuf>,
    /// The `Cargo.toml` files.
    manifests: Vec<PathBuf>,
    /// What each file holds.
    facts: Vec<FileFacts>,
}

/// What the files hold, in the files' order, gathered into one [`Read`].
fn gather(files: &[PathBuf], facts: Vec<FileFacts>, root_dir: &Path) -> Read {
    // Sized once: grown by doubling, the items (300 bytes each) would be
    // copied several times and leave up to half their room unused.
    let mut read = Read {
        items: Vec::with_capacity(facts.iter().map(|f| f.items.len()).sum()),
        findings: Vec::with_capacity(facts.iter().map(|f| f.findings.len()).sum()),
        project: Project::default(),
        imports: Vec::new(),
        printing: Vec::new(),
        macro_bodies: 0,
    };
    for (path, mut file) in files.iter().zip(facts) {
        read.macro_bodies += file.macro_bodies;
        if file.prints {
            read.printing.push(PrintingFile {
                display: relative_display(path, root_dir),
                path: path.clone(),
                print_text: std::mem::take(&mut file.print_text),
                text: None,
            });
        }
        read.add(file);
    }
    read
}

/// One file's items, the enums whose derive writes a `Display` from their
/// variants (`leaks.toml`) with those variants' docs and attributes.
fn read_file(display: &str, bytes: &[u8], config: &Config) -> FileFacts {
    extract_with(display, bytes, &config.taxonomy, LeakData::writes_display)
}

/// Runs the checks over everything read, applies `[lint] severity` and sorts.
fn check_items(
    read: Read,
    config: &Config,
    root_dir: &Path,
    whole_tree: bool,
    timings: &mut Timings,
) -> Checked {
    let Read {
        items,
        mut findings,
        project,
        imports,
        printing,
        macro_bodies: _,
    } = read;
    let evidence = timed(&mut timings.evidence, || {
        let tree = Tree {
            items: &items,
            project: &project,
            imports: &imports,
        };
        EvidenceModel::with_vocabulary(
            &config.taxonomy,
            &tree,
            config.vocabulary.as_deref(),
            config.fitted.as_deref(),
        )
    });
    let (field_findings, weak_sources): (Vec<_>, Vec<_>) = timed(&mut timings.check, || {
        items
            .par_iter()
            .enumerate()
            .map(|(i, item)| check_fields(i, item, &evidence, config))
            .unzip()
    });
    findings.extend(field_findings.into_iter().flatten());
    let weak_sources = weak_sources.into_iter().flatten().collect();
    findings.extend(timed(&mut timings.leaks, || {
        check_run(&items, weak_sources, &imports, &printing, config)
    }));
    // Kept, not freed here: freeing it on another thread slowed the
    // allocations of the leak checks down (they share the allocator's arena).
    let leftovers = Leftovers(vec![Box::new(evidence)]);
    let declarations = declarations(&items);
    if whole_tree {
        findings.extend(check_tree(config, root_dir, &declarations));
    }
    findings.retain_mut(
        |finding| match checks::configured_severity(finding, &config.severity) {
            Some(severity) => {
                finding.severity = severity;
                true
            }
            None => false,
        },
    );
    findings.sort_by(|a, b| a.sort_key().cmp(&b.sort_key()));
    Checked {
        items,
        leftovers,
        findings,
        declarations,
    }
}

/// The `field` checks over every field of item `i`: their findings, and the
/// undeclared fields the evidence is sure hold a sensitive category (the
/// weak leak sources), each field assessed once.
fn check_fields(
    i: usize,
    item: &Item,
    evidence: &EvidenceModel,
    config: &Config,
) -> (Vec<Finding>, Vec<(Link, Source)>) {
    let mut findings = Vec::new();
    let mut weak_sources = Vec::new();
    for (f, field) in item.fields.iter().enumerate() {
        let assessment = evidence.assess(item, field);
        let cx = FieldContext {
            item,
            field,
            assessment: assessment.as_ref(),
            statement: config.statement.as_ref(),
            lint_tests: config.lint_tests,
        };
        checks::check_field(&cx, &mut findings);
        if cx.declared().is_none() {
            if let Some(source) = assessment.and_then(|a| weak_source(a, &config.leaks)) {
                weak_sources.push((Link { item: i, field: f }, source));
            }
        }
    }
    (findings, weak_sources)
}

/// The `run` checks (the leak checks), over every item read and the
/// bodies of the files among `printing` that can leak.
fn check_run(
    items: &[Item],
    weak_sources: Vec<(Link, Source)>,
    imports: &[(String, Vec<Import>)],
    printing: &[PrintingFile],
    config: &Config,
) -> Vec<Finding> {
    let index = LeakIndex::build(items, weak_sources, imports, &config.leaks);
    let bodies = read_bodies(printing, &index);
    let mut findings = Vec::new();
    checks::check_run(
        &RunContext {
            index: &index,
            bodies: &bodies,
        },
        &mut findings,
    );
    findings
}

/// The `tree` checks, when there is a statement in a collects.toml.
fn check_tree(
    config: &Config,
    root_dir: &Path,
    declarations: &[DeclarationRecord],
) -> Vec<Finding> {
    let (Some(statement), Some(config_file)) = (&config.statement, &config.file) else {
        return Vec::new();
    };
    let declared: Vec<String> = declarations
        .iter()
        .flat_map(|d| d.categories.iter().cloned())
        .collect();
    let cx = TreeContext {
        statement,
        config_file,
        root: root_dir,
        taxonomy: &config.taxonomy,
        declared: &declared,
    };
    let mut findings = Vec::new();
    checks::check_tree(&cx, &mut findings);
    findings
}

/// Every field's declaration, in file order.
fn declarations(items: &[Item]) -> Vec<DeclarationRecord> {
    let mut declarations: Vec<DeclarationRecord> = items
        .iter()
        .flat_map(|item| {
            item.fields
                .iter()
                .filter_map(move |field| declaration_record(item, field))
        })
        .collect();
    declarations.sort_by(|a, b| (&a.path, a.line, &a.field).cmp(&(&b.path, b.line, &b.field)));
    declarations
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

fn summarize(files: usize, checked: &Checked) -> Summary {
    let items = &checked.items;
    let mut summary = Summary {
        files,
        items: items.len(),
        fields: items.iter().map(|i| i.fields.len()).sum(),
        declared: checked.declarations.len(),
        ..Summary::default()
    };
    for finding in &checked.findings {
        summary.count(finding.severity);
    }
    summary
}

#[cfg(test)]
mod tests {
    use std::path::PathBuf;

    use super::path_order;

    #[test]
    fn the_path_key_orders_as_paths_do() {
        let paths: Vec<PathBuf> = [
            "a/b", "a-b", "a/b/c", "a.rs", "a", "./x", "b", "/r/a", "a/b.rs", "ab", "a/../c",
        ]
        .iter()
        .map(PathBuf::from)
        .collect();
        let mut by_path = paths.clone();
        by_path.sort();
        let mut by_key = paths;
        by_key.sort_by_cached_key(|p| path_order(p));
        assert_eq!(by_key, by_path);
    }
}
