//! Adopting collects on an existing codebase, through the built binary run the
//! way cargo runs it (`cargo-collects collects ...`): init, the baseline, the
//! CI formats (SARIF validated against the official schema, GitHub
//! annotations) and `--changed-since`.
//!
//! The fixture `tests/adoption` has one finding of each kind a team
//! meets first. `UPDATE_EXPECT=1` rewrites the expected files; review the diff.

use std::path::{Path, PathBuf};
use std::process::Command;

use collects_e2e::{assert_expected, copy_tree, finding_places, git, Run};
use collects_lint::finding::{Code, Fingerprint};
use serde_json::Value;

/// The linter's `main`, built by this package under its own name.
const BIN: &str = env!("CARGO_BIN_EXE_cargo-collects-e2e");

/// Runs `cargo collects ARGS` in `dir`: argv[1] is `collects`, as cargo passes it.
fn cargo_collects(dir: &Path, args: &[&str]) -> Run {
    Command::new(BIN)
        .arg("collects")
        .args(args)
        .current_dir(dir)
        .env_remove("NO_COLOR")
        .output()
        .expect("the binary runs")
        .into()
}

fn json(run: &Run) -> Value {
    serde_json::from_str(&run.out).unwrap_or_else(|e| panic!("not JSON ({e}): {run:?}"))
}

fn fixture() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("adoption")
}

/// A fresh directory for one test, holding a copy of the fixture when asked.
fn scratch(name: &str, with_fixture: bool) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("collects-adoption-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    if with_fixture {
        copy_tree(&fixture(), &dir);
    }
    dir
}

