#![no_main]
//! See `dunning_fuzz::cn_upper` for the property checked.
libfuzzer_sys::fuzz_target!(|data: &[u8]| dunning_fuzz::cn_upper(data));
