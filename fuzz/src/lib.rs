//! The fuzz harnesses, one function per target. The libFuzzer targets in
//! `fuzz/fuzz_targets/` call them, and `tests/tests/fuzz_regressions.rs`
//! includes this file to replay every crasher kept in `fuzz/regressions/`
//! through the same code, without cargo-fuzz.
//!
//! A harness returns quietly on input it cannot use (not UTF-8, not a Rust
//! attribute); it panics when our code panics or breaks a promise it makes.
//! Work that runs syn is done on a thread with the linter's parser stack
//! (256 MB), so deep nesting does not overflow the stack of the harness where
//! the linter would not.

use std::path::{Component, Path, PathBuf};
use std::sync::OnceLock;

use collects_grammar::{parse_annotation, Taxonomy, ATTRIBUTE};
use collects_lint::config::Config;
use collects_lint::error::UserError;
use collects_lint::model::{Position, Span};
use collects_lint::source::differential::{compare, differing_lines, Agreement};
use collects_lint::source::extract as extract_file;
use collects_lint::source::prescan::scan;

/// What the linter gives its parser threads (`PARSER_STACK_BYTES` in engine.rs).
const PARSER_STACK_BYTES: usize = 256 * 1024 * 1024;

/// Separates the config from the taxonomy file in a `config` input: a byte
/// that never occurs in UTF-8 text.
pub const CONFIG_SPLIT: u8 = 0xff;

fn builtin() -> &'static Taxonomy {
    static TAXONOMY: OnceLock<Taxonomy> = OnceLock::new();
    TAXONOMY.get_or_init(Taxonomy::builtin)
}

/// Runs `work` on a fresh thread with the parser's stack. A panic in it
/// panics here too (libFuzzer's panic hook aborts at the first one anyway).
/// The thread also takes proc-macro2's per-thread source map with it.
fn on_parser_stack(work: impl FnOnce() + Send + 'static) {
    let thread = std::thread::Builder::new()
        .stack_size(PARSER_STACK_BYTES)
        .spawn(work)
        .expect("cannot start the parser thread");
    if let Err(panic) = thread.join() {
        std::panic::resume_unwind(panic);
    }
}

/// `annotation`: `#[collects<input>] struct S;` — so the input is the
/// attribute's arguments with their delimiters, `(Contact::Email)`, or
/// `= ..`, or nothing — parsed with syn (inputs syn rejects are skipped);
/// every `#[collects..]` attribute found is read by `parse_annotation`.
pub fn annotation(data: &[u8]) {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let source = format!("#[{ATTRIBUTE}{text}]\nstruct S;");
    on_parser_stack(move || {
        let Ok(input) = syn::parse_str::<syn::DeriveInput>(&source) else {
            return;
        };
        for attr in input.attrs.iter().filter(|a| a.path().is_ident(ATTRIBUTE)) {
            let parsed = parse_annotation(attr, builtin());
            for error in &parsed.errors {
                assert!(!error.message.is_empty(), "an error without a message");
                let _ = error.full_message();
            }
            for category in &parsed.annotation.categories {
                let _ = category.path();
            }
        }
    });
}

/// A directory of our own for the config's files (per process, so parallel
/// fuzzing jobs do not share it).
fn sandbox() -> &'static Path {
    static DIR: OnceLock<PathBuf> = OnceLock::new();
    DIR.get_or_init(|| {
        let dir = std::env::temp_dir().join(format!("collects-fuzz-{}", std::process::id()));
        std::fs::create_dir_all(&dir).expect("cannot create the fuzz directory");
        dir
    })
}

/// Whether `[taxonomy] path` would stay in the sandbox: a relative path
/// without `..`. An absolute one could name `/dev/zero`, which any program
/// reads forever; that is not a bug of the config loader.
fn stays_inside(config: &str) -> bool {
    let Ok(value) = config.parse::<toml::Table>() else {
        return true; // the loader rejects it before reading anything
    };
    let Some(path) = value
        .get("taxonomy")
        .and_then(|t| t.get("path"))
        .and_then(|p| p.as_str())
    else {
        return true;
    };
    Path::new(path)
        .components()
        .all(|c| matches!(c, Component::Normal(_) | Component::CurDir))
}

