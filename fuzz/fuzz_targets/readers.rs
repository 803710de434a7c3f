#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| collects_fuzz::readers(data));