fn read(path: &Path) -> String {
    std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn write(path: &Path, text: &str) {
    std::fs::write(path, text).unwrap();
}

/// Moves every line of a file down: what an unrelated edit above a finding does.
fn prepend_lines(path: &Path, lines: &str) {
    let text = read(path);
    write(path, &format!("{lines}{text}"));
}

#[test]
fn cargo_runs_the_binary_with_collects_as_its_first_argument() {
    let via_cargo = cargo_collects(&fixture(), &["check", "--color", "never"]);
    assert_eq!(via_cargo.code, 1, "{via_cargo:?}");
    assert!(
        via_cargo.out.contains("`User.phone_number` looks like"),
        "{via_cargo:?}"
    );
    let direct = Command::new(BIN)
        .args(["check", "--color", "never"])
        .current_dir(fixture())
        .output()
        .unwrap();
    assert_eq!(direct.status.code(), Some(1));
    assert_eq!(String::from_utf8_lossy(&direct.stdout), via_cargo.out);
    let version = cargo_collects(&fixture(), &["--version"]);
    assert_eq!(version.code, 0, "{version:?}");
    assert!(
        version.out.contains(env!("CARGO_PKG_VERSION")),
        "{version:?}"
    );
}

// --- SARIF and GitHub annotations -----------------------------------------

fn sarif_validator() -> jsonschema::Validator {
    let schema: Value = serde_json::from_str(&read(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("schemas/sarif-schema-2.1.0.json"),
    ))
    .unwrap();
    jsonschema::validator_for(&schema).expect("the SARIF schema compiles")
}

fn assert_valid_sarif(validator: &jsonschema::Validator, sarif: &Value) {
    let errors: Vec<String> = validator
        .iter_errors(sarif)
        .map(|e| format!("{} at {}", e, e.instance_path()))
        .collect();
    assert!(
        errors.is_empty(),
        "SARIF does not validate:\n{}\n{sarif:#}",
        errors.join("\n")
    );
}

fn fingerprints(sarif: &Value) -> Vec<(String, String)> {
    sarif["runs"][0]["results"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| {
            (
                r["ruleId"].as_str().unwrap().to_string(),
                r["partialFingerprints"]["collectsFingerprint/v1"]
                    .as_str()
                    .expect("every result has our fingerprint")
                    .to_string(),
            )
        })
        .collect()
}

#[test]
fn sarif_validates_against_the_official_schema_with_every_rule() {
    let validator = sarif_validator();
    let run = cargo_collects(&fixture(), &["check", "--format", "sarif"]);
    assert_eq!(run.code, 1, "{run:?}");
    let sarif = json(&run);
    assert_valid_sarif(&validator, &sarif);
    assert_eq!(sarif["version"], "2.1.0");
    let driver = &sarif["runs"][0]["tool"]["driver"];
    let rules = driver["rules"].as_array().unwrap();
    assert_eq!(rules.len(), Code::ALL.len());
    for (rule, code) in rules.iter().zip(Code::ALL) {
        assert_eq!(rule["id"], code.as_str());
        assert_eq!(rule["name"], code.name());
        assert_eq!(rule["shortDescription"]["text"], code.explain().summary);
        assert_eq!(
            rule["fullDescription"]["text"],
            code.explain().what_it_does.trim()
        );
        assert_eq!(rule["help"]["text"], code.explain_text());
        assert_eq!(
            rule["defaultConfiguration"]["level"],
            code.default_severity().as_str()
        );
    }
    let results = sarif["runs"][0]["results"].as_array().unwrap();
    assert_eq!(results.len(), 4, "{sarif:#}");
    let phone = results
        .iter()
        .find(|r| {
            r["message"]["text"]
                .as_str()
                .unwrap()
                .contains("phone_number")
        })
        .unwrap();
    assert_eq!(phone["ruleId"], "CL0001");
    assert_eq!(phone["level"], "error");
    let location = &phone["locations"][0]["physicalLocation"];
    assert_eq!(location["artifactLocation"]["uri"], "src/user.rs");
    assert_eq!(location["region"]["startLine"], 7);
    assert_eq!(location["region"]["startColumn"], 9);
    // The same fingerprint as the baseline's, computed from path, item, field, code.
    let fingerprint = Fingerprint {
        path: "src/user.rs".into(),
        item: Some("User".into()),
        field: Some("phone_number".into()),
        code: Code::Undeclared,
        subject: None,
    };
    assert_eq!(
        phone["partialFingerprints"]["collectsFingerprint/v1"],
        fingerprint.hash()
    );
}

#[test]
fn sarif_validates_for_a_clean_tree_the_example_and_a_baseline_with_stale_entries() {
    let validator = sarif_validator();
    let clean = scratch("sarif-clean", false);
    write(&clean.join("lib.rs"), "pub struct Point { x: f64 }\n");
    let run = cargo_collects(&clean, &["check", "--format", "sarif"]);
    assert_eq!(run.code, 0, "{run:?}");
    let sarif = json(&run);
    assert_valid_sarif(&validator, &sarif);
    assert_eq!(sarif["runs"][0]["results"], Value::Array(Vec::new()));

    let shop = Path::new(env!("CARGO_MANIFEST_DIR")).join("../examples/shop");
    let run = cargo_collects(&shop, &["check", "--format", "sarif"]);
    assert_valid_sarif(&validator, &json(&run));

    let dir = scratch("sarif-stale", true);
    cargo_collects(&dir, &["check", "--write-baseline", "baseline.json"]);
    let user = read(&dir.join("src/user.rs")).replace("    pub phone_number: String,\n", "");
    write(&dir.join("src/user.rs"), &user);
    let run = cargo_collects(
        &dir,
        &["check", "--format", "sarif", "--baseline", "baseline.json"],
    );
    assert_eq!(run.code, 0, "{run:?}");
    let sarif = json(&run);
    assert_valid_sarif(&validator, &sarif);
    // The stale entry is a note like any other finding, at the baseline file.
    let results = sarif["runs"][0]["results"].as_array().unwrap();
    assert_eq!(results.len(), 1, "{sarif:#}");
    assert_eq!(results[0]["level"], "note");
    assert_eq!(results[0]["ruleId"], "CL0001");
    assert_eq!(
        results[0]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"],
        "baseline.json"
    );
    assert!(
        results[0]["message"]["text"].as_str().unwrap().contains(
            "stale baseline entry: `User.phone_number` in src/user.rs is no longer found"
        ),
        "{sarif:#}"
    );
}

#[test]
fn sarif_fingerprints_survive_edits_above_the_findings() {
    let dir = scratch("sarif-moves", true);
    let before = json(&cargo_collects(&dir, &["check", "--format", "sarif"]));
    prepend_lines(&dir.join("src/user.rs"), "//! Users.\n\n// More.\n");
    prepend_lines(&dir.join("src/order.rs"), "//! Orders.\n");
    let after = json(&cargo_collects(&dir, &["check", "--format", "sarif"]));
    let line = |sarif: &Value, i: usize| {
        sarif["runs"][0]["results"][i]["locations"][0]["physicalLocation"]["region"]["startLine"]
            .clone()
    };
    assert_ne!(line(&before, 1), line(&after, 1));
    assert_eq!(fingerprints(&before), fingerprints(&after));
    let unique: std::collections::HashSet<_> = fingerprints(&before).into_iter().collect();
    assert_eq!(unique.len(), 4);
}

#[test]
fn github_format_prints_one_workflow_command_per_finding() {
    let run = cargo_collects(&fixture(), &["check", "--format", "github"]);
    assert_eq!(run.code, 1, "{run:?}");
    for line in run.out.lines() {
        assert!(
            line.starts_with("::error file=") || line.starts_with("::notice file="),
            "{line}"
        );
    }
    assert_expected(&fixture().join("expected.github"), &run.out);
}

// --- the baseline -----------------------------------------------------------

fn entries(baseline: &Path) -> Vec<Value> {
    let file: Value = serde_json::from_str(&read(baseline)).unwrap();
    file["findings"].as_array().unwrap().clone()
}

#[test]
fn a_baseline_tolerates_exactly_the_recorded_findings_and_fails_on_new_ones() {
    let dir = scratch("baseline", true);
    let baseline = dir.join("collects-baseline.json");

    let run = cargo_collects(
        &dir,
        &["check", "--write-baseline", "collects-baseline.json"],
    );
    assert_eq!(run.code, 0, "{run:?}");
    assert!(
        run.err
            .contains("wrote 4 entries to collects-baseline.json"),
        "{run:?}"
    );
    assert!(run.out.contains("4 baselined"), "{run:?}");
    // Reviewable: one entry per finding, sorted, a reason to fill in, no lines.
    let recorded = entries(&baseline);
    let keys: Vec<(String, String, String)> = recorded
        .iter()
        .map(|e| {
            (
                e["path"].as_str().unwrap().to_string(),
                e["item"].as_str().unwrap_or("").to_string(),
                e["field"].as_str().unwrap_or("").to_string(),
            )
        })
        .collect();
    let mut sorted = keys.clone();
    sorted.sort();
    assert_eq!(keys, sorted);
    assert_eq!(recorded.len(), 4);
    assert!(recorded
        .iter()
        .all(|e| e["reason"] == "" && e.get("line").is_none()));
    let text = read(&baseline);
    assert!(text.contains("\"field\": \"phone_number\""), "{text}");

    // A team writes its reasons; lines move; the gate still passes.
    write(
        &baseline,
        &text.replacen(
            "\"reason\": \"\"",
            "\"reason\": \"statement update pending\"",
            4,
        ),
    );
    prepend_lines(
        &dir.join("src/user.rs"),
        "// Moved down by an unrelated edit.\n\n",
    );
    let run = cargo_collects(&dir, &["check", "--baseline", "collects-baseline.json"]);
    assert_eq!(run.code, 0, "{run:?}");

    // A new undeclared email fails, and it alone is reported.
    let order = read(&dir.join("src/order.rs")).replace(
        "    pub id: u64,\n",
        "    pub id: u64,\n    pub email: String,\n",
    );
    write(&dir.join("src/order.rs"), &order);
    let check_with_baseline = || {
        cargo_collects(
            &dir,
            &[
                "check",
                "--color",
                "never",
                "--baseline",
                "collects-baseline.json",
            ],
        )
    };
    let run = check_with_baseline();
    assert_eq!(run.code, 1, "{run:?}");
    assert!(run.out.contains("`Order.email` looks like"), "{run:?}");
    assert!(!run.out.contains("phone_number"), "{run:?}");
    assert!(run.out.contains("; 4 baselined"), "{run:?}");

    // A fixed finding leaves a stale entry: a note in human output, a field in JSON.
    let user = read(&dir.join("src/user.rs")).replace("    pub phone_number: String,\n", "");
    write(&dir.join("src/user.rs"), &user);
    let run = check_with_baseline();
    assert!(
        run.out.contains(
            "note[CL0001/undeclared]: stale baseline entry: `User.phone_number` in src/user.rs is no longer found"
        ),
        "{run:?}"
    );
    assert!(run.out.contains("3 baselined, 1 stale"), "{run:?}");
    let report = json(&cargo_collects(
        &dir,
        &[
            "check",
            "--format",
            "json",
            "--baseline",
            "collects-baseline.json",
        ],
    ));
    assert_eq!(report["summary"]["baselined"], 3);
    assert_eq!(report["summary"]["stale"], 1);
    assert_eq!(report["stale"][0]["field"], "phone_number");
    // The new finding, and the stale entry as a note at the baseline file.
    let findings = report["findings"].as_array().unwrap();
    assert_eq!(findings.len(), 2, "{report:#}");
    assert_eq!(findings[1]["severity"], "note");
    assert_eq!(findings[1]["path"], "collects-baseline.json");
    assert_eq!(report["summary"]["notes"], 1);

    // Re-recording keeps the reasons of unchanged entries; the new one has none.
    let run = cargo_collects(
        &dir,
        &["check", "--write-baseline", "collects-baseline.json"],
    );
    assert_eq!(run.code, 0, "{run:?}");
    let rerecorded = entries(&baseline);
    let reason = |field: &str| {
        rerecorded
            .iter()
            .find(|e| e["field"] == field)
            .map(|e| e["reason"].as_str().unwrap().to_string())
    };
    assert_eq!(
        reason("shipping_address").unwrap(),
        "statement update pending"
    );
    assert_eq!(reason("last_login_ip").unwrap(), "statement update pending");
    assert_eq!(reason("email").unwrap(), "");
    assert_eq!(reason("phone_number"), None);
}

#[test]
fn without_a_baseline_the_json_report_is_unchanged() {
    let report = json(&cargo_collects(&fixture(), &["check", "--format", "json"]));
    assert!(report.get("stale").is_none());
    assert!(report["summary"].get("baselined").is_none());
}

#[test]
fn the_baseline_named_in_collects_toml_is_used_and_a_file_run_reports_no_stale_entries_elsewhere() {
    let dir = scratch("baseline-config", true);
    let run = cargo_collects(&dir, &["check", "--write-baseline", "known.json"]);
    assert_eq!(run.code, 0, "{run:?}");
    let config = read(&dir.join("collects.toml")) + "\n[lint]\nbaseline = \"known.json\"\n";
    write(&dir.join("collects.toml"), &config);
    let run = cargo_collects(&dir, &["check", "--color", "never"]);
    assert_eq!(run.code, 0, "{run:?}");
    assert!(run.out.contains("4 baselined"), "{run:?}");
    // One file, as a pre-commit hook passes it: entries of other files are not stale.
    let run = cargo_collects(&dir, &["check", "--color", "never", "src/order.rs"]);
    assert_eq!(run.code, 0, "{run:?}");
    assert!(run.out.contains("1 baselined"), "{run:?}");
    assert!(!run.out.contains("stale"), "{run:?}");
    // A file run that re-records keeps the entries of the files it did not read.
    let run = cargo_collects(
        &dir,
        &["check", "--write-baseline", "known.json", "src/order.rs"],
    );
    assert_eq!(run.code, 0, "{run:?}");
    assert_eq!(entries(&dir.join("known.json")).len(), 4);
}

#[test]
fn a_malformed_or_missing_baseline_stops_the_run_with_its_position() {
    let dir = scratch("baseline-bad", true);
    write(
        &dir.join("bad.json"),
        "{\n  \"version\": 1,\n  \"findings\": [\n    { \"code\": \"CL0001\", \"path\": \"src/user.rs\" \"reason\": \"\" }\n  ]\n}\n",
    );
    let run = cargo_collects(&dir, &["check", "--baseline", "bad.json"]);
    assert_eq!(run.code, 2, "{run:?}");
    assert!(run.err.contains("bad.json:4:"), "{run:?}");
    assert!(run.err.contains("invalid baseline"), "{run:?}");
    let before = read(&dir.join("bad.json"));
    let run = cargo_collects(&dir, &["check", "--write-baseline", "bad.json"]);
    assert_eq!(run.code, 2, "{run:?}");
    assert_eq!(
        read(&dir.join("bad.json")),
        before,
        "a malformed file is not overwritten"
    );
    let run = cargo_collects(&dir, &["check", "--baseline", "missing.json"]);
    assert_eq!(run.code, 2, "{run:?}");
    assert!(
        run.err.contains("cannot read the baseline missing.json"),
        "{run:?}"
    );
    assert!(run.err.contains("--write-baseline missing.json"), "{run:?}");
}

// --- init ---------------------------------------------------------------------

#[test]
fn init_writes_the_statement_the_code_declares_and_never_overwrites_without_force() {
    let dir = scratch("init", true);
    std::fs::remove_file(dir.join("collects.toml")).unwrap();
    let run = cargo_collects(&dir, &["init"]);
    assert_eq!(run.code, 0, "{run:?}");
    assert!(
        run.out.contains("2 categories from 2 declared fields"),
        "{run:?}"
    );
    let written = read(&dir.join("collects.toml"));
    assert!(
        written.contains("    \"Contact::Email\",    # User.email (src/user.rs:6)\n"),
        "{written}"
    );
    assert!(
        written.contains("    \"Device::IpAddress\", # User.last_login_ip (src/user.rs:9)\n"),
        "{written}"
    );
    assert!(
        written.contains("\"Device::IpAddress\" = [\"Security\"]\n"),
        "{written}"
    );
    // The statement now agrees with the code: no CL0003, no CL0005.
    let report = json(&cargo_collects(&dir, &["check", "--format", "json"]));
    let codes: Vec<&str> = report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["code"].as_str().unwrap())
        .collect();
    assert_eq!(codes, ["CL0001", "CL0001"], "{report:#}");

    // Refuses, and changes nothing.
    write(&dir.join("collects.toml"), "# ours\n");
    let run = cargo_collects(&dir, &["init"]);
    assert_eq!(run.code, 2, "{run:?}");
    assert!(
        run.err.contains("already exists; nothing was changed"),
        "{run:?}"
    );
    assert!(run.err.contains("--force"), "{run:?}");
    assert_eq!(read(&dir.join("collects.toml")), "# ours\n");

    // --force replaces it; a PATH argument names the directory.
    let parent = dir.parent().unwrap();
    let name = dir.file_name().unwrap().to_str().unwrap();
    let run = cargo_collects(parent, &["init", name, "--force"]);
    assert_eq!(run.code, 0, "{run:?}");
    assert_eq!(read(&dir.join("collects.toml")), written);
}

