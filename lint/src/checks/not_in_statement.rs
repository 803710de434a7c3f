//! CL0003 not-in-statement: code declares a category, or a purpose, that the
//! privacy statement (`collects.toml`) does not list; or collects.toml lists
//! a group the published statement has no heading for.

use std::path::Path;

use super::{Code, Explain, FieldContext, TreeContext};
use crate::checks::Finding;
use crate::model::{Declared, Field, Item, Span};

pub(crate) const EXPLAIN: Explain = Explain {
    summary: "code collects a category (or for a purpose) the privacy statement does not list",
    what_it_does: "Checks every declared category against `[statement] lists` in collects.toml (a listed group covers its items), and every declared purpose against `[statement] purposes` where the statement names the purposes of that category. When `[statement] text` names the published statement, each listed group's heading must appear in it. With no collects.toml this check is off.",
    why_it_matters: "Collecting data the published statement does not disclose is the failure regulators fine and app stores reject. This check makes the statement a gate: new kinds of data reach production only after the statement says so.",
    example: "# collects.toml\n[statement]\nlists = [\"Contact\"]\n\n// src/device.rs\n#[collects(Location::Precise)] // CL0003: Location::Precise is not listed\ngps: (f64, f64),",
    example_syntax: "rust",
    fix: "If the collection is intended, add the category (or purpose) to the statement — the published text first, then `[statement] lists` in collects.toml. Otherwise stop collecting it.",
};

/// Reports each declared category and purpose of a field that the statement
/// does not list, unless a directive allows `not-in-statement` there.
pub(crate) fn check_field(cx: &FieldContext, out: &mut Vec<Finding>) {
    let (Some(declared), Some(statement)) = (cx.declared(), cx.statement) else {
        return;
    };
    if cx.allows(Code::NotInStatement) {
        return;
    }
    let on = Declaration {
        item: cx.item,
        field: cx.field,
        declared,
    };
    for (category, span) in &declared.categories {
        if !statement.lists(category) {
            out.push(CategoryNotListed { on: &on, category, span: *span }.into());
            continue;
        }
        let Some((purpose, purpose_span)) = &declared.purpose else {
            continue;
        };
        if let Some(disclosed) = statement.purposes_for(category) {
            if !disclosed.contains(purpose) {
                out.push(
                    PurposeNotGiven {
                        on: &on,
                        category,
                        purpose,
                        span: *purpose_span,
                        disclosed,
                    }
                    .into(),
                );
            }
        }
    }
}

/// When `[statement] text` names the published statement, each listed
/// group's heading must appear in it: collects.toml may not list more than
/// the published text discloses.
pub(crate) fn check_tree(cx: &TreeContext, out: &mut Vec<Finding>) {
    let Some((text_path, text_span)) = &cx.statement.text else {
        return;
    };
    let published = match std::fs::read_to_string(text_path) {
        Ok(text) => text.to_lowercase(),
        Err(error) => {
            out.push(
                PublishedTextUnreadable {
                    config_path: &cx.config_path(),
                    span: cx.config_span(text_span),
                    text_path,
                    error,
                }
                .into(),
            );
            return;
        }
    };
    let mut seen = Vec::new();
    for (listed, range) in &cx.statement.lists {
        let Some(group) = cx.taxonomy.group_of(listed) else {
            continue;
        };
        if seen.contains(&group.name) || published.contains(&group.heading.to_lowercase()) {
            continue;
        }
        seen.push(group.name.clone());
        out.push(
            HeadingMissing {
                config_path: &cx.config_path(),
                span: cx.config_span(range),
                listed,
                heading: &group.heading,
            }
            .into(),
        );
    }
}

/// The field a declaration finding is about.
struct Declaration<'a> {
    item: &'a Item,
    field: &'a Field,
    declared: &'a Declared,
}

impl Declaration<'_> {
    fn finding(&self, span: Span, message: String) -> Finding {
        let mut finding = Finding::new(Code::NotInStatement, &self.item.path, span, message)
            .on_field(
                self.item.display_name(self.field),
                self.field.name.clone(),
                self.field.ty.to_string(),
            );
        finding.declared = self.declared.category_names();
        finding
    }

    /// `User.email`.
    fn name(&self) -> String {
        format!("{}.{}", self.item.display_name(self.field), self.field.name)
    }
}

