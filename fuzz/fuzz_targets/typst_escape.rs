#![no_main]
//! See `dunning_fuzz::typst_escape` for the property checked.
libfuzzer_sys::fuzz_target!(|data: &[u8]| dunning_fuzz::typst_escape(data));
