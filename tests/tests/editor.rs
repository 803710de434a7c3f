//! `cargo collects check --message-format=json`: what rust-analyzer reads
//! from `check.overrideCommand`. Read here with `cargo_metadata::Message`,
//! the types cargo's own JSON is read with, and checked against the source.

use cargo_metadata::diagnostic::{Applicability, Diagnostic, DiagnosticLevel, DiagnosticSpan};
use cargo_metadata::{CompilerMessage, Message};
use collects_e2e::run_captured;
use serde_json::Value;

const FIXTURE: &str = "fixtures/fix-app";

/// Exit code, and stdout's lines as cargo messages and as plain JSON.
fn messages(args: &[&str]) -> (u8, Vec<Message>, Vec<Value>) {
    let (code, out, err) = run_captured(args);
    let out = String::from_utf8(out).unwrap();
    assert!(
        !out.is_empty(),
        "no output: {}",
        String::from_utf8_lossy(&err)
    );
    let lines: Vec<&str> = out.lines().collect();
    let parsed = lines
        .iter()
        .map(|line| serde_json::from_str::<Message>(line).unwrap_or_else(|e| panic!("{e}: {line}")))
        .collect();
    let raw = lines
        .iter()
        .map(|line| serde_json::from_str(line).unwrap())
        .collect();
    (code, parsed, raw)
}

fn compiler_messages(messages: &[Message]) -> Vec<&CompilerMessage> {
    messages
        .iter()
        .filter_map(|m| match m {
            Message::CompilerMessage(m) => Some(m),
            _ => None,
        })
        .collect()
}

fn source(span: &DiagnosticSpan) -> String {
    std::fs::read_to_string(&span.file_name).unwrap_or_else(|e| panic!("{}: {e}", span.file_name))
}

/// 1-based line and character column of a byte offset, counted here.
fn line_column(text: &str, offset: usize) -> (usize, usize) {
    let before = &text[..offset];
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    (
        before.matches('\n').count() + 1,
        before[line_start..].chars().count() + 1,
    )
}

fn the_message<'a>(messages: &'a [&CompilerMessage], text: &str) -> &'a Diagnostic {
    &messages
        .iter()
        .find(|m| m.message.message.starts_with(text))
        .unwrap_or_else(|| panic!("no message starting {text}"))
        .message
}

#[test]
fn each_finding_is_a_compiler_message_of_its_package_then_the_build_finishes() {
    let (code, messages, raw) = messages(&["check", "--message-format=json", FIXTURE]);
    assert_eq!(code, 1);
    let Some(Message::BuildFinished(finished)) = messages.last() else {
        panic!(
            "the last message is not build-finished: {:?}",
            messages.last()
        );
    };
    assert!(!finished.success);
    let compiler = compiler_messages(&messages);
    // 13 field findings (CL0001, CL0002) and 5 of the leak checks.
    assert_eq!(compiler.len(), 18);
    for (message, raw) in compiler.iter().zip(&raw) {
        assert!(
            message.package_id.repr.starts_with("path+file:///"),
            "{}",
            message.package_id
        );
        assert!(
            message.package_id.repr.ends_with("/fixtures/fix-app#0.3.0"),
            "{}",
            message.package_id
        );
        assert_eq!(message.target.name, "fix_app");
        assert!(message
            .target
            .src_path
            .ends_with("fixtures/fix-app/src/lib.rs"));
        assert!(message.target.is_lib());
        let manifest = raw["manifest_path"].as_str().unwrap();
        assert!(
            manifest.ends_with("fixtures/fix-app/Cargo.toml"),
            "{manifest}"
        );
        let code = message.message.code.as_ref().unwrap();
        assert!(
            ["CL0001", "CL0002", "CL0008", "CL0009"].contains(&code.code.as_str()),
            "{}",
            code.code
        );
        assert!(code
            .explanation
            .as_ref()
            .unwrap()
            .contains("## What it does"));
    }
    let email = the_message(&compiler, "`Customer.email`");
    assert_eq!(email.level, DiagnosticLevel::Error);
    assert!(email
        .rendered
        .as_ref()
        .unwrap()
        .starts_with("error[CL0001/undeclared]: `Customer.email`"));
    let mismatch = the_message(&compiler, "`Card.mobile_phone`");
    assert_eq!(mismatch.level, DiagnosticLevel::Warning);
}

