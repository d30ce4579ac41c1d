//! Zone files: lexer, entry parser, model.

pub mod extra_types;
pub mod lexer;
pub mod model;
pub mod parser;
pub mod rpz;
pub mod scanner;
pub mod svcb;
pub mod text;

pub use model::{target, DName, Data, OriginSource, Rdata, Record, Zone};