/// `config`: `<collects.toml text> 0xFF <taxonomy.toml text>` (the second
/// part optional). The taxonomy text goes through `Taxonomy::parse` (and its
/// error through `UserError::at`, as the loader does); it is also written as
/// `taxonomy.toml` beside the config, which `Config::parse` reads when the
/// config says `[taxonomy] path = "taxonomy.toml"`. Errors are rendered.
pub fn config(data: &[u8]) {
    let (config, taxonomy) = match data.iter().position(|&b| b == CONFIG_SPLIT) {
        Some(at) => (&data[..at], &data[at + 1..]),
        None => (data, &[][..]),
    };
    let (Ok(config), Ok(taxonomy)) = (std::str::from_utf8(config), std::str::from_utf8(taxonomy))
    else {
        return;
    };
    let dir = sandbox();
    let taxonomy_path = dir.join("taxonomy.toml");
    if let Err(e) = Taxonomy::parse(taxonomy) {
        let error = UserError::at(
            &taxonomy_path,
            taxonomy,
            e.span.unwrap_or(0..0),
            e.message.clone(),
        );
        let _ = error.to_string();
    }
    if !stays_inside(config) {
        return;
    }
    std::fs::write(&taxonomy_path, taxonomy).expect("cannot write the taxonomy");
    match Config::parse(&dir.join("collects.toml"), config.to_string()) {
        Ok(config) => {
            let _ = format!("{config:?}");
        }
        Err(error) => {
            let _ = error.to_string();
        }
    }
}

/// Number of lines of `text` as positions count them: one more than its `\n`s.
fn line_count(text: &str) -> u32 {
    text.bytes().filter(|&b| b == b'\n').count() as u32 + 1
}

fn assert_in_file(span: &Span, lines: u32, what: &str) {
    let ok = |p: &Position| p.line >= 1 && p.line <= lines && p.column >= 1;
    assert!(
        ok(&span.start) && ok(&span.end) && span.start <= span.end,
        "{what} span {span:?} is not within the file's {lines} lines"
    );
}

/// `extract`: one file through the per-file pipeline (pre-scan, syn on each
/// item, annotations, directives). Every position it reports must be in the
/// file, and so must every field's first line.
pub fn extract(data: &[u8]) {
    let bytes = data.to_vec();
    on_parser_stack(move || {
        let facts = extract_file("fuzz.rs", &bytes, builtin());
        let text = String::from_utf8_lossy(&bytes);
        let text = text.strip_prefix('\u{feff}').unwrap_or(&text);
        let lines = line_count(text);
        for item in &facts.items {
            assert_in_file(&item.span, lines, "item");
            for field in &item.fields {
                assert!(
                    field.first_line >= 1 && field.first_line <= lines,
                    "field {} starts on line {} of {lines}",
                    field.name,
                    field.first_line
                );
            }
        }
        for finding in &facts.findings {
            assert_in_file(&finding.span, lines, "finding");
        }
    });
}

/// `prescan`: the lexical scan on any text, with what its module promises:
/// items in source order, not overlapping, each a non-empty range of the
/// text on character boundaries; directives and malformed directives on
/// lines of the file, in source order.
pub fn prescan(data: &[u8]) {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let found = scan(text);
    let mut previous_end = 0;
    for item in &found.items {
        assert!(
            previous_end <= item.start && item.start < item.end && item.end <= text.len(),
            "item {item:?} out of order or out of bounds (previous end {previous_end}, length {})",
            text.len()
        );
        assert!(
            text.is_char_boundary(item.start) && text.is_char_boundary(item.end),
            "item {item:?} splits a character"
        );
        previous_end = item.end;
    }
    let lines = text.lines().count() as u32;
    let mut previous_line = 0;
    for directive in &found.directives {
        assert!(
            directive.line >= 1 && directive.line <= lines && directive.line > previous_line,
            "directive on line {} (previous {previous_line}) of {lines}",
            directive.line
        );
        previous_line = directive.line;
    }
    let mut previous_line = 0;
    for &line in &found.malformed_directives {
        assert!(
            line >= 1 && line <= lines && line > previous_line,
            "malformed directive on line {line} (previous {previous_line}) of {lines}"
        );
        previous_line = line;
    }
}

/// `readers`: the reader differential on every item the pre-scan finds in
/// the input (UTF-8 only): wherever both the fast reader and syn read an
/// item, they must give the same fields, types (text and shape), attributes,
/// ranges, positions and findings; and the fast reader must never read an
/// item syn rejects.
pub fn readers(data: &[u8]) {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let text = text.strip_prefix('\u{feff}').unwrap_or(text).to_string();
    on_parser_stack(move || {
        for item in scan(&text).items {
            let range = item.start..item.end;
            match compare("fuzz.rs", &text, range.clone(), builtin()) {
                Agreement::Same | Agreement::Declined | Agreement::Broken => {}
                Agreement::AcceptedBroken => {
                    panic!("the fast reader reads what syn rejects: {:?}", &text[range])
                }
                Agreement::Different { fast, syn } => panic!(
                    "the readers differ on {:?}:\n{}",
                    &text[range],
                    differing_lines(&fast, &syn)
                ),
            }
        }
    });
}
