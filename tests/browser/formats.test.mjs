// Exchange formats in the app: export every format from the Export menu, check the
// offsets in Python and Node, import them back, place annotations made elsewhere
// against the open article, and deal with orphans.

import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { readFile, writeFile } from 'node:fs/promises';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { join } from 'node:path';
import { useApp, openApp, dragSelect, root, storedDocuments, scratchDir } from './harness.mjs';

const run = promisify(execFile);
const fixture = join(root, 'crates/newsmark-core/tests/golden/unicode-check.newsmark.json');
const FORMATS = ['newsmark', 'w3c', 'brat', 'doccano', 'label-studio', 'spacy', 'csv'];

const app = useApp();
let dir;
before(async () => {
  dir = scratchDir('exports');
});

async function importFile(page, path) {
  await page.setInputFiles('#import-file', path);
  await page.waitForSelector('.notice');
  const text = await page.textContent('.notice .notice-body');
  await page.click('.notice button[aria-label=Dismiss]');
  return text;
}

async function exportAs(page, format) {
  await page.click('#export-button');
  const [download] = await Promise.all([page.waitForEvent('download'), page.click(`.menu-list [data-format="${format}"]`)]);
  const path = join(dir, download.suggestedFilename());
  await download.saveAs(path);
  const notice = await page.textContent('.notice .notice-body');
  await page.click('.notice button[aria-label=Dismiss]');
  return { path, notice };
}

test('every format exported from the app points at exactly the right text, checked in Python and Node', async () => {
  const page = await openApp(app.context, app.url);
  const report = await importFile(page, fixture);
  assert.match(report, /6 annotations: 6 placed exactly, 0 re-anchored, 0 orphaned/);
  assert.equal(await page.locator('.annotation-list li').count(), 6);
  assert.match(await page.textContent('.annotation-list'), /said by Zoe\u0308 Hart/);

  // The menu closes when the person clicks elsewhere.
  await page.click('#export-button');
  await page.waitForSelector('.menu-list');
  await page.mouse.click(5, 600);
  await page.waitForSelector('.menu-list', { state: 'detached' });

  const exported = {};
  for (const format of FORMATS) exported[format] = await exportAs(page, format);
  assert.match(exported.spacy.notice, /2 notes are not included/);
  assert.match(exported.csv.notice, /article text is not included/);
  assert.match(exported.newsmark.notice, /Exported “.*” as Newsmark JSON\.$/);
  assert.ok(exported.w3c.path.endsWith('.w3c.jsonld'));

  const python = await run('python3', [join(root, 'tests/cross_runtime/check_offsets.py'), fixture, dir]);
  assert.match(python.stdout, /ok {3}.*\.w3c\.jsonld/);
  assert.match(python.stdout, /ok {3}.*\.brat\.zip/);
  const node = await run('node', [join(root, 'tests/cross_runtime/check_label_studio.mjs'), fixture, exported['label-studio'].path]);
  assert.match(node.stdout, /ok {3}6 Label Studio spans/);

  // Every importable export comes back with all six spans in place.
  for (const format of ['w3c', 'brat', 'doccano', 'label-studio']) {
    const text = await importFile(page, exported[format].path);
    assert.match(text, /6 annotations: 6 placed exactly, 0 re-anchored, 0 orphaned/, format);
    assert.equal(await page.locator('.annotation-list li').count(), 6, format);
  }
  assert.deepEqual(page.errors, []);
  await page.close();
});

test('annotations made elsewhere are placed against the open article, and orphans can be placed or dropped', async () => {
  const page = await openApp(app.context, app.url);
  await page.waitForSelector('.article .hl');
  const text = (await storedDocuments(page))['sample-harbour-ferry'].text;
  // Hypothesis counts positions in UTF-16 code units; this article has a euro sign
  // (one unit) and curly quotes, so code points and units agree except where noted.
  const at = (s) => ({ start: text.indexOf(s), end: text.indexOf(s) + s.length });
  const row = (exact, tag, pos) => ({
    target: [{ source: 'https://news.example/ferry', selector: [
      { type: 'TextPositionSelector', ...pos },
      { type: 'TextQuoteSelector', exact, prefix: '', suffix: '' },
    ] }],
    tags: [tag],
    text: `from Hypothesis: ${tag}`,
  });
  const rows = [
    row('Nordhavn Seafood', 'actor', at('Nordhavn Seafood')),
    row('the regional court', 'claim', { start: 3, end: 21 }),
    row('a ferry that never sailed', 'quote', { start: 10, end: 35 }),
  ];
  const file = join(dir, 'hypothesis.json');
  await writeFile(file, JSON.stringify(rows));
  const report = await importFile(page, file);
  assert.match(report, /3 annotations: 1 placed exactly, 1 re-anchored, 1 orphaned/);
  assert.match(report, /listed in the side panel/);
  assert.match(await page.textContent('.article-title'), /\(imported annotations\)$/);
  assert.equal(await page.locator('.annotation-list li').count(), 2);
  assert.equal(await page.locator('.orphan').count(), 1);
  assert.equal(await page.locator('.orphan button:has-text("Place")').isDisabled(), true, 'nothing selected yet');

  await dragSelect(page, 'shuttle bus');
  await page.click('.orphan button:has-text("Place at selection")');
  await page.waitForSelector('.orphan', { state: 'detached' });
  const quote = page.locator('.annotation-list li', { hasText: 'shuttle bus' });
  assert.match(await quote.textContent(), /Quote.*shuttle bus.*from Hypothesis: quote/s);
  await page.keyboard.press('Control+z');
  await page.waitForSelector('.orphan');
  await page.click('.orphan button:has-text("Drop")');
  await page.waitForSelector('.orphans', { state: 'detached' });
  assert.deepEqual(page.errors, []);
  await page.close();
});

test('a file dropped on the page is imported; a bad one is refused and changes nothing', async () => {
  const page = await openApp(app.context, app.url);
  await page.waitForSelector('.article .hl');
  const json = await readFile(fixture, 'utf8');
  const drop = (name, contents) => page.evaluate(([name, contents]) => {
    const data = new DataTransfer();
    data.items.add(new File([contents], name));
    document.querySelector('.app').dispatchEvent(new DragEvent('drop', { dataTransfer: data, bubbles: true, cancelable: true }));
  }, [name, contents]);
  await drop('unicode-check.newsmark.json', json);
  await page.waitForSelector('.notice.info');
  assert.equal(await page.locator('.library-item').count(), 2);

  await drop('broken.jsonl', '{"text": "abc", "entities": [{"id": 1, "label": "PERSON", "start_offset": 0, "end_offset": 2}]}\n');
  await page.waitForSelector('.notice.error');
  assert.match(await page.textContent('.notice.error'), /broken\.jsonl was not imported\. Nothing was changed\..*PERSON/s);
  assert.equal(await page.locator('.library-item').count(), 2);

  await drop('notes.txt', 'Dropped story\n\nThe mayor said the budget is balanced.');
  await page.waitForSelector('.article-title:text-is("Dropped story")');
  assert.equal(await page.locator('.library-item').count(), 3);
  await page.close();
});
