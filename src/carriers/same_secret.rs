//! Comparing a signature with the one expected, the way a forwarder's verifier should: the
//! whole of both, without stopping at the first difference (the sandbox verifies signatures and
//! should not teach timing attacks).

/// Whether `expected` and `given` are the same text, compared in time that does not depend on
/// where they differ.
pub fn same_secret(expected: &str, given: &str) -> bool {
    expected.len() == given.len()
        && expected
            .bytes()
            .zip(given.bytes())
            .fold(0u8, |acc, (a, b)| acc | (a ^ b))
            == 0
}

#[cfg(test)]
mod tests {
    use super::same_secret;

    #[test]
    fn only_the_same_text_is_the_same() {
        assert!(same_secret("abc123", "abc123"));
        assert!(!same_secret("abc123", "abc124"));
        assert!(!same_secret("abc123", "abc12"));
        assert!(!same_secret("", "x"));
    }
}
