#!/usr/bin/env node
// Newsmark's browser benchmark: the built app (dist/) against a peer (Recogito's text
// annotator, @recogito/text-annotator, in a minimal page) and a floor (the same article
// as static HTML with no script), in headless Chromium. What each figure means is in
// BENCHMARKS.md; scripts/bench.sh builds everything first and then runs this.
//
//   node bench/run.mjs [--words N] [--annotations M] [--runs R] [--seed S] [--quick]
//
// It generates the document with `newsmark synthesize` (and its W3C form with
// `newsmark convert`), serves the three pages, measures each several times (a fresh
// browser profile per Newsmark run, a fresh page per open), prints the medians as a
// table with the targets, and writes everything to bench/results/latest.json.

import { execFile } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs, promisify } from 'node:util';
import { gzipSync } from 'node:zlib';
import { dragMouse, launch } from '../tests/browser/harness.mjs';
import { describeDocument, floorPage, freePhrases, peerAnnotations, peerPage, readNewsmark } from './lib/document.mjs';
import { firstLoad } from './lib/first-load.mjs';
import { instrument } from './lib/instrument.mjs';
import { printComparison, printTable, summarize } from './lib/report.mjs';
import { serve } from './lib/server.mjs';

const run = promisify(execFile);
const root = fileURLToPath(new URL('../', import.meta.url));
const here = fileURLToPath(new URL('./', import.meta.url));

/** Stops with a one-line reason, for mistakes in the command line. */
function usageError(message) {
  console.error(`bench/run.mjs: ${message} (see --help)`);
  process.exit(2);
}

let opt;
try {
  ({ values: opt } = parseArgs({
  options: {
    words: { type: 'string' },
    annotations: { type: 'string' },
    runs: { type: 'string' },
    seed: { type: 'string', default: '1' },
    doc: { type: 'string' },
    compare: { type: 'string' },
    print: { type: 'string' },
    quick: { type: 'boolean', default: false },
    dist: { type: 'string', default: join(root, 'dist') },
    cli: { type: 'string', default: process.env.NEWSMARK_CLI ?? join(root, 'target/debug/newsmark') },
    out: { type: 'string', default: join(here, 'results/latest.json') },
    'peer-renderers': { type: 'string', default: 'CSS_HIGHLIGHTS,SPANS' },
    'quiet-ms': { type: 'string', default: '1000' },
    'step-timeout': { type: 'string' },
    help: { type: 'boolean', short: 'h', default: false },
  },
  }));
} catch (e) {
  usageError(e.message);
}
if (opt.help) {
  console.log(`usage: node bench/run.mjs [--words N] [--annotations M] [--runs R] [--seed S] [--quick]
  --quick               2,000 words, 100 annotations, 1 run (what CI runs)
  --doc FILE            measure this Newsmark JSON document instead of generating one
  --compare FILE        also print Newsmark's medians beside those of an earlier results file
  --print FILE          only print the table of a results file (and --compare), measure nothing
  --dist DIR            the built app (default: dist/)
  --cli PATH            the newsmark command (default: $NEWSMARK_CLI or target/debug/newsmark)
  --out PATH            where to write the results (default: bench/results/latest.json)
  --peer-renderers L    Recogito renderers to try, the faster counts (default: CSS_HIGHLIGHTS,SPANS)
  --quiet-ms MS         how long nothing may change before a page counts as open (default: 1000)
  --step-timeout S      give up on one step after S seconds (default: 300, quick: 60)`);
  process.exit(0);
}
const int = (v, name) => {
  const n = Number(v);
  if (!Number.isInteger(n) || n < 0) usageError(`--${name} must be a whole number, not ${v}`);
  return n;
};
const WORDS = int(opt.words ?? (opt.quick ? 2000 : 100000), 'words');
const ANNOTATIONS = int(opt.annotations ?? (opt.quick ? 100 : 5000), 'annotations');
const RUNS = Math.max(1, int(opt.runs ?? (opt.quick ? 1 : 5), 'runs'));
const SEED = int(opt.seed, 'seed');
const QUIET = int(opt['quiet-ms'], 'quiet-ms');
const STEP = 1000 * int(opt['step-timeout'] ?? (opt.quick ? 60 : 300), 'step-timeout');
const RENDERERS = opt['peer-renderers'].split(',').map((s) => s.trim()).filter(Boolean);

const began = Date.now();
const log = (...a) => console.error(`[${((Date.now() - began) / 1000).toFixed(1).padStart(6)} s]`, ...a);

/** Rejects with `what` if `promise` has not settled within `ms`. */
function withTimeout(promise, ms, what) {
  let timer;
  return Promise.race([
    promise,
    new Promise((_, reject) => { timer = setTimeout(() => reject(new Error(`${what}: no answer within ${Math.round(ms / 1000)} s`)), ms); }),
  ]).finally(() => clearTimeout(timer));
}

