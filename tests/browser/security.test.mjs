// Nothing executes: the built app runs under an enforcing Content-Security-Policy, and
// payloads in imported files are shown as text, never run or rendered as markup.

import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { useApp, openApp, root, reloadWhenSaved, scratchDir } from './harness.mjs';

const app = useApp();
let dir;
before(async () => {
  dir = scratchDir('xss');
});

const PAYLOADS = [
  '<script>window.__xss = "script"</script>',
  '<img src=x onerror="window.__xss=\'img\'">',
  '<svg onload="window.__xss=\'svg\'"></svg>',
  '<a href="javascript:window.__xss=\'link\'">click</a>',
  '"><iframe srcdoc="<script>parent.__xss=1</script>">',
];
const evil = PAYLOADS.join(' ');

test('the built page carries an enforcing Content-Security-Policy and the app works under it', async () => {
  const html = await readFile(join(root, 'dist/index.html'), 'utf8');
  const csp = html.match(/<meta http-equiv="Content-Security-Policy" content="([^"]+)"/)?.[1];
  assert.ok(csp, 'a CSP meta tag');
  for (const directive of ["script-src 'self' 'wasm-unsafe-eval'", "object-src 'none'", "base-uri 'none'"]) {
    assert.ok(csp.includes(directive), `${directive} in ${csp}`);
  }
  assert.doesNotMatch(csp, /script-src[^;]*'unsafe-inline'/);
  assert.doesNotMatch(html, /<script(?![^>]*\bsrc=)[^>]*>/, 'no inline script in the page');

  const page = await openApp(app.context, app.url);
  await page.evaluate(() => {
    window.__violations = [];
    document.addEventListener('securitypolicyviolation', (e) => window.__violations.push(`${e.violatedDirective} ${e.blockedURI}`));
  });
  await page.waitForSelector('.article .hl');
  await page.click('.hl.t-claim');
  await page.click('.panel-tab:has-text("Sources")');
  assert.deepEqual(await page.evaluate(() => window.__violations), []);
  assert.deepEqual(page.errors, []);
  await page.close();
});

test('script payloads in titles, notes, actor names, labels and exercise instructions never run', async () => {
  const page = await openApp(app.context, app.url);
  await page.waitForSelector('.article .hl');
  const t = '2026-11-25T09:30:00.000Z';
  const text = `The minister ${evil} said the plan works.`;
  const start = [...text.slice(0, text.indexOf('The minister'))].length;
  const annotation = (id, tag, from, to) => ({
    id, tag, start: from, end: to, exact: [...text].slice(from, to).join(''), prefix: '', suffix: '',
    note: `Note ${evil}`, created: t, updated: t,
  });
  const key = {
    id: 'xss-doc', title: `Title ${evil}`, byline: `By ${evil}`, source_url: 'javascript:window.__xss="source"',
    created: t, updated: t, text,
    annotations: [annotation('a1', 'actor', start, start + 12), annotation('a2', 'claim', start, [...text].length)],
    entities: [{ id: 'e1', name: `Actor ${evil}`, kind: 'person' }],
    relations: [{ id: 'r1', kind: 'attribution', from: 'a2', to: 'a1', created: t }],
  };
  key.annotations[0].entity = 'e1';
  const exercise = {
    schema_version: 1, kind: 'newsmark-exercise', instructions: `Do this ${evil}`,
    codebook: [{ tag: 'claim', definition: `Def ${evil}`, example: `Ex ${evil}` }], key,
  };
  const files = {
    'doc.newsmark.json': JSON.stringify({ schema_version: 1, kind: 'newsmark-document', ...key }),
    'exercise.newsmark-exercise.json': JSON.stringify(exercise),
    'labels.doccano.jsonl': JSON.stringify({ text, entities: [{ id: 1, label: `<img src=x onerror="window.__xss='label'">`, start_offset: 0, end_offset: 3 }] }),
  };
  for (const [name, contents] of Object.entries(files)) {
    await writeFile(join(dir, name), contents);
    await page.setInputFiles('#import-file', join(dir, name));
    await page.waitForSelector('.notice');
    if (name.endsWith('exercise.json')) {
      // The student gives a name, which is shown as text too.
      await page.fill('#student-name', `Student ${evil}`);
      await page.click('#student-name-save');
      await page.waitForSelector('.student-name');
    }
    await page.click('.notice button[aria-label=Dismiss]');
  }
  // The imported article, its notes, actor, instructions and codebook are on screen as text.
  // The document (the exercise's blank student copy is listed above it).
  await page.click('.library-title:has-text("Title") >> nth=1');
  await page.click('.hl.t-actor');
  await page.click('.panel-tab:has-text("Sources")');
  await page.click('.panel-tab:has-text("Annotations")');
  await page.click('#export-button');
  await page.keyboard.press('Escape');
  assert.match(await page.textContent('.article-title'), /<script>window.__xss = "script"<\/script>/);
  await page.click('.library-title:has-text("Title") >> nth=0');
  assert.match(await page.textContent('.instructions'), /Do this <script>window.__xss = "script"<\/script>/);
  assert.equal(await page.evaluate(() => window.__xss ?? null), null, 'no payload ran');
  assert.equal(await page.locator('body iframe, .app img, .app svg:not(.icon), .app script').count(), 0, 'no payload became markup');
  assert.equal(await page.locator('a[href^="javascript:"]').count(), 0, 'no javascript: link');
  assert.deepEqual(page.errors.filter((e) => !/Content Security Policy/.test(e)), []);
  await page.close();
});

test('nothing leaves the machine: every request while reading, annotating, importing and exporting stays on the app\'s origin', async () => {
  const requests = [];
  const onRequest = (request) => requests.push(request.url());
  app.context.on('request', onRequest);
  try {
    const page = await openApp(app.context, app.url);
    await page.waitForSelector('.article .hl');
    // An article whose HTML points at other sites (images, styles, scripts, frames).
    const html = join(dir, 'linked.html');
    await writeFile(html, `<html><head><title>Linked page</title><link rel="stylesheet" href="https://tracker.example/a.css">
      <script src="https://tracker.example/a.js"></script></head><body><h1>Linked page</h1>
      <p>The port <img src="https://tracker.example/pixel.gif"> reopened on Monday, the harbour office said.</p>
      <iframe src="https://tracker.example/frame"></iframe><video src="https://tracker.example/v.mp4"></video></body></html>`);
    await page.click('button:has-text("Add article")');
    await page.setInputFiles('#open-file', html);
    // One sentence is too short for the reader to be sure it is an article: it asks.
    await page.waitForSelector('#capture-add');
    await page.click('#capture-add');
    await page.waitForSelector('.article-title:text-is("Linked page")');
    await page.click('.library-title:has-text("Council votes")');
    await page.waitForSelector('.article .hl');
    const [download] = await Promise.all([page.waitForEvent('download'), (async () => {
      await page.click('#export-button');
      await page.click('button[data-format="w3c"]');
    })()]);
    await page.setInputFiles('#import-file', await download.path());
    await page.waitForSelector('text=Imported 1 article');
    await reloadWhenSaved(page);
    await page.waitForSelector('.article .hl');
    await page.close();
  } finally {
    app.context.off('request', onRequest);
  }
  const elsewhere = requests.filter((url) => !url.startsWith(app.url) && !url.startsWith('blob:') && !url.startsWith('data:'));
  assert.deepEqual(elsewhere, [], 'no request to any other address');
  assert.ok(requests.length > 3, 'requests were recorded');
});
