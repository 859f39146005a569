//! The desk's hardware: the scale the packer weighs every parcel on, and the command barcodes
//! its scanner reads ([`commands`]). Scale readers run on threads of their own (device reads
//! block), never on the window's thread; what they read reaches the window as the engine's
//! [`Event::Scale`](crate::engine::Event::Scale).

pub mod commands;
pub mod scale;
