#![no_main]
//! See `dunning_fuzz::amount` for the property checked.
libfuzzer_sys::fuzz_target!(|data: &[u8]| dunning_fuzz::amount(data));