// ---------------------------------------------------------------------------------
// Preparation: the document, its W3C form, the floor and peer pages, the shipped sizes.

function checkInputs() {
  if (!existsSync(join(opt.dist, 'index.html'))) {
    throw new Error(`${join(opt.dist, 'index.html')} is missing: build the app first (bash scripts/bench.sh does: trunk build --release)`);
  }
  if (!existsSync(opt.cli)) {
    throw new Error(`the newsmark command is missing at ${opt.cli}: build it first (cargo build -p newsmark-cli), or pass --cli`);
  }
  if (!existsSync(join(root, 'node_modules/@recogito/text-annotator/dist/text-annotator.umd.js'))) {
    throw new Error('@recogito/text-annotator is not installed: run npm ci (scripts/bench.sh does)');
  }
}

async function prepare() {
  const work = join(here, 'work', opt.doc ? 'given' : `w${WORDS}-a${ANNOTATIONS}-s${SEED}`);
  mkdirSync(work, { recursive: true });
  const files = {
    doc: join(work, 'article.newsmark.json'),
    w3c: join(work, 'article.w3c.jsonld'),
    floor: join(work, 'floor.html'),
    peer: join(work, 'peer.html'),
    peerAnnotations: join(work, 'peer-annotations.json'),
  };
  const t = Date.now();
  if (opt.doc) copyFileSync(opt.doc, files.doc);
  else try {
    await run(opt.cli, ['synthesize', '--words', String(WORDS), '--annotations', String(ANNOTATIONS), '--seed', String(SEED), '-o', files.doc], { timeout: STEP });
  } catch (e) {
    throw new Error(`newsmark synthesize failed (${opt.cli}): ${(e.stderr || e.message).trim()}`);
  }
  const generateMs = Date.now() - t;
  try {
    await run(opt.cli, ['convert', files.doc, '--to', 'w3c', '-o', files.w3c], { timeout: STEP });
  } catch (e) {
    throw new Error(`newsmark convert --to w3c failed: ${(e.stderr || e.message).trim()}`);
  }
  const doc = readNewsmark(files.doc);
  const peer = peerAnnotations(files.w3c);
  if (peer.text !== doc.text) throw new Error('the W3C export carries a different text from the Newsmark file');
  // Ids become CSS highlight names in the peer: keep them to plain characters.
  for (const a of peer.annotations) a.id = a.target.annotation = a.bodies[0].annotation = a.id.replace(/[^A-Za-z0-9_-]/g, '_');
  writeFileSync(files.floor, floorPage(doc));
  writeFileSync(files.peer, peerPage(doc, readFileSync(join(here, 'peer/index.html'), 'utf8')));
  writeFileSync(files.peerAnnotations, JSON.stringify(peer.annotations));
  const info = { ...describeDocument(doc), peerAnnotations: peer.annotations.length, generateMs, files: Object.fromEntries(Object.entries(files).map(([k, v]) => [k, v.slice(root.length)])) };
  info.fileBytes = { newsmark: statSync(files.doc).size, w3c: statSync(files.w3c).size };
  return { doc, files, info, phrases: freePhrases(doc, RUNS) };
}

/** Raw and gzip sizes (gzip -9) of the shipped code: wasm and JavaScript, and CSS apart. */
function shippedSizes(dir, names) {
  const files = names.map((name) => {
    const bytes = readFileSync(join(dir, name));
    return { name, raw: bytes.length, gzip: gzipSync(bytes, { level: 9 }).length };
  });
  const sum = (pick) => files.filter((f) => pick(f.name)).reduce((s, f) => ({ raw: s.raw + f.raw, gzip: s.gzip + f.gzip }), { raw: 0, gzip: 0 });
  return {
    files,
    wasm: sum((n) => n.endsWith('.wasm')),
    js: sum((n) => n.endsWith('.js')),
    code: sum((n) => n.endsWith('.wasm') || n.endsWith('.js')),
    css: sum((n) => n.endsWith('.css')),
  };
}

// ---------------------------------------------------------------------------------
// In the browser.

const MENU_TIMEOUT = 30_000;

/** A new page that records errors and carries the instrument. */
async function newPage(context, kind, title, errors) {
  const page = await context.newPage();
  await page.addInitScript(instrument, { kind, title });
  page.setDefaultTimeout(STEP);
  page.cdp = await context.newCDPSession(page);
  await page.cdp.send('Performance.enable');
  page.on('pageerror', (e) => errors.push(`${kind}: page error: ${e}`));
  page.on('console', (m) => { if (m.type() === 'error') errors.push(`${kind}: console error: ${m.text()}`); });
  page.on('dialog', (d) => { errors.push(`${kind}: unexpected dialog: ${d.message()}`); d.dismiss().catch(() => {}); });
  return page;
}

