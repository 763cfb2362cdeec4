//! `newsmark`: Newsmark's command-line tool, on the same core as the app.
//!
//! `newsmark check FILE…` validates saved Newsmark JSON files (one document or a set)
//! and prints what is wrong with each; it exits with status 1 if any file is refused.

use newsmark_core::schema;
use std::process::ExitCode;

const USAGE: &str = "\
usage: newsmark check FILE...

Commands:
  check FILE...   validate saved Newsmark JSON files (a document or a set) and
                  print what is wrong; exit status 1 if any file is refused";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match args.first().map(String::as_str) {
        Some("check") if args.len() > 1 => check(&args[1..]),
        Some("-h" | "--help" | "help") => {
            println!("{USAGE}");
            ExitCode::SUCCESS
        }
        _ => {
            eprintln!("{USAGE}");
            ExitCode::from(2)
        }
    }
}

fn check(paths: &[String]) -> ExitCode {
    let mut failed = false;
    for path in paths {
        let text = match std::fs::read(path) {
            Ok(bytes) => match String::from_utf8(bytes) {
                Ok(text) => text,
                Err(e) => {
                    println!(
                        "{path}: refused\n  the file is not UTF-8 text (bad byte at offset {})",
                        e.utf8_error().valid_up_to()
                    );
                    failed = true;
                    continue;
                }
            },
            Err(e) => {
                println!("{path}: cannot read it ({e})");
                failed = true;
                continue;
            }
        };
        match schema::load(&text) {
            Ok(docs) => {
                let annotations: usize = docs.iter().map(|d| d.annotations.len()).sum();
                let what = match docs.as_slice() {
                    [doc] => format!("\"{}\"", doc.title),
                    _ => format!("a set of {} documents", docs.len()),
                };
                println!("{path}: ok, {what} with {annotations} annotations");
            }
            Err(e) => {
                failed = true;
                println!("{path}: refused");
                for problem in &e.problems {
                    println!("  {problem}");
                }
            }
        }
    }
    if failed {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    }
}
