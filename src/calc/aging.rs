//! Aging buckets: where a letter's days overdue fall among the config's `aging` bounds.

/// The default bounds of SPEC 4.
pub const DEFAULT_BOUNDS: [u32; 4] = [30, 60, 90, 180];

/// Bucket names for `bounds` in order: `not_due`, `0-30`, `31-60`, …, `180+`.
pub fn bucket_names(bounds: &[u32]) -> Vec<String> {
    let mut names = vec!["not_due".to_string()];
    let mut low = 0u64;
    for &b in bounds {
        names.push(format!("{low}-{b}"));
        low = u64::from(b) + 1;
    }
    names.push(match bounds.last() {
        Some(last) => format!("{last}+"),
        None => "0+".to_string(),
    });
    names
}

/// The bucket of a letter overdue by `days` (negative: not yet due). `bounds` must be
/// strictly increasing, which the config check guarantees.
pub fn bucket(days: i64, bounds: &[u32]) -> String {
    let names = bucket_names(bounds);
    if days < 0 {
        return names[0].clone();
    }
    let index = bounds
        .iter()
        .position(|&b| days <= i64::from(b))
        .unwrap_or(bounds.len());
    names[index + 1].clone()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spec_buckets_at_their_boundaries() {
        let b = DEFAULT_BOUNDS;
        assert_eq!(bucket(-1, &b), "not_due");
        assert_eq!(bucket(0, &b), "0-30");
        assert_eq!(bucket(30, &b), "0-30");
        assert_eq!(bucket(31, &b), "31-60");
        assert_eq!(bucket(60, &b), "31-60");
        assert_eq!(bucket(61, &b), "61-90");
        assert_eq!(bucket(90, &b), "61-90");
        assert_eq!(bucket(91, &b), "91-180");
        assert_eq!(bucket(180, &b), "91-180");
        assert_eq!(bucket(181, &b), "180+");
        assert_eq!(bucket(100_000, &b), "180+");
    }

    #[test]
    fn names_follow_the_bounds() {
        assert_eq!(
            bucket_names(&DEFAULT_BOUNDS),
            ["not_due", "0-30", "31-60", "61-90", "91-180", "180+"]
        );
        assert_eq!(bucket_names(&[15]), ["not_due", "0-15", "15+"]);
        assert_eq!(bucket(16, &[15]), "15+");
        assert_eq!(bucket(5, &[]), "0+");
    }
}
