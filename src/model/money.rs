use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

/// An amount of money with its currency: a forwarder's fee, quoted before buying or charged after.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Money {
    /// The exact amount, as the forwarder gave it.
    pub amount: Decimal,
    /// ISO 4217 code, e.g. `USD`.
    pub currency: String,
}

impl Money {
    /// `amount` in `currency` (upper-cased).
    pub fn new(amount: Decimal, currency: &str) -> Self {
        Self {
            amount,
            currency: currency.trim().to_uppercase(),
        }
    }
}

impl std::fmt::Display for Money {
    /// `12.5 USD` prints as `12.50 USD`: money always shows at least cents.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let mut amount = self.amount.normalize();
        if amount.scale() < 2 {
            amount.rescale(2);
        }
        write!(f, "{amount} {}", self.currency)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shows_cents() {
        assert_eq!(
            Money::new(Decimal::new(125, 1), "usd").to_string(),
            "12.50 USD"
        );
        assert_eq!(
            Money::new(Decimal::new(12345, 3), "USD").to_string(),
            "12.345 USD"
        );
    }
}
