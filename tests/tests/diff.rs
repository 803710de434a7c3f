//! `cargo collects diff` on real git repositories made here: each test makes
//! commits in a scratch repository and runs the built binary in it, as a
//! workflow would. `UPDATE_EXPECT=1` rewrites the expected comment; review it.

use std::path::{Path, PathBuf};
use std::process::Command;

use collects_e2e::{assert_expected, git, Run};
use serde_json::Value;

/// The linter's `main`, built by this package under its own name.
const BIN: &str = env!("CARGO_BIN_EXE_cargo-collects-e2e");

const MARKER: &str = "<!-- cargo-collects-diff -->";

/// A scratch git repository, removed at the end of the test.
struct Repo {
    dir: tempfile::TempDir,
}

impl Repo {
    fn new() -> Repo {
        let repo = Repo {
            dir: tempfile::tempdir().unwrap(),
        };
        repo.git(&["init", "-q"]);
        repo
    }

    fn path(&self) -> &Path {
        self.dir.path()
    }

    fn git(&self, args: &[&str]) -> String {
        git(self.path(), args)
    }

    fn write(&self, path: &str, text: &str) {
        let file = self.path().join(path);
        std::fs::create_dir_all(file.parent().unwrap()).unwrap();
        std::fs::write(file, text).unwrap();
    }

    fn commit(&self, message: &str) {
        self.git(&["add", "-A"]);
        self.git(&["commit", "-q", "-m", message]);
    }

    /// `cargo collects diff ARGS` in `dir` (relative to the repository).
    fn diff_in(&self, dir: &str, args: &[&str]) -> Run {
        Command::new(BIN)
            .args(["collects", "diff"])
            .args(args)
            .current_dir(self.path().join(dir))
            .output()
            .expect("the binary runs")
            .into()
    }

    fn diff(&self, args: &[&str]) -> Run {
        self.diff_in("", args)
    }
}

fn json(run: &Run) -> Value {
    assert_eq!(run.code, 0, "{run:?}");
    serde_json::from_str(&run.out).unwrap_or_else(|e| panic!("not JSON ({e}): {run:?}"))
}

fn expected(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("expected")
        .join(name)
}

const STATEMENT: &str = "[statement]\nlists = [\"Contact\"]\ntext = \"PRIVACY.md\"\n";

const USER_BEFORE: &str = "\
use collects::Collects;

#[derive(Collects)]
pub struct User {
    #[collects(Contact::Phone, purpose = Account)]
    pub phone: String,
    #[collects(Contact::Name, purpose = Account)]
    pub name: String,
}
";

/// The first commit of most tests: a user with a phone and a name.
fn repo_with_a_user() -> Repo {
    let repo = Repo::new();
    repo.write("collects.toml", STATEMENT);
    repo.write("PRIVACY.md", "# Privacy\n\n## Name and contact data\n");
    repo.write("src/user.rs", USER_BEFORE);
    repo.commit("a user with a phone and a name");
    repo
}

/// The change most tests look at: an email added, the phone removed, the
/// name's purpose changed, and an address that is not declared.
const USER_AFTER: &str = "\
use collects::Collects;

#[derive(Collects)]
pub struct User {
    #[collects(Contact::Email, purpose = Account)]
    pub email: String,
    #[collects(Contact::Name, purpose = Support)]
    pub name: String,
    pub home_address: String,
}
";

#[test]
fn the_comment_shows_started_stopped_changed_undeclared_statement_and_exports() {
    let repo = repo_with_a_user();
    repo.write("src/user.rs", USER_AFTER);
    let run = repo.diff(&["HEAD"]);
    assert_eq!(run.code, 0, "{run:?}");
    assert!(run.out.starts_with(&format!("{MARKER}\n")), "{run:?}");
    assert_expected(&expected("diff-comment.md"), &run.out);
}

