//! `cargo-collects`: run as `cargo collects ..` or directly.

// A fifth of a lint's time went to glibc's allocator (many small strings and
// vectors freed across threads); mimalloc's thread-local heaps cut that down.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> std::process::ExitCode {
    collects_lint::cli::main()
}
