//! The fresh randomness a request's signature takes, drawn in one place so every call draws it
//! the same way.

use rand::distr::{Alphanumeric, SampleString as _};

use crate::carriers::westernpost::auth::RANDOM_KEY_LEN;

/// A fresh random key for one request: exactly [`RANDOM_KEY_LEN`] (5) ASCII letters and digits.
/// Western Post's `x-lt-signature` (SHEIN's scheme) starts with it and its verifier cuts exactly
/// five characters, so a longer key could never verify; the other dialects ignore it or use it
/// as a message id.
pub fn nonce() -> String {
    Alphanumeric.sample_string(&mut rand::rng(), RANDOM_KEY_LEN)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_nonce_is_a_signable_random_key() {
        let key = nonce();
        assert_eq!(key.len(), RANDOM_KEY_LEN);
        assert!(key.chars().all(|c| c.is_ascii_alphanumeric()), "{key}");
        assert!(crate::carriers::westernpost::auth::sign("K", "S", "1", "/p", &key).is_ok());
    }
}
