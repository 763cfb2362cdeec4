//! Newsmark's first load: the reader (library, article, tagging, notes, saving, imports
//! and exports). The rest of the app is fetched when first used (`newsmark_app::full_app`).

fn main() {
    newsmark_app::start();
}
