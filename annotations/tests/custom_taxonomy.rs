//! A crate whose `collects.toml` names its own taxonomy, built for real with
//! cargo: its categories compile, the built-in ones do not, an edit to the
//! taxonomy file alone makes cargo rebuild, and a broken file is a clear
//! error. trybuild cannot place a `collects.toml` above its test crates, so
//! this test lays out the crate itself under cargo's per-test temp dir.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

const COLLECTS_TOML: &str = "[taxonomy]\npath = \"policy/taxonomy.toml\"\n";

const TAXONOMY: &str = r#"[Customer]
heading = "Customer data"
LoyaltyId = "loyalty card number"
Nickname = "what the shop calls the person"

[purposes]
Rewards = "loyalty rewards"
"#;

const MAIN: &str = r#"use collects::Collects;

#[derive(Collects)]
struct Member {
    #[collects(Customer::LoyaltyId, purpose = Rewards)]
    card: String,
    #[collects(Customer)]
    nickname: String,
}

fn main() {
    for d in Member::collected() {
        println!("{}.{} {:?} {:?}", d.item, d.field, d.categories, d.purpose);
    }
}
"#;

/// The app crate, laid out fresh; the target dir is kept between runs.
struct App {
    root: PathBuf,
    target: PathBuf,
}

impl App {
    fn new() -> App {
        let tmp = Path::new(env!("CARGO_TARGET_TMPDIR"));
        let root = tmp.join("custom-taxonomy");
        let _ = fs::remove_dir_all(&root);
        let collects = Path::new(env!("CARGO_MANIFEST_DIR"));
        let app = App {
            target: tmp.join("custom-taxonomy-target"),
            root,
        };
        app.write("collects.toml", COLLECTS_TOML);
        app.write("policy/taxonomy.toml", TAXONOMY);
        app.write(
            "app/Cargo.toml",
            &format!(
                "[package]\nname = \"app\"\nversion = \"0.0.0\"\nedition = \"2021\"\npublish = false\n\n\
                 [dependencies]\ncollects = {{ path = {:?} }}\n\n[workspace]\n",
                collects.display().to_string()
            ),
        );
        // The workspace's lock file pins the versions already downloaded, so
        // the build works offline.
        let lock =
            fs::read_to_string(collects.join("../Cargo.lock")).expect("the workspace's Cargo.lock");
        app.write("app/Cargo.lock", &lock);
        app.write("app/src/main.rs", MAIN);
        app
    }

    fn write(&self, path: &str, text: &str) {
        let path = self.root.join(path);
        fs::create_dir_all(path.parent().unwrap()).unwrap();
        fs::write(path, text).unwrap();
    }

    /// `cargo run`'s stdout if it succeeds, else its stderr.
    fn run(&self) -> Result<String, String> {
        let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".into());
        let output = Command::new(cargo)
            .args(["run", "--quiet", "--offline", "--target-dir"])
            .arg(&self.target)
            .current_dir(self.root.join("app"))
            .env_remove("CARGO_TARGET_DIR")
            .env_remove("CARGO_BUILD_TARGET_DIR")
            .output()
            .expect("cargo runs");
        let text = |bytes: Vec<u8>| String::from_utf8_lossy(&bytes).into_owned();
        if output.status.success() {
            Ok(text(output.stdout))
        } else {
            Err(text(output.stderr))
        }
    }
}

#[test]
fn the_taxonomy_named_by_collects_toml_is_the_one_checked_and_tracked() {
    let app = App::new();
    assert_eq!(
        app.run().expect("the custom categories compile"),
        "Member.card [\"Customer::LoyaltyId\"] Some(\"Rewards\")\n\
         Member.nickname [\"Customer\"] None\n"
    );

    // Only the taxonomy changes, not a line of Rust: cargo must rebuild.
    app.write(
        "policy/taxonomy.toml",
        &TAXONOMY.replace("LoyaltyId", "LoyaltyNumber"),
    );
    let renamed = app.run().expect_err("a removed item no longer compiles");
    assert!(
        renamed.contains(
            "`Customer` has no item `LoyaltyId`; did you mean `Customer::LoyaltyNumber`?"
        ),
        "{renamed}"
    );

    // The built-in taxonomy no longer applies.
    app.write("policy/taxonomy.toml", TAXONOMY);
    app.write(
        "app/src/main.rs",
        &MAIN.replace("#[collects(Customer)]", "#[collects(Contact::Email)]"),
    );
    let builtin = app.run().expect_err("built-in categories are unknown here");
    assert!(
        builtin.contains("unknown category group `Contact`"),
        "{builtin}"
    );

    // A broken taxonomy names the file, the line and what is wrong.
    app.write("app/src/main.rs", MAIN);
    app.write(
        "policy/taxonomy.toml",
        &TAXONOMY.replace("heading = \"Customer data\"\n", ""),
    );
    let broken = app.run().expect_err("a broken taxonomy stops the build");
    assert!(broken.contains("invalid taxonomy "), "{broken}");
    assert!(
        broken.contains("taxonomy.toml:1 (named by `[taxonomy] path` in "),
        "{broken}"
    );
    assert!(broken.contains("[Customer] has no `heading`"), "{broken}");

    // So does a broken collects.toml.
    app.write("policy/taxonomy.toml", TAXONOMY);
    app.write(
        "collects.toml",
        "[taxonomy]\npath = \"policy/missing.toml\"\n",
    );
    let missing = app.run().expect_err("a missing taxonomy stops the build");
    assert!(
        missing.contains("cannot read the taxonomy ") && missing.contains("missing.toml"),
        "{missing}"
    );
}
