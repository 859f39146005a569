//! Which `/dev/hidrawN` is a scale. Linux lists every hidraw device in sysfs with its HID report
//! descriptor; a scale's descriptor sets the Scales usage page, 0x8D. Some vendors misreport
//! the page, so Dymo's vendor id (0x0922) counts as a scale too, as weighty's udev rule does.
//! The two folders are injectable: tests hand a fake sysfs tree and a FIFO for the device.

use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

/// The HID usage page of scales (HID Usage Tables, chapter "Scales").
const SCALES_PAGE: u32 = 0x8D;
/// Dymo's USB vendor id (M10 0x8003, M25 0x8004).
const DYMO_VENDOR: &str = "00000922";

/// Where hidraw devices are listed and where their device files are.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct HidPaths {
    /// `/sys/class/hidraw`: one folder a device (`hidraw3/device/report_descriptor`).
    pub sysfs: PathBuf,
    /// `/dev`: where `hidraw3` is opened.
    pub dev: PathBuf,
}

impl Default for HidPaths {
    fn default() -> Self {
        Self {
            sysfs: PathBuf::from("/sys/class/hidraw"),
            dev: PathBuf::from("/dev"),
        }
    }
}

/// The device files of every scale listed under `paths.sysfs`, by name (`hidraw0` first).
pub fn find_scales(paths: &HidPaths) -> Vec<PathBuf> {
    let Ok(entries) = std::fs::read_dir(&paths.sysfs) else {
        return Vec::new();
    };
    let mut names: Vec<String> = entries
        .filter_map(|entry| entry.ok())
        .map(|entry| entry.file_name().to_string_lossy().into_owned())
        .filter(|name| is_scale(&paths.sysfs.join(name)))
        .collect();
    names.sort();
    names.into_iter().map(|name| paths.dev.join(name)).collect()
}

fn is_scale(device: &Path) -> bool {
    let descriptor = std::fs::read(device.join("device/report_descriptor")).unwrap_or_default();
    let uevent = std::fs::read_to_string(device.join("device/uevent")).unwrap_or_default();
    is_scale_descriptor(&descriptor) || is_dymo(&uevent)
}

/// Whether a HID report descriptor sets the Scales usage page (`05 8D`, `06 8D 00`, or the
/// four-byte form), read item by item so a data byte that happens to be 0x8D is not mistaken
/// for it.
pub fn is_scale_descriptor(descriptor: &[u8]) -> bool {
    let mut at = 0;
    while let Some(&prefix) = descriptor.get(at) {
        if prefix == 0xFE {
            // A long item: its data size is the next byte, then a tag byte.
            let size = descriptor.get(at + 1).copied().unwrap_or(0);
            at += 3 + usize::from(size);
            continue;
        }
        let size = match prefix & 0x03 {
            3 => 4,
            n => usize::from(n),
        };
        // Global item (type 1), tag 0: Usage Page.
        if prefix & 0xFC == 0x04 {
            let data = descriptor.get(at + 1..at + 1 + size).unwrap_or_default();
            let page = data
                .iter()
                .rev()
                .fold(0u32, |page, &byte| (page << 8) | u32::from(byte));
            if page == SCALES_PAGE {
                return true;
            }
        }
        at += 1 + size;
    }
    false
}

/// `HID_ID=0003:00000922:00008003` in the device's uevent.
fn is_dymo(uevent: &str) -> bool {
    uevent
        .lines()
        .filter_map(|line| line.strip_prefix("HID_ID="))
        .any(|id| {
            id.split(':')
                .nth(1)
                .is_some_and(|v| v.eq_ignore_ascii_case(DYMO_VENDOR))
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_usage_page_is_found_item_by_item() {
        // Usage Page (Scales), Usage (Scale Device), Collection (Application).
        assert!(is_scale_descriptor(&[0x05, 0x8D, 0x09, 0x01, 0xA1, 0x01]));
        assert!(is_scale_descriptor(&[0x06, 0x8D, 0x00, 0x09, 0x01]));
        // A keyboard: Usage Page (Generic Desktop), and 0x8D only as a Usage's data.
        assert!(!is_scale_descriptor(&[0x05, 0x01, 0x09, 0x8D, 0xA1, 0x01]));
        // Cut short: no panic, no scale.
        assert!(!is_scale_descriptor(&[0x06, 0x8D]));
    }

    #[test]
    fn dymo_counts_whatever_its_descriptor_says() {
        assert!(is_dymo(
            "DRIVER=hid-generic\nHID_ID=0003:00000922:00008003\n"
        ));
        assert!(!is_dymo("HID_ID=0003:0000046D:0000C52B\n"));
    }
}
