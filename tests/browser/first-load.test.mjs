// The first load and the whole app (src/full_app.rs): a first visit loads the reader
// only, and reading, tagging and saving work with it; the rest of the app is fetched
// when one of its views is first opened, and takes the page over with what was open.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useApp, launch, openApp, dragSelect, saved, pasteArticle, WRITE_FAULTS } from './harness.mjs';

const app = useApp();

const ARTICLE = [
  'The harbour board approved the ferry timetable on Monday.',
  '"Evening boats will run every hour," said board chair Lina Osei.',
  'Residents of the north shore had asked for later crossings for two years.',
].join('\n\n');

/** The paths of the requests the page makes (the service worker's own left out). */
function requests(page) {
  const paths = [];
  page.on('request', (r) => { if (!r.serviceWorker()) paths.push(new URL(r.url()).pathname); });
  return paths;
}

/** Tags `words` with `key` (1 claim, 2 quote, 3 actor) and waits for the header to say it is stored. */
async function tag(page, words, key, cls) {
  await dragSelect(page, words);
  await page.waitForSelector('.selection-toolbar');
  await page.keyboard.press(key);
  await page.waitForSelector(`.hl.${cls}:text("${words}")`);
  await saved(page);
}

test('a first visit loads the reader only: tagging, a note, the filter and a reload work without the rest of the app', async () => {
  const page = await openApp(app.context, app.url);
  const asked = requests(page);
  await pasteArticle(page, 'Ferry timetable', ARTICLE);
  await tag(page, 'Lina Osei', '3', 't-actor');
  await tag(page, 'Evening boats will run every hour', '1', 't-claim');
  await page.click('.hl.t-claim');
  await page.fill('#editor-note', 'Check last year’s timetable.');
  await page.click('.editor-actions button.primary');
  await page.waitForSelector('.entry-note:text("Check last year’s timetable.")');
  await saved(page);
  await page.click('.chip:has-text("Actor 1")');
  await page.waitForSelector('.filters .chip[aria-pressed=true]:has-text("Actor 1")');
  await page.reload();
  await page.waitForSelector('.hl.t-claim');
  assert.equal(await page.textContent('.hl.t-actor'), 'Lina Osei');
  assert.deepEqual(asked.filter((p) => p.includes('newsmark-full')), [], 'the whole app was never fetched');
  assert.deepEqual(asked.filter((p) => p.endsWith('class_sync.js')), [], 'nor its class sync');
  assert.deepEqual(page.errors, []);
  await page.close();
});

test('opening Compare fetches the rest of the app, which keeps the open article and its filter', async () => {
  const page = await openApp(app.context, app.url);
  const asked = requests(page);
  await pasteArticle(page, 'Ferry timetable', ARTICLE);
  await tag(page, 'Lina Osei', '3', 't-actor');
  await tag(page, 'Residents of the north shore', '3', 't-actor');
  await page.click('.chip:has-text("Actor 2")');
  await page.waitForSelector('.filters .chip[aria-pressed=true]:has-text("Actor 2")');

  await page.click('#compare-button');
  await page.waitForSelector('.compare');
  assert.ok(asked.some((p) => p.endsWith('newsmark-full_bg.wasm')), 'the whole app was fetched');
  assert.ok(asked.some((p) => p.endsWith('class_sync.js')), 'with the class sync it imports');
  assert.equal(await page.locator('#full-app-loading').count(), 0, 'the loading notice is gone');
  await page.click('.compare button:has-text("Back to the article")');
  await page.waitForSelector('.article .hl');
  assert.equal(await page.textContent('h1, .article-title'), 'Ferry timetable', 'the same article is open');
  await page.waitForSelector('.filters .chip[aria-pressed=true]:has-text("Actor 2")');
  assert.equal(await page.locator('.hl.t-actor').count(), 2, 'both annotations are there');
  // The whole app edits and saves as the first load did.
  await page.click('.chip:has-text("All 2")');
  await tag(page, 'Evening boats will run every hour', '1', 't-claim');
  assert.deepEqual(page.errors, []);
  await page.close();
});

