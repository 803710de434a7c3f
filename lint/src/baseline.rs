//! The baseline: the findings a team has accepted for now, kept in a file that
//! is reviewed in pull requests (`collects-baseline.json`).
//!
//! A finding is matched by its [`Fingerprint`] — file, item, field and check,
//! never its line — so an edit above it does not make it new. `--write-baseline`
//! records today's findings (keeping each entry's `reason`); `--baseline` (or
//! `[lint] baseline` in collects.toml) tolerates exactly those, reports the
//! rest as usual, and reports entries that no longer match anything as stale:
//! a note finding each, which every format renders like any other.
//!
//! It is a pass over a finished [`Run`]: the engine knows nothing of it.

use std::collections::{BTreeMap, HashSet};
use std::path::{Path, PathBuf};

use serde::{Deserialize, Deserializer, Serialize, Serializer};

use crate::checks::Code;
use crate::checks::{Finding, Fingerprint, Severity};
use crate::engine::Run;
use crate::error::UserError;
use crate::model::Span;
use crate::paths::rebase_path;
use crate::report::BaselineSummary;

/// The version of the file format; a file of another version is refused.
pub const BASELINE_VERSION: u32 = 1;

/// What the file says about itself, for a reviewer who opens it cold.
const ABOUT: &str = "Findings that `cargo collects check` tolerates. Each is matched by code, path, item and field (or, when it has none, its subject), never by line. Say in `reason` why it is accepted; `--write-baseline` keeps reasons of entries that still match.";

/// One accepted finding, as the file holds it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Entry {
    #[serde(serialize_with = "code_out", deserialize_with = "code_in")]
    pub code: Code,
    /// The check's name, for the reader; not matched.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub check: Option<String>,
    /// Relative to the directory of the baseline file, `/`-separated.
    pub path: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub item: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub field: Option<String>,
    /// What a finding without item and field is about (its message).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub subject: Option<String>,
    /// The finding's message when it was recorded, for the reader; not matched.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub message: Option<String>,
    /// Why the team accepts it. Written by people; kept by `--write-baseline`.
    #[serde(default)]
    pub reason: String,
}

impl Entry {
    fn fingerprint(&self) -> Fingerprint {
        Fingerprint {
            path: self.path.clone(),
            item: self.item.clone(),
            field: self.field.clone(),
            code: self.code,
            subject: self.subject.clone(),
        }
    }

    /// `User.email` or the subject, for messages about the entry.
    pub fn describe(&self) -> String {
        match (&self.item, &self.field, &self.subject) {
            (Some(item), Some(field), _) => format!("`{item}.{field}`"),
            (Some(item), None, _) => format!("`{item}`"),
            (None, Some(field), _) => format!("`{field}`"),
            (None, None, Some(subject)) => format!("\"{subject}\""),
            (None, None, None) => "a finding".into(),
        }
    }
}

fn code_out<S: Serializer>(code: &Code, serializer: S) -> Result<S::Ok, S::Error> {
    serializer.serialize_str(code.as_str())
}

fn code_in<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Code, D::Error> {
    let text = String::deserialize(deserializer)?;
    Code::parse(&text).ok_or_else(|| {
        let known: Vec<&str> = Code::ALL.iter().map(|c| c.as_str()).collect();
        serde::de::Error::custom(format!(
            "`{text}` is not a check; the codes are {}",
            known.join(", ")
        ))
    })
}

#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct BaselineFile {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    about: Option<String>,
    version: u32,
    #[serde(default)]
    findings: Vec<Entry>,
}

/// A baseline file, read.
#[derive(Debug, Clone)]
pub struct Baseline {
    pub path: PathBuf,
    pub entries: Vec<Entry>,
}

impl Baseline {
    /// Reads a baseline file; a missing or malformed file is an error with its
    /// line and column.
    pub fn load(path: &Path) -> Result<Baseline, UserError> {
        let text = std::fs::read_to_string(path).map_err(|e| {
            UserError::new(format!("cannot read the baseline {}: {e}", path.display())).with_help(
                Some(format!(
                    "write one with `cargo collects check --write-baseline {}`",
                    path.display()
                )),
            )
        })?;
        Baseline::parse(path, &text)
    }

    pub fn parse(path: &Path, text: &str) -> Result<Baseline, UserError> {
        let file: BaselineFile = serde_json::from_str(text).map_err(|e| {
            let message = e.to_string();
            // serde_json appends " at line L column C"; the location says it.
            let message = match message.rfind(" at line ") {
                Some(i) => message[..i].to_string(),
                None => message,
            };
            error_at(path, text, e.line(), e.column(), format!("invalid baseline: {message}"))
                .with_help(Some(
                    "regenerate it with `cargo collects check --write-baseline FILE` (reasons of matching entries are kept)".into(),
                ))
        })?;
        if file.version != BASELINE_VERSION {
            let offset = text.find("\"version\"").unwrap_or(0);
            let line = text[..offset].matches('\n').count() + 1;
            let column = offset - text[..offset].rfind('\n').map_or(0, |i| i + 1) + 1;
            return Err(error_at(
                path,
                text,
                line,
                column,
                format!(
                    "baseline version {} is not supported (this collects reads version {BASELINE_VERSION})",
                    file.version
                ),
            ));
        }
        Ok(Baseline {
            path: path.to_path_buf(),
            entries: file.findings,
        })
    }

