#!/usr/bin/env node
// What the first load carries: the sizes of the built app's files (raw and gzip -9), split
// into what a first visit loads and what is fetched only when first used, and, from a
// copy of the wasm with its names kept, the largest items and the weight of each part of
// the code. BENCHMARKS.md ("What the first load carries") shows its output.
//
//   node bench/size.mjs [--dist dist] [--top 20] [--no-names] [--named FILE.wasm]
//
// The names come from the release build cargo left in target/wasm32-unknown-unknown/
// (run `trunk build --release --locked` first): each module is passed through the same
// wasm-bindgen and `wasm-opt -Oz` as Trunk's, but with `-g`, so its functions keep their
// names, and then measured with twiggy (~/.cargo/bin/twiggy). Sizes of items are raw
// bytes in that copy (the name section left out); gzip shrinks code and tables unevenly,
// so the shares are a guide and the gzip figures of dist/ are the ones that count.
// `--named` measures a wasm that already has its names (such a copy of an earlier build)
// instead of the modules in target/.

import { firstLoad } from './lib/first-load.mjs';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { gzipSync } from 'node:zlib';

const root = fileURLToPath(new URL('../', import.meta.url));
const { values: opt } = parseArgs({
  options: {
    dist: { type: 'string', default: join(root, 'dist') },
    top: { type: 'string', default: '20' },
    'no-names': { type: 'boolean', default: false },
    named: { type: 'string' },
  },
});

const kb = (n) => (n / 1000).toFixed(1);
const gzip = (bytes) => gzipSync(bytes, { level: 9 }).length;

/** Every file under `dir` with its raw and gzip size, as paths relative to `dir`. */
function files(dir, prefix = '') {
  const out = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...files(path, `${prefix}${entry.name}/`));
    else if (/\.(wasm|js)$/.test(entry.name)) {
      const bytes = readFileSync(path);
      out.push({ name: prefix + entry.name, raw: bytes.length, gzip: gzip(bytes) });
    }
  }
  return out;
}

const all = files(opt.dist);
const first = firstLoad(opt.dist);
const isFirst = (f) => first.has(f.name);
const sum = (list) => list.reduce((s, f) => ({ raw: s.raw + f.raw, gzip: s.gzip + f.gzip }), { raw: 0, gzip: 0 });

console.log(`## Files in ${opt.dist}\n`);
console.log('| file | loaded | raw KB | gzip KB |');
console.log('|---|---|---:|---:|');
for (const f of all.sort((a, b) => b.gzip - a.gzip)) {
  console.log(`| ${f.name} | ${isFirst(f) ? 'first visit' : 'when used'} | ${kb(f.raw)} | ${kb(f.gzip)} |`);
}
const firstSum = sum(all.filter(isFirst));
console.log(`\nFirst load (wasm + JS): ${kb(firstSum.gzip)} KB gzip, ${kb(firstSum.raw)} KB raw.`);

if (opt['no-names']) process.exit(0);

// Groups, first match wins: what a person would call the part of the program.
const GROUPS = [
  [/^"?[\w ]*names"* subsection|^custom section/, null],
  [/^data segment/, 'data (strings, tables)'],
  [/CompStateInner<COMP> as yew::html::component::lifecycle::Stateful>::view/, 'yew component views'],
  [/^<?newsmark_app::components::(\w+)/, 'newsmark_app::components::$1'],
  [/^<?newsmark_app::(\w+)/, 'newsmark_app::$1'],
  [/serde_path_to_error/, 'serde_path_to_error'],
  [/serde_wasm_bindgen/, 'serde-wasm-bindgen'],
  [/serde_json/, 'serde_json'],
  [/newsmark_core::(\w+)/, 'newsmark_core::$1'],
  [/newsmark_app::(\w+)/, 'newsmark_app::$1'],
  [/^<?(?:&|\*const |\*mut |mut )?([a-z_][a-z0-9_]*)(?:\[\w+\])?::/, '$1'],
];

function group(name) {
  for (const [re, label] of GROUPS) {
    const m = name.match(re);
    if (m) return label && label.replace('$1', m[1]).replace(/^core$/, "core (Rust's: sorting, drop glue, iterators, fmt)");
  }
  return 'other';
}

/** Prints the largest items of a wasm with names, and the weight of each part. */
function report(crate, named) {
  const items = twiggyTop(named).filter((i) => group(i.name) !== null);
  const total = items.reduce((s, i) => s + i.size, 0);
  console.log(`\n## ${crate}: the ${opt.top} largest items (wasm-opt -Oz, names kept; ${kb(total)} KB without names)\n`);
  console.log('| KB | item |');
  console.log('|---:|---|');
  for (const i of items.slice(0, Number(opt.top))) {
    const name = i.name.replace(/::h[0-9a-f]{16}$/, '').replace(/\|/g, '\\|');
    console.log(`| ${kb(i.size)} | \`${name.length > 110 ? `${name.slice(0, 107)}…` : name}\` |`);
  }
  const groups = new Map();
  for (const i of items) groups.set(group(i.name), (groups.get(group(i.name)) || 0) + i.size);
  console.log(`\n## ${crate}: by part (raw KB of the named copy; ${opt.top} largest)\n`);
  console.log('| part | KB | share |');
  console.log('|---|---:|---:|');
  for (const [g, size] of [...groups].sort((a, b) => b[1] - a[1]).slice(0, Number(opt.top))) {
    console.log(`| ${g} | ${kb(size)} | ${((100 * size) / total).toFixed(1)}% |`);
  }
}

function twiggyTop(wasm) {
  const twiggy = join(homedir(), '.cargo/bin/twiggy');
  const csv = execFileSync(twiggy, ['top', '-f', 'csv', wasm], { maxBuffer: 1 << 28 }).toString();
  return csv.split('\n').slice(1).filter(Boolean).map((line) => {
    const m = line.match(/^("(?:[^"]|"")*"|[^,]*),(\d+),/);
    return { name: m[1].replace(/^"|"$/g, '').replace(/""/g, '"'), size: Number(m[2]) };
  });
}

if (opt.named) {
  report(opt.named, opt.named);
  process.exit(0);
}

const release = join(root, 'target/wasm32-unknown-unknown/release');
const tmp = mkdtempSync(join(tmpdir(), 'newsmark-size-'));
try {
  for (const crate of ['newsmark-app', 'newsmark-full', 'newsmark-worker']) {
    const built = join(release, `${crate}.wasm`);
    if (!existsSync(built)) continue;
    const bindgen = process.env.WASM_BINDGEN || 'wasm-bindgen';
    execFileSync(bindgen, ['--target', 'web', '--out-dir', tmp, '--out-name', crate, built]);
    const named = join(tmp, `${crate}.opt.wasm`);
    execFileSync(join(root, 'node_modules/.bin/wasm-opt'), ['-Oz', '-g', '--enable-bulk-memory', '--enable-nontrapping-float-to-int', join(tmp, `${crate}_bg.wasm`), '-o', named]);
    report(crate, named);
  }
} finally {
  rmSync(tmp, { recursive: true, force: true });
}
