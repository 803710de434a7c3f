//! What one revision collects, taken from a finished run: its declarations,
//! its undeclared personal data, the categories of its inventory and the rows
//! of its app-store exports (made by the inventory's own exports).

use std::collections::BTreeMap;

use crate::checks::{Code, Finding, Severity};
use crate::engine::Run;
use crate::inventory::{self, play_csv, xcprivacy, Inventory, Mappings};
use crate::report::DeclarationRecord;

/// One row of an export, as the export writes it and as a person reads it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct ExportRow {
    /// The row as the exported file holds it (a CSV line, an Apple entry).
    pub row: String,
    /// The question and answer in the form's words.
    pub label: String,
}

#[derive(Debug, Default)]
pub(crate) struct Snapshot {
    /// Every declared field, in path and line order.
    pub declarations: Vec<DeclarationRecord>,
    /// CL0001 findings the revision reports as problems (error or warning:
    /// weak-evidence notes are hints, not new personal data).
    pub undeclared: Vec<Finding>,
    /// The categories the inventory says the code collects, in taxonomy order.
    pub categories: Vec<String>,
    /// The taxonomy's words for every category the revision declares.
    pub descriptions: BTreeMap<String, String>,
    /// The entries of PrivacyInfo.xcprivacy.
    pub xcprivacy: Vec<ExportRow>,
    /// The rows of the Google Play data safety CSV.
    pub play: Vec<ExportRow>,
}

impl Snapshot {
    pub fn of(run: Run) -> Snapshot {
        let inventory = Inventory::build(&run, None);
        let taxonomy = &run.context.config.taxonomy;
        let mappings = Mappings::builtin();
        let descriptions = run
            .report
            .declarations
            .iter()
            .flat_map(|d| &d.categories)
            .map(|c| (c.clone(), inventory::describe(taxonomy, c)))
            .collect();
        let xcprivacy = xcprivacy::entries(&inventory, taxonomy, &mappings)
            .into_iter()
            .map(|(data_type, purposes)| apple_row(&data_type, &purposes))
            .collect();
        let play = play_csv::rows(&inventory, taxonomy, &mappings)
            .iter()
            .map(play_row)
            .collect();
        Snapshot {
            categories: inventory.categories().map(|c| c.name.clone()).collect(),
            descriptions,
            xcprivacy,
            play,
            undeclared: run
                .report
                .findings
                .into_iter()
                .filter(|f| f.code == Code::Undeclared && f.severity != Severity::Note)
                .collect(),
            declarations: run.report.declarations,
        }
    }
}

/// An Apple data type with its purposes: `EmailAddress for AppFunctionality`.
fn apple_row(data_type: &str, purposes: &[String]) -> ExportRow {
    let short = |key: &str, prefix: &str| key.strip_prefix(prefix).unwrap_or(key).to_string();
    let shorts: Vec<String> = purposes
        .iter()
        .map(|p| short(p, "NSPrivacyCollectedDataTypePurpose"))
        .collect();
    let data_type_short = short(data_type, "NSPrivacyCollectedDataType");
    ExportRow {
        row: format!("{data_type}: {}", purposes.join(", ")),
        label: if shorts.is_empty() {
            data_type_short
        } else {
            format!("{data_type_short} for {}", shorts.join(", "))
        },
    }
}

/// A Play row: a ticked box reads as its label alone, a question with its answer.
fn play_row(row: &play_csv::Row) -> ExportRow {
    let label = row.label();
    ExportRow {
        row: row.line(),
        label: match row.value() {
            "true" if label.ends_with('?') => format!("{label} Yes"),
            "true" => label.to_string(),
            "false" => format!("{label} No"),
            value => format!("{label} {value}"),
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_apple_entry_reads_without_the_key_prefixes() {
        let row = apple_row(
            "NSPrivacyCollectedDataTypeEmailAddress",
            &["NSPrivacyCollectedDataTypePurposeAppFunctionality".into()],
        );
        assert_eq!(row.label, "EmailAddress for AppFunctionality");
        assert_eq!(
            row.row,
            "NSPrivacyCollectedDataTypeEmailAddress: NSPrivacyCollectedDataTypePurposeAppFunctionality"
        );
        assert_eq!(
            apple_row("NSPrivacyCollectedDataTypeName", &[]).label,
            "Name"
        );
    }
}
