//! Browser glue the views share: the clock, fresh ids, downloads, reading files, and
//! turning the DOM selection into code point offsets.
//!
//! Segments of the article are rendered as `<span data-s="N">` where N is the code
//! point offset of the segment's first character. The DOM reports selection points as
//! (text node, UTF-16 offset); [`dom_point_to_cp`] is the one place that converts them.

use newsmark_core::{offsets, Timestamp};
use wasm_bindgen::JsCast;
use web_sys::{Element, Node};

pub fn now() -> Timestamp {
    Timestamp(js_sys::Date::now() as i64)
}

/// A fresh id such as `a-lk3j2x-9f3k`: time-ordered, with a random tail.
pub fn new_id(prefix: &str) -> String {
    let time = radix36(js_sys::Date::now() as u64);
    let random = radix36((js_sys::Math::random() * 36f64.powi(6)) as u64);
    format!("{prefix}-{time}-{random}")
}

fn radix36(mut n: u64) -> String {
    const DIGITS: &[u8] = b"0123456789abcdefghijklmnopqrstuvwxyz";
    let mut out = Vec::new();
    loop {
        out.push(DIGITS[(n % 36) as usize]);
        n /= 36;
        if n == 0 {
            break;
        }
    }
    out.reverse();
    String::from_utf8(out).expect("ascii digits")
}

/// The files chosen in the file input that sent `e`, which is emptied so that choosing
/// the same files again is noticed.
pub fn chosen_files(e: &web_sys::Event) -> Vec<gloo::file::File> {
    let Some(input) = e.target().and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok()) else {
        return Vec::new();
    };
    let files = input
        .files()
        .map(|list| (0..list.length()).filter_map(|i| list.get(i)).map(gloo::file::File::from).collect())
        .unwrap_or_default();
    input.set_value("");
    files
}

/// Offers `contents` to the person as a file download named `filename`.
pub fn download(filename: &str, mime: &str, contents: &str) {
    download_bytes(filename, mime, contents.as_bytes());
}

/// Offers `bytes` to the person as a file download named `filename`.
pub fn download_bytes(filename: &str, mime: &str, bytes: &[u8]) {
    let blob = gloo::file::Blob::new_with_options(bytes, Some(mime));
    let url = gloo::file::ObjectUrl::from(blob);
    let document = gloo::utils::document();
    let Ok(a) = document.create_element("a") else {
        return;
    };
    let a: web_sys::HtmlAnchorElement = a.unchecked_into();
    a.set_href(&url);
    a.set_download(filename);
    a.set_attribute("hidden", "").ok();
    if let Some(body) = document.body() {
        body.append_child(&a).ok();
        a.click();
        body.remove_child(&a).ok();
    }
    // Let the download start before the object URL is revoked.
    gloo::timers::callback::Timeout::new(60_000, move || drop(url)).forget();
}

/// A file name made from a title: letters, digits and dashes only.
pub fn file_stem(title: &str) -> String {
    let mut stem = String::new();
    for c in title.chars() {
        if c.is_alphanumeric() {
            stem.extend(c.to_lowercase());
        } else if !stem.ends_with('-') && !stem.is_empty() {
            stem.push('-');
        }
        if stem.chars().count() >= 80 {
            break;
        }
    }
    let stem = stem.trim_end_matches('-').to_owned();
    if stem.is_empty() {
        "article".into()
    } else {
        stem
    }
}

/// The current selection inside `article`, as code point offsets into the document
/// text, or `None` if nothing (or only a point) is selected there.
pub fn selection_in(article: &Element) -> Option<(usize, usize)> {
    let selection = web_sys::window()?.get_selection().ok()??;
    if selection.is_collapsed() || selection.range_count() == 0 {
        return None;
    }
    let range = selection.get_range_at(0).ok()?;
    let start_node = range.start_container().ok()?;
    let end_node = range.end_container().ok()?;
    if !article.contains(Some(&range.common_ancestor_container().ok()?))
        && !range_touches(article, &start_node, &end_node)
    {
        return None;
    }
    let start = dom_point_to_cp(article, &start_node, range.start_offset().ok()? as usize, Edge::Start)?;
    let end = dom_point_to_cp(article, &end_node, range.end_offset().ok()? as usize, Edge::End)?;
    (start < end).then_some((start, end))
}

