#!/usr/bin/env node
// Where Newsmark's time goes: CPU profiles (Chrome's sampling profiler, over CDP) of
// opening a document and of each edit the benchmark measures (tag a selection with a key,
// undo, tag again, retag in the editor, delete in the editor, filter to quotes and back),
// with each step's time from the triggering event to the change painted, the main
// thread's split (script, layout, style), the wasm and JS functions compiled on first use
// (a trace beside the profile), and the functions that took the most time (self and
// inclusive) printed. The profiles are saved for Chrome's DevTools (Performance panel,
// "Load profile").
//
//   node bench/profile.mjs [--dist DIR] [--doc FILE] [--top N] [--out DIR]
//
// --doc defaults to the benchmark's last full-size document (bench/work/). For Rust
// function names, profile a build that keeps them: in a copy of index.html, give the
// rust link data-keep-debug and data-wasm-opt="0", and build it with `trunk build
// --release --dist DIR COPY.html` (wasm-opt -Oz drops the names section).

import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { launch } from '../tests/browser/harness.mjs';
import { freePhrases, readNewsmark } from './lib/document.mjs';
import { instrument } from './lib/instrument.mjs';
import { serve } from './lib/server.mjs';

const root = fileURLToPath(new URL('../', import.meta.url));
const here = fileURLToPath(new URL('./', import.meta.url));
const { values: opt } = parseArgs({
  options: {
    dist: { type: 'string', default: join(root, 'dist') },
    doc: { type: 'string', default: join(here, 'work/w100000-a5000-s1/article.newsmark.json') },
    top: { type: 'string', default: '25' },
    out: { type: 'string', default: join(here, 'results') },
  },
});
if (!existsSync(join(opt.dist, 'index.html'))) throw new Error(`no built app in ${opt.dist}`);
if (!existsSync(opt.doc)) throw new Error(`no document at ${opt.doc}: run the benchmark once, or pass --doc`);

const nameOf = (f) => `${f.functionName || '(anonymous)'}${f.url ? ` ${f.url.split('/').pop()}` : ''}`;

/**
 * Self and inclusive time per function (ms), largest first, from a CDP profile; and the
 * share of the samples by where they ran: Rust (the wasm module), JavaScript, the
 * browser's own work ("(program)": layout, style, paint, DOM), garbage collection, idle.
 */
function summarise(profile, n) {
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const parent = new Map();
  for (const node of profile.nodes) for (const c of node.children ?? []) parent.set(c, node.id);
  const self = new Map();
  const inclusive = new Map();
  const where = new Map();
  const dt = profile.timeDeltas;
  for (let i = 0; i < profile.samples.length; i++) {
    const ms = (dt[i + 1] ?? 0) / 1000;
    const node = byId.get(profile.samples[i]);
    const name = nameOf(node.callFrame);
    self.set(name, (self.get(name) ?? 0) + ms);
    const kind = ['(idle)', '(program)', '(garbage collector)'].includes(name)
      ? name
      : node.callFrame.url?.endsWith('.wasm') || /wasm-function/.test(node.callFrame.url ?? '') ? 'Rust (wasm)' : 'JavaScript';
    where.set(kind, (where.get(kind) ?? 0) + ms);
    const seen = new Set();
    for (let id = node.id; id !== undefined; id = parent.get(id)) {
      const fname = nameOf(byId.get(id).callFrame);
      if (seen.has(fname) || fname === '(root)') continue;
      seen.add(fname);
      inclusive.set(fname, (inclusive.get(fname) ?? 0) + ms);
    }
  }
  const busy = [...where.entries()].filter(([k]) => k !== '(idle)').reduce((a, [, b]) => a + b, 0);
  const top = (m) => [...m.entries()].filter(([k]) => k !== '(idle)').sort((a, b) => b[1] - a[1]).slice(0, n);
  return { busy, where, self: top(self), inclusive: top(inclusive) };
}

function print(title, profile) {
  const { busy, where, self, inclusive } = summarise(profile, Number(opt.top));
  console.log(`\n${title}: ${Math.round(busy)} ms busy in the samples; ${[...where.entries()].sort((a, b) => b[1] - a[1]).map(([k, v]) => `${k} ${Math.round(v)} ms`).join(', ')}`);
  console.log('  self time by function:');
  for (const [name, ms] of self) console.log(`  ${ms.toFixed(1).padStart(7)} ms  ${(100 * ms / busy).toFixed(1).padStart(5)}%  ${name.slice(0, 110)}`);
  console.log('  inclusive time by function:');
  for (const [name, ms] of inclusive) console.log(`  ${ms.toFixed(1).padStart(7)} ms  ${(100 * ms / busy).toFixed(1).padStart(5)}%  ${name.slice(0, 110)}`);
}

