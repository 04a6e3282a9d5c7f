//! Output: what the commands write. The batch zip ([`zip`], written atomically, its
//! letters, print files and reports laid out by [`batch`]), the typed CSV rows of its
//! reports ([`reports`], safe for spreadsheets: [`csv`]), aging.pdf ([`aging_pdf`]), report.xlsx
//! ([`report_xlsx`]), the letters' rows kept until the end of a batch ([`spill`]), the
//! side files of a shard ([`shard`]), the manifests earlier runs wrote ([`history`]), the
//! SMS file ([`sms`]), terminal tables ([`table`]), the exported templates
//! ([`templates`]), single files written atomically
//! ([`atomic`]) and the temporary files an interruption removes ([`temp`]).

pub mod aging_pdf;
pub mod atomic;
pub mod batch;
pub mod csv;
pub mod history;
pub mod report_xlsx;
pub mod reports;
pub mod shard;
pub mod signal;
pub mod sms;
pub mod spill;
pub mod table;
pub mod temp;
pub mod templates;
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
