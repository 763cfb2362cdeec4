// What a first visit to the built app loads: the scripts of index.html (Trunk's start-up
// script, the service worker's registration) and what Trunk preloads (the app's JS glue,
// its snippets and its wasm). Everything else (the background worker, PouchDB, the service
// worker itself) is fetched later, when used or once the page is up. Used by run.mjs (the
// "wasm + JS of the first load" rows) and size.mjs.

import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/** The names (relative to `dir`) of the files index.html loads on opening. */
export function firstLoad(dir) {
  const html = readFileSync(join(dir, 'index.html'), 'utf8');
  const tags = [...html.matchAll(/<script[^>]*\ssrc="([^"]+)"|<link[^>]*rel="(?:modulepreload|preload)"[^>]*href="([^"]+)"/g)];
  return new Set(tags.map((m) => (m[1] || m[2]).replace(/^\.?\//, '')));
}