#[test]
fn json_has_every_section_in_the_documented_shape() {
    let repo = repo_with_a_user();
    repo.write("src/user.rs", USER_AFTER);
    repo.commit("email instead of phone");
    let diff = json(&repo.diff(&["--format", "json", "HEAD~1", "HEAD"]));
    let mut keys: Vec<&String> = diff.as_object().unwrap().keys().collect();
    keys.sort();
    assert_eq!(
        keys,
        [
            "base",
            "changed",
            "exports",
            "head",
            "started",
            "statement",
            "stopped",
            "undeclared",
            "version"
        ]
    );
    assert_eq!(diff["version"], 1);
    assert_eq!(diff["base"], "HEAD~1");
    assert_eq!(diff["head"], "HEAD");
    let field = |path: &str, line: u32, field: &str, category: &str, purpose: &str| {
        serde_json::json!({"path": path, "line": line, "item": "User", "field": field,
                           "categories": [category], "purposes": [purpose]})
    };
    assert_eq!(
        diff["started"],
        serde_json::json!([field(
            "src/user.rs",
            6,
            "email",
            "Contact::Email",
            "Account"
        )])
    );
    assert_eq!(
        diff["stopped"],
        serde_json::json!([field(
            "src/user.rs",
            6,
            "phone",
            "Contact::Phone",
            "Account"
        )])
    );
    assert_eq!(
        diff["changed"],
        serde_json::json!([{"path": "src/user.rs", "line": 8, "item": "User", "field": "name",
            "before": {"categories": ["Contact::Name"], "purposes": ["Account"]},
            "after": {"categories": ["Contact::Name"], "purposes": ["Support"]}}])
    );
    let undeclared = diff["undeclared"].as_array().unwrap();
    assert_eq!(undeclared.len(), 1, "{diff:#}");
    assert_eq!(undeclared[0]["code"], "CL0001");
    assert_eq!(undeclared[0]["field"], "home_address");
    assert_eq!(undeclared[0]["line"], 9);
    assert_eq!(undeclared[0]["suggested"][0], "Contact::PostalAddress");
    assert_eq!(
        diff["statement"],
        serde_json::json!({"started": ["Contact::Email"], "stopped": ["Contact::Phone"]})
    );
    let apple = &diff["exports"]["xcprivacy"];
    assert_eq!(
        apple["added"],
        serde_json::json!([
            "NSPrivacyCollectedDataTypeEmailAddress: NSPrivacyCollectedDataTypePurposeAppFunctionality"
        ])
    );
    assert_eq!(
        apple["removed"],
        serde_json::json!([
            "NSPrivacyCollectedDataTypePhoneNumber: NSPrivacyCollectedDataTypePurposeAppFunctionality"
        ])
    );
    let play_added = diff["exports"]["play-csv"]["added"].as_array().unwrap();
    assert!(
        play_added.contains(&Value::from(
            "PSL_DATA_TYPES_PERSONAL,PSL_EMAIL,true,MULTIPLE_CHOICE,Data types/Personal info/Email address"
        )),
        "{diff:#}"
    );
}

#[test]
fn a_struct_moved_to_another_file_is_not_new() {
    let repo = Repo::new();
    repo.write(
        "src/lib.rs",
        "pub struct Ticket {\n    pub id: u64,\n}\n\npub struct Customer {\n    #[collects(Contact::Email)]\n    pub email: String,\n    pub phone: String,\n}\n",
    );
    repo.commit("customers beside tickets");
    // Moved, and lower down its new file: neither the declared email nor the
    // undeclared phone is new.
    repo.write("src/lib.rs", "pub struct Ticket {\n    pub id: u64,\n}\n");
    repo.write(
        "src/customer.rs",
        "//! Customers.\n\nuse std::fmt;\n\npub struct Customer {\n    #[collects(Contact::Email)]\n    pub email: String,\n    pub phone: String,\n}\n",
    );
    repo.commit("customers in their own module");
    let run = repo.diff(&["HEAD~1", "HEAD"]);
    assert_eq!(
        run.out,
        format!("{MARKER}\nNo change to the personal data the code collects between `HEAD~1` and `HEAD`.\n"),
        "{run:?}"
    );
    let diff = json(&repo.diff(&["--format", "json", "HEAD~1", "HEAD"]));
    for section in ["started", "stopped", "changed", "undeclared"] {
        assert_eq!(diff[section], serde_json::json!([]), "{section}: {diff:#}");
    }
}

