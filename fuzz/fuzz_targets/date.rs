#![no_main]
//! See `dunning_fuzz::date` for the property checked.
libfuzzer_sys::fuzz_target!(|data: &[u8]| dunning_fuzz::date(data));