/** Navigates a fresh page and waits until it is open (see instrument.mjs); returns its figures. */
async function openPage(page, url, what) {
  await withTimeout(page.goto(url, { waitUntil: 'commit', timeout: STEP }), STEP, `${what}: navigation`);
  const r = await withTimeout(page.evaluate(([q, t]) => window.__bench.openResult(q, t), [QUIET, STEP]), STEP + 10_000, `${what}: opening`);
  if (r.readyAt === null) throw new Error(`${what}: the page never showed the article with its highlights within ${STEP / 1000} s`);
  if (r.timedOut) throw new Error(`${what}: the page kept changing for ${STEP / 1000} s and never settled`);
  const tasks = await page.evaluate(() => window.__bench.longtasks);
  const paints = await page.evaluate(() => window.__bench.paints);
  return {
    ms: r.settledAt,
    readyMs: r.readyAt,
    firstContentfulPaint: paints['first-contentful-paint'] ?? null,
    longestTask: Math.max(0, ...tasks.map((t) => t.duration)),
    longTasks: tasks.length,
    longTaskMs: tasks.reduce((s, t) => s + t.duration, 0),
    tasks: tasks.map((t) => ({ start: Math.round(t.start), duration: Math.round(t.duration) })),
  };
}

/** Main-thread time so far (CDP Performance.getMetrics, counted since the page was made). */
async function mainThread(page) {
  const { metrics } = await page.cdp.send('Performance.getMetrics');
  const m = Object.fromEntries(metrics.map((x) => [x.name, x.value]));
  return { scriptMs: 1000 * m.ScriptDuration, layoutMs: 1000 * m.LayoutDuration, styleMs: 1000 * m.RecalcStyleDuration, taskMs: 1000 * m.TaskDuration, metrics: m };
}

/**
 * Memory after a garbage collection: the JS heap in use (CDP JSHeapUsedSize) plus the
 * byte length of every wasm memory the page instantiated; DOM nodes; and where the
 * main thread's time went so far (script, layout, style recalculation, all tasks).
 */
async function memory(page) {
  const split = await mainThread(page);
  delete split.metrics;
  await page.cdp.send('HeapProfiler.collectGarbage');
  const after = (await mainThread(page)).metrics;
  const wasm = await page.evaluate(() => window.__bench.wasmBytes());
  return {
    jsHeapUsed: after.JSHeapUsedSize,
    wasmMemory: wasm,
    total: after.JSHeapUsedSize + wasm,
    domNodes: after.Nodes,
    mainThread: split,
  };
}
const minus = (a, b) => Object.fromEntries(Object.keys(a).filter((k) => k !== 'metrics').map((k) => [k, a[k] - b[k]]));

/**
 * One interaction: `arm` (a function run in the page with `arg`) calls
 * window.__bench.measure(trigger, done, timeout); then `act` does what a person does.
 * Returns { ms: trigger event → change painted, hitMs: → change in the DOM, split }.
 */
async function interact(page, what, arm, arg, act) {
  const before = await mainThread(page);
  await page.evaluate(arm, { ...arg, timeout: STEP });
  await act();
  const r = await withTimeout(page.evaluate(() => window.__bench.pending), STEP + 10_000, what);
  if (r.timedOut) throw new Error(`${what}: the change did not appear within ${STEP / 1000} s`);
  if (r.t0 === null) throw new Error(`${what}: the triggering event was not seen`);
  const after = await mainThread(page);
  return { ms: r.painted - r.t0, hitMs: r.hit - r.t0, t0: r.t0, hit: r.hit, split: minus(after, before) };
}

/**
 * Selects a phrase with the mouse, as a person does: from the caret before its first
 * character to the caret after its last. `phrase` is { paragraph, offset, text } (see
 * freePhrases); `article` the selector of the article element.
 */
