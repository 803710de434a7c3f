//! CL0008 debug-leak: a type whose `Debug` is derived prints a sensitive
//! field, its own or one of a type it holds, with nothing keeping it out.

use super::{allowed_on, Code, Explain, RunContext};
use crate::checks::{Finding, Severity};
use crate::leaks::{Leak, LeakIndex, Link, Strength};

pub(crate) const EXPLAIN: Explain = Explain {
    summary: "a derived `Debug` prints a sensitive field",
    what_it_does: "For every type whose `Debug` is derived (`#[derive(Debug)]`, derive_more, educe, derivative, veil), reports each field that holds a sensitive category (`[leaks] sensitive` in collects.toml) and that nothing keeps out of the output: no redacting wrapper type (`secrecy::SecretString`, `redact::Secret`, .. listed in leaks.toml), no skip attribute (`#[debug(skip)]`, `#[educe(Debug(ignore))]`, `#[derivative(Debug = \"ignore\")]`, veil's `#[redact]`). A field whose type is a record of the tree with such a field leaks too: the chain is in the evidence. A type whose `Debug` is written by hand is taken as deliberate. A declared field is an error; an undeclared one that CL0001 strongly says is sensitive is a note (`debug-leak.weak` in `[lint] severity`). Test code is left out unless `[leaks] tests = true`.",
    why_it_matters: "`Debug` output ends up in logs, panic messages, traces and error reports, which are kept longer and read by more people than the database. A password or card number printed there is a breach waiting for a log export.",
    example: "#[derive(Debug)]\nstruct Login {\n    #[collects(Credentials::Password)]\n    password: String, // CL0008: the derived `Debug` of `Login` prints `Login.password`\n}",
    example_syntax: "rust",
    fix: "Keep the field out of `Debug`:\n\n    password: secrecy::SecretString,\n\nor skip it (derive_more):\n\n    #[derive(derive_more::Debug)]\n    struct Login {\n        #[debug(skip)]\n        password: String,\n    }\n\nor write `impl fmt::Debug for Login` by hand. For a nested record, fix the record that holds the field.",
};

/// The `[lint] severity` key for findings on weak sources (notes by default).
pub(crate) const WEAK_SEVERITY_KEY: &str = "debug-leak.weak";

/// Reports every field of every derived `Debug` that prints a source.
pub(crate) fn check_run(cx: &RunContext, out: &mut Vec<Finding>) {
    let index = cx.index;
    for (i, item) in index.items.iter().enumerate() {
        if cx.skips_test_code(&item.path, item.in_test_module) {
            continue;
        }
        let Some(derive) = index.debug_derive(i) else {
            continue;
        };
        if index.debug_leak(i).is_none() {
            continue;
        }
        for (f, field) in item.fields.iter().enumerate() {
            if derive.hides(&field.attributes) || allowed_on(item, field, Code::DebugLeak) {
                continue;
            }
            let link = Link { item: i, field: f };
            let Some(leak) = index.field_leak(link) else {
                continue;
            };
            if let Some(&source) = leak.chain.last() {
                out.push(
                    PrintedByDebug {
                        index,
                        derive: &derive.name,
                        field: link,
                        source,
                        leak: &leak,
                    }
                    .into(),
                );
            }
        }
    }
}

/// "the derived `Debug` of `Account` prints `User.email` (Contact::Email) through `Account.user`".
pub(crate) struct PrintedByDebug<'a> {
    pub index: &'a LeakIndex<'a>,
    /// The derive that writes the `Debug`: `Debug`, `Educe`, `Redact`.
    pub derive: &'a str,
    /// The reported field, the first of the chain.
    pub field: Link,
    /// The sensitive field, the last of the chain.
    pub source: Link,
    /// From the reported field down to the source.
    pub leak: &'a Leak,
}

