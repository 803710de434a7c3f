//! What the leak checks (CL0008 `debug-leak`, CL0009 `log-leak`) share: the
//! table of what keeps a value out of output ([`data`], `leaks.toml`), the
//! tree's leak sources with how its types print them ([`sources`]), and
//! which function bodies are worth reading ([`reading`]).

pub(crate) mod data;
mod display;
mod reading;
pub(crate) mod sources;

pub(crate) use reading::{read_bodies, PrintingFile};
pub(crate) use sources::{weak_source, Leak, LeakIndex, Link, Source, Strength, Via};

/// Whether code at `path`, in a `#[cfg(test)]` module or not, is test code:
/// the one rule CL0001 (`[lint] tests`) and the leak checks (`[leaks] tests`)
/// leave out by default.
pub(crate) fn is_test_code(path: &str, in_test_module: bool) -> bool {
    in_test_module || is_test_path(path)
}

/// Whether a file, by its path relative to the root, is test code: under a
/// `tests/` or `benches/` directory, or a `tests.rs` (what `#[cfg(test)] mod
/// tests;` loads) or a file so named (`tests_full.rs`, `parser_tests.rs`,
/// `parser_test.rs`: a test module of its own).
pub(crate) fn is_test_path(path: &str) -> bool {
    let mut parts = path.split('/').rev();
    let file = parts.next().unwrap_or_default();
    let stem = file.strip_suffix(".rs").unwrap_or(file);
    let named = stem == "tests"
        || stem.starts_with("tests_")
        || stem.ends_with("_tests")
        || stem.ends_with("_test");
    named || parts.any(|dir| dir == "tests" || dir == "benches")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn test_paths_are_tests_and_benches_directories_and_tests_files() {
        for path in [
            "tests/api.rs",
            "crates/x/benches/b.rs",
            "src/user/tests.rs",
            "src/tests_full.rs",
            "src/parser_tests.rs",
            "src/parser_test.rs",
        ] {
            assert!(is_test_path(path), "{path}");
        }
        for path in [
            "src/lib.rs",
            "src/testsuite.rs",
            "src/tests_util/x.rs",
            "src/test.rs",
            "src/latest.rs",
            "src/contest.rs",
        ] {
            assert!(!is_test_path(path), "{path}");
        }
    }
}