async function selectPhrase(page, article, phrase) {
  const points = await page.evaluate(([article, phrase]) => {
    const p = document.querySelectorAll(`${article} p`)[phrase.paragraph];
    if (!p) throw new Error(`paragraph ${phrase.paragraph} is not in the page`);
    const walker = document.createTreeWalker(p, NodeFilter.SHOW_TEXT);
    const nodes = [];
    let all = '';
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      nodes.push([n, all.length]);
      all += n.data;
    }
    if (all.slice(phrase.offset, phrase.offset + phrase.text.length) !== phrase.text) {
      throw new Error(`paragraph ${phrase.paragraph} does not hold "${phrase.text}" at ${phrase.offset}`);
    }
    const locate = (offset, preferNext) => {
      for (let i = 0; i < nodes.length; i++) {
        const [n, start] = nodes[i];
        const end = start + n.data.length;
        if (offset < end || (offset === end && !preferNext) || i === nodes.length - 1) return [n, offset - start];
      }
      return null;
    };
    const caret = ([node, offset]) => {
      const r = document.createRange();
      r.setStart(node, offset);
      r.setEnd(node, offset);
      const rect = r.getClientRects()[0] ?? r.getBoundingClientRect();
      return { x: rect.left, y: rect.top + rect.height / 2 };
    };
    p.scrollIntoView({ block: 'center' });
    return [caret(locate(phrase.offset, true)), caret(locate(phrase.offset + phrase.text.length, false))];
  }, [article, phrase]);
  await dragMouse(page, ...points);
  const selected = await page.evaluate(() => document.getSelection().toString());
  if (selected.trim() !== phrase.text) throw new Error(`selecting "${phrase.text}" selected "${selected}"`);
}

/**
 * Scrolls the whole document from top to bottom, one viewport per animation frame, and
 * counts the frames the browser dropped: a frame interval of n × 16.7 ms (60 Hz) means
 * n − 1 frames were not produced. Frames over 25 ms (1.5 frames) are counted as janky.
 * Stops after SCROLL_LIMIT_MS (then `covered` says how much of the page was scrolled;
 * `droppedShare`, dropped / (dropped + produced), stays comparable).
 */
const SCROLL_LIMIT_MS = 30_000;
async function scrollWhole(page, article) {
  return page.evaluate(async ([article, limitMs]) => {
    const el = document.querySelector(article);
    let scroller = el?.parentElement;
    while (scroller && !(/(auto|scroll)/.test(getComputedStyle(scroller).overflowY) && scroller.scrollHeight > scroller.clientHeight)) scroller = scroller.parentElement;
    scroller ??= document.scrollingElement;
    const frame = () => new Promise((r) => requestAnimationFrame(r));
    scroller.scrollTop = 0;
    await window.__bench.settle();
    const step = scroller === document.scrollingElement ? innerHeight : scroller.clientHeight;
    const intervals = [];
    let last = await frame();
    const start = last;
    for (;;) {
      const before = scroller.scrollTop;
      scroller.scrollTop = before + step;
      const t = await frame();
      intervals.push(t - last);
      last = t;
      if (scroller.scrollTop === before || scroller.scrollTop + scroller.clientHeight >= scroller.scrollHeight - 1) break;
      if (t - start > limitMs) break;
    }
    const FRAME = 1000 / 60;
    const dropped = intervals.reduce((s, d) => s + Math.max(0, Math.round(d / FRAME) - 1), 0);
    return {
      frames: intervals.length,
      dropped,
      droppedShare: dropped / (dropped + intervals.length),
      janky: intervals.filter((d) => d > 1.5 * FRAME).length,
      longestFrame: Math.max(...intervals),
      ms: last - start,
      height: scroller.scrollHeight,
      covered: Math.min(1, (scroller.scrollTop + scroller.clientHeight) / scroller.scrollHeight),
    };
  }, [article, SCROLL_LIMIT_MS]);
}

/**
 * Waits until storage writes have stopped for `quietMs` (long enough for a save that
 * waits for a pause in editing); returns the writes that began since `since`.
 */
async function storageWrites(page, since, quietMs = 1500) {
  return withTimeout(page.evaluate(([since, quietMs, limit]) => new Promise((resolve) => {
    const began = performance.now();
    const poll = setInterval(() => {
      const w = window.__bench.writes.filter((x) => x.start >= since);
      const last = Math.max(since, ...w.map((x) => x.end ?? Infinity));
      const t = performance.now();
      if ((last !== Infinity && t - last >= quietMs) || t - began > limit) {
        clearInterval(poll);
        resolve(w);
      }
    }, 25);
  }), [since, quietMs, STEP]), STEP + 10_000, 'waiting for storage writes');
}

async function dismissNotice(page) {
  const button = page.locator('.notice button[aria-label=Dismiss]');
  if (await button.count()) {
    await button.first().click();
    await page.waitForSelector('.notice', { state: 'detached', timeout: MENU_TIMEOUT }).catch(() => {});
  }
}

/** Imports a file through the Import button; measured to the imported article painted. */
async function importThroughUi(page, path, what) {
  await dismissNotice(page);
  const r = await interact(page, what, ({ timeout }) => window.__bench.measure({ type: 'change' }, () => {
    const notice = document.querySelector('.notice');
    return !!notice && /imported/i.test(notice.textContent) && !!document.querySelector('.article .hl');
  }, timeout), {}, () => page.setInputFiles('#import-file', path));
  const notice = (await page.textContent('.notice')) ?? '';
  if (/not imported/i.test(notice)) throw new Error(`${what}: the app refused the file: ${notice.replace(/\s+/g, ' ').slice(0, 400)}`);
  const placed = notice.match(/(\d+) annotations?: (\d+) placed exactly, (\d+) re-anchored, (\d+) orphaned/);
  return { ...r, report: placed ? placed[0] : notice.replace(/\s+/g, ' ').slice(0, 200) };
}

