//! The `claimspan` program: the annotation window, or the command line when given a
//! subcommand.

use claimspan::app::run_window;
use claimspan::cli::{self, Action};
use std::process::ExitCode;

fn main() -> ExitCode {
    match cli::main() {
        Action::Exit(code) => code,
        Action::Window(path) => match run_window(path) {
            Ok(()) => ExitCode::SUCCESS,
            Err(err) => {
                eprintln!("claimspan: could not open the window: {err}");
                ExitCode::from(1)
            }
        },
    }
}