fn range_touches(article: &Element, a: &Node, b: &Node) -> bool {
    article.contains(Some(a)) || article.contains(Some(b))
}

#[derive(Clone, Copy, PartialEq)]
enum Edge {
    Start,
    End,
}

/// The code point offset of a DOM selection point (`node`, `offset`), where `offset`
/// counts UTF-16 units in a text node or child nodes in an element.
fn dom_point_to_cp(article: &Element, node: &Node, offset: usize, edge: Edge) -> Option<usize> {
    if !article.contains(Some(node)) {
        // The selection runs out of the article: clamp to its first or last character.
        let segs = article.query_selector_all("[data-s]").ok()?;
        return if edge == Edge::Start {
            segment_start(&segs.item(0)?)
        } else {
            segment_end(&segs.item(segs.length().checked_sub(1)?)?)
        };
    }
    if node.node_type() == Node::TEXT_NODE {
        let seg = node.parent_element()?.closest("[data-s]").ok()??;
        let text = node.text_content().unwrap_or_default();
        // Text before this node inside the same segment (normally none).
        let before = text_before_in(&seg, node)?;
        return Some(segment_start(&seg)? + offsets::cp_len(&before) + offsets::utf16_to_cp(&text, offset)?);
    }
    // An element: the point lies before its child number `offset`.
    let element: &Element = node.dyn_ref()?;
    if element.has_attribute("data-s") {
        return if offset == 0 { segment_start(element) } else { segment_end(element) };
    }
    let children = node.child_nodes();
    for i in offset..children.length() as usize {
        if let Some(seg) = first_segment(&children.item(i as u32)?) {
            return segment_start(&seg);
        }
    }
    for i in (0..offset.min(children.length() as usize)).rev() {
        if let Some(seg) = last_segment(&children.item(i as u32)?) {
            return segment_end(&seg);
        }
    }
    None
}

fn text_before_in(seg: &Element, node: &Node) -> Option<String> {
    let mut before = String::new();
    let walker = gloo::utils::document().create_tree_walker_with_what_to_show(seg, 4 /* SHOW_TEXT */).ok()?;
    while let Ok(Some(n)) = walker.next_node() {
        if n.is_same_node(Some(node)) {
            return Some(before);
        }
        before.push_str(&n.text_content().unwrap_or_default());
    }
    Some(before)
}

fn first_segment(node: &Node) -> Option<Element> {
    let el: &Element = node.dyn_ref()?;
    if el.has_attribute("data-s") {
        return Some(el.clone());
    }
    el.query_selector("[data-s]").ok()?
}

fn last_segment(node: &Node) -> Option<Element> {
    let el: &Element = node.dyn_ref()?;
    if el.has_attribute("data-s") {
        return Some(el.clone());
    }
    let all = el.query_selector_all("[data-s]").ok()?;
    all.item(all.length().checked_sub(1)?)?.dyn_into().ok()
}

fn segment_start(seg: &Node) -> Option<usize> {
    seg.dyn_ref::<Element>()?.get_attribute("data-s")?.parse().ok()
}

fn segment_end(seg: &Node) -> Option<usize> {
    Some(segment_start(seg)? + offsets::cp_len(&seg.text_content().unwrap_or_default()))
}

/// Clears the page's text selection.
pub fn clear_selection() {
    if let Some(sel) = web_sys::window().and_then(|w| w.get_selection().ok().flatten()) {
        sel.remove_all_ranges().ok();
    }
}

/// The page position (for absolute placement) just above the current selection.
pub fn selection_anchor_point() -> Option<(f64, f64)> {
    let window = web_sys::window()?;
    let sel = window.get_selection().ok()??;
    if sel.range_count() == 0 {
        return None;
    }
    let rect = sel.get_range_at(0).ok()?.get_bounding_client_rect();
    let (sx, sy) = (window.scroll_x().ok()?, window.scroll_y().ok()?);
    Some((rect.left() + sx + rect.width() / 2.0, rect.top() + sy))
}

/// Scrolls the segment holding code point `start` into the middle of the view.
pub fn scroll_to_offset(start: usize) {
    scroll_to_offset_within(start, 40);
}

/// Scrolls the page to `y` CSS pixels from the top, waiting (as [`scroll_to_offset`]
/// does) while a long article is still being drawn and the page is not that long yet.
pub fn scroll_to_y(y: f64) {
    scroll_to_y_within(y, 40);
}