#[test]
fn renaming_the_statement_file_touches_no_personal_data() {
    let repo = repo_with_a_user();
    repo.git(&["mv", "PRIVACY.md", "privacy-statement.md"]);
    repo.write(
        "collects.toml",
        &STATEMENT.replace("PRIVACY.md", "privacy-statement.md"),
    );
    repo.commit("the statement under a clearer name");
    let run = repo.diff(&["HEAD~1", "HEAD"]);
    assert_eq!(run.code, 0, "{run:?}");
    assert_eq!(
        run.out,
        format!("{MARKER}\nNo change to the personal data the code collects between `HEAD~1` and `HEAD`.\n"),
    );
}

#[test]
fn a_bad_revision_or_no_repository_is_exit_2_with_what_git_said() {
    let repo = repo_with_a_user();
    let run = repo.diff(&["no-such-branch"]);
    assert_eq!(run.code, 2, "{run:?}");
    assert!(
        run.err
            .contains("`no-such-branch` is not a revision of this repository"),
        "{run:?}"
    );
    assert!(
        run.err
            .contains("git said: fatal: bad revision 'no-such-branch'"),
        "{run:?}"
    );
    assert!(run.out.is_empty(), "{run:?}");
    let run = repo.diff(&["HEAD", "HEAD:src"]);
    assert_eq!(run.code, 2, "{run:?}");
    assert!(run.err.contains("not a commit"), "{run:?}");
    let run = repo.diff(&["--output=x"]);
    assert_eq!(run.code, 2, "{run:?}");

    let outside = tempfile::tempdir().unwrap();
    let output = Command::new(BIN)
        .args(["collects", "diff", "main"])
        .current_dir(outside.path())
        .env("GIT_CEILING_DIRECTORIES", outside.path().parent().unwrap())
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(2), "{err}");
    assert!(err.contains("is not in a git repository"), "{err}");
}

#[test]
fn fail_on_exits_1_only_when_its_section_is_not_empty() {
    let repo = repo_with_a_user();
    repo.write(
        "src/user.rs",
        &USER_BEFORE.replace("}\n", "    pub email_address: String,\n}\n"),
    );
    assert_eq!(repo.diff(&["HEAD"]).code, 0, "the diff informs by default");
    let run = repo.diff(&["HEAD", "--fail-on", "undeclared"]);
    assert_eq!(run.code, 1, "{run:?}");
    assert!(
        run.out.contains("`User.email_address` looks like"),
        "{run:?}"
    );
    let run = repo.diff(&["HEAD", "--fail-on", "started,statement"]);
    assert_eq!(run.code, 0, "nothing declared started: {run:?}");
    let run = repo.diff(&["HEAD", "--fail-on", "statement,undeclared"]);
    assert_eq!(run.code, 1, "{run:?}");
    let run = repo.diff(&["HEAD", "--fail-on", "everything"]);
    assert_eq!(run.code, 2, "{run:?}");
    assert!(
        run.err.contains("started, undeclared, statement"),
        "{run:?}"
    );
}

#[test]
fn each_revision_is_read_with_its_own_collects_toml() {
    let repo = Repo::new();
    repo.write("collects.toml", "[lint]\nexclude = [\"generated\"]\n");
    repo.write(
        "generated/contact.rs",
        "pub struct Contact {\n    #[collects(Contact::Email)]\n    pub email: String,\n}\n",
    );
    repo.commit("generated code excluded");
    repo.write("collects.toml", "[lint]\nexclude = []\n");
    repo.commit("generated code linted too");
    let diff = json(&repo.diff(&["--format", "json", "HEAD~1", "HEAD"]));
    assert_eq!(
        diff["started"][0]["path"], "generated/contact.rs",
        "{diff:#}"
    );
    assert_eq!(
        diff["statement"]["started"],
        serde_json::json!(["Contact::Email"])
    );
}

