//! The desk scale on the engine's side: its reader runs on a thread of its own (device reads
//! block; the engine's two async workers must not), and every change it reports is an
//! [`Event::Scale`] for the window. Saving the settings restarts the reader on the new scale.

use std::sync::{Arc, Weak};

use super::Event;
use super::core::{Core, lock};
use crate::desk::scale::{ScaleSettings, ScaleState, ScaleWatcher};
use crate::model::Text;

/// Starts reading the scale the current settings name (stopping the reader before it).
pub(super) fn watch(core: &Arc<Core>) {
    let settings = lock(&core.scale).0.clone();
    // Weak: the reader must not keep the engine alive, and the engine stops the reader.
    let engine: Weak<Core> = Arc::downgrade(core);
    let publish = move |state: ScaleState| {
        if let Some(core) = engine.upgrade() {
            core.announce(Event::Scale(state));
        }
    };
    // The old reader is stopped (and joined) before the new one opens the same device.
    let old = lock(&core.scale).1.take();
    drop(old);
    let watcher = match ScaleWatcher::start(settings, publish) {
        Ok(watcher) => Some(watcher),
        Err(error) => {
            tracing::warn!("scale: cannot start its reader: {error}");
            None
        }
    };
    lock(&core.scale).1 = watcher;
}

/// Stops the reader (the engine is stopping).
pub(super) fn stop(core: &Core) {
    let old = lock(&core.scale).1.take();
    drop(old);
}

/// The settings in use.
pub(super) fn settings(core: &Core) -> ScaleSettings {
    lock(&core.scale).0.clone()
}

/// Keeps `settings` in `scale.json` and reads the scale they name from now on.
pub(super) async fn save(core: &Arc<Core>, settings: ScaleSettings) -> Result<(), Text> {
    lock(&core.scale).0 = settings.clone();
    let dir = core.data_dir.clone();
    let saved = super::core::blocking(move || settings.save(&dir)).await;
    let watching = core.clone();
    // Joining the old reader may take a moment: not on an async worker.
    super::core::blocking(move || watch(&watching)).await.ok();
    saved?.map_err(|error| {
        Text::new(
            format!("Cannot save the scale settings: {error}"),
            format!("无法保存电子秤设置：{error}"),
        )
    })
}
