//! `cargo-collects`: run as `cargo collects ..` or directly.

fn main() -> std::process::ExitCode {
    collects_lint::cli::main()
}
