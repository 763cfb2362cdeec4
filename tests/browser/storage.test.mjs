// Storage that does not lose work: a full storage quota, and damaged records.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { useApp, openApp, dragSelect, storedDocuments } from './harness.mjs';

const app = useApp();

test('when storage is full the page says so, keeps the work, offers it for download, and saves it once there is room', async () => {
  const page = await openApp(app.context, app.url);
  await page.waitForSelector('.article .hl');
  // Fill the real local storage quota with junk.
  const filled = await page.evaluate(() => {
    let chunk = 'x'.repeat(1 << 20);
    let i = 0;
    while (chunk.length > 16) {
      try {
        localStorage.setItem(`junk-${i++}`, chunk);
      } catch {
        chunk = chunk.slice(0, chunk.length / 2);
      }
    }
    return i;
  });
  assert.ok(filled > 1);

  await dragSelect(page, 'two electric vessels by 2028');
  await page.keyboard.press('c');
  await page.waitForSelector('#save-error');
  assert.match(await page.textContent('#save-error'), /not saved in this browser.*storage for this site is full.*kept in this tab/s);
  assert.equal(await page.textContent('.save-state'), 'Not saved');
  assert.equal(await page.locator('.annotation-list li').count(), 6, 'the new annotation is still on the page');

  const [download] = await Promise.all([page.waitForEvent('download'), page.click('#save-error button')]);
  const set = JSON.parse(await readFile(await download.path(), 'utf8'));
  assert.equal(set.kind, 'newsmark-set');
  assert.ok(set.documents[0].annotations.some((a) => a.exact === 'two electric vessels by 2028'));

  // A second edit while still full is kept too.
  await dragSelect(page, 'Nordhavn Seafood');
  await page.keyboard.press('a');
  await page.waitForFunction(() => document.querySelectorAll('.annotation-list li').length === 7);

  // Make room: the next change saves everything.
  await page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith('junk-')).forEach((k) => localStorage.removeItem(k)));
  await page.click('.hl.t-actor >> nth=0');
  await page.fill('#editor-note', 'Councillor, transport committee chair');
  await page.click('.editor-actions button.primary');
  await page.waitForSelector('#save-error', { state: 'detached' });
  assert.equal(await page.textContent('.save-state'), 'Saved in this browser');

  await page.reload();
  await page.waitForSelector('.article .hl');
  const [doc] = Object.values(await storedDocuments(page));
  const exacts = doc.annotations.map((a) => a.exact);
  assert.ok(exacts.includes('two electric vessels by 2028'));
  assert.ok(exacts.includes('Nordhavn Seafood'));
  assert.equal(doc.annotations.length, 7);
  await page.close();
});

test('a damaged record is reported and left untouched, and the rest of the library loads', async () => {
  const page = await openApp(app.context, app.url);
  await page.waitForSelector('.article .hl');
  await page.evaluate(() => {
    localStorage.setItem('newsmark:doc:broken-one', '{"schema_version": 1, "title": "half a reco');
    localStorage.setItem('newsmark:doc:from-the-future', JSON.stringify({ schema_version: 9, kind: 'newsmark-document' }));
  });
  await page.reload();
  await page.waitForSelector('#damaged-records');
  const text = await page.textContent('#damaged-records');
  assert.match(text, /2 stored records could not be read\. They are left untouched in storage\./);
  assert.match(text, /newsmark:doc:broken-one: this is not valid JSON/);
  assert.match(text, /newsmark:doc:from-the-future: this file was saved by a newer Newsmark \(schema version 9\)/);
  assert.equal(await page.locator('.library-item').count(), 1, 'the good article still loads');

  const [download] = await Promise.all([page.waitForEvent('download'), page.click('#damaged-records button >> nth=0')]);
  assert.equal(await readFile(await download.path(), 'utf8'), '{"schema_version": 1, "title": "half a reco');

  // Editing the library does not touch the damaged records.
  await dragSelect(page, 'Nordhavn Seafood');
  await page.keyboard.press('a');
  await page.waitForFunction(() => document.querySelectorAll('.annotation-list li').length === 6);
  assert.equal(await page.evaluate(() => localStorage.getItem('newsmark:doc:broken-one')), '{"schema_version": 1, "title": "half a reco');
  await page.close();
});