/**
 * Exports the open article in `format` from the Export menu. Measured from the click on
 * the menu entry to the page painted and free again after handing the file to the
 * browser (handedOverMs: to the click on the download link; driverMs: from the
 * driver's click to Playwright's download event, with the driver's own overhead).
 */
async function exportThroughUi(page, format, what) {
  await dismissNotice(page);
  await page.click('#export-button');
  await page.waitForSelector(`.menu-list [data-format="${format}"]`, { timeout: MENU_TIMEOUT });
  const n = await page.evaluate(() => window.__bench.downloads.length);
  let download;
  const started = performance.now();
  const r = await interact(page, what, ({ n, timeout }) => window.__bench.measure({ type: 'click' }, () => window.__bench.downloads.length > n, timeout), { n }, async () => {
    [download] = await Promise.all([page.waitForEvent('download', { timeout: STEP }), page.click(`.menu-list [data-format="${format}"]`)]);
  });
  const driverMs = performance.now() - started;
  const handedOver = await page.evaluate((n) => window.__bench.downloads[n].t, n);
  const path = await download.path();
  return { ...r, handedOverMs: handedOver - r.t0, driverMs, bytes: statSync(path).size, file: download.suggestedFilename() };
}

/** One Newsmark run in a fresh browser profile. */
async function newsmarkRun(urls, prep, runIndex) {
  const out = { errors: [] };
  const browser = await launch();
  try {
    const { context } = browser;
    const title = prep.doc.title;
    // A first visit (the sample article), then the document imported through the UI.
    let page = await newPage(context, 'newsmark', title, out.errors);
    await withTimeout(page.goto(urls.newsmark, { timeout: STEP }), STEP, 'newsmark: first visit');
    await page.waitForSelector('.topbar', { timeout: STEP });
    log(`newsmark run ${runIndex}: importing the document`);
    out.importNewsmark = await importThroughUi(page, prep.files.doc, 'import Newsmark JSON');
    const stored = await storageWrites(page, out.importNewsmark.t0);
    if (!stored.length) out.errors.push('newsmark: no storage write was seen after the import');
    out.importNewsmark.storedMs = Math.max(...stored.map((w) => w.end ?? NaN)) - out.importNewsmark.t0;
    if (await page.locator('.save-state.failed').count()) {
      throw new Error(`Newsmark could not store the imported document: ${await page.textContent('.notices, .notice').catch(() => '')}`);
    }
    await page.close();

    // Open: a fresh page, which reopens the last open document from browser storage.
    log(`newsmark run ${runIndex}: opening`);
    page = await newPage(context, 'newsmark', title, out.errors);
    out.open = await openPage(page, urls.newsmark, 'newsmark open');
    out.open.serviceWorker = await page.evaluate(() => !!navigator.serviceWorker?.controller);
    out.memory = await memory(page);
    const count = await page.textContent('.filters .chip');
    if (!count.includes(String(prep.doc.annotations.length))) out.errors.push(`newsmark: the filter shows "${count}", not ${prep.doc.annotations.length} annotations`);

    // Editing: tag a phrase with a key, undo, tag again, retag, delete, switch the filter.
    log(`newsmark run ${runIndex}: editing`);
    const phrase = prep.phrases[runIndex];
    const editStart = await page.evaluate(() => performance.now());
    // Whether the phrase's words, at its place in its paragraph, are highlighted with
    // `tag` (and not `not`), or not highlighted at all: the class of the highlight
    // holding each of its text nodes (the same words may also stand elsewhere, even in
    // the same paragraph, inside other highlights).
    const tagged = ({ paragraph, offset, text, tag, not, trigger, timeout }) => window.__bench.measure(
      trigger ?? { type: 'keydown', key: tag[0] },
      () => {
        const p = document.querySelectorAll('.article p')[paragraph];
        if (!p) return false;
        const classes = [];
        const walker = document.createTreeWalker(p, NodeFilter.SHOW_TEXT);
        let at = 0;
        for (let n = walker.nextNode(); n && at < offset + text.length; n = walker.nextNode()) {
          if (at + n.data.length > offset) classes.push(n.parentElement.closest('.hl')?.classList ?? null);
          at += n.data.length;
        }
        return classes.length > 0 && classes.every((c) => c && c.contains(`t-${tag}`) && !(not && c.contains(`t-${not}`)));
      },
      timeout,
    );
    const untagged = ({ paragraph, offset, text, trigger, timeout }) => window.__bench.measure(
      trigger,
      () => {
        const p = document.querySelectorAll('.article p')[paragraph];
        if (!p) return false;
        const walker = document.createTreeWalker(p, NodeFilter.SHOW_TEXT);
        let at = 0;
        for (let n = walker.nextNode(); n && at < offset + text.length; n = walker.nextNode()) {
          if (at + n.data.length > offset && n.parentElement.closest('.hl')) return false;
          at += n.data.length;
        }
        return true;
      },
      timeout,
    );
    const select = async () => {
      await selectPhrase(page, '.article', phrase);
      await page.waitForSelector('.selection-toolbar', { timeout: STEP });
    };
    out.select = await interact(page, 'select', ({ timeout }) => window.__bench.measure({ type: 'pointerup' }, () => !!document.querySelector('.selection-toolbar'), timeout), {},
      () => selectPhrase(page, '.article', phrase));
    out.add = await interact(page, 'add', tagged, { ...phrase, tag: 'claim' }, () => page.keyboard.press('c'));
    const writes = await storageWrites(page, out.add.t0);
    const unfinished = writes.filter((w) => w.end === null || w.aborted || w.error);
    out.save = unfinished.length
      ? { ms: null, writes: writes.length, note: `${unfinished.length} storage write(s) did not complete` }
      : writes.length
      ? { ms: Math.max(...writes.map((w) => w.end)) - out.add.t0, afterPaintMs: Math.max(...writes.map((w) => w.end)) - (out.add.t0 + out.add.ms), writeMs: Math.max(...writes.map((w) => w.end)) - Math.min(...writes.map((w) => w.start)), writes: writes.length, kinds: [...new Set(writes.map((w) => w.kind))], records: writes.reduce((s, w) => s + (w.records ?? 1), 0), chars: writes.reduce((s, w) => s + w.chars, 0), blockingMs: writes.filter((w) => w.kind === 'localStorage').reduce((s, w) => s + (w.end - w.start), 0) }
      : { ms: null, writes: 0, note: 'no storage write was seen after the edit' };
    out.undo = await interact(page, 'undo', untagged, { ...phrase, trigger: { type: 'keydown', key: 'z' } }, () => page.keyboard.press('Control+z'));
    await select();
    out.addAgain = await interact(page, 'add again', tagged, { ...phrase, tag: 'claim' }, () => page.keyboard.press('c'));
    // Click the new highlight to open it in the editor.
    const middle = await page.evaluate(([phrase]) => {
      const p = document.querySelectorAll('.article p')[phrase.paragraph];
      const walker = document.createTreeWalker(p, NodeFilter.SHOW_TEXT);
      let at = 0;
      const target = phrase.offset + Math.floor(phrase.text.length / 2);
      for (let n = walker.nextNode(); n; n = walker.nextNode()) {
        if (at + n.data.length > target) {
          const r = document.createRange();
          r.setStart(n, target - at);
          r.setEnd(n, target - at + 1);
          const rect = r.getBoundingClientRect();
          return { x: rect.left + rect.width / 2, y: rect.top + rect.height / 2 };
        }
        at += n.data.length;
      }
      return null;
    }, [phrase]);
    await page.mouse.click(middle.x, middle.y);
    await page.waitForSelector('.editor-tags input[value=quote]', { timeout: STEP });
    out.retag = await interact(page, 'retag', tagged, { ...phrase, tag: 'quote', not: 'claim', trigger: { type: 'click' } }, () => page.check('.editor-tags input[value=quote]'));
    out.delete = await interact(page, 'delete', untagged, { ...phrase, trigger: { type: 'click' } }, () => page.click('.editor .danger'));
    await dismissNotice(page);
    out.filterQuote = await interact(page, 'filter to quotes', ({ timeout }) => window.__bench.measure({ type: 'click' }, () =>
      document.querySelector('.filters .chip.tag-quote')?.getAttribute('aria-pressed') === 'true' && !document.querySelector('.article .hl.t-claim') && !!document.querySelector('.article .hl.t-quote'), timeout), {},
    () => page.click('.filters .chip.tag-quote'));
    out.filterAll = await interact(page, 'filter back to all', ({ timeout }) => window.__bench.measure({ type: 'click' }, () =>
      document.querySelector('.filters .chip')?.getAttribute('aria-pressed') === 'true' && !!document.querySelector('.article .hl.t-claim'), timeout), {},
    () => page.click('.filters .chip >> nth=0'));
    const editEnd = await page.evaluate(() => performance.now());
    const editTasks = await page.evaluate(([a, b]) => window.__bench.longtasks.filter((t) => t.start >= a && t.start <= b), [editStart, editEnd]);
    out.longestTaskEditing = Math.max(0, ...editTasks.map((t) => t.duration));

    log(`newsmark run ${runIndex}: scrolling`);
    out.scroll = await withTimeout(scrollWhole(page, '.article'), STEP, 'newsmark scroll');

    log(`newsmark run ${runIndex}: export and import`);
    out.exportNewsmark = await exportThroughUi(page, 'newsmark', 'export Newsmark JSON');
    out.exportW3c = await exportThroughUi(page, 'w3c', 'export W3C');
    out.importW3c = await importThroughUi(page, prep.files.w3c, 'import W3C');
    await page.close();
  } catch (e) {
    out.failed = e.message;
    log(`newsmark run ${runIndex} FAILED: ${e.message}`);
  } finally {
    await browser.close().catch(() => {});
  }
  return out;
}

