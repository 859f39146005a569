//! The real window, typed into as a scanner or a fast typist does: under Xvfb (a real X server on
//! a 1366x768 screen), `xdotool type --delay 2` types a full recipient and sender block, Tab
//! between fields, into the window that just opened (no click first), and every field reads back
//! exactly what was typed (the draft the window saves as it is typed). Needs xvfb and xdotool.

use crate::common::printer::need;

/// Each field's text, in the order Tab walks them: the recipient, then the sender.
const TYPED: [(&str, &str, &str); 20] = [
    ("recipient", "name", "Ann Lee"),
    ("recipient", "company", "ACME Inc"),
    ("recipient", "phone", "13122223333"),
    ("recipient", "street1", "1215 Polk St"),
    ("recipient", "street2", "Suite 5"),
    ("recipient", "city", "Hollywood"),
    ("recipient", "state", "FL"),
    ("recipient", "postcode", "90048"),
    ("recipient", "country_code", "US"),
    ("recipient", "email", "ann@example.com"),
    ("sender", "name", "Tim Chen"),
    ("sender", "company", "Sunrise Trading"),
    ("sender", "phone", "13255555555"),
    ("sender", "street1", "15050 Slover Ave"),
    ("sender", "street2", "Unit 2"),
    ("sender", "city", "Fontana"),
    ("sender", "state", "CA"),
    ("sender", "postcode", "92335"),
    ("sender", "country_code", "US"),
    ("sender", "email", "tim@example.com"),
];

#[test]
fn xdotool_at_2_ms_a_key_fills_every_field_of_the_real_window_exactly() {
    need("xvfb-run", "xvfb");
    need("xdotool", "xdotool");
    let dir = tempfile::tempdir().expect("tmp");
    let burst: String = TYPED
        .iter()
        .map(|(_, _, text)| format!("{text}\t"))
        .collect();
    crate::common::real_window::drive(
        dir.path(),
        r#"
        xdotool type --delay 2 "$BURST"
        # Until the last field's text is drawn and saved (a loaded machine draws a debug build
        # seconds behind its keystrokes), then a moment more; the test reads what was saved.
        for _ in $(seq 1 200); do
            grep -q "$LAST" "$DATA/window.json" 2>/dev/null && break
            sleep 0.1
        done
        sleep 1
        "#,
        &[("BURST", &burst), ("LAST", TYPED[TYPED.len() - 1].2)],
    );
    let saved = std::fs::read_to_string(dir.path().join("window.json")).expect("the draft");
    let saved: serde_json::Value = serde_json::from_str(&saved).expect("json");
    let draft = &saved["draft"];
    for (who, field, typed) in TYPED {
        assert_eq!(
            draft[who][field].as_str().unwrap_or_default(),
            typed,
            "{who}.{field} (the whole draft: {draft})"
        );
    }
}
