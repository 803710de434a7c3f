//! `--format sarif`: SARIF 2.1.0, what GitHub code scanning and other CI
//! dashboards read. Rule metadata comes from the checks' registry
//! ([`Code::ALL`], [`Code::explain`], the explain text in both layouts); each
//! result carries the baseline's [`Fingerprint`] as a partial fingerprint, so
//! a finding keeps its alert across commits.

use std::collections::HashMap;
use std::io::Write;

use serde_json::{json, Map, Value};

use crate::checks::Code;
use crate::checks::{Finding, Fingerprint, Severity};
use crate::report::Report;

pub const SARIF_SCHEMA: &str =
    "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json";

/// The key of our fingerprint in `partialFingerprints`; bump the version if
/// [`Fingerprint::hash`] ever changes.
pub const FINGERPRINT_KEY: &str = "collectsFingerprint/v1";

/// SARIF's name for a level.
fn level(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Note => "note",
    }
}

/// The `reportingDescriptor` of every check, in `Code::ALL` order.
pub(crate) fn rules() -> Vec<Value> {
    Code::ALL.iter().map(|&code| rule(code)).collect()
}

fn rule(code: Code) -> Value {
    let e = code.explain();
    json!({
        "id": code.as_str(),
        "name": code.name(),
        "shortDescription": { "text": e.summary },
        "fullDescription": { "text": e.what_it_does.trim() },
        "help": { "text": code.explain_text(), "markdown": code.explain_markdown() },
        "defaultConfiguration": { "level": level(code.default_severity()) },
        "properties": { "tags": ["privacy", "personal-data"] },
    })
}

fn result(finding: &Finding, uri: &str, fingerprint: String) -> Value {
    let mut text = finding.message.clone();
    if !finding.evidence.is_empty() {
        text.push_str(&format!("\nEvidence: {}.", finding.evidence.join("; ")));
    }
    if let Some(help) = &finding.help {
        text.push_str(&format!("\nHelp: {help}"));
    }
    let mut location = Map::new();
    location.insert(
        "artifactLocation".into(),
        json!({ "uri": uri, "uriBaseId": "%SRCROOT%" }),
    );
    let span = finding.span;
    if span.start.line > 0 {
        let end = if span.end >= span.start {
            span.end
        } else {
            span.start
        };
        location.insert(
            "region".into(),
            json!({
                "startLine": span.start.line,
                "startColumn": span.start.column.max(1),
                "endLine": end.line.max(1),
                "endColumn": end.column.max(1),
            }),
        );
    }
    let mut properties = Map::new();
    for (key, value) in [
        ("item", &finding.item),
        ("field", &finding.field),
        ("type", &finding.ty),
    ] {
        if let Some(value) = value {
            properties.insert(key.into(), json!(value));
        }
    }
    for (key, values) in [
        ("declared", &finding.declared),
        ("suggested", &finding.suggested),
        ("evidence", &finding.evidence),
    ] {
        if !values.is_empty() {
            properties.insert(key.into(), json!(values));
        }
    }
    let mut result = json!({
        "ruleId": finding.code.as_str(),
        "ruleIndex": Code::ALL.iter().position(|&c| c == finding.code).unwrap_or(0),
        "level": level(finding.severity),
        "message": { "text": text },
        "locations": [ { "physicalLocation": Value::Object(location) } ],
        "partialFingerprints": { FINGERPRINT_KEY: fingerprint },
    });
    if !properties.is_empty() {
        result["properties"] = Value::Object(properties);
    }
    result
}

/// The whole SARIF log of `report`.
fn sarif(report: &Report) -> Value {
    // Findings with the same fingerprint (two identical typos in one file) are
    // told apart by their order, as GitHub's own `primaryLocationLineHash` is.
    let mut seen: HashMap<String, usize> = HashMap::new();
    let results: Vec<Value> = report
        .findings
        .iter()
        .map(|finding| {
            let uri = report.ci_path(&finding.path);
            let hash = Fingerprint::with_path(finding, uri.clone()).hash();
            let n = seen.entry(hash.clone()).or_insert(0);
            *n += 1;
            let fingerprint = if *n == 1 { hash } else { format!("{hash}:{n}") };
            result(finding, &uri, fingerprint)
        })
        .collect();
    json!({
        "$schema": SARIF_SCHEMA,
        "version": "2.1.0",
        "runs": [ {
            "tool": { "driver": {
                "name": "collects",
                "fullName": "collects: personal data in Rust code",
                "version": env!("CARGO_PKG_VERSION"),
                "semanticVersion": env!("CARGO_PKG_VERSION"),
                "informationUri": env!("CARGO_PKG_REPOSITORY"),
                "rules": rules(),
            } },
            "invocations": [ { "executionSuccessful": true } ],
            "columnKind": "unicodeCodePoints",
            "results": results,
        } ],
    })
}

pub(crate) fn render_sarif(report: &Report, out: &mut dyn Write) -> std::io::Result<()> {
    serde_json::to_writer_pretty(&mut *out, &sarif(report))?;
    writeln!(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_check_has_its_rule_with_the_explain_text() {
        let rules = rules();
        assert_eq!(rules.len(), Code::ALL.len());
        for (rule, code) in rules.iter().zip(Code::ALL) {
            assert_eq!(rule["id"], code.as_str());
            assert_eq!(rule["name"], code.name());
            assert_eq!(rule["shortDescription"]["text"], code.explain().summary);
            assert_eq!(rule["help"]["text"], code.explain_text());
            assert_eq!(
                rule["defaultConfiguration"]["level"],
                code.default_severity().as_str()
            );
            assert!(!rule["fullDescription"]["text"].as_str().unwrap().is_empty());
        }
    }
}
