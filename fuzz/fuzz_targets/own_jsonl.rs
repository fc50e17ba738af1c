#![no_main]
//! Fuzzes the own_jsonl reader and span placement with arbitrary file contents.

use claimspan::formats::peer::own_jsonl;
use libfuzzer_sys::fuzz_target;
use std::path::Path;

fuzz_target!(|data: &[u8]| {
    if let Ok(text) = std::str::from_utf8(data)
        && let Ok(records) = own_jsonl::read(Path::new("fuzz"), text)
    {
        claimspan_fuzz::place_all(&records);
    }
});
