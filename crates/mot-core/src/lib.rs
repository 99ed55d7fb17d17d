//! The Moments of Truth method: its types and rules, pure and synchronous.
//!
//! Nothing here knows about HTTP, SQL or async. Every rule of the method that
//! the product enforces lives here, so the web pages, the JSON API and the
//! WebSocket all enforce the same thing.

pub mod access;
pub mod audit;
pub mod board;
pub mod brand;
pub mod date;
pub mod feedback;
pub mod live;
pub mod outline;
pub mod portfolio;
pub mod request;
#[cfg(feature = "openapi")]
pub mod schema;
pub mod session;
pub mod starters;
pub mod text;

pub use access::{Actor, Author, Client, ClientRole, Membership, Role};
pub use board::{
    default_channels, default_stages, BoardCommand, BoardEvent, Business, Channel, ChannelDraft,
    DefaultNames, Journey, Moment, Stage, StageOrder, DEFAULT_STAGE_KEYS,
};
pub use live::LiveEvent;
pub use text::{Limits, Msg, MsgArg, RuleError};

/// Database ids are 64-bit integers.
pub type Id = i64;

/// Milliseconds since the Unix epoch (UTC).
pub type Millis = i64;