    fn dir(&self) -> PathBuf {
        base_dir(&self.path)
    }
}

fn error_at(path: &Path, text: &str, line: usize, column: usize, message: String) -> UserError {
    let mut error = UserError::new(message);
    let line = line.max(1);
    error.location = Some((path.to_path_buf(), line, column.max(1)));
    error.source_line = text.lines().nth(line - 1).map(|l| l.trim_end().to_string());
    error
}

fn base_dir(baseline: &Path) -> PathBuf {
    match baseline.parent() {
        Some(dir) if !dir.as_os_str().is_empty() => dir.to_path_buf(),
        _ => PathBuf::from("."),
    }
}

/// Applies `--write-baseline` and `--baseline` (or `[lint] baseline`) to a run:
/// writes the file first when asked, then removes the findings it tolerates
/// from the report, adds a note for each stale entry, and records what it did
/// in `report.baseline`.
pub fn settle(run: &mut Run, given: Option<&Path>, write: Option<&Path>) -> Result<(), UserError> {
    let written = match write {
        Some(path) => Some(write_file(path, run)?),
        None => None,
    };
    let path = write
        .or(given)
        .map(Path::to_path_buf)
        .or_else(|| run.context.config.baseline.clone());
    let Some(path) = path else {
        return Ok(());
    };
    let baseline = Baseline::load(&path)?;
    let mut summary = apply(&baseline, run);
    summary.written = written;
    run.report.baseline = Some(summary);
    Ok(())
}

/// Removes from the run's report the findings `baseline` tolerates, and adds
/// a note for each of its entries that matches nothing in what the run read.
fn apply(baseline: &Baseline, run: &mut Run) -> BaselineSummary {
    let dir = baseline.dir();
    // Each entry tolerates one finding: equal fingerprints are a multiset.
    let mut open: BTreeMap<Fingerprint, Vec<usize>> = BTreeMap::new();
    for (i, entry) in baseline.entries.iter().enumerate() {
        open.entry(entry.fingerprint()).or_default().push(i);
    }
    let mut baselined = 0;
    let findings = std::mem::take(&mut run.report.findings);
    for finding in findings {
        let print = Fingerprint::with_path(&finding, rebase(run, &finding.path, &dir));
        match open.get_mut(&print).and_then(Vec::pop) {
            Some(_) => {
                baselined += 1;
                run.report.summary.uncount(finding.severity);
            }
            None => run.report.findings.push(finding),
        }
    }
    let scope = scope(run, &dir);
    let mut stale: Vec<usize> = open
        .into_values()
        .flatten()
        .filter(|&i| scope.contains(&baseline.entries[i].path))
        .collect();
    // In file order.
    stale.sort_unstable();
    let stale: Vec<&Entry> = stale.iter().map(|&i| &baseline.entries[i]).collect();
    let file = rebase_path(&baseline.path, &run.report.root_dir);
    for entry in &stale {
        let finding: Finding = StaleEntry {
            baseline: &baseline.path,
            file: &file,
            entry,
        }
        .into();
        run.report.summary.count(finding.severity);
        run.report.findings.push(finding);
    }
    BaselineSummary {
        path: baseline.path.clone(),
        baselined,
        stale_entries: stale
            .iter()
            .map(|entry| serde_json::to_value(entry).expect("an entry serializes"))
            .collect(),
        written: None,
    }
}

/// "stale baseline entry: `User.email` in src/user.rs is no longer found".
struct StaleEntry<'a> {
    /// The baseline file, as given.
    baseline: &'a Path,
    /// The baseline file, relative to the run's root.
    file: &'a str,
    entry: &'a Entry,
}

impl From<StaleEntry<'_>> for Finding {
    fn from(d: StaleEntry<'_>) -> Finding {
        let message = format!(
            "stale baseline entry: {} in {} is no longer found",
            d.entry.describe(),
            d.entry.path
        );
        let baseline = d.baseline.display();
        let mut finding = Finding::new(d.entry.code, d.file, Span::default(), message).with_help(
            format!("remove it from {baseline}, or rerun with `--write-baseline {baseline}`"),
        );
        // Always a note: the findings' `[lint] severity` was applied before
        // this pass and is about the check, not about the baseline file.
        finding.severity = Severity::Note;
        finding
    }
}