impl From<PrintedByDebug<'_>> for Finding {
    fn from(d: PrintedByDebug<'_>) -> Finding {
        let index = d.index;
        let (first, source_link) = (d.field, d.source);
        let item = index.item(first);
        let field = index.field(first);
        let category = index
            .source(source_link)
            .map(|s| s.category.clone())
            .unwrap_or_default();
        let source = field_name(index, source_link);
        let through = if d.leak.chain.len() > 1 {
            format!(" through `{}`", field_name(index, first))
        } else {
            String::new()
        };
        let message = format!(
            "the derived `Debug` of `{}` prints `{source}` ({category}){through}",
            item.name
        );
        let mut finding = Finding::new(Code::DebugLeak, &item.path, field.span, message)
            .on_field(
                item.display_name(field),
                field.name.clone(),
                field.ty.to_string(),
            )
            .with_label(format!("printed by `#[derive({})]`", d.derive))
            .with_help(help(index, d.leak, &item.name))
            .with_evidence(vec![category], chain_evidence(index, &d.leak.chain));
        if let Some(declared) = item.declaration_of(field) {
            finding.declared = declared.category_names();
        }
        finding.through = chain_paths(index, &d.leak.chain);
        if d.leak.strength == Strength::Weak {
            finding.severity = Severity::Note;
            finding.severity_key = Some(WEAK_SEVERITY_KEY);
        }
        finding
    }
}

fn help(index: &LeakIndex, leak: &Leak, item: &str) -> String {
    let keep_out = "hold it in a redacting type (`secrecy::SecretString`), skip it (`#[debug(skip)]` with derive_more::Debug, `#[educe(Debug(ignore))]`, veil's `#[redact]`)";
    match leak.chain.as_slice() {
        [_] => format!("{keep_out}, or write `impl Debug for {item}` by hand"),
        [first, .., source] => format!(
            "keep `{}` out of the `Debug` of `{}`: {keep_out}; or skip `{}` here",
            field_name(index, *source),
            index.item(*source).name,
            field_name(index, *first)
        ),
        [] => String::new(),
    }
}

/// `User.email`, as a chain names a field.
pub(crate) fn field_name(index: &LeakIndex, link: Link) -> String {
    let item = index.item(link);
    let field = index.field(link);
    format!("{}.{}", item.display_name(field), field.name)
}

/// The files of the items of a chain, once each.
pub(crate) fn chain_paths(index: &LeakIndex, chain: &[Link]) -> Vec<String> {
    let mut paths: Vec<String> = chain.iter().map(|l| index.item(*l).path.clone()).collect();
    paths.sort();
    paths.dedup();
    paths
}

/// One line per link of a chain, the source last: "`Account.user` holds a
/// `User`", "`User.email` is declared Contact::Email at src/user.rs:12".
pub(crate) fn chain_evidence(index: &LeakIndex, chain: &[Link]) -> Vec<String> {
    let mut lines: Vec<String> = chain
        .windows(2)
        .map(|pair| {
            format!(
                "`{}` holds a `{}`, whose `Debug` is derived",
                field_name(index, pair[0]),
                index.item(pair[1]).name
            )
        })
        .collect();
    if let Some(&source) = chain.last() {
        lines.push(source_evidence(index, source));
    }
    lines
}

/// "`User.email` is declared Contact::Email at src/user.rs:12", or, for a
/// weak source, what CL0001 says of it.
pub(crate) fn source_evidence(index: &LeakIndex, link: Link) -> String {
    let field = index.field(link);
    let Some(source) = index.source(link) else {
        return String::new();
    };
    let what = match source.strength {
        Strength::Declared => format!("is declared {}", source.category),
        Strength::Weak => format!("is not declared; its evidence says {} (CL0001)", source.category),
    };
    format!(
        "`{}` {what} at {}:{}",
        field_name(index, link),
        index.item(link).path,
        field.span.start.line
    )
}

#[cfg(test)]
mod tests {
    use crate::checks::test::{check, check_with_config};

    const LOGIN: &str = "#[derive(Debug)]\nstruct Login {\n    #[collects(Credentials::Password)]\n    password: String,\n}";

    fn leaks_only(source: &str, expect: &[&str]) {
        check_with_config(
            "[lint]\nseverity = { undeclared = \"off\", \"undeclared.weak\" = \"off\" }\n",
            source,
            expect,
        );
    }

    #[test]
    fn a_declared_sensitive_field_in_a_derived_debug_is_an_error() {
        check(
            LOGIN,
            &["4:5 error CL0008 the derived `Debug` of `Login` prints `Login.password` (Credentials::Password) [printed by `#[derive(Debug)]`]"],
        );
    }

