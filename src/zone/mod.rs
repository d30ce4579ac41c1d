//! Zone files: lexer, entry parser, model.

pub mod lexer;
pub mod model;
pub mod parser;
pub mod scanner;
pub mod text;

pub use model::{DName, OriginSource, Rdata, Record, Zone};
