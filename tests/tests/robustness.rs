//! Bad input never panics, hangs or loses the findings of other files.
//! Each test builds a tree in a temporary directory, lints it as JSON and
//! looks at the report.

use std::path::Path;

use collects_e2e::{finding_places as findings, run_captured};
use serde_json::Value;

/// Runs `check --format json` over `args`; returns the exit code, report and stderr.
fn lint(args: &[&str]) -> (u8, Value, String) {
    let argv: Vec<&str> = ["check", "--format", "json"]
        .iter()
        .chain(args)
        .copied()
        .collect();
    let (code, out, err) = run_captured(&argv);
    let report = serde_json::from_slice(&out).unwrap_or(Value::Null);
    (code, report, String::from_utf8_lossy(&err).into_owned())
}

fn lint_dir(dir: &Path) -> (u8, Value, String) {
    lint(&[dir.to_str().unwrap()])
}

fn write(dir: &Path, name: &str, bytes: impl AsRef<[u8]>) {
    let path = dir.join(name);
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(path, bytes).unwrap();
}

/// A tree with one good file beside the bad one: its finding must survive.
fn tree_with(name: &str, bytes: impl AsRef<[u8]>) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    write(
        dir.path(),
        "good.rs",
        "pub struct User { pub email: String }\n",
    );
    write(dir.path(), name, bytes);
    dir
}

fn assert_good_file_checked(report: &Value) {
    assert!(
        findings(report).contains(&("CL0001".into(), "good.rs".into())),
        "the good file's finding is lost: {report}"
    );
}

#[test]
fn odd_files_are_read_or_reported_never_fatal() {
    let huge_line = format!(
        "pub struct Wide {{ pub email: String }} // {}\n",
        "x".repeat(1 << 20)
    );
    let mut huge_file = String::new();
    while huge_file.len() < 10 << 20 {
        huge_file.push_str("pub struct Row { pub id: u64, pub count: u32 }\nfn f() -> u32 { let s = \"struct X { email: String }\"; 1 }\n");
    }
    let cases: Vec<(&str, Vec<u8>)> = vec![
        (
            "latin1.rs",
            b"pub struct A { pub name: String } // caf\xe9\n".to_vec(),
        ),
        (
            "bom.rs",
            "\u{feff}pub struct Bom { pub phone: String }\n".into(),
        ),
        (
            "crlf.rs",
            b"pub struct Crlf {\r\n    pub password: String,\r\n}\r\n".to_vec(),
        ),
        ("empty.rs", Vec::new()),
        (
            "nul.rs",
            b"pub struct N { pub a: u8 }\0\0\0 struct".to_vec(),
        ),
        ("wide.rs", huge_line.into_bytes()),
        ("huge.rs", huge_file.into_bytes()),
        (
            "broken.rs",
            b"pub struct B { pub email: String,, }\nfn x( {".to_vec(),
        ),
        ("cut.rs", b"pub struct Cut { pub email: Str".to_vec()),
        (
            "strings.rs",
            b"const S: &str = \"unterminated struct X { email: String }".to_vec(),
        ),
    ];
    for (name, bytes) in cases {
        let dir = tree_with(name, bytes);
        let (code, report, err) = lint_dir(dir.path());
        assert!(code <= 1, "{name}: exit {code}: {err}");
        assert_good_file_checked(&report);
    }
}

#[test]
fn bom_and_crlf_files_are_read_at_the_right_positions() {
    let dir = tempfile::tempdir().unwrap();
    write(
        dir.path(),
        "bom.rs",
        "\u{feff}pub struct Bom { pub phone: String }\n",
    );
    write(
        dir.path(),
        "crlf.rs",
        "pub struct Crlf {\r\n    pub password: String,\r\n}\r\n",
    );
    let (_, report, _) = lint_dir(dir.path());
    let at: Vec<(String, u64, u64)> = report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| {
            (
                f["field"].as_str().unwrap().into(),
                f["line"].as_u64().unwrap(),
                f["column"].as_u64().unwrap(),
            )
        })
        .collect();
    assert_eq!(at, [("phone".into(), 1, 22), ("password".into(), 2, 9)]);
}

#[test]
fn deeply_nested_types_do_not_overflow_the_stack() {
    let depth = 3000;
    let nested = format!("{}u8{}", "Option<".repeat(depth), ">".repeat(depth));
    let parens = format!("{}1{}", "(".repeat(depth), ")".repeat(depth));
    let source = format!(
        "pub struct Deep {{ pub a: {nested}, pub b: [u8; {parens}] }}\nfn f() {{ {parens}; }}\n"
    );
    let dir = tree_with("deep.rs", source);
    let (code, report, err) = lint_dir(dir.path());
    assert!(code <= 1, "exit {code}: {err}");
    assert_good_file_checked(&report);
}

