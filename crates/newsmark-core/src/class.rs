//! Class work on a CouchDB server: how a student's document is kept there so that two
//! devices' edits merge annotation by annotation ([`records`]); how a class is laid out
//! there, from the roster to the links students join with ([`roster`]); the records of a
//! database followed through its change feed ([`feed`]); what the teacher's Class view
//! reads ([`teacher`]); and the key and class picture published at Reveal ([`reveal`]).
//!
//! Nothing here talks to a network: the app and the command-line tool move these records
//! with CouchDB's own protocol, and this module says what the records are and how a
//! document is made from them, conflicts included.

pub mod feed;
pub mod records;
pub mod reveal;
pub mod roster;
pub mod teacher;
