// A long report, as a reader meets it: it opens with its first screen while the rest is
// drawn over the next moments, and then every paragraph and every highlight is there;
// an annotation far down, chosen in the list straight after opening, is brought into
// view; the keyboard goes from annotation to annotation; and the side list changes only
// by the entries an edit touches.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { useApp, openApp, dragSelect, reloadWhenSaved, root, scratchDir } from './harness.mjs';

const app = useApp();
const run = promisify(execFile);
const cli = process.env.NEWSMARK_CLI ?? join(root, 'target/debug/newsmark');

/** A synthetic report of 20,000 words (about 300 paragraphs) with 400 annotations. */
async function longReport() {
  const dir = scratchDir('long');
  const file = join(dir, 'long.newsmark.json');
  await run(cli, ['synthesize', '--words', '20000', '--annotations', '400', '--seed', '3', '-o', file]);
  return { file, doc: JSON.parse(await readFile(file, 'utf8')) };
}

/** Waits until the whole article is drawn: the article no longer says it is busy. */
async function drawn(page) {
  await page.waitForSelector('.article:not([aria-busy])');
}

/** Whether the highlight starting at code point `start` lies inside the window. */
const inView = (page, start) => page.evaluate((start) => {
  const el = document.querySelector(`.article [data-s="${start}"]`);
  if (!el) return false;
  const r = el.getBoundingClientRect();
  return r.bottom > 0 && r.top < window.innerHeight;
}, start);

test('a long report ends up whole: every paragraph and every highlight drawn', async () => {
  const { file, doc } = await longReport();
  const page = await openApp(app.context, app.url);
  await page.setInputFiles('#import-file', file);
  await page.waitForSelector(`.article-title:text-is(${JSON.stringify(doc.title)})`);
  await drawn(page);
  // The paragraphs, read in order, are the document's text without the blank lines between them.
  const text = await page.$$eval('.article p', (ps) => ps.map((p) => p.textContent).join(''));
  assert.equal(text, doc.text.replace(/\n\s*\n/g, '').replace(/\n/g, ''));
  const missing = await page.evaluate((starts) => starts.filter((s) => !document.querySelector(`.article .hl[data-s="${s}"]`)), doc.annotations.map((a) => a.start));
  assert.deepEqual(missing, [], 'a highlight starts where each annotation starts');
  assert.deepEqual(page.errors, []);
  await page.close();
});

test('an annotation far down, chosen in the list as the report opens, is brought into view', async () => {
  const { file, doc } = await longReport();
  const page = await openApp(app.context, app.url);
  await page.setInputFiles('#import-file', file);
  await page.waitForSelector(`.article-title:text-is(${JSON.stringify(doc.title)})`);
  await reloadWhenSaved(page);
  // Straight after opening: the last entry of the list (the 200th annotation, about the
  // middle of the report), chosen before the report is drawn to its end.
  const entry = page.locator('.annotation-list .entry').nth(199);
  const id = await entry.getAttribute('data-annotation');
  const far = doc.annotations.find((a) => a.id === id);
  await entry.click();
  await page.waitForFunction((start) => {
    const el = document.querySelector(`.article [data-s="${start}"]`);
    const r = el?.getBoundingClientRect();
    return !!r && r.bottom > 0 && r.top < window.innerHeight;
  }, far.start);
  assert.ok(await page.locator(`.article [data-s="${far.start}"].focused`).count(), 'the chosen annotation is the one outlined');
  await drawn(page);
  assert.equal(await inView(page, far.start), true, 'it stays in view while the rest is drawn');
  assert.deepEqual(page.errors, []);
  await page.close();
});

test('] and [ go from annotation to annotation in a long report, and an edit changes only its own entries in the list', async () => {
  const { file, doc } = await longReport();
  const page = await openApp(app.context, app.url);
  await page.setInputFiles('#import-file', file);
  await page.waitForSelector(`.article-title:text-is(${JSON.stringify(doc.title)})`);
  await drawn(page);
  // The app's rule: ] goes to the first annotation starting after the caret, [ to the
  // last one starting before it (annotations in the order the document keeps them).
  const next = (at) => doc.annotations.find((a) => a.start > at);
  const previous = (at) => doc.annotations.findLast((a) => a.start < at);
  const first = next(0);
  const second = next(first.start);
  await page.focus('.article');
  await page.keyboard.press(']');
  await page.waitForFunction((exact) => document.querySelector('#announcer')?.textContent.includes(exact), first.exact);
  await page.keyboard.press(']');
  await page.waitForFunction((exact) => document.querySelector('#announcer')?.textContent.includes(exact), second.exact);
  await page.keyboard.press('[');
  await page.waitForFunction((exact) => document.querySelector('#announcer')?.textContent.includes(exact), previous(second.start).exact);

  // The entries already listed stay the same elements through an edit beyond them.
  await page.$$eval('.annotation-list li', (lis) => lis.forEach((li) => { li.dataset.before = 'yes'; }));
  const before = await page.locator('.annotation-list li').count();
  await page.evaluate(() => document.querySelectorAll('.article p')[250].scrollIntoView({ block: 'center' }));
  // Two words of paragraph 250 that no highlight covers, and which of their occurrences
  // in the article is that one.
  const [words, nth] = await page.evaluate(() => {
    const ps = [...document.querySelectorAll('.article p')];
    const free = [...ps[250].querySelectorAll(':scope > span:not(.hl)')].map((s) => s.textContent).find((t) => /[A-Za-z]{4,} [A-Za-z]{4,}/.test(t));
    const words = free.match(/[A-Za-z]{4,} [A-Za-z]{4,}/)[0];
    const before = ps.slice(0, 250).map((p) => p.textContent).join('') + ps[250].textContent.slice(0, ps[250].textContent.indexOf(free));
    return [words, before.split(words).length - 1];
  });
  await dragSelect(page, words, nth);
  await page.waitForSelector('.selection-toolbar');
  await page.keyboard.press('c');
  await page.waitForSelector('.annotation-list .entry.selected');
  const kept = await page.locator('.annotation-list li[data-before=yes]').count();
  assert.equal(kept, before, 'every entry listed before the edit is still the same element');
  assert.deepEqual(page.errors, []);
  await page.close();
});
