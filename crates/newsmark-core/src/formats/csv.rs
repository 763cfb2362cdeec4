//! (being written)
use super::Exported;
use crate::model::Document;
pub fn export(_docs: &[Document]) -> Exported { todo!() }