fn scroll_to_y_within(y: f64, tries: u32) {
    if y <= 0.0 {
        return;
    }
    let document = gloo::utils::document();
    let window = gloo::utils::window();
    let drawing = document.query_selector("#article[aria-busy=true]").ok().flatten().is_some();
    let height = window.inner_height().ok().and_then(|h| h.as_f64()).unwrap_or(0.0);
    let long_enough = document.document_element().is_some_and(|e| f64::from(e.scroll_height()) >= y + height);
    if !long_enough && (drawing || document.query_selector("#article").ok().flatten().is_none()) && tries > 0 {
        gloo::timers::callback::Timeout::new(50, move || scroll_to_y_within(y, tries - 1)).forget();
        return;
    }
    window.scroll_to_with_x_and_y(0.0, y);
}

/// [`scroll_to_offset`], trying again `tries` more times while a long article is still
/// being drawn (`aria-busy` on it) and the place is not drawn yet.
fn scroll_to_offset_within(start: usize, tries: u32) {
    let document = gloo::utils::document();
    let mut seg = document.query_selector(&format!("[data-s=\"{start}\"]")).ok().flatten();
    let drawing = document.query_selector("#article[aria-busy=true]").ok().flatten().is_some();
    if seg.is_none() && drawing && tries > 0 {
        gloo::timers::callback::Timeout::new(50, move || scroll_to_offset_within(start, tries - 1)).forget();
        return;
    }
    if seg.is_none() {
        // No segment starts there (a span of another set): take the one that holds it.
        if let Ok(all) = document.query_selector_all("[data-s]") {
            for i in 0..all.length() {
                let Some(el) = all.item(i).and_then(|n| n.dyn_into::<Element>().ok()) else { continue };
                match el.get_attribute("data-s").and_then(|s| s.parse::<usize>().ok()) {
                    Some(s) if s <= start => seg = Some(el),
                    _ => break,
                }
            }
        }
    }
    if let Some(seg) = seg {
        // Smoothly when near, so that the eye can follow; at once when many screens away.
        let height = web_sys::window().and_then(|w| w.inner_height().ok()).and_then(|h| h.as_f64()).unwrap_or(0.0);
        let near = seg.get_bounding_client_rect().top().abs() < 3.0 * height;
        let options = web_sys::ScrollIntoViewOptions::new();
        options.set_block(web_sys::ScrollLogicalPosition::Center);
        if near {
            options.set_behavior(web_sys::ScrollBehavior::Smooth);
        }
        seg.scroll_into_view_with_scroll_into_view_options(&options);
        land_in_view(seg, None, 15);
    }
}

/// Once a scroll to `seg` has stopped, puts `seg` in view if it is not: in a long article,
/// the paragraph groups scrolled past or landed on are laid out only then, and, taller or
/// shorter than the size the browser assumed for them, move the target. Checked every 200 ms, `tries` more times; `top` is where `seg` was last time.
fn land_in_view(seg: Element, top: Option<f64>, tries: u32) {
    gloo::timers::callback::Timeout::new(200, move || {
        let rect = seg.get_bounding_client_rect();
        let height = web_sys::window().and_then(|w| w.inner_height().ok()).and_then(|h| h.as_f64()).unwrap_or(0.0);
        let in_view = rect.bottom() > 0.0 && rect.top() < height;
        let still = top.is_some_and(|t| (t - rect.top()).abs() < 1.0);
        if in_view && still || tries == 0 || !seg.is_connected() {
            return;
        }
        if still {
            let options = web_sys::ScrollIntoViewOptions::new();
            options.set_block(web_sys::ScrollLogicalPosition::Center);
            seg.scroll_into_view_with_scroll_into_view_options(&options);
        }
        land_in_view(seg, Some(rect.top()), tries - 1);
    })
    .forget();
}

/// Whether keyboard focus is in a place where typing means text (an input or text area).
pub fn typing_in_a_field() -> bool {
    let Some(active) = gloo::utils::document().active_element() else {
        return false;
    };
    let tag = active.tag_name().to_ascii_lowercase();
    tag == "input" || tag == "textarea" || tag == "select" || active.has_attribute("contenteditable")
}