/** One peer run (one renderer): open, memory, tag a phrase with a key, scroll. */
async function peerRun(context, url, prep, runIndex, renderer) {
  const out = { errors: [] };
  let page;
  try {
    page = await newPage(context, 'peer', prep.doc.title, out.errors);
    out.open = await openPage(page, `${url}?renderer=${renderer}`, `peer (${renderer}) open`);
    out.loaded = await page.evaluate(() => window.peer.loaded);
    if (out.loaded !== prep.info.peerAnnotations) out.errors.push(`peer: loaded ${out.loaded} of ${prep.info.peerAnnotations} annotations`);
    // Each annotation must cover exactly its quote in the page (the offsets were converted right).
    out.misplaced = await page.evaluate(() => window.peer.anno.getAnnotations()
      .filter((a) => a.target.selector.some((s) => !(s.range instanceof Range) || s.range.toString() !== s.quote)).length);
    if (out.misplaced) out.errors.push(`peer: ${out.misplaced} annotations do not cover their quote in the page`);
    out.memory = await memory(page);
    const phrase = prep.phrases[runIndex];
    await selectPhrase(page, '#article', phrase);
    await page.evaluate(() => window.__bench.settle()); // let its scroll redraw finish first
    out.add = await interact(page, 'peer add', ({ timeout }) => {
      window.peer.lastAdded = null;
      return window.__bench.measure({ type: 'keydown', key: 'c' }, () => !!window.peer.lastAdded && window.peer.painted(window.peer.lastAdded), timeout);
    }, {}, () => page.keyboard.press('c'));
    out.scroll = await withTimeout(scrollWhole(page, '#article'), STEP, 'peer scroll');
  } catch (e) {
    out.failed = e.message;
    log(`peer (${renderer}) run ${runIndex} FAILED: ${e.message}`);
  } finally {
    await page?.close().catch(() => {});
  }
  return out;
}

