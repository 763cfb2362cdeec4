//! The library: the stored articles, to open, rename or delete.

use crate::storage::Persistence;
use web_sys::HtmlInputElement;
use yew::prelude::*;

#[derive(Clone, PartialEq)]
pub struct LibraryEntry {
    pub id: String,
    /// The document's own title, which renaming changes.
    pub title: String,
    /// What the list shows: the title, with the student's name for a student's work.
    pub label: String,
    pub annotations: usize,
    /// The class this is class work for (its name), shown as a badge.
    pub class: Option<String>,
}

#[derive(Properties, PartialEq)]
pub struct LibraryProps {
    pub entries: Vec<LibraryEntry>,
    pub open: Option<String>,
    pub on_open: Callback<String>,
    pub on_rename: Callback<(String, String)>,
    pub on_delete: Callback<String>,
    pub on_new: Callback<()>,
    /// Open the sample exercise as a student would.
    pub on_sample_exercise: Callback<()>,
    /// Add three sample students' work on the sample exercise, to try Compare.
    pub on_sample_class: Callback<()>,
    /// Open the Join dialog (a class's join link or its details).
    #[prop_or_default]
    pub on_join: Callback<()>,
    /// Open the teacher's sign-in to a class (its Class view).
    #[prop_or_default]
    pub on_class: Callback<()>,
    /// Whether the browser promised to keep the library; `None` until it has answered.
    #[prop_or_default]
    pub persistence: Option<Persistence>,
    /// Whether the library holds work of the person's (anything but the untouched sample):
    /// only then is a browser that may clear it worth a warning.
    #[prop_or_default]
    pub has_work: bool,
    /// Start renaming this document (a title Newsmark made up); the number changes with
    /// each request, so the same document can be asked for twice.
    #[prop_or_default]
    pub rename: Option<(String, u32)>,
}

#[function_component]
pub fn Library(props: &LibraryProps) -> Html {
    let renaming = use_state(|| None::<String>);
    let confirming = use_state(|| None::<String>);
    let rename_ref = use_node_ref();
    // A notice's "Rename" opens the title field of that document.
    {
        let renaming = renaming.clone();
        use_effect_with(props.rename.clone(), move |rename| {
            if let Some((id, _)) = rename {
                renaming.set(Some(id.clone()));
            }
        });
    }
    // Put the caret in the title field as soon as renaming starts.
    {
        let rename_ref = rename_ref.clone();
        use_effect_with((*renaming).clone(), move |renaming| {
            if renaming.is_some() {
                if let Some(input) = rename_ref.cast::<HtmlInputElement>() {
                    input.focus().ok();
                    input.select();
                }
            }
        });
    }

    html! {
        <nav class="library" aria-label="Library">
            <div class="library-head">
                <h2>{ "Library" }</h2>
                <button type="button" class="small" onclick={props.on_new.reform(|_| ())}>{ "+ Add article" }</button>
            </div>
            if props.entries.is_empty() {
                <p class="empty-list">{ "No articles yet." }</p>
            }
            <ul class="library-list">
                { for props.entries.iter().map(|entry| {
                    let id = entry.id.clone();
                    let is_open = props.open.as_deref() == Some(id.as_str());
                    if renaming.as_deref() == Some(id.as_str()) {
                        let finish = {
                            let (renaming, on_rename, id) = (renaming.clone(), props.on_rename.clone(), id.clone());
                            move |input: HtmlInputElement| {
                                let title = input.value().trim().to_owned();
                                if !title.is_empty() {
                                    on_rename.emit((id.clone(), title));
                                }
                                renaming.set(None);
                            }
                        };
                        let onkeydown = {
                            let (finish, renaming) = (finish.clone(), renaming.clone());
                            Callback::from(move |e: KeyboardEvent| match e.key().as_str() {
                                "Enter" => finish(e.target_unchecked_into()),
                                "Escape" => renaming.set(None),
                                _ => {}
                            })
                        };
                        let onblur = Callback::from(move |e: FocusEvent| finish(e.target_unchecked_into()));
                        return html! {
                            <li key={id.clone()} class="library-item renaming">
                                <input type="text" class="rename-input" aria-label="New title" value={entry.title.clone()}
                                    {onkeydown} {onblur} ref={rename_ref.clone()} />
                            </li>
                        };
                    }
                    if confirming.as_deref() == Some(id.as_str()) {
                        let (on_delete, confirming_yes, id_yes) = (props.on_delete.clone(), confirming.clone(), id.clone());
                        let confirming_no = confirming.clone();
                        return html! {
                            <li key={id.clone()} class="library-item confirming" role="alert">
                                <p>{ format!("Delete “{}” and its {} annotations?", entry.label, entry.annotations) }</p>
                                <div class="row">
                                    <button type="button" class="danger small" onclick={Callback::from(move |_| {
                                        on_delete.emit(id_yes.clone());
                                        confirming_yes.set(None);
                                    })}>{ "Delete" }</button>
                                    <button type="button" class="small" onclick={Callback::from(move |_| confirming_no.set(None))}>{ "Keep it" }</button>
                                </div>
                            </li>
                        };
                    }
                    let (on_open, open_id) = (props.on_open.clone(), id.clone());
                    let (renaming, rename_id) = (renaming.clone(), id.clone());
                    let (confirming, delete_id) = (confirming.clone(), id.clone());
                    html! {
                        <li key={id.clone()} class={classes!("library-item", is_open.then_some("open"))}>
                            <button type="button" class="library-title" aria-current={is_open.then_some("page")}
                                onclick={Callback::from(move |_| on_open.emit(open_id.clone()))}>
                                <span class="title-text">{ &entry.label }</span>
                                if let Some(class) = &entry.class {
                                    <span class="class-badge">{ format!("Class work: {class}") }</span>
                                }
                                <span class="count">{ format!("{} annotation{}", entry.annotations, if entry.annotations == 1 { "" } else { "s" }) }</span>
                            </button>
                            <div class="library-actions">
                                <button type="button" class="link" aria-label={format!("Rename {}", entry.label)}
                                    onclick={Callback::from(move |_| renaming.set(Some(rename_id.clone())))}>{ "Rename" }</button>
                                <button type="button" class="link danger-text" aria-label={format!("Delete {}", entry.label)}
                                    onclick={Callback::from(move |_| confirming.set(Some(delete_id.clone())))}>{ "Delete" }</button>
                            </div>
                        </li>
                    }
                }) }
            </ul>
            <div class="samples">
                <h2>{ "Try it" }</h2>
                <button type="button" class="link" id="sample-exercise" onclick={props.on_sample_exercise.reform(|_| ())}>{ "Open the sample exercise" }</button>
                <button type="button" class="link" id="sample-class" onclick={props.on_sample_class.reform(|_| ())}>{ "Add a sample class (3 students) to compare" }</button>
                <h2>{ "Class" }</h2>
                <button type="button" class="link" id="join-class" onclick={props.on_join.reform(|_| ())}>{ "Join class…" }</button>
                <button type="button" class="link" id="class-button" title="Watch a class's work on a class server, as its teacher"
                    onclick={props.on_class.reform(|_| ())}>{ "Teach a class…" }</button>
            </div>
            if let Some(p) = &props.persistence {
                <StorageStatus persistence={p.clone()} has_work={props.has_work} />
            }
        </nav>
    }
}