#[test]
fn init_refuses_a_path_that_is_not_a_directory() {
    let run = cargo_collects(&fixture(), &["init", "src/user.rs"]);
    assert_eq!(run.code, 2, "{run:?}");
    assert!(run.err.contains("is not a directory"), "{run:?}");
}

// --- --changed-since -------------------------------------------------------

#[test]
fn changed_since_lints_only_changed_and_new_files_with_the_statement() {
    let dir = scratch("changed", true);
    git(&dir, &["init", "-q"]);
    git(&dir, &["add", "."]);
    git(&dir, &["commit", "-q", "-m", "first"]);
    // Changed since HEAD: order.rs (edited) and an untracked new module.
    let order = read(&dir.join("src/order.rs"))
        .replace("pub id: u64,", "pub id: u64,\n    pub total_cents: u64,");
    write(&dir.join("src/order.rs"), &order);
    write(
        &dir.join("src/audit.rs"),
        "use collects::Collects;\n\n#[derive(Collects)]\npub struct Audit {\n    #[collects(Device::IpAddress, purpose = Security)]\n    pub ip: std::net::IpAddr,\n}\n",
    );
    let report = json(&cargo_collects(
        &dir,
        &["check", "--format", "json", "--changed-since", "HEAD"],
    ));
    assert_eq!(report["summary"]["files"], 2, "{report:#}");
    let found = finding_places(&report);
    // The statement still applies (CL0003 in the new file); user.rs is read
    // (the leak checks need every declaration) but not reported on; CL0005
    // needs the whole tree, so it is not reported.
    assert_eq!(
        found,
        [
            ("CL0003".to_string(), "src/audit.rs".to_string()),
            ("CL0001".to_string(), "src/order.rs".to_string()),
        ],
        "{report:#}"
    );
    // Nothing changed: nothing to lint.
    git(&dir, &["add", "."]);
    git(&dir, &["commit", "-q", "-m", "second"]);
    let run = cargo_collects(
        &dir,
        &["check", "--changed-since", "HEAD", "--color", "never"],
    );
    assert_eq!(run.code, 0, "{run:?}");
    assert!(run.out.contains("in 0 files"), "{run:?}");
    // Since the first commit: both files again.
    let run = cargo_collects(
        &dir,
        &["check", "--format", "json", "--changed-since", "HEAD~1"],
    );
    assert_eq!(json(&run)["summary"]["files"], 2, "{run:?}");
}

