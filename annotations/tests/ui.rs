//! The derive's compile-time behaviour: what compiles, and for each mistake
//! the exact error rustc shows (`tests/ui/fail/*.stderr`). Regenerate the
//! expected text with `TRYBUILD=overwrite cargo test -p collects --test ui`,
//! then read the diff.

#[test]
fn ui() {
    let cases = trybuild::TestCases::new();
    cases.pass("tests/ui/pass/*.rs");
    cases.compile_fail("tests/ui/fail/*.rs");
}