/// The DOM point (text node, UTF-16 offset) for code point `cp` of the article.
fn dom_point_for(article: &Element, cp: usize) -> Option<(Node, u32)> {
    let segs = article.query_selector_all("[data-s]").ok()?;
    let mut best: Option<(Element, usize)> = None;
    for i in 0..segs.length() {
        let el: Element = segs.item(i)?.dyn_into().ok()?;
        let start = segment_start(&el)?;
        if start > cp {
            break;
        }
        best = Some((el, start));
    }
    let (seg, start) = best?;
    let node = seg.first_child()?;
    let text = node.text_content().unwrap_or_default();
    let local = (cp - start).min(offsets::cp_len(&text));
    Some((node, offsets::cp_to_utf16(&text, local)? as u32))
}

/// Selects code points `anchor..focus` of the article (focus may come first), or puts a
/// collapsed selection at `focus`; returns the page rectangle of the focus point.
pub fn select_in(article: &Element, anchor: usize, focus: usize) -> Option<web_sys::DomRect> {
    let selection = web_sys::window()?.get_selection().ok()??;
    let (a_node, a_off) = dom_point_for(article, anchor)?;
    let (f_node, f_off) = dom_point_for(article, focus)?;
    selection.set_base_and_extent(&a_node, a_off, &f_node, f_off).ok()?;
    let range = gloo::utils::document().create_range().ok()?;
    range.set_start(&f_node, f_off).ok()?;
    range.set_end(&f_node, f_off).ok()?;
    let rects = range.get_client_rects()?;
    rects.get(0).or_else(|| Some(range.get_bounding_client_rect()))
}

/// The code point where a collapsed selection (a click) sits in the article.
pub fn caret_in(article: &Element) -> Option<usize> {
    let selection = web_sys::window()?.get_selection().ok()??;
    let node = selection.focus_node()?;
    if !article.contains(Some(&node)) {
        return None;
    }
    dom_point_to_cp(article, &node, selection.focus_offset() as usize, Edge::Start)
}

/// The window width and height, in CSS pixels, at and below which the stylesheet lays
/// the page out for a phone, upright or on its side (`@media (max-width: 640px),
/// (max-height: 500px)` in styles/app.css).
pub const SMALL_WIDTH: f64 = 640.0;
pub const SMALL_HEIGHT: f64 = 500.0;

/// Whether the window is as small as a phone's, as the stylesheet decides it.
pub fn small_window() -> bool {
    let Some(window) = web_sys::window() else { return false };
    let size = |v: Result<wasm_bindgen::JsValue, _>| v.ok().and_then(|v| v.as_f64());
    let (width, height) = (size(window.inner_width()), size(window.inner_height()));
    width.is_some_and(|w| w <= SMALL_WIDTH) || height.is_some_and(|h| h <= SMALL_HEIGHT)
}

/// Puts keyboard focus in the article's text (`#article`), with the caret at code point
/// `at` if given (else where it was); false if no article is shown.
pub fn focus_text(at: Option<usize>) -> bool {
    let Some(article) = gloo::utils::document().get_element_by_id("article") else {
        return false;
    };
    if let Some(at) = at {
        // The article reads its caret from a collapsed selection when it takes focus.
        select_in(&article, at, at);
    }
    article.dyn_into::<web_sys::HtmlElement>().is_ok_and(|a| a.focus().is_ok())
}

/// Moves keyboard focus to the first element matching `selector`, after the next render.
pub fn focus_soon(selector: &'static str) {
    gloo::timers::callback::Timeout::new(0, move || {
        if let Some(el) = gloo::utils::document().query_selector(selector).ok().flatten() {
            if let Ok(el) = el.dyn_into::<web_sys::HtmlElement>() {
                el.focus().ok();
            }
        }
    })
    .forget();
}