#[test]
fn a_bad_collects_toml_at_a_revision_names_the_revision_and_the_file() {
    let repo = repo_with_a_user();
    repo.write("collects.toml", "[statement]\nlist = []\n");
    repo.commit("a typo");
    repo.write("collects.toml", STATEMENT);
    let run = repo.diff(&["HEAD"]);
    assert_eq!(run.code, 2, "{run:?}");
    assert!(
        run.err.contains("error: HEAD:collects.toml:2:1:"),
        "{run:?}"
    );
    assert!(
        !run.err.contains("collects-diff-"),
        "no temporary path: {run:?}"
    );
}

#[test]
fn the_working_tree_and_the_index_are_left_alone() {
    let repo = repo_with_a_user();
    repo.write("src/user.rs", USER_AFTER);
    repo.write(
        "src/new.rs",
        "pub struct Lead {\n    pub email: String,\n}\n",
    );
    repo.git(&["add", "src/new.rs"]);
    let status = repo.git(&["status", "--porcelain"]);
    let run = repo.diff(&["HEAD", "--format", "json"]);
    let diff = json(&run);
    assert_eq!(diff["head"], "worktree");
    let items: Vec<&str> = diff["undeclared"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["item"].as_str().unwrap())
        .collect();
    assert_eq!(
        items,
        ["Lead", "User"],
        "staged and unstaged changes are in the working tree: {diff:#}"
    );
    assert_eq!(repo.git(&["status", "--porcelain"]), status);
    assert_eq!(
        std::fs::read_to_string(repo.path().join("src/user.rs")).unwrap(),
        USER_AFTER
    );
}

#[test]
fn a_subdirectory_covers_its_part_and_links_from_the_top() {
    let repo = Repo::new();
    repo.write(
        "web/src/lib.rs",
        "pub struct Visitor {\n    #[collects(Contact::Email)]\n    pub email: String,\n}\n",
    );
    repo.write("server/src/lib.rs", "pub struct Account {}\n");
    repo.commit("two parts");
    repo.write(
        "server/src/lib.rs",
        "pub struct Account {\n    #[collects(Contact::Phone, purpose = Security)]\n    pub phone: String,\n}\n",
    );
    repo.commit("a phone for two-factor login");
    let head = repo.git(&["rev-parse", "HEAD"]);
    let run = repo.diff_in(
        "server",
        &[
            "HEAD~1",
            "HEAD",
            "--link-url",
            "https://example.com/blob/{rev}/{path}#L{line}",
        ],
    );
    assert_eq!(run.code, 0, "{run:?}");
    assert!(
        run.out.contains(&format!(
            "`Account.phone` for Security — [src/lib.rs:3](https://example.com/blob/{}/server/src/lib.rs#L3)",
            head.trim()
        )),
        "{run:?}"
    );
    assert!(
        !run.out.contains("Visitor"),
        "web/ is not under server/: {run:?}"
    );
}

#[test]
fn the_adoption_guide_quotes_the_workflow_that_ci_checks() {
    let docs = Path::new(env!("CARGO_MANIFEST_DIR")).join("../docs");
    let workflow = std::fs::read_to_string(docs.join("workflows/collects-diff.yml")).unwrap();
    let guide = std::fs::read_to_string(docs.join("adoption.md")).unwrap();
    assert!(
        guide.contains(&format!("```yaml\n{workflow}```\n")),
        "docs/adoption.md must quote docs/workflows/collects-diff.yml as it is"
    );
    assert!(
        workflow.contains(MARKER),
        "the workflow finds its comment by the marker"
    );
}
