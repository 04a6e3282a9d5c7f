//! Output: the CSV files the tool writes (safe for spreadsheets), the SMS file and terminal
//! tables.

pub mod atomic;
pub mod csv;
pub mod figures;
pub mod pending;
pub mod reports;
pub mod shard;
pub mod sms;
pub mod table;
pub mod zip;

/// An id as a file name: only letters, digits, `-` and `_` are kept, anything else
/// becomes `_`, so no id can name a path outside the output folder.
pub fn safe_file_stem(id: &str) -> String {
    let stem: String = id
        .chars()
        .map(|c| {
            if c.is_alphanumeric() || matches!(c, '-' | '_') {
                c
            } else {
                '_'
            }
        })
        .collect();
    if stem.is_empty() {
        "_".to_string()
    } else {
        stem
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn file_stems_cannot_escape() {
        assert_eq!(super::safe_file_stem("../etc/passwd"), "___etc_passwd");
        assert_eq!(super::safe_file_stem("HT-2026/01 张"), "HT-2026_01_张");
        assert_eq!(super::safe_file_stem(""), "_");
    }
}
