//! Chinese glyphs: egui's built-in fonts have none, so without this every Chinese label, item
//! name or forwarder message would render as empty boxes.

use std::sync::Arc;

/// Well-known CJK fonts by platform, with the collection index of their Simplified Chinese face.
const SYSTEM_CJK_FONTS: [(&str, u32); 6] = [
    ("/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc", 2),
    ("/usr/share/fonts/noto-cjk/NotoSansCJK-Regular.ttc", 2),
    ("/usr/share/fonts/truetype/wqy/wqy-microhei.ttc", 0),
    ("/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc", 0),
    ("/System/Library/Fonts/PingFang.ttc", 0),
    ("C:\\Windows\\Fonts\\msyh.ttc", 0),
];

/// Adds the first CJK font found on this system as a fallback after egui's own fonts.
/// Returns whether one was found.
pub fn install_cjk_fallback(ctx: &egui::Context) -> bool {
    let Some((bytes, index)) = SYSTEM_CJK_FONTS
        .iter()
        .find_map(|(path, index)| std::fs::read(path).ok().map(|bytes| (bytes, *index)))
    else {
        tracing::warn!("no CJK font found on this system; Chinese text will not render");
        return false;
    };
    let mut fonts = egui::FontDefinitions::default();
    let mut data = egui::FontData::from_owned(bytes);
    data.index = index;
    fonts.font_data.insert("cjk".to_owned(), Arc::new(data));
    for family in [egui::FontFamily::Proportional, egui::FontFamily::Monospace] {
        fonts
            .families
            .entry(family)
            .or_default()
            .push("cjk".to_owned());
    }
    ctx.set_fonts(fonts);
    true
}
