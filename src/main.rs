//! The `claimspan` program: the command line (and, later, the window).

fn main() -> std::process::ExitCode {
    claimspan::cli::main()
}