#[test]
fn changed_since_rechecks_the_code_that_prints_a_type_whose_declaration_changed() {
    let dir = scratch("changed-leak", false);
    std::fs::create_dir_all(dir.join("src")).unwrap();
    let user =
        "#[derive(Debug)]\npub struct User {\n    pub id: u64,\n    pub nickname: String,\n}\n";
    write(&dir.join("src/user.rs"), user);
    write(
        &dir.join("src/api.rs"),
        "use crate::user::User;\n\npub fn greet(user: &User) {\n    tracing::info!(\"hello {}\", user.nickname);\n}\n",
    );
    git(&dir, &["init", "-q"]);
    git(&dir, &["add", "."]);
    git(&dir, &["commit", "-q", "-m", "first"]);
    // Only user.rs changes: its nickname is now declared a sensitive category.
    write(
        &dir.join("collects.toml"),
        "[leaks]\nsensitive = [\"Contact\"]\n",
    );
    write(
        &dir.join("src/user.rs"),
        &user.replace(
            "    pub nickname",
            "    #[collects(Contact::Other, purpose = Account)]\n    pub nickname",
        ),
    );
    let report = json(&cargo_collects(
        &dir,
        &["check", "--format", "json", "--changed-since", "HEAD"],
    ));
    assert_eq!(
        finding_places(&report),
        [
            ("CL0009".to_string(), "src/api.rs".to_string()),
            ("CL0008".to_string(), "src/user.rs".to_string()),
        ],
        "{report:#}"
    );
    assert_eq!(report["summary"]["files"], 2, "{report:#}");
    assert_eq!(report["declarations"].as_array().unwrap().len(), 1);
}

#[test]
fn changed_since_outside_git_or_with_a_bad_revision_is_exit_2() {
    let dir = scratch("changed-bad", true);
    let run = cargo_collects(&dir, &["check", "--changed-since", "HEAD"]);
    assert_eq!(run.code, 2, "{run:?}");
    assert!(run.err.contains("needs a git repository"), "{run:?}");
    git(&dir, &["init", "-q"]);
    git(&dir, &["add", "."]);
    git(&dir, &["commit", "-q", "-m", "first"]);
    let run = cargo_collects(&dir, &["check", "--changed-since", "no-such-branch"]);
    assert_eq!(run.code, 2, "{run:?}");
    assert!(
        run.err
            .contains("`no-such-branch` is not a revision of this repository"),
        "{run:?}"
    );
    let run = cargo_collects(&dir, &["check", "--changed-since", "--output=x"]);
    assert_eq!(run.code, 2, "{run:?}");
}