#[derive(Properties, PartialEq)]
struct StorageStatusProps {
    persistence: Persistence,
    has_work: bool,
}

/// Where the library is kept, how much room it takes, and whether the browser promised
/// not to clear it when space runs low. A browser that has not promised is a warning only
/// when there is work to lose; a first visit is told calmly where its work will be kept.
#[function_component]
fn StorageStatus(props: &StorageStatusProps) -> Html {
    let p = &props.persistence;
    let (class, status, detail) = match p.granted {
        _ if !p.available => (
            "not-kept",
            "Not stored",
            "This browser does not let Newsmark store anything for this site (site data may be blocked, or this is a private window), so your work lives only in this tab. Download it before closing the tab.",
        ),
        Some(true) => (
            "kept",
            "Kept safe",
            "The browser has agreed not to clear this library to free space. It is still only in this browser: export to keep a copy elsewhere.",
        ),
        Some(false) if !props.has_work => (
            "calm",
            "Stored in this browser",
            "Your work will be kept in this browser. Export it now and then to keep a copy elsewhere.",
        ),
        Some(false) => (
            "at-risk",
            "May be cleared",
            "The browser has not agreed to keep this library when it runs low on space (browsers grant this to sites you use often or install). Export your work to keep a copy.",
        ),
        None => ("unknown", "Stored in this browser", "This browser does not say whether it keeps site data when space runs low. Export your work to keep a copy."),
    };
    let usage = match (p.usage, p.quota) {
        _ if !p.available => String::new(),
        (Some(used), Some(quota)) if quota > 0.0 => format!("Uses {} of {} available.", size(used), size(quota)),
        (Some(used), _) => format!("Uses {}.", size(used)),
        _ => String::new(),
    };
    html! {
        <div id="storage-status" class={classes!("storage-status", class)}>
            <h2>{ "Storage" }</h2>
            <p><strong>{ status }</strong>{ ". " }{ detail }</p>
            if !usage.is_empty() {
                <p class="usage">{ usage }</p>
            }
        </div>
    }
}

fn size(bytes: f64) -> String {
    const UNITS: [&str; 5] = ["bytes", "KB", "MB", "GB", "TB"];
    let mut value = bytes;
    let mut unit = 0;
    while value >= 1000.0 && unit < UNITS.len() - 1 {
        value /= 1000.0;
        unit += 1;
    }
    if unit == 0 {
        format!("{value:.0} {}", UNITS[0])
    } else {
        format!("{value:.1} {}", UNITS[unit])
    }
}