#[test]
fn primary_spans_cover_what_the_finding_names_in_the_source() {
    let (_, messages, _) = messages(&["check", "--message-format=json", FIXTURE]);
    for message in compiler_messages(&messages) {
        let [span] = message.message.spans.as_slice() else {
            panic!("one span: {:?}", message.message.spans);
        };
        assert!(span.is_primary);
        let text = source(span);
        let covered = &text[span.byte_start as usize..span.byte_end as usize];
        let code = &message.message.code.as_ref().unwrap().code;
        let expected = if code == "CL0002" {
            "Contact::Email"
        } else if code != "CL0001" {
            // The leak checks point at a derive or a macro call: the
            // position is checked below.
            covered
        } else {
            message
                .message
                .message
                .split('`')
                .nth(1)
                .unwrap()
                .rsplit('.')
                .next()
                .unwrap()
        };
        assert_eq!(covered, expected);
        assert_eq!(
            line_column(&text, span.byte_start as usize),
            (span.line_start, span.column_start)
        );
        assert_eq!(
            line_column(&text, span.byte_end as usize),
            (span.line_end, span.column_end)
        );
        let line = text.lines().nth(span.line_start - 1).unwrap();
        assert_eq!(span.text[0].text, line);
        assert_eq!(span.text[0].highlight_start, span.column_start);
    }
}

#[test]
fn a_fixable_finding_carries_its_fix_as_a_suggestion_that_applies_cleanly() {
    let (_, messages, _) = messages(&["check", "--message-format=json", FIXTURE]);
    let compiler = compiler_messages(&messages);
    let email = the_message(&compiler, "`Customer.email`");
    let fix = email
        .children
        .iter()
        .find(|c| c.spans.iter().any(|s| s.suggested_replacement.is_some()))
        .expect("a child with a suggestion");
    assert_eq!(fix.level, DiagnosticLevel::Help);
    assert_eq!(fix.message, "declare it as Contact::Email");
    let mut text = source(&fix.spans[0]);
    // As an editor applies one quick fix: every edit at once, from the last.
    for span in fix.spans.iter().rev() {
        assert!(span.is_primary);
        assert_eq!(
            span.suggestion_applicability,
            Some(Applicability::MaybeIncorrect)
        );
        let replacement = span.suggested_replacement.as_ref().unwrap();
        text.replace_range(
            span.byte_start as usize..span.byte_end as usize,
            replacement,
        );
    }
    assert!(text.contains("use std::net::IpAddr; // sessions remember where they came from\nuse collects::Collects;\n"), "{text}");
    assert!(
        text.contains("#[derive(Debug, Clone, PartialEq, Collects)]\npub struct Customer {"),
        "{text}"
    );
    assert!(text.contains("    /// Where receipts go.\n    #[collects(Contact::Email)]\n    pub email: String, // checked at sign-up\n"), "{text}");
    syn::parse_file(&text).unwrap();

    let mismatch = the_message(&compiler, "`Card.mobile_phone`");
    let replacements: Vec<_> = mismatch
        .children
        .iter()
        .flat_map(|c| &c.spans)
        .filter_map(|s| s.suggested_replacement.as_deref())
        .collect();
    assert_eq!(replacements, ["Contact::Phone"]);
    let ambiguous = the_message(&compiler, "`ScimUser.user_name`");
    assert!(ambiguous.children.iter().all(|c| c.spans.is_empty()));
}

#[test]
fn rendered_is_coloured_for_json_diagnostic_rendered_ansi_only() {
    let rendered = |format: &str| {
        let (_, messages, _) = messages(&["check", format, FIXTURE]);
        compiler_messages(&messages)[0]
            .message
            .rendered
            .clone()
            .unwrap()
    };
    assert!(!rendered("--message-format=json").contains('\u{1b}'));
    assert!(rendered("--message-format=json-diagnostic-rendered-ansi").contains("\u{1b}["));
}

#[test]
fn a_clean_tree_finishes_successfully_and_message_format_takes_only_cargos_json_names() {
    let (code, messages, _) = messages(&["check", "--message-format", "json", "fixtures/clean"]);
    assert_eq!(code, 0);
    assert!(matches!(messages.as_slice(), [Message::BuildFinished(f)] if f.success));
    for (args, says) in [
        (
            &["check", "--message-format=short"][..],
            "possible values: json, json-diagnostic-rendered-ansi",
        ),
        (
            &["check", "--message-format=json", "--format", "json"][..],
            "cannot be used with",
        ),
    ] {
        let (code, _, err) = run_captured(args);
        let err = String::from_utf8_lossy(&err);
        assert_eq!(code, 2, "{err}");
        assert!(err.contains(says), "{err}");
    }
}
