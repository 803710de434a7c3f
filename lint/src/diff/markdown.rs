//! `--format markdown`: the diff as a pull-request comment. A hidden marker
//! line first, so a workflow finds its own comment and edits it; then one
//! section per kind of change, each left out when empty; one line when the
//! change touches no personal data.

use super::compare::{Change, Diff, RowChanges};
use crate::checks::Finding;
use crate::report::DeclarationRecord;

/// The first line of every comment.
pub(crate) const MARKER: &str = "<!-- cargo-collects-diff -->";

/// How places in code become links.
pub(crate) struct Links<'a> {
    /// The URL of a place: `{rev}`, `{path}` and `{line}` are replaced.
    pub template: &'a str,
    /// The covered directory relative to the repository's top (empty, or ending in `/`).
    pub prefix: &'a str,
    /// What `{rev}` is for places in the base and in the head revision.
    pub base_rev: &'a str,
    pub head_rev: &'a str,
}

/// Which revision a place is in.
#[derive(Clone, Copy)]
enum Side {
    Base,
    Head,
}

impl Links<'_> {
    /// `[path:line](url)`.
    fn place(&self, side: Side, path: &str, line: u32) -> String {
        let rev = match side {
            Side::Base => self.base_rev,
            Side::Head => self.head_rev,
        };
        let url = self
            .template
            .replace("{rev}", rev)
            .replace("{path}", &format!("{}{path}", self.prefix))
            .replace("{line}", &line.to_string());
        format!("[{path}:{line}]({url})")
    }
}

/// The comment comparing `base` with `head` (as the user named them).
pub(crate) fn render(diff: &Diff, base: &str, head: &str, links: &Links) -> String {
    let mut out = format!("{MARKER}\n");
    if diff.is_empty() {
        out.push_str(&format!(
            "No change to the personal data the code collects between {base} and {head}.\n"
        ));
        return out;
    }
    out.push_str(&format!("### Personal data: {base} → {head}\n"));
    let sections = [
        (
            "Starts collecting",
            by_category(diff, &diff.started, Side::Head, links),
        ),
        (
            "Stops collecting",
            by_category(diff, &diff.stopped, Side::Base, links),
        ),
        ("Changed", changed(&diff.changed, links)),
        (
            "New undeclared personal data",
            undeclared(&diff.undeclared, links),
        ),
        ("Statement", statement(diff)),
        ("App-store answers that change", exports(diff)),
    ];
    for (title, body) in sections {
        if !body.is_empty() {
            out.push_str(&format!("\n#### {title}\n\n{body}"));
        }
    }
    out
}

/// `Group::Item` (its description), bold.
fn category(diff: &Diff, name: &str) -> String {
    match diff.descriptions.get(name).filter(|d| !d.is_empty()) {
        Some(description) => format!("**{name}** ({description})"),
        None => format!("**{name}**"),
    }
}

/// Fields under each category they declare, categories in name order.
fn by_category(diff: &Diff, fields: &[DeclarationRecord], side: Side, links: &Links) -> String {
    let mut names: Vec<&String> = fields.iter().flat_map(|f| &f.categories).collect();
    names.sort();
    names.dedup();
    let mut out = String::new();
    for name in names {
        out.push_str(&format!("- {}\n", category(diff, name)));
        for field in fields.iter().filter(|f| f.categories.contains(name)) {
            out.push_str(&format!(
                "  - `{}.{}` {} — {}\n",
                field.item,
                field.field,
                purpose(field),
                links.place(side, &field.path, field.line)
            ));
        }
    }
    out
}

fn purpose(field: &DeclarationRecord) -> String {
    match &field.purpose {
        Some(purpose) => format!("for {purpose}"),
        None => "(no purpose declared)".into(),
    }
}