#[cfg(unix)]
#[test]
fn symlink_loops_fifos_and_directories_named_like_files_are_skipped() {
    let dir = tree_with("src/lib.rs", "pub struct Ok;");
    std::os::unix::fs::symlink(dir.path(), dir.path().join("src/loop")).unwrap();
    std::os::unix::fs::symlink(
        dir.path().join("missing.rs"),
        dir.path().join("dangling.rs"),
    )
    .unwrap();
    std::fs::create_dir_all(dir.path().join("folder.rs")).unwrap();
    let fifo = dir.path().join("pipe.rs");
    let made = std::process::Command::new("mkfifo")
        .arg(&fifo)
        .status()
        .is_ok_and(|s| s.success());
    let (code, report, err) = lint_dir(dir.path());
    assert!(code <= 1, "exit {code}: {err}");
    assert_good_file_checked(&report);
    assert_eq!(report["summary"]["files"], 2, "fifo made: {made}; {report}");
}

#[cfg(unix)]
#[test]
fn an_unreadable_file_is_reported_and_the_rest_checked() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tree_with("secret.rs", "pub struct S { pub token: String }");
    let secret = dir.path().join("secret.rs");
    std::fs::set_permissions(&secret, std::fs::Permissions::from_mode(0o000)).unwrap();
    let readable_anyway = std::fs::read(&secret).is_ok(); // root reads everything
    let (code, report, err) = lint_dir(dir.path());
    assert!(code <= 1, "exit {code}: {err}");
    assert_good_file_checked(&report);
    if !readable_anyway {
        assert!(
            findings(&report).contains(&("CL0007".into(), "secret.rs".into())),
            "{report}"
        );
    }
}

#[test]
fn a_missing_path_is_exit_2_and_a_single_file_is_linted_alone() {
    let (code, _, err) = lint(&["/no/such/path"]);
    assert_eq!(code, 2);
    assert!(
        err.contains("/no/such/path") && err.contains("does not exist"),
        "{err}"
    );
    let dir = tree_with("other.rs", "pub struct O { pub phone: String }");
    let file = dir.path().join("good.rs");
    let (_, report, _) = lint(&[file.to_str().unwrap()]);
    assert_eq!(report["summary"]["files"], 1);
}

#[test]
fn bad_configs_are_exit_2_with_a_position_and_empty_ones_are_fine() {
    for (config, expected) in [
        ("[statement\n", "collects.toml:1:"),
        ("[statement]\nlists = 3\n", "collects.toml:2:"),
        ("[lint]\nexclud = []\n", "did you mean `exclude`?"),
        ("[nonsense]\n", "unknown key `nonsense`"),
        (
            "[taxonomy]\npath = \"missing.toml\"\n",
            "cannot read the taxonomy",
        ),
    ] {
        let dir = tree_with("collects.toml", config);
        let (code, _, err) = lint_dir(dir.path());
        assert_eq!(code, 2, "{config}");
        assert!(err.contains(expected), "{config}: {err}");
    }
    let dir = tree_with("collects.toml", "");
    assert_eq!(lint_dir(dir.path()).0, 1);
}

#[test]
fn a_bad_custom_taxonomy_is_exit_2_with_what_is_wrong() {
    for (taxonomy, expected) in [
        (
            "[A]\nheading = \"h\"\nX = \"x\"\nX = \"y\"\n",
            "taxonomy.toml:4:",
        ),
        ("[A]\nX = \"x\"\n", "no `heading`"),
        ("[A]\nheading = \"h\"\nX = 3\n", "must be a string"),
        ("", "no category group"),
    ] {
        let dir = tree_with("collects.toml", "[taxonomy]\npath = \"taxonomy.toml\"\n");
        write(dir.path(), "taxonomy.toml", taxonomy);
        let (code, _, err) = lint_dir(dir.path());
        assert_eq!(code, 2, "{taxonomy}");
        assert!(err.contains(expected), "{taxonomy}: {err}");
    }
}

#[test]
fn a_custom_taxonomy_replaces_the_builtin_one() {
    let dir = tree_with("collects.toml", "[taxonomy]\npath = \"taxonomy.toml\"\n");
    write(
        dir.path(),
        "taxonomy.toml",
        "[Health]\nheading = \"Health data\"\nSteps = \"step counts\"\n",
    );
    write(dir.path(), "fit.rs", "#[derive(Collects)]\npub struct Fit {\n    #[collects(Health::Steps)]\n    pub steps: u32,\n    #[collects(Contact::Email)]\n    pub email: String,\n}\n");
    let (_, report, _) = lint_dir(dir.path());
    let found = findings(&report);
    assert!(
        found.contains(&("CL0004".into(), "fit.rs".into())),
        "{report}"
    );
    assert_eq!(report["declarations"][0]["categories"][0], "Health::Steps");
}