/// The paths (relative to `dir`) this run has looked at: entries elsewhere are
/// neither stale nor dropped by `--write-baseline`.
fn scope(run: &Run, dir: &Path) -> HashSet<String> {
    let mut paths: HashSet<String> = run
        .context
        .files
        .iter()
        .map(|f| rebase(run, f, dir))
        .collect();
    if run.context.whole_tree {
        if let Some(file) = &run.context.config.file {
            paths.insert(rebase_path(&file.path, dir));
        }
    }
    paths
}

/// Writes today's findings to `path`, keeping the reasons of entries that
/// still match and the entries of files this run did not look at. Returns
/// the number of entries written.
fn write_file(path: &Path, run: &Run) -> Result<usize, UserError> {
    let dir = base_dir(path);
    let existing = if path.exists() {
        // A malformed file is refused rather than overwritten: its reasons
        // would be lost.
        Baseline::load(path)?.entries
    } else {
        Vec::new()
    };
    let scope = scope(run, &dir);
    let mut reasons: BTreeMap<Fingerprint, Vec<String>> = BTreeMap::new();
    let mut entries = Vec::new();
    for entry in existing {
        if scope.contains(&entry.path) {
            reasons
                .entry(entry.fingerprint())
                .or_default()
                .push(entry.reason);
        } else {
            entries.push(entry);
        }
    }
    for finding in &run.report.findings {
        let print = Fingerprint::with_path(finding, rebase(run, &finding.path, &dir));
        let reason = reasons
            .get_mut(&print)
            .and_then(|r| (!r.is_empty()).then(|| r.remove(0)))
            .unwrap_or_default();
        entries.push(Entry {
            code: print.code,
            check: Some(print.code.name().to_string()),
            message: print.subject.is_none().then(|| finding.message.clone()),
            path: print.path,
            item: print.item,
            field: print.field,
            subject: print.subject,
            reason,
        });
    }
    entries.sort_by(|a, b| {
        (&a.path, &a.item, &a.field, a.code, &a.subject, &a.reason)
            .cmp(&(&b.path, &b.item, &b.field, b.code, &b.subject, &b.reason))
    });
    let count = entries.len();
    let file = BaselineFile {
        about: Some(ABOUT.into()),
        version: BASELINE_VERSION,
        findings: entries,
    };
    let mut text = serde_json::to_string_pretty(&file).expect("a baseline serializes");
    text.push('\n');
    write_atomically(path, &text).map_err(|e| {
        UserError::new(format!("cannot write the baseline {}: {e}", path.display()))
    })?;
    Ok(count)
}

/// Writes through a temporary file so that a failed write leaves the old file.
pub(crate) fn write_atomically(path: &Path, text: &str) -> std::io::Result<()> {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let temporary = path.with_file_name(format!(".{name}.{}.tmp", std::process::id()));
    std::fs::write(&temporary, text)?;
    std::fs::rename(&temporary, path).inspect_err(|_| {
        let _ = std::fs::remove_file(&temporary);
    })
}

/// A finding's path (relative to the run's root) made relative to `dir`.
fn rebase(run: &Run, path: &str, dir: &Path) -> String {
    rebase_path(&run.report.root_dir.join(path), dir)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse_error(text: &str) -> String {
        Baseline::parse(Path::new("collects-baseline.json"), text)
            .unwrap_err()
            .to_string()
    }

    #[test]
    fn a_malformed_baseline_says_where() {
        let message = parse_error("{\n  \"version\": 1,\n  \"findings\": [\n    { \"code\": \"CL0001\", \"path\": \"a.rs\" \"reason\": \"\" }\n  ]\n}\n");
        assert!(message.contains("collects-baseline.json:4:"), "{message}");
        let message = parse_error(
            "{ \"version\": 1, \"findings\": [ { \"code\": \"CL9999\", \"path\": \"a.rs\" } ] }",
        );
        assert!(message.contains("`CL9999` is not a check"), "{message}");
        assert!(message.contains("collects-baseline.json:1:"), "{message}");
        let message = parse_error("{ \"version\": 1, \"findings\": [ { \"code\": \"CL0001\", \"path\": \"a.rs\", \"reasn\": \"x\" } ] }");
        assert!(message.contains("unknown field `reasn`"), "{message}");
        let message = parse_error("{\n\"version\": 7 }");
        assert!(message.contains("collects-baseline.json:2:1"), "{message}");
        assert!(message.contains("version 7 is not supported"), "{message}");
    }

    #[test]
    fn an_entry_reads_back_what_is_written() {
        let entry = Entry {
            code: Code::Undeclared,
            check: Some("undeclared".into()),
            path: "src/user.rs".into(),
            item: Some("User".into()),
            field: Some("email".into()),
            subject: None,
            message: Some("m".into()),
            reason: "legacy table, migrating in Q3".into(),
        };
        let text = serde_json::to_string(&BaselineFile {
            about: None,
            version: 1,
            findings: vec![entry.clone()],
        })
        .unwrap();
        let read = Baseline::parse(Path::new("b.json"), &text).unwrap();
        assert_eq!(read.entries, [entry]);
    }
}
