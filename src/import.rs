//! Bringing files in: annotation files of any importable format, and article files
//! (`.txt`, `.md`, `.html`) that open as new documents.

use crate::browser;
use crate::state::{AppState, Msg, Notice};
use newsmark_core::article_text::{Article, ArticleFile};
use newsmark_core::formats;
use newsmark_core::{Action, Document};
use std::sync::Arc;
use yew::prelude::*;

/// The open article's title and text, which files without article text are placed against.
pub type OpenArticle = Option<(String, Arc<str>)>;

/// A new document for an article read from a file or pasted in.
pub fn article_document(article: Article) -> Document {
    Document {
        source_url: article.source_url,
        byline: article.byline,
        ..Document::new(browser::new_id("d"), article.title, article.text, browser::now())
    }
}

/// Imports an annotation file in the background (see [`import`]).
pub fn import_file(state: UseReducerHandle<AppState>, file: gloo::file::File, open: OpenArticle) {
    yew::platform::spawn_local(async move {
        import(state, file, open).await;
    });
}

/// A file dropped on the page: an article file opens as a new document, anything else
/// is imported as annotations.
pub fn drop_file(state: UseReducerHandle<AppState>, file: gloo::file::File, open: OpenArticle) {
    if ArticleFile::of(&file.name()).is_none() {
        return import_file(state, file, open);
    }
    yew::platform::spawn_local(async move {
        let name = file.name();
        match crate::article_file::open(&file).await {
            Ok(article) => state.dispatch(Msg::Edit(Action::AddDocument(article_document(article)), browser::now())),
            Err(why) => {
                state.dispatch(Msg::Notify(Some(Notice::error(format!("{name} could not be opened."), vec![why]))))
            }
        }
    });
}

/// Reads a dropped or chosen file of any importable format and adds what it holds to
/// the library. Files that carry no article text (W3C from elsewhere, a bare brat
/// `.ann`) are placed against the open article, as a new library entry.
async fn import(state: UseReducerHandle<AppState>, file: gloo::file::File, open: OpenArticle) {
    let name = file.name();
    let refused = |details: Vec<String>| {
        Msg::Notify(Some(Notice::error(format!("{name} was not imported. Nothing was changed."), details)))
    };
    if file.size() as usize > formats::MAX_IMPORT_BYTES {
        let mb = file.size() as f64 / 1_048_576.0;
        let limit = formats::MAX_IMPORT_BYTES / 1_048_576;
        return state
            .dispatch(refused(vec![format!("The file is {mb:.1} MB; Newsmark imports files of up to {limit} MB.")]));
    }
    let bytes = match gloo::file::futures::read_as_bytes(&file).await {
        Ok(bytes) => bytes,
        Err(e) => return state.dispatch(refused(vec![format!("The file could not be read ({e}).")])),
    };
    let Some(format) = formats::detect(&name, &bytes) else {
        return state.dispatch(refused(vec![
            "Its format was not recognised. Newsmark imports Newsmark JSON, W3C Web Annotation, brat (.zip or .ann), doccano JSONL and Label Studio JSON, and opens .txt, .md and .html files as articles.".into(),
        ]));
    };
    let mut new_id = || browser::new_id("d");
    let text = open.as_ref().map(|(_, text)| &**text);
    match formats::import(format, &bytes, text, &mut new_id, browser::now()) {
        Ok(imported) => {
            let mut docs = imported.documents;
            let mut details = vec![format!("{}: {}", format.label(), imported.report.summary())];
            details.extend(imported.report.remarks);
            // Annotations of the open article from a file that names no title are named after it.
            if let Some((title, text)) = &open {
                for doc in docs.iter_mut().filter(|d| imported.untitled.contains(&d.id)) {
                    if Arc::ptr_eq(&doc.text, text) || *doc.text == **text {
                        doc.title = format!("{title} (imported annotations)");
                    }
                }
            }
            if imported.report.orphaned > 0 {
                details.push(
                    "Annotations whose text was not found are listed in the side panel, to place or drop.".into(),
                );
            }
            let fresh_ids = docs.iter().map(|_| browser::new_id("d")).collect();
            state.dispatch(Msg::Import { docs, fresh_ids, now: browser::now(), source: name.clone(), details });
        }
        Err(e) => state.dispatch(refused(e.0.lines().map(str::to_owned).collect())),
    }
}