#[test]
fn the_scanned_tree_is_left_as_it_was() {
    let dir = tree_with("collects.toml", "[statement]\nlists = [\"Contact\"]\n");
    let before = listing(dir.path());
    lint_dir(dir.path());
    assert_eq!(listing(dir.path()), before);
}

fn listing(dir: &Path) -> Vec<(String, u64)> {
    let mut entries: Vec<(String, u64)> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| {
            let e = e.unwrap();
            (
                e.file_name().to_string_lossy().into_owned(),
                e.metadata().unwrap().len(),
            )
        })
        .collect();
    entries.sort();
    entries
}

#[test]
fn a_custom_taxonomy_brings_its_own_words() {
    let dir = tree_with(
        "collects.toml",
        "[taxonomy]\npath = \"taxonomy.toml\"\nvocabulary = \"words.toml\"\n",
    );
    write(
        dir.path(),
        "taxonomy.toml",
        "[Health]\nheading = \"Health data\"\nSteps = \"step counts\"\n",
    );
    write(
        dir.path(),
        "words.toml",
        "[Health.Steps]\nnames = [\"step count\", \"steps\"]\n",
    );
    write(
        dir.path(),
        "fit.rs",
        "pub struct Walk {\n    pub daily_steps: u32,\n}\n",
    );
    let (_, report, err) = lint_dir(dir.path());
    let walk: Vec<&Value> = report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["item"] == "Walk")
        .collect();
    assert_eq!(walk.len(), 1, "{report} {err}");
    assert_eq!(walk[0]["suggested"][0], "Health::Steps");
}

#[test]
fn a_missing_custom_vocabulary_is_exit_2() {
    let dir = tree_with("collects.toml", "[taxonomy]\nvocabulary = \"nope.toml\"\n");
    let (code, _, err) = lint_dir(dir.path());
    assert_eq!(code, 2);
    assert!(err.contains("cannot read the vocabulary"), "{err}");
}

#[test]
fn a_fitted_file_cuts_kinds_of_evidence_and_a_bad_one_is_exit_2() {
    let dir = tree_with(
        "user.rs",
        "pub struct Account { pub email: String, pub phone: String }\n",
    );
    let fitted = tempfile::NamedTempFile::new().unwrap();
    let path = fitted.path().to_str().unwrap();
    let basis = |report: &Value| -> Vec<(String, String)> {
        report["findings"]
            .as_array()
            .unwrap()
            .iter()
            .map(|f| {
                (
                    f["severity"].as_str().unwrap().into(),
                    f["basis"].as_str().unwrap_or("").into(),
                )
            })
            .collect()
    };
    let (_, plain, _) = lint_dir(dir.path());
    assert!(
        basis(&plain)
            .iter()
            .all(|(s, b)| s == "error" && b == "name/strong"),
        "{plain}"
    );

    // Below `report`: not reported at all; below `strong`: a note.
    for (precision, expected) in [
        ("0.3", None),
        ("0.8", Some("note")),
        ("0.99", Some("error")),
    ] {
        std::fs::write(
            fitted.path(),
            format!("[fit]\nreport = 0.5\nstrong = 0.95\n[kinds]\n\"name/strong\" = {{ precision = {precision}, fields = 9 }}\n"),
        )
        .unwrap();
        let (_, report, err) = lint(&["--fitted", path, dir.path().to_str().unwrap()]);
        let severities: Vec<String> = basis(&report).into_iter().map(|(s, _)| s).collect();
        match expected {
            None => assert!(severities.is_empty(), "{report} {err}"),
            Some(level) => assert!(
                severities.len() == 3 && severities.iter().all(|s| s == level),
                "{report}"
            ),
        }
    }

    std::fs::write(
        fitted.path(),
        "[fit]\nreport = 0.5\nstrong = 0.95\n[kinds]\n\"name/strongest\" = { precision = 0.9 }\n",
    )
    .unwrap();
    let (code, _, err) = lint(&["--fitted", path, dir.path().to_str().unwrap()]);
    assert_eq!(code, 2);
    assert!(
        err.contains("`name/strongest` is no kind of evidence") && err.contains("scripts/fit"),
        "{err}"
    );
}
