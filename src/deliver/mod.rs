//! Delivery by email (`dunning send`, SPEC 9): the batch zip opened and verified
//! ([`batch`]), one message per letter ([`message`]), the SMTP connection ([`smtp`]) and
//! the send log that makes a re-run send only what did not go out ([`log`]).

pub mod batch;
pub mod log;
pub mod message;
pub mod smtp;

pub use batch::Batch;
pub use log::{LogRow, SendLog, Status};
pub use message::Outgoing;
