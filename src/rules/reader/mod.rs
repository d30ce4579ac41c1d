//! Rules whose findings come from reading files: syntax, includes, origins.

pub mod file_unreadable;
pub mod include_unresolved;
pub mod invalid_suppression;
pub mod origin_unknown;
pub mod syntax_error;
pub mod unchecked_record_type;
pub mod unused_suppression;
