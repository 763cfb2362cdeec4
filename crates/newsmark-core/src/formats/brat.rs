//! (being written)
use super::{Draft, Exported, ImportError};
use crate::model::Document;
pub fn export(_docs: &[Document]) -> Exported { todo!() }
pub fn read(_bytes: &[u8]) -> Result<Vec<Draft>, ImportError> { todo!() }
