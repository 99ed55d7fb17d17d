//! HTML views, built with maud (compiled, auto-escaping). One layout and
//! partials; the same partial renders a full page and a live update.

pub mod audit;
pub mod board;
pub mod layout;
pub mod pages;
pub mod session;
