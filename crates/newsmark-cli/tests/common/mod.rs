//! What the command-line tests share: a scratch folder per test, and running the built
//! `newsmark` command.
#![allow(dead_code)] // each test binary uses its own share of these

use std::path::PathBuf;
use std::process::{Command, Output};

/// A test's scratch folder, removed when the test's thread ends, passed or failed.
struct Folder(PathBuf);

impl Drop for Folder {
    fn drop(&mut self) {
        std::fs::remove_dir_all(&self.0).ok();
    }
}

thread_local! {
    static FOLDER: Folder = {
        let test = std::thread::current().name().unwrap_or("main").replace("::", "-");
        let binary = env!("CARGO_CRATE_NAME");
        let dir = std::env::temp_dir().join(format!("newsmark-{binary}-{}-{test}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        Folder(dir)
    };
}

/// A path in this test's own scratch folder (the tests of a binary run in parallel threads).
pub fn scratch(name: &str) -> PathBuf {
    FOLDER.with(|folder| folder.0.join(name))
}

/// Writes `contents` to a scratch file and returns its path.
pub fn write(name: &str, contents: &str) -> String {
    let path = scratch(name);
    std::fs::write(&path, contents).unwrap();
    path.to_string_lossy().into_owned()
}

pub fn newsmark(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_newsmark")).args(args).output().unwrap()
}

pub fn stdout(out: &Output) -> String {
    String::from_utf8_lossy(&out.stdout).into_owned()
}

pub fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}
