#![no_main]
//! See `dunning_fuzz::load_rows` for the property checked.
libfuzzer_sys::fuzz_target!(|data: &[u8]| dunning_fuzz::load_rows(data));
