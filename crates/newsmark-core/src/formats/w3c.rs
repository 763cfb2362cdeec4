//! (being written)
use super::{Draft, Exported, ImportError};
use crate::model::Document;
pub fn export(_docs: &[Document]) -> Exported { todo!() }
pub fn read(_text: &str) -> Result<Vec<Draft>, ImportError> { todo!() }
