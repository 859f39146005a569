//! The desk's paper other than labels, as PDF and CSV: the end-of-day handover list
//! ([`manifest`]), the packing slip of each shipment ([`packing_slip`]), the pick list of a
//! batch ([`pick_list`]) and the sheet of command barcodes ([`command_sheet`]), drawn with
//! the shared PDF primitives ([`pdf`]) that the sandbox's labels use too.

pub mod command_sheet;
pub mod manifest;
pub mod packing_slip;
pub mod pdf;
pub mod pick_list;