/// Once the editor has opened, keeps it where the person is looking: scrolled into view
/// (within the side panel, or as the sheet at the bottom of a narrow window, with the
/// chosen highlight kept above the sheet), and, when `focus`, focused.
pub fn reveal_editor(focus: bool) {
    gloo::timers::callback::Timeout::new(0, move || {
        let document = gloo::utils::document();
        let Some(editor) = document.query_selector(".editor").ok().flatten() else { return };
        let Some(window) = web_sys::window() else { return };
        let sheet =
            window.get_computed_style(&editor).ok().flatten().and_then(|s| s.get_property_value("position").ok());
        if sheet.as_deref() == Some("fixed") {
            // A sheet over the bottom of the window: the highlight must not hide under it.
            // It goes midway between the page's header and the sheet.
            let top = editor.get_bounding_client_rect().top();
            // The header ends below the notices when they stay in view under the top bar.
            let header = [".topbar", ".notices"]
                .iter()
                .filter_map(|selector| document.query_selector(selector).ok().flatten())
                .map(|h| h.get_bounding_client_rect().bottom())
                .fold(0.0, f64::max);
            if let Some(hl) = document.query_selector(".hl.focused").ok().flatten() {
                let rect = hl.get_bounding_client_rect();
                if rect.bottom() > top || rect.top() < header {
                    let goal = (header + top - rect.height()) / 2.0;
                    window.scroll_by_with_x_and_y(0.0, rect.top() - goal.max(header));
                }
            }
        } else {
            let options = web_sys::ScrollIntoViewOptions::new();
            options.set_block(web_sys::ScrollLogicalPosition::Nearest);
            editor.scroll_into_view_with_scroll_into_view_options(&options);
        }
        if focus {
            // Already in view, so focusing scrolls nothing further.
            if let Ok(el) = editor.dyn_into::<web_sys::HtmlElement>() {
                el.focus().ok();
            }
        }
    })
    .forget();
}

/// Runs `work` in a task of its own at background priority (`scheduler.postTask`): after
/// the tasks already waiting and after any input, so that work that follows an edit (the
/// save) never holds up the next key press. Where the browser has no `postTask`, in a task
/// after 0 ms.
pub fn in_background_task(work: impl FnOnce() + 'static) {
    let get = |target: &wasm_bindgen::JsValue, name: &str| js_sys::Reflect::get(target, &name.into()).ok();
    let scheduler = get(&js_sys::global(), "scheduler").filter(|s| s.is_object());
    let post_task =
        scheduler.as_ref().and_then(|s| get(s, "postTask")).and_then(|f| f.dyn_into::<js_sys::Function>().ok());
    match (scheduler, post_task) {
        (Some(scheduler), Some(post_task)) => {
            let options = js_sys::Object::new();
            js_sys::Reflect::set(&options, &"priority".into(), &"background".into()).ok();
            let work = wasm_bindgen::closure::Closure::once_into_js(work);
            post_task.call2(&scheduler, &work, &options).ok();
        }
        _ => {
            gloo::timers::callback::Timeout::new(0, work).forget();
        }
    }
}

/// Says `message` to screen readers through the page's polite live region.
pub fn announce(message: &str) {
    if let Some(region) = gloo::utils::document().get_element_by_id("announcer") {
        region.set_text_content(Some(message));
    }
}

/// Opens `contents` in a new browser tab (the printable report).
pub fn open_in_new_tab(mime: &str, contents: &str) {
    let blob = gloo::file::Blob::new_with_options(contents, Some(mime));
    let url = gloo::file::ObjectUrl::from(blob);
    if let Some(window) = web_sys::window() {
        window.open_with_url_and_target(&url, "_blank").ok();
    }
    gloo::timers::callback::Timeout::new(60_000, move || drop(url)).forget();
}

/// `N` random bytes from the browser's `crypto.getRandomValues`.
pub fn random_bytes<const N: usize>() -> [u8; N] {
    let mut bytes = [0u8; N];
    getrandom::getrandom(&mut bytes).expect("the browser has crypto.getRandomValues");
    bytes
}

/// The time of day of `t` in the person's time zone, as "10:42".
pub fn time_of_day(t: Timestamp) -> String {
    let date = js_sys::Date::new(&wasm_bindgen::JsValue::from_f64(t.0 as f64));
    format!("{:02}:{:02}", date.get_hours(), date.get_minutes())
}

/// The date and time of `t` in the person's time zone, as "29 Nov 2026, 17:55".
pub fn date_and_time(t: Timestamp) -> String {
    const MONTHS: [&str; 12] = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
    let date = js_sys::Date::new(&wasm_bindgen::JsValue::from_f64(t.0 as f64));
    let month = MONTHS.get(date.get_month() as usize).copied().unwrap_or("");
    format!("{} {month} {}, {}", date.get_date(), date.get_full_year(), time_of_day(t))
}
