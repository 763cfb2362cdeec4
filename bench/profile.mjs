#!/usr/bin/env node
// Where Newsmark's time goes: CPU profiles (Chrome's sampling profiler, over CDP) of
// opening a document and of tagging a selection, with the functions that took the most
// time printed, and the profiles saved for Chrome's DevTools (Performance panel, "Load
// profile").
//
//   node bench/profile.mjs [--dist DIR] [--doc FILE] [--top N]
//
// --doc defaults to the benchmark's last full-size document (bench/work/). For Rust
// function names, profile a build that keeps them: in index.html, give the rust link
// data-keep-debug and data-wasm-opt="0", and build with `trunk build --release --dist
// DIR` (wasm-opt -Oz drops the names section).

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

/** Self time per function (ms), largest first, from a CDP profile. */
function topFunctions(profile, n) {
  const self = new Map();
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const dt = profile.timeDeltas;
  for (let i = 0; i < profile.samples.length; i++) {
    const node = byId.get(profile.samples[i]);
    const f = node.callFrame;
    const name = `${f.functionName || '(anonymous)'}${f.url ? ` ${f.url.split('/').pop()}` : ''}`;
    self.set(name, (self.get(name) ?? 0) + (dt[i + 1] ?? 0) / 1000);
  }
  const total = [...self.values()].reduce((a, b) => a + b, 0);
  return { total, top: [...self.entries()].sort((a, b) => b[1] - a[1]).slice(0, n) };
}

function print(title, profile) {
  const { total, top } = topFunctions(profile, Number(opt.top));
  console.log(`\n${title}: ${Math.round(total)} ms sampled; self time by function:`);
  for (const [name, ms] of top) console.log(`  ${ms.toFixed(0).padStart(6)} ms  ${(100 * ms / total).toFixed(1).padStart(5)}%  ${name.slice(0, 110)}`);
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
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.setSamplingInterval', { interval: 200 });
  await cdp.send('Profiler.start');
  await page.reload({ waitUntil: 'commit' });
  const open = await page.evaluate(() => window.__bench.openResult(1000, 300_000));
  const { profile: openProfile } = await cdp.send('Profiler.stop');
  writeFileSync(join(opt.out, 'open.cpuprofile'), JSON.stringify(openProfile));
  console.log(`open: ${Math.round(open.settledAt)} ms (article in the DOM at ${Math.round(open.readyAt)} ms)`);
  print('Opening', openProfile);

  await page.evaluate((phrase) => document.querySelectorAll('.article p')[phrase.paragraph].scrollIntoView({ block: 'center' }), phrase);
  const box = await page.evaluate((phrase) => {
    const p = document.querySelectorAll('.article p')[phrase.paragraph];
    const walker = document.createTreeWalker(p, NodeFilter.SHOW_TEXT);
    let at = 0;
    const points = [];
    for (let n = walker.nextNode(); n && points.length < 2; n = walker.nextNode()) {
      for (const [k, target] of [[0, phrase.offset], [1, phrase.offset + phrase.text.length]]) {
        if (points[k] === undefined && at + n.data.length >= target && at <= target) {
          const r = document.createRange();
          r.setStart(n, target - at);
          r.setEnd(n, target - at);
          const rect = r.getClientRects()[0] ?? r.getBoundingClientRect();
          points[k] = { x: rect.left, y: rect.top + rect.height / 2 };
        }
      }
      at += n.data.length;
    }
    return points;
  }, phrase);
  await cdp.send('Profiler.start');
  await page.mouse.move(box[0].x, box[0].y);
  await page.mouse.down();
  await page.mouse.move(box[1].x, box[1].y, { steps: 4 });
  await page.mouse.up();
  await page.waitForSelector('.selection-toolbar');
  await page.keyboard.press('c');
  await page.waitForSelector('.article .hl.focused');
  await page.waitForTimeout(2000);
  const { profile: addProfile } = await cdp.send('Profiler.stop');
  writeFileSync(join(opt.out, 'select-and-add.cpuprofile'), JSON.stringify(addProfile));
  print('Selecting two words and tagging them (and saving)', addProfile);
  console.log(`\nProfiles: ${join(opt.out, 'open.cpuprofile')}, ${join(opt.out, 'select-and-add.cpuprofile')}`);
} finally {
  await browser.close();
  await server.close();
}