test('if the rest of the app cannot be fetched, the page says so, loses nothing, and Close returns to the article', async () => {
  // A browser whose service worker has not kept the app's files (blocked here), so that
  // the network is the only way to the rest of the app.
  const own = await launch({ serviceWorkers: 'block' });
  const page = await openApp(own.context, app.url);
  await pasteArticle(page, 'Ferry timetable', ARTICLE);
  await tag(page, 'Lina Osei', '3', 't-actor');
  await page.route('**/newsmark-full*', (route) => route.abort());
  await page.click('#compare-button');
  await page.waitForSelector('#full-app-loading[role=alert]:has-text("could not be opened")');
  await page.click('#full-app-loading button:has-text("Close")');
  await page.waitForSelector('#full-app-loading', { state: 'detached' });
  // The page is live again: tagging works and is stored.
  await tag(page, 'Evening boats will run every hour', '1', 't-claim');
  assert.equal(await page.locator('.hl.t-actor').count(), 1);
  // And once the network is back, Try again gets there.
  await page.click('#compare-button');
  await page.waitForSelector('#full-app-loading[role=alert]');
  await page.unroute('**/newsmark-full*');
  await page.click('#full-app-loading button:has-text("Try again")');
  await page.waitForSelector('.compare');
  page.errors = page.errors.filter((e) => !/newsmark-full|Failed to fetch|ERR_FAILED|dynamically imported module/.test(e));
  assert.deepEqual(page.errors, []);
  await own.close();
});

test('with the last save failed (storage full), the rest of the app is not opened: the page says why, and Close returns with the work kept', async () => {
  const page = await openApp(app.context, app.url, { initScript: WRITE_FAULTS });
  await pasteArticle(page, 'Ferry timetable', ARTICLE);
  await tag(page, 'Lina Osei', '3', 't-actor');
  await page.evaluate(() => { window.__newsmarkFault = { name: 'QuotaExceededError', message: 'The quota has been exceeded.' }; });
  await dragSelect(page, 'Evening boats will run every hour');
  await page.keyboard.press('1');
  await page.waitForSelector('#save-error');
  await page.click('#compare-button');
  await page.waitForSelector('#full-app-loading[role=alert]:has-text("opens once your work is saved")');
  assert.equal(await page.locator('#full-app-loading button:has-text("Try again")').count(), 0, 'nothing to try again until it is saved');
  await page.click('#full-app-loading button:has-text("Close")');
  await page.waitForSelector('#full-app-loading', { state: 'detached' });
  assert.equal(await page.locator('.hl.t-claim').count(), 1, 'the unsaved annotation is still on the page');
  // Room again: the next change saves everything, and Compare opens.
  await page.evaluate(() => { window.__newsmarkFault = null; });
  await tag(page, 'north shore', '3', 't-actor');
  await page.click('#compare-button');
  await page.waitForSelector('.compare');
  assert.deepEqual(page.errors, []);
  await page.close();
});

test('reopening on an exercise draws it once, in the whole app, and not first in the reader', async () => {
  const page = await openApp(app.context, app.url);
  await page.click('#sample-exercise');
  await page.waitForSelector('.exercise');
  await saved(page);
  // Whether the first load drew the exercise's text while it fetched the whole app.
  await page.addInitScript(() => {
    new MutationObserver(() => {
      if (document.querySelector('#full-app-loading') && document.querySelector('.article p')) window.drawnByTheReader = true;
    }).observe(document, { subtree: true, childList: true });
  });
  await page.reload();
  await page.waitForSelector('.exercise');
  await page.waitForSelector('.article p');
  assert.equal(await page.evaluate(() => window.drawnByTheReader ?? false), false, 'the reader did not draw the exercise first');
  assert.deepEqual(page.errors, []);
  await page.close();
});
