//! Bringing files in: annotation files of any importable format, and article files
//! (`.txt`, `.md`, `.html`) that open as new documents; and reading an annotation file
//! again with the tags the person chose for what was left out.

use crate::article_file::Opened;
use crate::background::{self, NotImported};
use crate::browser;
use crate::state::{AppState, Msg, Notice};
use newsmark_core::article_text::{Article, ArticleFile};
use newsmark_core::formats::TagMapping;
use newsmark_core::{Action, Document};
use std::collections::BTreeMap;
use std::rc::Rc;
use std::sync::Arc;
use yew::prelude::*;

/// The open article's title and text, which files without article text are placed against.
pub type OpenArticle = Option<(String, Arc<str>)>;

/// A new document for an article read from a file or pasted in.
pub fn article_document(article: Article) -> Document {
    Document {
        source_url: article.source_url,
        byline: article.byline,
        published: article.published,
        site_name: article.site_name,
        captured: article.captured,
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
/// is imported as annotations. A web page goes to `on_page`, which adds it or asks.
pub fn drop_file(
    state: UseReducerHandle<AppState>,
    file: gloo::file::File,
    open: OpenArticle,
    on_page: Callback<crate::capture::Reading>,
) {
    if ArticleFile::of(&file.name()).is_none() {
        return import_file(state, file, open);
    }
    yew::platform::spawn_local(async move {
        let name = file.name();
        match crate::article_file::open(&file).await {
            Ok(Opened::Article(article)) => {
                state.dispatch(Msg::Edit(Action::AddDocument(article_document(article)), browser::now()))
            }
            Ok(Opened::Page(reading)) => on_page.emit(*reading),
            Err(why) => {
                state.dispatch(Msg::Notify(Some(Notice::error(format!("{name} could not be opened."), vec![why]))))
            }
        }
    });
}

/// A sentence from the core ("the file is …") as it starts a line of a notice. The core's
/// sentences start with an English word, so an ASCII capital does, and Unicode's upper-case
/// tables (13 KB) stay out of the first load.
fn capitalized(sentence: &str) -> String {
    let mut chars = sentence.chars();
    chars.next().map(|c| std::iter::once(c.to_ascii_uppercase()).chain(chars).collect()).unwrap_or_default()
}

/// Reads a dropped or chosen file of any importable format and adds what it holds to
/// the library. Files that carry no article text (W3C from elsewhere, a bare brat
/// `.ann`) are placed against the open article, as a new library entry.
async fn import(state: UseReducerHandle<AppState>, file: gloo::file::File, open: OpenArticle) {
    let name = file.name();
    let refused = |details: Vec<String>| {
        Msg::Notify(Some(Notice::error(format!("{name} was not imported. Nothing was changed."), details)))
    };
    // Refused before it is read, so a huge file never fills the tab's memory.
    if let Err(why) = newsmark_core::limits::check_file_size(file.size()) {
        return state.dispatch(refused(vec![format!("{}.", capitalized(&why))]));
    }
    let bytes = match gloo::file::futures::read_as_bytes(&file).await {
        Ok(bytes) => bytes,
        Err(e) => return state.dispatch(refused(vec![format!("The file could not be read ({e}).")])),
    };
    let file = ImportedFile { name, bytes: bytes.into(), open };
    read(state, file, TagMapping::default(), None).await;
}

/// What is said when a file is of no format Newsmark imports.
const UNRECOGNISED: &str = "Its format was not recognised. Newsmark imports Newsmark JSON, W3C Web Annotation, brat (.zip or .ann), doccano JSONL and Label Studio JSON, and opens .txt, .md and .html files as articles.";

/// A file that was imported, kept so that it can be read again with other tags.
#[derive(Clone, Debug, PartialEq)]
pub struct ImportedFile {
    pub name: String,
    pub bytes: Rc<[u8]>,
    /// The article the file was placed against.
    pub open: OpenArticle,
}

/// An import that left annotations out for want of a tag, and what the person can map:
/// what the import notice's *Choose tags…* offers.
#[derive(Clone, Debug, PartialEq)]
pub struct Retag {
    pub file: ImportedFile,
    /// The tags found on the annotations the first reading left out, with how many carry each.
    pub labels: BTreeMap<String, usize>,
    /// How many annotations the first reading left out for having no tag at all.
    pub untagged: usize,
    /// The choices the file was last read with.
    pub tags: TagMapping,
    /// The documents the last reading added, which the next reading replaces.
    pub docs: Vec<String>,
}

/// Reads the file of `retag` again with the person's choice of tags, in place of the
/// documents its last reading added.
pub fn read_again(state: UseReducerHandle<AppState>, retag: Retag, tags: TagMapping) {
    yew::platform::spawn_local(read(state, retag.file.clone(), tags, Some(retag)));
}

/// Imports `file` with `tags` (read by the background worker), replacing what `previous`
/// (an earlier reading of the same file) added.
async fn read(state: UseReducerHandle<AppState>, file: ImportedFile, tags: TagMapping, previous: Option<Retag>) {
    let ImportedFile { name, bytes, open } = file.clone();
    let refused = |details: Vec<String>| {
        Msg::Notify(Some(Notice::error(format!("{name} was not imported. Nothing was changed."), details)))
    };
    let text = open.as_ref().map(|(_, text)| &**text);
    match background::read_import(&name, &bytes, text, &tags, browser::new_id("d"), browser::now()).await {
        Ok(imported) => {
            let (format, report) = (imported.format, imported.summary);
            let mut docs = imported.documents;
            let mut details = Vec::new();
            if !docs.is_empty() {
                details.push(format!("{}: {}", format.label(), report.summary));
            }
            details.extend(report.remarks);
            details.extend(report.left_out);
            // What can be mapped is what the first reading left out for want of a tag.
            let (labels, untagged, replaces) = match previous {
                Some(p) => (p.labels, p.untagged, p.docs),
                None => (report.labels, report.untagged, Vec::new()),
            };
            let retag =
                (!labels.is_empty() || untagged > 0).then(|| Retag { file, labels, untagged, tags, docs: Vec::new() });
            if report.for_want_of_a_tag > 0 {
                details.push("To import them as claims, quotes or actors, choose tags for them.".into());
            }
            // Annotations of the open article from a file that names no title are named after
            // it; other articles without one were titled from their first words.
            let mut untitled = report.untitled.clone();
            if let Some((title, text)) = &open {
                for doc in docs.iter_mut().filter(|d| report.untitled.contains(&d.id)) {
                    if Arc::ptr_eq(&doc.text, text) || *doc.text == **text {
                        doc.title = format!("{title} (imported annotations)");
                        untitled.retain(|id| *id != doc.id);
                    }
                }
            }
            if report.orphaned > 0 {
                details.push(
                    "Annotations whose text was not found are listed in the side panel, to place or drop.".into(),
                );
            }
            let fresh_ids = docs.iter().map(|_| browser::new_id("d")).collect();
            state.dispatch(Msg::Import {
                docs,
                fresh_ids,
                now: browser::now(),
                source: name.clone(),
                details,
                retag,
                replaces,
                untitled,
            });
        }
        Err(NotImported::Unrecognised) => state.dispatch(refused(vec![UNRECOGNISED.into()])),
        Err(NotImported::Refused(why)) => state.dispatch(refused(why)),
    }
}
