//! Command barcodes (a printed sheet of codes a packer scans instead of using the keyboard):
//! what each code says and asks for, without I/O. The window takes them out of its input
//! (`ui::command_barcodes`), the engine prints the sheet (`documents::command_sheet`).

/// What every command code starts with.
pub const PREFIX: &str = "SHIPDESK-";

/// The longest code: a box preset's name is the only open-ended part.
pub const MAX_CODE: usize = 64;

/// What a command barcode asks for.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum DeskCommand {
    /// Buy the order on screen (Ctrl+Enter; with a fee shown, buy at that fee).
    Buy,
    /// Print the last label bought at this desk again.
    Reprint,
    /// The next order: back to the Queue's scan field, or a fresh form.
    Next,
    /// Do not buy this one: decline a shown fee, or leave a scanned order queued.
    Cancel,
    /// Put the scale's stable reading into the focused parcel (F2).
    Weigh,
    /// Give the parcel this box preset (by name, or `#2`: the second preset by name).
    Box(String),
}

impl DeskCommand {
    /// The fixed commands, in the sheet's order.
    pub const FIXED: [DeskCommand; 5] = [
        DeskCommand::Buy,
        DeskCommand::Next,
        DeskCommand::Reprint,
        DeskCommand::Weigh,
        DeskCommand::Cancel,
    ];

    /// The code its barcode holds.
    pub fn code(&self) -> String {
        match self {
            Self::Buy => format!("{PREFIX}BUY"),
            Self::Reprint => format!("{PREFIX}REPRINT"),
            Self::Next => format!("{PREFIX}NEXT"),
            Self::Cancel => format!("{PREFIX}CANCEL"),
            Self::Weigh => format!("{PREFIX}WEIGH"),
            Self::Box(name) => format!("{PREFIX}BOX-{name}"),
        }
    }

    /// The command a scanned code holds (in any case, as a scanner with Caps Lock types it).
    pub fn parse(code: &str) -> Option<Self> {
        let code = code.trim();
        let head = code.get(..PREFIX.len())?;
        if !head.eq_ignore_ascii_case(PREFIX) {
            return None;
        }
        let rest = &code[PREFIX.len()..];
        let fixed = match rest.to_ascii_uppercase().as_str() {
            "BUY" => Some(Self::Buy),
            "REPRINT" => Some(Self::Reprint),
            "NEXT" => Some(Self::Next),
            "CANCEL" => Some(Self::Cancel),
            "WEIGH" => Some(Self::Weigh),
            _ => None,
        };
        fixed.or_else(|| {
            let name = rest.get(..4).filter(|h| h.eq_ignore_ascii_case("BOX-"))?;
            let name = rest[name.len()..].trim();
            (!name.is_empty()).then(|| Self::Box(name.to_owned()))
        })
    }

    /// What the sheet prints beside its barcode: English and Chinese.
    pub fn words(&self) -> (String, String) {
        match self {
            Self::Buy => ("Buy and print".into(), "购买并打印".into()),
            Self::Reprint => ("Reprint the last label".into(), "重打上一张面单".into()),
            Self::Next => ("Next order".into(), "下一单".into()),
            Self::Cancel => (
                "Cancel: do not buy this one".into(),
                "取消：不购买此单".into(),
            ),
            Self::Weigh => ("Use the scale's weight".into(), "使用电子秤重量".into()),
            Self::Box(name) => (format!("Box {name}"), format!("箱型 {name}")),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::DeskCommand;

    #[test]
    fn codes_read_in_any_case_and_every_fixed_command_round_trips() {
        for command in DeskCommand::FIXED {
            assert_eq!(DeskCommand::parse(&command.code()), Some(command.clone()));
            assert_eq!(
                DeskCommand::parse(&command.code().to_lowercase()),
                Some(command)
            );
        }
        assert_eq!(
            DeskCommand::parse("shipdesk-box-#2"),
            Some(DeskCommand::Box("#2".to_owned()))
        );
        assert_eq!(DeskCommand::parse("SHIPDESK-BOX-"), None);
        assert_eq!(DeskCommand::parse("SHIPDESK"), None);
        assert_eq!(DeskCommand::parse("H-0002"), None);
    }
}
