// Two tabs on one library: one writer per document, the other follows its saves, and
// editing can move between tabs without either overwriting the other's work.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useApp, openApp, dragSelect, pasteArticle, storedDocuments, saved } from './harness.mjs';

const app = useApp();
const TITLE = 'Council votes to end night ferry despite protest from shift workers';
const count = (page) => page.locator('.annotation-list li').count();
const waitCount = (page, n) => page.waitForFunction((n) => document.querySelectorAll('.annotation-list li').length === n, n);

test('two tabs on one library: edits show in the other tab, one tab edits a document at a time, and nothing is overwritten', async () => {
  const first = await openApp(app.context, app.url);
  await first.waitForSelector('.article .hl');
  await saved(first);
  const second = await openApp(app.context, app.url, { keepStorage: true });
  await second.waitForSelector('.article .hl');

  // The first tab holds the article; the second shows it read-only.
  await second.waitForSelector('#read-only');
  assert.match(await second.textContent('#read-only'), /being edited in another Newsmark tab/);
  assert.equal(await first.locator('#read-only').count(), 0);

  // An edit in the first tab appears in the second.
  await dragSelect(first, 'Nordhavn Seafood');
  await first.keyboard.press('a');
  await waitCount(first, 6);
  await waitCount(second, 6);

  // The second tab cannot change it: selecting text offers no toolbar, and a tag key
  // says why nothing was tagged.
  await dragSelect(second, 'regional court');
  await second.keyboard.press('c');
  await second.waitForSelector('text=is being edited in another tab, so it was not changed here');
  assert.equal(await second.locator('.selection-toolbar').count(), 0);
  assert.equal(await count(second), 6);
  await second.click('.notices button[aria-label^="Dismiss"]');

  // Editing moves to the second tab; the first turns read-only and says why.
  await second.click('#read-only button');
  await second.waitForSelector('#read-only', { state: 'detached' });
  await first.waitForSelector('#read-only');
  await second.evaluate(() => getSelection().removeAllRanges()); // the earlier attempt's selection
  assert.match(await first.textContent('.notices'), /now being edited in another tab/);

  await dragSelect(second, 'regional court');
  await second.keyboard.press('c');
  await waitCount(second, 7);
  await waitCount(first, 7);

  // The first tab's attempts are refused with a message, not applied and not saved.
  await first.click(`button[aria-label="Rename ${TITLE}"]`);
  await first.fill('.rename-input', 'Renamed in the first tab');
  await first.keyboard.press('Enter');
  await first.waitForSelector('text=is being edited in another tab, so it was not changed here');
  assert.equal(await first.textContent('.article-title'), TITLE);
  await saved(second);
  const stored = (await storedDocuments(second))['sample-harbour-ferry'];
  assert.equal(stored.title, TITLE);
  assert.equal(stored.annotations.length, 7);
  assert.ok(stored.annotations.some((a) => a.exact === 'Nordhavn Seafood'), 'the first tab\'s earlier edit survives');

  // A new article added in one tab joins the other tab's library.
  await pasteArticle(second, 'Second story', 'Prices rose 3% in May, the statistics office said.');
  await first.waitForSelector('.library-item:has-text("Second story")');

  // When the editing tab closes, the other takes over by itself.
  await second.click(`.library-title:has-text("${TITLE}")`);
  await second.close();
  await first.waitForSelector('#read-only', { state: 'detached' });
  await dragSelect(first, 'shuttle bus');
  await first.keyboard.press('c');
  await waitCount(first, 8);
  await saved(first);
  assert.equal((await storedDocuments(first))['sample-harbour-ferry'].annotations.length, 8);
  assert.deepEqual(first.errors, []);
  await first.close();
});
