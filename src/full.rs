//! The whole of Newsmark, fetched by the first load when a view it does not carry is
//! first opened (`newsmark_app::full_app`), or at start-up for class work.

fn main() {
    newsmark_app::start();
}