/** One floor run: open, memory, scroll. */
async function floorRun(context, url, prep, runIndex) {
  const out = { errors: [] };
  let page;
  try {
    page = await newPage(context, 'floor', prep.doc.title, out.errors);
    out.open = await openPage(page, url, 'floor open');
    out.memory = await memory(page);
    out.scroll = await withTimeout(scrollWhole(page, '#article'), STEP, 'floor scroll');
  } catch (e) {
    out.failed = e.message;
    log(`floor run ${runIndex} FAILED: ${e.message}`);
  } finally {
    await page?.close().catch(() => {});
  }
  return out;
}

/** The commit of the checkout the measured dist/ was built in (its parent folder). */
async function gitCommit() {
  const dir = join(opt.dist, '..');
  try {
    const { stdout } = await run('git', ['-C', dir, 'rev-parse', '--short', 'HEAD']);
    const { stdout: status } = await run('git', ['-C', dir, 'status', '--porcelain', '--', 'src', 'crates', 'styles', 'index.html', 'Cargo.toml', 'Cargo.lock']);
    return `${stdout.trim()}${status.trim() ? ' (with uncommitted changes to the app)' : ''}`;
  } catch {
    return 'unknown';
  }
}

async function main() {
  if (opt.print) {
    const saved = JSON.parse(readFileSync(opt.print, 'utf8'));
    // Summarised again, so that a saved file prints as the current table does.
    saved.summary = summarize(saved.results, saved.sizes, Object.keys(saved.results.peer));
    printTable(saved.meta, saved.summary, saved.sizes);
    if (opt.compare) printComparison(JSON.parse(readFileSync(opt.compare, 'utf8')), saved);
    return;
  }
  checkInputs();
  log(`generating ${WORDS} words with ${ANNOTATIONS} annotations (seed ${SEED})`);
  const prep = await prepare();
  log(`document: ${prep.info.words} words, ${prep.info.paragraphs} paragraphs, ${prep.info.annotations} annotations, ${(prep.info.fileBytes.newsmark / 1e6).toFixed(2)} MB`);

  // What a first visit loads; the rest (the background worker, PouchDB, the service worker)
  // is fetched when first used and counted apart.
  const first = firstLoad(opt.dist);
  const distFiles = readdirSync(opt.dist).filter((n) => /\.(wasm|js|css)$/.test(n));
  const peerDir = join(root, 'node_modules/@recogito/text-annotator/dist');
  const sizes = {
    newsmark: shippedSizes(opt.dist, distFiles.filter((n) => first.has(n) || n.endsWith('.css'))),
    newsmarkLater: shippedSizes(opt.dist, distFiles.filter((n) => !first.has(n) && !n.endsWith('.css'))),
    peer: { ...shippedSizes(peerDir, ['text-annotator.umd.js', 'text-annotator.css']), entry: shippedSizes(join(here, 'peer'), ['peer.js', 'env.js']).js },
  };

  const servers = {
    newsmark: await serve({ root: opt.dist }),
    peer: await serve({
      routes: {
        '/': prep.files.peer,
        '/index.html': prep.files.peer,
        '/peer.js': join(here, 'peer/peer.js'),
        '/env.js': join(here, 'peer/env.js'),
        '/annotations.json': prep.files.peerAnnotations,
        '/text-annotator.umd.js': join(peerDir, 'text-annotator.umd.js'),
        '/text-annotator.css': join(peerDir, 'text-annotator.css'),
      },
    }),
    floor: await serve({ routes: { '/': prep.files.floor, '/index.html': prep.files.floor } }),
  };
  const urls = { newsmark: servers.newsmark.url, peer: servers.peer.url, floor: servers.floor.url };

  const results = { newsmark: [], peer: Object.fromEntries(RENDERERS.map((r) => [r, []])), floor: [] };
  let chromium = 'unknown';
  const others = await launch();
  try {
    chromium = others.context.browser()?.version() ?? (await (async () => {
      const p = await others.context.newPage();
      const v = await p.evaluate(() => navigator.userAgent.match(/Chrome\/([\d.]+)/)?.[1]);
      await p.close();
      return v;
    })());
    for (let i = 0; i < RUNS; i++) {
      log(`run ${i + 1} of ${RUNS}`);
      results.newsmark.push(await newsmarkRun(urls, prep, i));
      for (const renderer of RENDERERS) {
        log(`peer (${renderer}) run ${i}`);
        results.peer[renderer].push(await peerRun(others.context, urls.peer, prep, i, renderer));
      }
      log(`floor run ${i}`);
      results.floor.push(await floorRun(others.context, urls.floor, prep, i));
    }
  } finally {
    await others.close().catch(() => {});
    for (const s of Object.values(servers)) await s.close();
  }

  const meta = {
    date: new Date().toISOString(),
    commit: await gitCommit(),
    options: { words: WORDS, annotations: ANNOTATIONS, runs: RUNS, seed: SEED, quick: opt.quick, quietMs: QUIET },
    machine: { nproc: cpus().length, cpu: cpus()[0]?.model ?? 'unknown', chromium, node: process.version },
    document: prep.info,
    phrases: prep.phrases,
    durationS: Math.round((Date.now() - began) / 1000),
  };
  const summary = summarize(results, sizes, RENDERERS);
  mkdirSync(join(opt.out, '..'), { recursive: true });
  writeFileSync(opt.out, `${JSON.stringify({ meta, sizes, summary, results }, null, 2)}\n`);
  printTable(meta, summary, sizes);
  if (opt.compare) printComparison(JSON.parse(readFileSync(opt.compare, 'utf8')), { meta, summary });
  console.log(`\nAll samples and details: ${opt.out.startsWith(root) ? opt.out.slice(root.length) : opt.out}`);
  const failures = [...results.newsmark, ...Object.values(results.peer).flat(), ...results.floor].filter((r) => r.failed);
  if (failures.length) {
    console.log(`\n${failures.length} run(s) failed:`);
    for (const f of failures) console.log(`  ${f.failed}`);
    process.exitCode = 1;
  }
}

// Never hang: a hard limit on the whole benchmark.
const HARD_LIMIT_MS = Number(process.env.BENCH_HARD_LIMIT_S ?? (opt.quick ? 900 : 4 * 3600)) * 1000;
const watchdog = setTimeout(() => {
  log(`the benchmark did not finish within ${HARD_LIMIT_MS / 1000} s; giving up`);
  process.exit(2);
}, HARD_LIMIT_MS);
watchdog.unref();

main().catch((e) => {
  console.error(`benchmark failed: ${e.message}`);
  process.exitCode = 1;
}).finally(() => clearTimeout(watchdog));

