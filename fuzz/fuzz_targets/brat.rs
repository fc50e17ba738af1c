#![no_main]
//! Fuzzes the brat reader and span placement: the input is a text and an `.ann`
//! separated by the first NUL byte.

use claimspan::formats::peer::brat;
use libfuzzer_sys::fuzz_target;
use std::path::Path;

fuzz_target!(|data: &[u8]| {
    let Ok(input) = std::str::from_utf8(data) else {
        return;
    };
    let (text, ann) = input.split_once('\0').unwrap_or((input, ""));
    if let Ok(record) = brat::read(Path::new("fuzz.txt"), text, Path::new("fuzz.ann"), ann) {
        claimspan_fuzz::place_all(&[record]);
    }
});
