//! Reading a revision through git: its files are written from the object
//! database into a temporary directory (never a checkout: the working tree and
//! the index are left alone) and linted there with that revision's own
//! collects.toml; the working tree is linted where it is.

use std::io::{BufRead, BufReader, Write};
use std::path::{Component, Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::atomic::{AtomicUsize, Ordering};

use collects_grammar::CONFIG_FILE;

use crate::config::Config;
use crate::engine::{self, Options, Run};
use crate::error::UserError;
use crate::git::{bad_revision, git};

/// Files other than `.rs` larger than this are not written out: a run reads
/// `.rs` files, `Cargo.toml` and the few text files collects.toml names,
/// never large assets (images, archives, data dumps), which would only cost
/// time and disk.
const LARGEST_OTHER_FILE: u64 = 1 << 20;

/// The part of a git repository a diff covers: the directory it runs in.
#[derive(Debug)]
pub(crate) struct Repository {
    /// The top of the working tree, as git gives it.
    top: PathBuf,
    /// The covered directory relative to `top`: empty, or `/`-separated and
    /// ending in `/` (git's `--show-prefix`).
    prefix: String,
}

impl Repository {
    /// The repository that holds `dir`; the diff covers `dir`.
    pub fn containing(dir: &Path) -> Result<Repository, UserError> {
        let said = git(dir, &["rev-parse", "--show-toplevel", "--show-prefix"]).map_err(|e| {
            UserError::new(format!(
                "`cargo collects diff` reads revisions through git, and {} is not in a git repository",
                dir.display()
            ))
            .with_help(Some(format!(
                "run it inside a clone of the repository (git said: {})",
                e.trim()
            )))
        })?;
        let mut lines = said.lines();
        let top = PathBuf::from(lines.next().unwrap_or_default());
        let prefix = lines.next().unwrap_or_default().to_string();
        Ok(Repository { top, prefix })
    }

    /// The covered directory relative to the top of the repository (empty, or
    /// ending in `/`): what links put before a path.
    pub fn prefix(&self) -> &str {
        &self.prefix
    }

    /// The commit `rev` names, as a full id.
    pub fn commit(&self, rev: &str) -> Result<String, UserError> {
        if rev.starts_with('-') {
            return Err(bad_revision(rev, "a revision does not start with `-`"));
        }
        let peeled = format!("{rev}^{{commit}}");
        match git(&self.top, &["rev-parse", "--verify", "--quiet", &peeled]) {
            Ok(id) => Ok(id.trim().to_string()),
            // `--verify` says only "needed a single revision"; without it git
            // says what is wrong with the name, or nothing when it names a
            // tree or a blob.
            Err(_) => Err(match git(&self.top, &["rev-parse", rev, "--"]) {
                Err(said) => bad_revision(rev, &said),
                Ok(_) => bad_revision(rev, "it names a file or a directory, not a commit"),
            }),
        }
    }

    /// The commit the working tree is on; `None` before the first commit.
    pub fn head_commit(&self) -> Option<String> {
        self.commit("HEAD").ok()
    }

    /// Lints the working tree's copy of the covered directory.
    pub fn lint_worktree(&self, jobs: Option<usize>) -> Result<Run, UserError> {
        let dir = self.top.join(&self.prefix);
        lint(&self.top, &dir, jobs)
    }

    /// Lints the covered directory as `commit` has it; `rev` is how the user
    /// named the commit, for errors.
    pub fn lint_commit(
        &self,
        rev: &str,
        commit: &str,
        jobs: Option<usize>,
    ) -> Result<Run, UserError> {
        let tree = TempTree::new()?;
        self.write_tree(commit, tree.path())
            .map_err(|e| UserError::new(format!("cannot read `{rev}` from git: {e}")))?;
        let dir = tree.path().join(&self.prefix);
        // The directory may not exist at that commit: then it collects nothing.
        std::fs::create_dir_all(&dir).map_err(|e| {
            UserError::new(format!("cannot write into {}: {e}", tree.path().display()))
        })?;
        lint(tree.path(), &dir, jobs).map_err(|e| at_revision(e, rev, tree.path()))
    }

    /// Writes the files of `commit` under `into`: regular files only (not
    /// symbolic links, not submodules), through one `git cat-file --batch`.
    fn write_tree(&self, commit: &str, into: &Path) -> Result<(), String> {
        let listing = git(
            &self.top,
            &["ls-tree", "-r", "-z", "-l", "--full-tree", commit],
        )?;
        let blobs: Vec<Blob> = listing.split('\0').filter_map(Blob::parse).collect();
        let mut child = Command::new("git")
            .arg("-C")
            .arg(&self.top)
            .args(["cat-file", "--batch"])
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .map_err(|e| format!("cannot run git: {e}"))?;
        let (Some(mut stdin), Some(stdout)) = (child.stdin.take(), child.stdout.take()) else {
            return Err("cannot talk to git cat-file".into());
        };
        let ids: String = blobs.iter().map(|b| format!("{}\n", b.id)).collect();
        // Written from another thread: git answers while it reads, and a full
        // pipe each way would block both.
        let feeder = std::thread::spawn(move || stdin.write_all(ids.as_bytes()));
        let written = write_blobs(&blobs, &mut BufReader::new(stdout), into);
        let fed = feeder.join();
        let output = child
            .wait_with_output()
            .map_err(|e| format!("git cat-file failed: {e}"))?;
        if !output.status.success() {
            return Err(String::from_utf8_lossy(&output.stderr).trim().to_string());
        }
        written?;
        match fed {
            Ok(Ok(())) => Ok(()),
            _ => Err("cannot send object ids to git cat-file".into()),
        }
    }
}

/// A regular file of a commit's tree: its object id and path.
struct Blob {
    id: String,
    path: String,
}

impl Blob {
    /// One entry of `git ls-tree -r -l -z`: `MODE TYPE ID SIZE\tPATH`; `None`
    /// for what is not written out.
    fn parse(entry: &str) -> Option<Blob> {
        let (meta, path) = entry.split_once('\t')?;
        let mut meta = meta.split_whitespace();
        let (mode, kind, id, size) = (meta.next()?, meta.next()?, meta.next()?, meta.next()?);
        let regular = kind == "blob" && (mode == "100644" || mode == "100755");
        let size: u64 = size.parse().ok()?;
        let wanted = path.ends_with(".rs") || size <= LARGEST_OTHER_FILE;
        let inside = Path::new(path)
            .components()
            .all(|c| matches!(c, Component::Normal(_)));
        (regular && wanted && inside).then(|| Blob {
            id: id.to_string(),
            path: path.to_string(),
        })
    }
}

/// Reads `git cat-file --batch` answers, one per blob in order, into files.
fn write_blobs(blobs: &[Blob], answers: &mut impl BufRead, into: &Path) -> Result<(), String> {
    for blob in blobs {
        let mut header = String::new();
        answers
            .read_line(&mut header)
            .map_err(|e| format!("git cat-file: {e}"))?;
        let size: usize = match header.split_whitespace().collect::<Vec<_>>()[..] {
            [_, "blob", size] => size
                .parse()
                .map_err(|_| format!("git cat-file said `{}`", header.trim()))?,
            _ => {
                return Err(format!(
                    "git cat-file said `{}` for {}",
                    header.trim(),
                    blob.path
                ))
            }
        };
        // The content, then a newline.
        let mut content = vec![0; size + 1];
        answers
            .read_exact(&mut content)
            .map_err(|e| format!("git cat-file: {e}"))?;
        content.truncate(size);
        let file = into.join(&blob.path);
        if let Some(parent) = file.parent() {
            std::fs::create_dir_all(parent).map_err(|e| format!("{}: {e}", parent.display()))?;
        }
        std::fs::write(&file, content).map_err(|e| format!("{}: {e}", file.display()))?;
    }
    Ok(())
}

/// Lints `dir` with the nearest collects.toml at or above it, no higher than
/// `top`: each revision's own, whatever lies outside the repository.
fn lint(top: &Path, dir: &Path, jobs: Option<usize>) -> Result<Run, UserError> {
    let found = dir
        .ancestors()
        .take_while(|d| d.starts_with(top))
        .map(|d| d.join(CONFIG_FILE))
        .find(|file| file.is_file());
    let config = match found {
        Some(file) => Config::load(&file)?,
        None => Config::default(),
    };
    let options = Options {
        paths: vec![dir.to_path_buf()],
        jobs,
        ..Options::default()
    };
    engine::check_with_config(&options, config)
}

/// An error met linting a revision's copy, told in the revision's terms: a
/// file as git names it at that revision (`HEAD~1:collects.toml`), never the
/// temporary copy.
fn at_revision(mut error: UserError, rev: &str, tree: &Path) -> UserError {
    let temporary = format!("{}/", tree.display());
    let at_rev = format!("{rev}:");
    error.message = error.message.replace(&temporary, &at_rev);
    error.help = error.help.map(|help| help.replace(&temporary, &at_rev));
    match &mut error.location {
        Some((path, _, _)) => {
            if let Ok(inside) = path.strip_prefix(tree) {
                *path = PathBuf::from(format!("{at_rev}{}", inside.display()));
            }
        }
        None => error.message = format!("in `{rev}`: {}", error.message),
    }
    error
}

/// A fresh directory under the system's temporary directory, removed when dropped.
struct TempTree {
    path: PathBuf,
}

impl TempTree {
    fn new() -> Result<TempTree, UserError> {
        static NEXT: AtomicUsize = AtomicUsize::new(0);
        let base = std::env::temp_dir();
        loop {
            let n = NEXT.fetch_add(1, Ordering::Relaxed);
            let path = base.join(format!("collects-diff-{}-{n}", std::process::id()));
            match std::fs::create_dir(&path) {
                Ok(()) => return Ok(TempTree { path }),
                // Left by an earlier process of the same id: take the next name.
                Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => continue,
                Err(e) => {
                    return Err(UserError::new(format!(
                        "cannot make a temporary directory in {}: {e}",
                        base.display()
                    ))
                    .with_help(Some("set TMPDIR to a writable directory".into())))
                }
            }
        }
    }

    fn path(&self) -> &Path {
        &self.path
    }
}

impl Drop for TempTree {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.path);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_regular_files_inside_the_tree_and_small_unless_rust_are_written() {
        let id = "e69de29bb2d1d6434b8b29ae775ad8c2e48c5391";
        let entry = |mode: &str, kind: &str, size: u64, path: &str| {
            Blob::parse(&format!("{mode} {kind} {id} {size:>7}\t{path}")).map(|b| b.path)
        };
        assert_eq!(
            entry("100644", "blob", 12, "src/a.rs"),
            Some("src/a.rs".into())
        );
        assert_eq!(entry("100755", "blob", 12, "run.sh"), Some("run.sh".into()));
        assert_eq!(
            entry("100644", "blob", 5 << 20, "big.rs"),
            Some("big.rs".into())
        );
        assert_eq!(entry("100644", "blob", 5 << 20, "logo.png"), None);
        assert_eq!(entry("120000", "blob", 10, "link.rs"), None);
        assert_eq!(entry("160000", "commit", 0, "vendor/sub"), None);
        assert_eq!(entry("100644", "blob", 1, "../escape.rs"), None);
    }

    #[test]
    fn cat_file_answers_become_files() {
        let dir = TempTree::new().unwrap();
        let blobs = [
            Blob {
                id: "1".into(),
                path: "src/a.rs".into(),
            },
            Blob {
                id: "2".into(),
                path: "collects.toml".into(),
            },
        ];
        let answers = b"1 blob 9\nstruct A;\n2 blob 0\n\n";
        write_blobs(&blobs, &mut &answers[..], dir.path()).unwrap();
        let read = |p: &str| std::fs::read_to_string(dir.path().join(p)).unwrap();
        assert_eq!(read("src/a.rs"), "struct A;");
        assert_eq!(read("collects.toml"), "");
        let missing = write_blobs(&blobs[..1], &mut &b"1 missing\n"[..], dir.path());
        assert_eq!(
            missing.unwrap_err(),
            "git cat-file said `1 missing` for src/a.rs"
        );
    }

    #[test]
    fn an_error_in_a_copy_names_the_file_at_the_revision() {
        let tree = std::env::temp_dir().join("collects-diff-1-0");
        let tree = tree.as_path();
        let mut located = UserError::new("unknown key `list`");
        located.location = Some((tree.join("collects.toml"), 2, 1));
        let located = at_revision(located, "HEAD~1", tree);
        assert_eq!(
            located.location.unwrap().0,
            PathBuf::from("HEAD~1:collects.toml")
        );
        assert_eq!(located.message, "unknown key `list`");
        let unplaced = UserError::new(format!(
            "cannot read {}: gone",
            tree.join("words.toml").display()
        ));
        assert_eq!(
            at_revision(unplaced, "main", tree).message,
            "in `main`: cannot read main:words.toml: gone"
        );
    }
}
