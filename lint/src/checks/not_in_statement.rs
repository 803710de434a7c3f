//! CL0003 not-in-statement: code declares a category, or a purpose, that the
//! privacy statement (`collects.toml`) does not list.

use collects_grammar::Taxonomy;

use super::{Code, Explain};
use crate::config::{ConfigFile, Statement};
use crate::finding::Finding;
use crate::model::{Declared, Field, Item, Span};

pub const EXPLAIN: Explain = Explain {
    summary: "code collects a category (or for a purpose) the privacy statement does not list",
    what_it_does: "Checks every declared category against `[statement] lists` in collects.toml (a listed group covers its items), and every declared purpose against `[statement] purposes` where the statement names the purposes of that category. When `[statement] text` names the published statement, each listed group's heading must appear in it. With no collects.toml this check is off.",
    why_it_matters: "Collecting data the published statement does not disclose is the failure regulators fine and app stores reject. This check makes the statement a gate: new kinds of data reach production only after the statement says so.",
    example: "# collects.toml\n[statement]\nlists = [\"Contact\"]\n\n// src/device.rs\n#[collects(Location::Precise)] // CL0003: Location::Precise is not listed\ngps: (f64, f64),",
    fix: "If the collection is intended, add the category (or purpose) to the statement — the published text first, then `[statement] lists` in collects.toml. Otherwise stop collecting it.",
};

/// Findings for each declared category and purpose the statement does not list.
pub fn check(
    item: &Item,
    field: &Field,
    declared: &Declared,
    statement: &Statement,
) -> Vec<Finding> {
    let item_name = item.display_name(field);
    let finding = |span, message: String, label: String, help: String| {
        let mut f = Finding::new(Code::NotInStatement, &item.path, span, message);
        f.item = Some(item_name.clone());
        f.field = Some(field.name.clone());
        f.ty = Some(field.ty.to_string());
        f.declared = declared.category_names();
        f.label = label;
        f.help = Some(help);
        f
    };
    let mut findings = Vec::new();
    for (category, span) in &declared.categories {
        if !statement.lists(category) {
            findings.push(finding(
                *span,
                format!("`{item_name}.{}` collects {category}, which the statement does not list", field.name),
                "not in the statement".into(),
                format!("add \"{category}\" to `[statement] lists` in collects.toml once the published statement discloses it"),
            ));
            continue;
        }
        let Some((purpose, purpose_span)) = &declared.purpose else {
            continue;
        };
        if let Some(disclosed) = statement.purposes_for(category) {
            if !disclosed.contains(purpose) {
                findings.push(finding(
                    *purpose_span,
                    format!(
                        "`{item_name}.{}` collects {category} for {purpose}, a purpose the statement does not give for it",
                        field.name
                    ),
                    format!("the statement gives {} for {category}", disclosed.join(", ")),
                    format!("add \"{purpose}\" to `[statement] purposes` for \"{category}\" once the published statement discloses it"),
                ));
            }
        }
    }
    findings
}

/// When `[statement] text` names the published statement, each listed
/// group's heading must appear in it: collects.toml may not list more than
/// the published text discloses.
pub fn check_published_text(
    statement: &Statement,
    config: &ConfigFile,
    root: &std::path::Path,
    taxonomy: &Taxonomy,
) -> Vec<Finding> {
    let Some((text_path, text_span)) = &statement.text else {
        return Vec::new();
    };
    let config_path = crate::paths::relative_display(&config.path, root);
    let at = |range: &std::ops::Range<usize>| Span::from_byte_range(&config.text, range.clone());
    let published = match std::fs::read_to_string(text_path) {
        Ok(text) => text.to_lowercase(),
        Err(e) => {
            let mut f = Finding::new(
                Code::NotInStatement,
                &config_path,
                at(text_span),
                format!(
                    "cannot read the published statement {}: {e}",
                    text_path.display()
                ),
            );
            f.label = "named here".into();
            f.help = Some("`[statement] text` is relative to collects.toml".into());
            return vec![f];
        }
    };
    let mut findings = Vec::new();
    let mut seen = Vec::new();
    for (listed, range) in &statement.lists {
        let Some(group) = taxonomy.group_of(listed) else {
            continue;
        };
        if seen.contains(&group.name) || published.contains(&group.heading.to_lowercase()) {
            continue;
        }
        seen.push(group.name.clone());
        let mut f = Finding::new(
            Code::NotInStatement,
            &config_path,
            at(range),
            format!(
                "{listed} is listed, but the published statement has no heading \"{}\"",
                group.heading
            ),
        );
        f.label = "not in the published text".into();
        f.help = Some(format!(
            "add the section \"{}\" to the published statement, or remove {listed} from `lists`",
            group.heading
        ));
        findings.push(f);
    }
    findings
}