fn changed(changes: &[Change], links: &Links) -> String {
    let mut out = String::new();
    for Change { before, after } in changes {
        let mut what = Vec::new();
        if before.categories != after.categories {
            what.push(format!(
                "category {} → {}",
                before.categories.join(", "),
                after.categories.join(", ")
            ));
        }
        if before.purpose != after.purpose {
            let or_none = |p: &Option<String>| p.clone().unwrap_or_else(|| "none".into());
            what.push(format!(
                "purpose {} → {}",
                or_none(&before.purpose),
                or_none(&after.purpose)
            ));
        }
        out.push_str(&format!(
            "- `{}.{}` — {}: {}\n",
            after.item,
            after.field,
            links.place(Side::Head, &after.path, after.line),
            what.join("; ")
        ));
    }
    out
}

fn undeclared(findings: &[Finding], links: &Links) -> String {
    findings
        .iter()
        .map(|f| {
            format!(
                "- {} — {}\n",
                f.message,
                links.place(Side::Head, &f.path, f.span.start.line)
            )
        })
        .collect()
}

fn statement(diff: &Diff) -> String {
    let mut out = String::new();
    for (categories, what) in [
        (&diff.statement_started, "Collected for the first time"),
        (&diff.statement_stopped, "No longer collected anywhere"),
    ] {
        for name in categories {
            out.push_str(&format!("- {what}: {}\n", category(diff, name)));
        }
    }
    out
}

fn exports(diff: &Diff) -> String {
    let blocks: Vec<String> = [
        (
            &diff.xcprivacy,
            "Apple privacy manifest (`PrivacyInfo.xcprivacy`)",
        ),
        (&diff.play, "Google Play data safety form"),
    ]
    .into_iter()
    .filter(|(changes, _)| !changes.is_empty())
    .map(|(changes, title)| rows(changes, title))
    .collect();
    blocks.join("\n")
}

fn rows(changes: &RowChanges, title: &str) -> String {
    let mut out = format!("{title}:\n");
    for (rows, sign) in [(&changes.added, "added"), (&changes.removed, "removed")] {
        for row in rows {
            out.push_str(&format!("- {sign}: {}\n", row.label));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn links() -> Links<'static> {
        Links {
            template: "https://example.com/blob/{rev}/{path}#L{line}",
            prefix: "server/",
            base_rev: "b0",
            head_rev: "h1",
        }
    }

    #[test]
    fn a_place_links_into_its_own_revision_from_the_top_of_the_repository() {
        assert_eq!(
            links().place(Side::Base, "src/user.rs", 8),
            "[src/user.rs:8](https://example.com/blob/b0/server/src/user.rs#L8)"
        );
        assert_eq!(
            links().place(Side::Head, "src/user.rs", 9),
            "[src/user.rs:9](https://example.com/blob/h1/server/src/user.rs#L9)"
        );
    }

    #[test]
    fn no_change_is_the_marker_and_one_line() {
        let text = render(&Diff::default(), "`main`", "the working tree", &links());
        assert_eq!(
            text,
            format!("{MARKER}\nNo change to the personal data the code collects between `main` and the working tree.\n")
        );
    }

    #[test]
    fn a_started_field_is_listed_under_each_of_its_categories_with_its_purpose() {
        let field = DeclarationRecord {
            path: "src/user.rs".into(),
            line: 4,
            item: "User".into(),
            field: "contact".into(),
            ty: "String".into(),
            categories: vec!["Contact::Phone".into(), "Contact::Email".into()],
            purpose: Some("Account".into()),
            source: None,
            optional: false,
        };
        let mut diff = Diff {
            started: vec![field],
            ..Diff::default()
        };
        diff.descriptions
            .insert("Contact::Email".into(), "email address".into());
        let text = render(&diff, "`a`", "`b`", &links());
        let place = "[src/user.rs:4](https://example.com/blob/h1/server/src/user.rs#L4)";
        assert_eq!(
            text,
            format!(
                "{MARKER}\n### Personal data: `a` → `b`\n\n#### Starts collecting\n\n\
                 - **Contact::Email** (email address)\n  - `User.contact` for Account — {place}\n\
                 - **Contact::Phone**\n  - `User.contact` for Account — {place}\n"
            )
        );
    }
}