    #[test]
    fn a_redacting_wrapper_a_skip_attribute_or_a_hand_written_debug_keeps_it_out() {
        for source in [
            "#[derive(Debug)]\nstruct Login {\n    #[collects(Credentials::Password)]\n    password: Option<secrecy::SecretString>,\n}",
            "#[derive(derive_more::Debug)]\nstruct Login {\n    #[collects(Credentials::Password)]\n    #[debug(skip)]\n    password: String,\n}",
            "#[derive(Educe)]\n#[educe(Debug)]\nstruct Login {\n    #[collects(Credentials::Password)]\n    #[educe(Debug(ignore))]\n    password: String,\n}",
            "#[derive(Derivative)]\n#[derivative(Debug)]\nstruct Login {\n    #[collects(Credentials::Password)]\n    #[derivative(Debug = \"ignore\")]\n    password: String,\n}",
            "#[derive(Redact)]\nstruct Login {\n    #[collects(Credentials::Password)]\n    #[redact]\n    password: String,\n}",
            "struct Login {\n    #[collects(Credentials::Password)]\n    password: String,\n}\nimpl fmt::Debug for Login { }",
        ] {
            check(source, &[]);
        }
    }

    #[test]
    fn veils_skip_prints_the_field() {
        check(
            "#[derive(Redact)]\nstruct Login {\n    #[collects(Credentials::Password)]\n    #[redact(skip)]\n    password: String,\n}",
            &["5:5 error CL0008 the derived `Debug` of `Login` prints `Login.password` (Credentials::Password) [printed by `#[derive(Redact)]`]"],
        );
    }

    #[test]
    fn the_leak_travels_through_nesting_unless_the_inner_debug_is_hand_written() {
        let nested = "#[derive(Debug)]\nstruct Account {\n    login: Option<Login>,\n}\n";
        leaks_only(
            &format!("{nested}{LOGIN}"),
            &[
                "3:5 error CL0008 the derived `Debug` of `Account` prints `Login.password` (Credentials::Password) through `Account.login` [printed by `#[derive(Debug)]`]",
                "8:5 error CL0008 the derived `Debug` of `Login` prints `Login.password` (Credentials::Password) [printed by `#[derive(Debug)]`]",
            ],
        );
        leaks_only(
            &format!("{nested}struct Login {{\n    #[collects(Credentials::Password)]\n    password: String,\n}}"),
            &[],
        );
    }

    #[test]
    fn categories_outside_leaks_sensitive_are_not_sources() {
        let source = "#[derive(Debug)]\nstruct User {\n    #[collects(Contact::Other)]\n    handle: String,\n}";
        check(source, &[]);
        check_with_config(
            "[leaks]\nsensitive = [\"Contact\"]\n",
            source,
            &["4:5 error CL0008 the derived `Debug` of `User` prints `User.handle` (Contact::Other) [printed by `#[derive(Debug)]`]"],
        );
    }

    #[test]
    fn an_undeclared_field_cl0001_is_sure_of_is_a_weak_note() {
        leaks_only(
            "#[derive(Debug)]\nstruct Login {\n    password: String,\n}",
            &["3:5 note CL0008 the derived `Debug` of `Login` prints `Login.password` (Credentials::Password) [printed by `#[derive(Debug)]`]"],
        );
        check_with_config(
            "[lint]\nseverity = { undeclared = \"off\", \"debug-leak.weak\" = \"off\" }\n",
            "#[derive(Debug)]\nstruct Login {\n    password: String,\n}",
            &[],
        );
    }

    #[test]
    fn test_code_is_left_out_unless_leaks_tests_is_set() {
        let source = format!("#[cfg(test)]\nmod tests {{\n{LOGIN}\n}}");
        check(&source, &[]);
        check_with_config(
            "[leaks]\ntests = true\n",
            &source,
            &["6:5 error CL0008 the derived `Debug` of `Login` prints `Login.password` (Credentials::Password) [printed by `#[derive(Debug)]`]"],
        );
    }

    #[test]
    fn a_directive_allows_it() {
        check(
            "#[derive(Debug)]\nstruct Login {\n    #[collects(Credentials::Password)]\n    // collects: allow(debug-leak) -- a test fixture\n    password: String,\n}",
            &[],
        );
    }
}
