//! Every directory under `tests/fixtures/` is a tree to lint. Its `args` file
//! (optional) holds extra arguments, one per line; the expected output of the
//! human and JSON formats is kept in `expected.human` and `expected.json`.

use std::path::Path;

use collects_e2e::{assert_expected, run_cli};

fn check_fixture(name: &str) {
    let dir = Path::new("fixtures").join(name);
    let extra = std::fs::read_to_string(dir.join("args")).unwrap_or_default();
    let extra: Vec<&str> = extra.lines().filter(|l| !l.trim().is_empty()).collect();
    let dir_arg = dir.to_string_lossy().into_owned();
    for (format, file) in [("human", "expected.human"), ("json", "expected.json")] {
        let mut args = vec!["check", "--color", "never", "--format", format];
        args.extend(extra.iter().copied());
        if !extra.iter().any(|a| a.starts_with("fixtures/")) {
            args.push(&dir_arg);
        }
        assert_expected(&dir.join(file), &run_cli(&args));
    }
}

macro_rules! fixtures {
    ($($test:ident => $dir:literal),* $(,)?) => {
        $(#[test] fn $test() { check_fixture($dir); })*

        #[test]
        fn every_fixture_directory_has_a_test() {
            let listed = [$($dir),*];
            for entry in std::fs::read_dir("fixtures").unwrap() {
                let name = entry.unwrap().file_name().into_string().unwrap();
                assert!(listed.contains(&name.as_str()), "fixtures/{name} has no test: add it to the list");
            }
        }
    };
}

fixtures! {
    cl0001_undeclared => "cl0001-undeclared",
    cl0001_standards => "cl0001-standards",
    cl0001_external_types => "cl0001-external-types",
    cl0001_nested_records => "cl0001-nested-records",
    cl0001_domain => "cl0001-domain",
    cl0001_domain_named => "cl0001-domain-named",
    cl0002_mismatch => "cl0002-mismatch",
    cl0003_not_in_statement => "cl0003-not-in-statement",
    cl0004_unknown_category => "cl0004-unknown-category",
    cl0005_stated_not_collected => "cl0005-stated-not-collected",
    cl0006_malformed => "cl0006-malformed",
    cl0007_unparsable => "cl0007-unparsable",
    cl0008_debug_leak => "cl0008-debug-leak",
    cl0008_debug_leak_in_tests => "cl0008-debug-leak-in-tests",
    cl0009_log_leak => "cl0009-log-leak",
    cl0009_display_leak => "cl0009-display-leak",
    suppression => "suppression",
    severity_config => "severity-config",
    config_unknown_key => "config-unknown-key",
    config_bad_toml => "config-bad-toml",
    config_bad_vocabulary => "config-bad-vocabulary",
    clean => "clean",
    fix_app => "fix-app",
}

#[test]
fn the_bundled_example_reports_what_the_readme_shows() {
    assert_expected(
        Path::new("expected/shop.human"),
        &run_cli(&["check", "--color", "never", "../examples/shop"]),
    );
    assert_expected(
        Path::new("expected/shop.json"),
        &run_cli(&["check", "--format", "json", "../examples/shop"]),
    );
}

#[test]
fn a_path_that_does_not_exist_is_exit_2() {
    let output = run_cli(&["check", "fixtures/no-such-dir"]);
    assert!(
        output.contains("exit: 2") && output.contains("does not exist"),
        "{output}"
    );
}

#[test]
fn cargo_calls_it_with_collects_as_the_first_argument() {
    let direct = run_cli(&["explain", "CL0001"]);
    let via_cargo = run_cli(&["collects", "explain", "CL0001"]);
    assert_eq!(
        direct.lines().skip(1).collect::<Vec<_>>(),
        via_cargo.lines().skip(1).collect::<Vec<_>>()
    );
    assert!(direct.contains("## What it does"));
}

#[test]
fn explain_and_categories_answer() {
    assert_expected(
        Path::new("expected/explain-unknown.txt"),
        &run_cli(&["explain", "CL9999"]),
    );
    let categories = run_cli(&["categories"]);
    assert!(
        categories.contains("Contact::Email") && categories.contains("Purposes"),
        "{categories}"
    );
}

#[test]
fn a_single_file_is_linted_alone() {
    let output = run_cli(&[
        "check",
        "--format",
        "json",
        "fixtures/cl0001-undeclared/src/user.rs",
    ]);
    assert!(
        output.contains("\"path\": \"fixtures/cl0001-undeclared/src/user.rs\""),
        "{output}"
    );
    assert!(!output.contains("CL0005"), "{output}");
}

#[test]
fn a_file_named_beside_its_directory_is_read_once() {
    // The walk streams files to the readers as it finds them; a file under
    // two targets comes twice and must be linted once.
    let once = run_cli(&["check", "--format", "json", "fixtures/cl0001-undeclared"]);
    let twice = run_cli(&[
        "check",
        "--format",
        "json",
        "fixtures/cl0001-undeclared",
        "fixtures/cl0001-undeclared/src/user.rs",
    ]);
    let findings = |output: &str| output.matches("\"code\": \"CL0001\"").count();
    assert!(findings(&once) > 0, "{once}");
    assert_eq!(findings(&twice), findings(&once), "{twice}");
    assert!(twice.contains("\"files\": 1,"), "{twice}");
}

#[test]
fn timings_say_where_the_time_went() {
    let output = run_cli(&["check", "--timings", "--format", "json", "fixtures/clean"]);
    let stderr = output.split("--- stderr\n").nth(1).unwrap();
    for phase in [
        "walk",
        "read + parse",
        "evidence model",
        "check",
        "render",
        "total",
    ] {
        assert!(stderr.contains(phase), "{phase} missing from:\n{stderr}");
    }
}