/// "`Device.gps` collects Location::Precise, which the statement does not list".
struct CategoryNotListed<'a> {
    on: &'a Declaration<'a>,
    category: &'a str,
    span: Span,
}

impl From<CategoryNotListed<'_>> for Finding {
    fn from(d: CategoryNotListed<'_>) -> Finding {
        let category = d.category;
        d.on.finding(
            d.span,
            format!("`{}` collects {category}, which the statement does not list", d.on.name()),
        )
        .with_label("not in the statement")
        .with_help(format!(
            "add \"{category}\" to `[statement] lists` in collects.toml once the published statement discloses it"
        ))
    }
}

/// "`User.email` collects Contact::Email for Marketing, a purpose the statement does not give for it".
struct PurposeNotGiven<'a> {
    on: &'a Declaration<'a>,
    category: &'a str,
    purpose: &'a str,
    span: Span,
    disclosed: &'a [String],
}

impl From<PurposeNotGiven<'_>> for Finding {
    fn from(d: PurposeNotGiven<'_>) -> Finding {
        let (category, purpose) = (d.category, d.purpose);
        d.on.finding(
            d.span,
            format!(
                "`{}` collects {category} for {purpose}, a purpose the statement does not give for it",
                d.on.name()
            ),
        )
        .with_label(format!("the statement gives {} for {category}", d.disclosed.join(", ")))
        .with_help(format!(
            "add \"{purpose}\" to `[statement] purposes` for \"{category}\" once the published statement discloses it"
        ))
    }
}

/// "cannot read the published statement PRIVACY.md: ..".
struct PublishedTextUnreadable<'a> {
    config_path: &'a str,
    span: Span,
    text_path: &'a Path,
    error: std::io::Error,
}

impl From<PublishedTextUnreadable<'_>> for Finding {
    fn from(d: PublishedTextUnreadable<'_>) -> Finding {
        let message = format!(
            "cannot read the published statement {}: {}",
            d.text_path.display(),
            d.error
        );
        Finding::new(Code::NotInStatement, d.config_path, d.span, message)
            .with_label("named here")
            .with_help("`[statement] text` is relative to collects.toml")
    }
}

/// "Location is listed, but the published statement has no heading \"Location\"".
struct HeadingMissing<'a> {
    config_path: &'a str,
    span: Span,
    listed: &'a str,
    heading: &'a str,
}

impl From<HeadingMissing<'_>> for Finding {
    fn from(d: HeadingMissing<'_>) -> Finding {
        let (listed, heading) = (d.listed, d.heading);
        let message =
            format!("{listed} is listed, but the published statement has no heading \"{heading}\"");
        Finding::new(Code::NotInStatement, d.config_path, d.span, message)
            .with_label("not in the published text")
            .with_help(format!(
                "add the section \"{heading}\" to the published statement, or remove {listed} from `lists`"
            ))
    }
}

#[cfg(test)]
mod tests {
    use crate::checks::test::check_with_config;

    const STATEMENT: &str =
        "[statement]\nlists = [\"Contact\"]\npurposes = { \"Contact::Email\" = [\"Account\"] }\n";

    #[test]
    fn a_category_the_statement_does_not_list_is_an_error() {
        check_with_config(
            STATEMENT,
            "struct Device {\n    #[collects(Location::Precise)]\n    gps: (f64, f64),\n}",
            &[
                "2:10 note CL0005 the statement lists Contact, but no code declares it [listed here]",
                "2:16 error CL0003 `Device.gps` collects Location::Precise, which the statement does not list [not in the statement]",
            ],
        );
    }

    #[test]
    fn a_purpose_the_statement_does_not_give_is_an_error_at_the_purpose() {
        check_with_config(
            STATEMENT,
            "struct User {\n    #[collects(Contact::Email, purpose = Advertising)]\n    email: String,\n}",
            &["2:42 error CL0003 `User.email` collects Contact::Email for Advertising, a purpose the statement does not give for it [the statement gives Account for Contact::Email]"],
        );
    }

    #[test]
    fn a_directive_allows_it() {
        check_with_config(
            STATEMENT,
            "struct User {\n    // collects: allow(not-in-statement) -- migrating\n    #[collects(Contact::Email, Location)]\n    email: String,\n}",
            &[],
        );
    }
}
