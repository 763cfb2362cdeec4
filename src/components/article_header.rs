//! The head of the open article: its title, byline and source (for a captured page: the
//! site, when it was published and when it was captured), and how to annotate it (with the
//! legend and the codebook).

use super::legend::{Codebook, Legend};
use crate::browser;
use newsmark_core::Document;
use std::sync::Arc;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct ArticleHeaderProps {
    pub doc: Arc<Document>,
}

#[function_component]
pub fn ArticleHeader(props: &ArticleHeaderProps) -> Html {
    let doc = &props.doc;
    html! {
        <header class="article-head">
            <h1 class="article-title">{ &doc.title }</h1>
            if let Some(byline) = &doc.byline {
                <p class="byline" dir="auto">{ byline }</p>
            }
            if doc.site_name.is_some() || doc.published.is_some() || doc.captured.is_some() {
                <p class="provenance" id="provenance">
                    if let Some(site) = &doc.site_name {
                        <span class="site" dir="auto">{ site }</span>
                    }
                    if let Some(published) = &doc.published {
                        <span>{ "Published " }<time datetime={published.clone()}>{ published_date(published) }</time></span>
                    }
                    if let Some(at) = doc.captured {
                        <span>{ "Captured " }<time class="captured" datetime={at.to_string()}>{ browser::date_and_time(at) }</time></span>
                    }
                </p>
            }
            if let Some(url) = &doc.source_url {
                <p class="source">{ "Source: " }
                    if newsmark_core::model::is_web_address(url) {
                        <a class="url" href={url.clone()} target="_blank" rel="noopener noreferrer">{ url }</a>
                    } else {
                        <span class="url">{ url }</span>
                    }
                </p>
            }
            <div class="howto">
                <span>{ "Select words, then press " }<kbd>{ "C" }</kbd>{ " claim, " }<kbd>{ "Q" }</kbd>{ " quote or " }<kbd>{ "A" }</kbd>{ " actor. Click a highlight to edit it." }</span>
                <Legend />
                <Codebook entries={doc.assignment.as_ref().map_or_else(newsmark_core::exercise::default_codebook, |a| a.codebook.clone())} />
            </div>
        </header>
    }
}

/// A publication time as a page gives it, shown as its date ("28 Nov 2026") when it starts
/// with one in ISO 8601 form; otherwise as given.
fn published_date(given: &str) -> String {
    const MONTHS: [&str; 12] = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
    let date = given.trim().get(..10).and_then(|d| {
        let b = d.as_bytes();
        (b[4] == b'-' && b[7] == b'-').then_some(())?;
        let (year, month, day): (u32, usize, u32) =
            (d[..4].parse().ok()?, d[5..7].parse().ok()?, d[8..10].parse().ok()?);
        Some(format!("{day} {} {year}", MONTHS.get(month.checked_sub(1)?)?))
    });
    date.unwrap_or_else(|| given.trim().to_owned())
}

#[cfg(test)]
mod tests {
    #[test]
    fn a_published_time_shows_its_date_or_stays_as_the_page_gave_it() {
        assert_eq!(super::published_date("2026-11-28T07:15:00+01:00"), "28 Nov 2026");
        assert_eq!(super::published_date("2026-01-05"), "5 Jan 2026");
        assert_eq!(super::published_date("Friday, 28 November"), "Friday, 28 November");
        assert_eq!(super::published_date("2026-13-05"), "2026-13-05");
        assert_eq!(super::published_date("é"), "é");
    }
}
