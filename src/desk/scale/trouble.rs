//! The one sentence, in both languages, for each way a scale cannot be read: what a packer can
//! do about it, never an errno. Typing the weight by hand always works meanwhile.

use crate::model::Text;

use super::settings::SerialSettings;

/// The device exists but this user may not open it (no udev rule yet).
pub fn no_access(device: &str) -> Text {
    Text::new(
        format!(
            "The USB scale {device} is plugged in, but this user may not read it: add the udev rule from README (Desk scale) and plug the scale in again."
        ),
        format!(
            "USB 电子秤 {device} 已插入，但当前用户无权读取：请按 README（电子秤）添加 udev 规则，然后重新插拔电子秤。"
        ),
    )
}

/// The device could not be opened for another reason.
pub fn cannot_open(device: &str) -> Text {
    Text::new(
        format!("The scale {device} cannot be opened: unplug it and plug it in again."),
        format!("无法打开电子秤 {device}：请拔下后重新插上。"),
    )
}

/// The scale weighs in a unit no parcel takes.
pub fn unknown_unit() -> Text {
    Text::new(
        "The scale weighs in a unit shipdesk does not use: switch it to g, kg, oz or lb.",
        "电子秤的重量单位无法使用：请切换为 g、kg、oz 或 lb。",
    )
}

/// The serial port could not be opened.
pub fn port_unavailable(settings: &SerialSettings) -> Text {
    let port = &settings.port;
    Text::new(
        format!(
            "The serial port {port} for the scale cannot be opened: check that the cable is plugged in and the port in Settings is right."
        ),
        format!("无法打开电子秤串口 {port}：请检查数据线是否插好，以及设置中的串口是否正确。"),
    )
}

/// The scale did not answer in time.
pub fn silent(settings: &SerialSettings) -> Text {
    let port = &settings.port;
    Text::new(
        format!(
            "The scale on {port} does not answer: check that it is switched on and its cable is plugged in."
        ),
        format!("{port} 上的电子秤没有应答：请检查电子秤是否开机、数据线是否插好。"),
    )
}

/// The scale answers, but not in words shipdesk reads.
pub fn garbled(settings: &SerialSettings) -> Text {
    let (port, protocol, line) = (&settings.port, settings.protocol.name(), settings.line());
    Text::new(
        format!(
            "The scale on {port} answers in a way shipdesk cannot read: check that it speaks {protocol} at {line}, as set in Settings."
        ),
        format!(
            "{port} 上的电子秤应答无法识别：请检查电子秤是否使用 {protocol} 协议、{line}，与设置一致。"
        ),
    )
}

/// USB scales outside Linux (the same parser behind hidapi is still to come).
#[cfg(not(target_os = "linux"))]
pub fn usb_not_here() -> Text {
    Text::new(
        "USB scales are read on Linux only for now: use a serial scale, or type the weight.",
        "目前仅在 Linux 上支持 USB 电子秤：请使用串口电子秤，或手动输入重量。",
    )
}

/// A serial scale is chosen but no port is set.
pub fn no_port() -> Text {
    Text::new(
        "No serial port is set for the scale: enter it in Settings.",
        "未设置电子秤串口：请在设置中填写。",
    )
}