/** The main thread's time so far (CDP Performance metrics), in ms. */
async function mainThread(cdp) {
  const { metrics } = await cdp.send('Performance.getMetrics');
  const m = Object.fromEntries(metrics.map((x) => [x.name, x.value]));
  return { script: 1000 * m.ScriptDuration, layout: 1000 * m.LayoutDuration, style: 1000 * m.RecalcStyleDuration, task: 1000 * m.TaskDuration };
}

const doc = readNewsmark(opt.doc);
const [phrase] = freePhrases(doc, 1);
const server = await serve({ root: opt.dist });
const browser = await launch();
mkdirSync(opt.out, { recursive: true });
try {
  const page = await browser.context.newPage();
  page.setDefaultTimeout(300_000);
  await page.addInitScript(instrument, { kind: 'newsmark', title: doc.title });
  await page.goto(server.url);
  await page.waitForSelector('.topbar');
  await page.setInputFiles('#import-file', opt.doc);
  await page.waitForSelector('.notice');
  await page.waitForTimeout(3000);

  const cdp = await browser.context.newCDPSession(page);
  await cdp.send('Performance.enable');
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.setSamplingInterval', { interval: 200 });
  await cdp.send('Profiler.start');
  await page.reload({ waitUntil: 'commit' });
  const open = await page.evaluate(() => window.__bench.openResult(1000, 300_000));
  const { profile: openProfile } = await cdp.send('Profiler.stop');
  writeFileSync(join(opt.out, 'open.cpuprofile'), JSON.stringify(openProfile));
  const tasks = await page.evaluate(() => window.__bench.longtasks.map((t) => Math.round(t.duration)));
  console.log(`open: ${Math.round(open.settledAt)} ms (article in the DOM at ${Math.round(open.readyAt)} ms); long tasks: ${tasks.join(', ')} ms`);
  print('Opening', openProfile);

  // Whether the phrase's words are highlighted with `tag` (and not `not`), or, with no
  // tag, not highlighted at all (as the benchmark checks it).
  const shown = ({ paragraph, offset, text, tag, not, filter }) => {
    // A filter step: its chip pressed, and claims highlighted only when all are shown.
    if (filter) {
      const chip = document.querySelector(filter === 'all' ? '.filters .chip' : `.filters .chip.tag-${filter}`);
      const claims = !!document.querySelector('.article .hl.t-claim');
      return chip?.getAttribute('aria-pressed') === 'true' && claims === (filter === 'all');
    }
    const p = document.querySelectorAll('.article p')[paragraph];
    if (!p) return false;
    const classes = [];
    const walker = document.createTreeWalker(p, NodeFilter.SHOW_TEXT);
    let at = 0;
    for (let n = walker.nextNode(); n && at < offset + text.length; n = walker.nextNode()) {
      if (at + n.data.length > offset) classes.push(n.parentElement.closest('.hl')?.classList ?? null);
      at += n.data.length;
    }
    if (!tag) return classes.every((c) => !c);
    return classes.length > 0 && classes.every((c) => c && c.contains(`t-${tag}`) && !(not && c.contains(`t-${not}`)));
  };
  /** One profiled step: from the trigger event to the change painted. */
  const step = async (name, file, trigger, want, act) => {
    await page.waitForTimeout(500);
    const before = await mainThread(cdp);
    await page.evaluate(([trigger, want, shown]) => {
      const check = new Function(`return (${shown})`)();
      return window.__bench.measure(trigger, () => check(want), 300_000);
    }, [trigger, { ...phrase, ...want }, shown.toString()]);
    await page.evaluate(() => {
      // Every DOM change of the step, counted by the part of the page it happened in.
      const counts = (window.__mutations = {});
      const part = (n) => {
        const el = n.nodeType === 1 ? n : n.parentElement;
        return el?.closest('.article') ? 'article' : el?.closest('.editor') ? 'editor' : el?.closest('.panel') ? 'panel'
          : el?.closest('.topbar') ? 'top bar' : el?.closest('.notices, .notice') ? 'notices' : el?.tagName?.toLowerCase() ?? 'other';
      };
      const add = (where, what, n = 1) => { (counts[where] ??= {})[what] = (counts[where][what] ?? 0) + n; };
      const size = (n) => (n.nodeType === 1 ? n.querySelectorAll('*').length + 1 : 1);
      window.__observer?.disconnect();
      window.__observer = new MutationObserver((list) => {
        for (const m of list) {
          const where = part(m.target);
          if (m.type === 'attributes') add(where, `attribute ${m.attributeName}`);
          else if (m.type === 'characterData') add(where, 'text');
          else {
            for (const n of m.addedNodes) add(where, 'nodes added', size(n));
            for (const n of m.removedNodes) add(where, 'nodes removed', size(n));
          }
        }
      });
      window.__observer.observe(document.body, { subtree: true, childList: true, attributes: true, characterData: true });
    });
    // A trace of V8's compiling alongside: wasm functions and JS compiled on first use.
    const traced = [];
    const collect = (d) => traced.push(...d.value);
    cdp.on('Tracing.dataCollected', collect);
    const traceDone = new Promise((resolve) => cdp.once('Tracing.tracingComplete', resolve));
    await cdp.send('Tracing.start', { categories: 'v8.wasm,disabled-by-default-v8.compile,devtools.timeline', transferMode: 'ReportEvents' });
    await cdp.send('Profiler.start');
    await act();
    const r = await page.evaluate(() => window.__bench.pending);
    const mutations = await page.evaluate(() => { window.__observer.disconnect(); return window.__mutations; });
    const { profile } = await cdp.send('Profiler.stop');
    await cdp.send('Tracing.end');
    await traceDone;
    cdp.off('Tracing.dataCollected', collect);
    const after = await mainThread(cdp);
    writeFileSync(join(opt.out, `${file}.cpuprofile`), JSON.stringify(profile));
    const split = Object.fromEntries(Object.keys(after).map((k) => [k, Math.round(after[k] - before[k])]));
    print(`${name}: ${Math.round(r.painted - r.t0)} ms to painted (${Math.round(r.hit - r.t0)} ms to the change in the DOM); main thread script ${split.script}, layout ${split.layout}, style ${split.style}, all tasks ${split.task} ms`, profile);
    const main = traced.find((e) => e.name === 'EventDispatch')?.tid;
    const compiled = (name) => traced.filter((e) => e.name === name && e.tid === main && e.ph === 'X');
    const [wasm, js] = [compiled('wasm.CompileLazy'), compiled('V8.CompileIgnition')];
    const ms = (list) => (list.reduce((sum, e) => sum + (e.dur ?? 0), 0) / 1000).toFixed(1);
    console.log(`  compiled on first use, on the main thread: ${wasm.length} wasm functions (${ms(wasm)} ms), ${js.length} JS functions (${ms(js)} ms)`);
    console.log(`  DOM changes: ${Object.entries(mutations).map(([where, c]) => `${where}: ${Object.entries(c).map(([k, v]) => `${v} ${k}`).join(', ')}`).join('; ')}`);
  };

  const point = (offsetInPhrase) => page.evaluate(([phrase, k]) => {
    const p = document.querySelectorAll('.article p')[phrase.paragraph];
    const walker = document.createTreeWalker(p, NodeFilter.SHOW_TEXT);
    let at = 0;
    const target = phrase.offset + k;
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      if (at + n.data.length >= target) {
        const r = document.createRange();
        r.setStart(n, target - at);
        r.setEnd(n, target - at);
        const rect = r.getClientRects()[0] ?? r.getBoundingClientRect();
        return { x: rect.left, y: rect.top + rect.height / 2 };
      }
      at += n.data.length;
    }
    return null;
  }, [phrase, offsetInPhrase]);
  const select = async () => {
    const from = await point(0);
    const to = await point(phrase.text.length);
    await page.mouse.move(from.x, from.y);
    await page.mouse.down();
    await page.mouse.move(to.x, to.y, { steps: 4 });
    await page.mouse.up();
    await page.waitForSelector('.selection-toolbar');
  };

  await page.evaluate((phrase) => document.querySelectorAll('.article p')[phrase.paragraph].scrollIntoView({ block: 'center' }), phrase);
  await select();
  await step('Tagging two words (C)', 'add', { type: 'keydown', key: 'c' }, { tag: 'claim' }, () => page.keyboard.press('c'));
  await page.waitForTimeout(2000);
  await step('Undo (Ctrl+Z)', 'undo', { type: 'keydown', key: 'z' }, {}, () => page.keyboard.press('Control+z'));
  await select();
  await step('Tagging them again (C)', 'add-again', { type: 'keydown', key: 'c' }, { tag: 'claim' }, () => page.keyboard.press('c'));
  await page.waitForTimeout(2000);
  const middle = await point(Math.floor(phrase.text.length / 2));
  await page.mouse.click(middle.x + 2, middle.y);
  await page.waitForSelector('.editor-tags input[value=quote]');
  await step('Retag as a quote (editor)', 'retag', { type: 'click' }, { tag: 'quote', not: 'claim' }, () => page.check('.editor-tags input[value=quote]'));
  await page.waitForTimeout(2000);
  await step('Delete (editor)', 'delete', { type: 'click' }, {}, () => page.click('.editor .danger'));
  await page.waitForTimeout(2000);
  await step('Filter to quotes (chip)', 'filter-quote', { type: 'click' }, { filter: 'quote' }, () => page.click('.filters .chip.tag-quote'));
  await page.waitForTimeout(2000);
  await step('Filter back to all (chip)', 'filter-all', { type: 'click' }, { filter: 'all' }, () => page.click('.filters .chip >> nth=0'));
  console.log(`\nProfiles: ${opt.out}/{open,add,undo,add-again,retag,delete,filter-quote,filter-all}.cpuprofile`);
} finally {
  await browser.close();
  await server.close();
}
