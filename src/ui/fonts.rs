//! Chinese glyphs: egui's built-in fonts have none. shipdesk ships Noto Sans SC cut to GB2312
//! (`assets/fonts`, SIL OFL; `scripts/make-cjk-font.sh` rebuilds it), and adds a system CJK
//! font, when there is one, for the rarer characters outside GB2312 (some names, traditional forms).

use std::sync::Arc;

/// Noto Sans SC, GB2312 subset.
const BUNDLED_CJK: &[u8] = crate::fonts::NOTO_SANS_SC;

/// Well-known CJK fonts by platform, with the collection index of their Simplified Chinese face.
const SYSTEM_CJK_FONTS: [(&str, u32); 6] = [
    ("/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc", 2),
    ("/usr/share/fonts/noto-cjk/NotoSansCJK-Regular.ttc", 2),
    ("/usr/share/fonts/truetype/wqy/wqy-microhei.ttc", 0),
    ("/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc", 0),
    ("/System/Library/Fonts/PingFang.ttc", 0),
    ("C:\\Windows\\Fonts\\msyh.ttc", 0),
];

/// Adds the bundled CJK font, then a system one if found, after egui's own fonts.
pub fn install_cjk_fallback(ctx: &egui::Context) {
    let mut fonts = egui::FontDefinitions::default();
    let mut names = vec!["cjk-bundled".to_owned()];
    fonts.font_data.insert(
        names[0].clone(),
        Arc::new(egui::FontData::from_static(BUNDLED_CJK)),
    );
    if let Some((bytes, index)) = SYSTEM_CJK_FONTS
        .iter()
        .find_map(|(path, index)| std::fs::read(path).ok().map(|bytes| (bytes, *index)))
    {
        let mut data = egui::FontData::from_owned(bytes);
        data.index = index;
        names.push("cjk-system".to_owned());
        fonts
            .font_data
            .insert("cjk-system".to_owned(), Arc::new(data));
    }
    for family in [egui::FontFamily::Proportional, egui::FontFamily::Monospace] {
        fonts
            .families
            .entry(family)
            .or_default()
            .extend(names.iter().cloned());
    }
    ctx.set_fonts(fonts);
}
