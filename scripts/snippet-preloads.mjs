// Trunk preloads every wasm-bindgen snippet of the app's crate (`<link rel="modulepreload">`
// in index.html), including those that only the whole app imports (class_sync.js, which
// loads PouchDB for class work). This drops the preload of each snippet that no JS file
// preloaded on a first visit imports, so a first visit fetches what it runs and nothing
// more. The files stay in the build: the whole app imports them when it starts, and the
// service worker keeps them for offline use. scripts/write-sw.mjs calls it after every
// build. By hand: node scripts/snippet-preloads.mjs dist

import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const PRELOAD = /<link rel="modulepreload" href="\/?([^"]+)"[^>]*>/g;

/** Rewrites `dir`/index.html without the unused snippet preloads; returns their paths. */
export function dropUnusedSnippetPreloads(dir) {
  const indexPath = join(dir, 'index.html');
  const html = readFileSync(indexPath, 'utf8');
  const preloaded = [...html.matchAll(PRELOAD)].map((m) => m[1]);
  const imports = preloaded
    .filter((path) => !path.startsWith('snippets/'))
    .map((path) => readFileSync(join(dir, path), 'utf8'))
    .join('\n');
  const dropped = [];
  const kept = html.replace(PRELOAD, (link, path) => {
    if (!path.startsWith('snippets/') || imports.includes(path)) return link;
    dropped.push(path);
    return '';
  });
  writeFileSync(indexPath, kept);
  return dropped;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const dir = process.argv[2];
  if (!dir) {
    console.error('usage: node scripts/snippet-preloads.mjs BUILD_DIR');
    process.exit(2);
  }
  console.log(`dropped: ${dropUnusedSnippetPreloads(dir).join(' ') || 'nothing'}`);
}
