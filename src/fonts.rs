//! The one font file shipdesk bundles: Noto Sans SC cut to GB2312 (`assets/fonts`, SIL OFL;
//! `scripts/make-cjk-font.sh` rebuilds it). The window draws Chinese with it, and the sandbox
//! prints Chinese addresses on its labels with it.

/// Noto Sans SC, GB2312 subset (OpenType, CFF outlines).
pub const NOTO_SANS_SC: &[u8] = include_bytes!("../assets/fonts/NotoSansSC-GB2312.otf");
