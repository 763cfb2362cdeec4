//! Files dragged onto the page: a hint while they hover, and each dropped file handed on.

use yew::prelude::*;

/// Whether files are being dragged over the page, and the handlers that follow them.
pub struct FileDrop {
    pub dragging: bool,
    pub ondragover: Callback<DragEvent>,
    pub ondragleave: Callback<DragEvent>,
    pub ondrop: Callback<DragEvent>,
}

/// Files dropped anywhere on the page go to `on_file`, one by one.
#[hook]
pub fn use_file_drop(on_file: Callback<gloo::file::File>) -> FileDrop {
    let dragging = use_state(|| false);
    let ondragover = {
        let dragging = dragging.clone();
        Callback::from(move |e: DragEvent| {
            let has_files = e.data_transfer().is_some_and(|d| d.types().includes(&"Files".into(), 0));
            if has_files {
                e.prevent_default();
                if !*dragging {
                    dragging.set(true);
                }
            }
        })
    };
    let ondragleave = {
        let dragging = dragging.clone();
        Callback::from(move |e: DragEvent| {
            // Only when the pointer leaves the window, not when it moves between children.
            if e.related_target().is_none() {
                dragging.set(false);
            }
        })
    };
    let ondrop = {
        let dragging = dragging.clone();
        Callback::from(move |e: DragEvent| {
            e.prevent_default();
            dragging.set(false);
            let Some(files) = e.data_transfer().and_then(|d| d.files()) else { return };
            for i in 0..files.length() {
                let Some(file) = files.get(i) else { continue };
                on_file.emit(gloo::file::File::from(file));
            }
        })
    };
    FileDrop { dragging: *dragging, ondragover, ondragleave, ondrop }
}
