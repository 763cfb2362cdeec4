// Saves that cost what the change costs: each document stored in records of its own (a
// head, the text, one record per annotation, its lists of attributions and actors), a
// save writing only the records that changed, the move from the previous version's
// one-record-per-document layout, a damaged annotation record, and a full disk.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import {
  useApp, openApp, dragSelect, storedDocuments, storedRecords, clearStorage, root, saved, reloadWhenSaved,
  WRITE_FAULTS as FAULTS,
} from './harness.mjs';

const app = useApp();
const DOC = 'sample-harbour-ferry';
const annotationCount = (page) => page.locator('.annotation-list li').count();
const waitCount = (page, n) => page.waitForFunction((n) => document.querySelectorAll('.annotation-list li').length === n, n);

// Every readwrite transaction the page makes, with the keys it puts and deletes.
const WRITE_LOG = `(() => {
  window.__writes = [];
  const transaction = IDBDatabase.prototype.transaction;
  IDBDatabase.prototype.transaction = function (names, mode, ...rest) {
    const tx = transaction.call(this, names, mode, ...rest);
    if (mode === 'readwrite') {
      tx.__log = { puts: [], deletes: [], committed: false };
      window.__writes.push(tx.__log);
      tx.addEventListener('complete', () => { tx.__log.committed = true; });
    }
    return tx;
  };
  for (const [method, list] of [['put', 'puts'], ['delete', 'deletes']]) {
    const original = IDBObjectStore.prototype[method];
    IDBObjectStore.prototype[method] = function (...args) {
      const key = method === 'put' ? args[1] : args[0];
      this.transaction.__log?.[list].push(JSON.stringify(key));
      return original.apply(this, args);
    };
  }
})();`;


/** The records of the store `records` as { 'key as JSON': value }. */
async function recordMap(page) {
  return Object.fromEntries((await storedRecords(page)).map(({ key, value }) => [JSON.stringify(key), value]));
}

/** Changes one stored record in place, as a damaged disk or a hand edit would. */
async function overwriteRecord(page, key, value) {
  await page.evaluate(([key, value]) => new Promise((resolve, reject) => {
    const open = indexedDB.open('newsmark');
    open.onsuccess = () => {
      const db = open.result;
      const tx = db.transaction('records', 'readwrite');
      tx.objectStore('records').put(value, key);
      tx.oncomplete = () => { db.close(); resolve(); };
      tx.onerror = () => reject(tx.error);
    };
  }), [key, value]);
}

test('tagging one phrase writes that annotation and the small head in one transaction, and a reload shows every annotation', async () => {
  const page = await openApp(app.context, app.url, { initScript: WRITE_LOG });
  await page.waitForSelector('.article .hl');
  const before = await recordMap(page);
  // The sample as records: head, text and one record per annotation.
  assert.ok(before[JSON.stringify([DOC, 'head'])].length < 1000, 'the head is small');
  assert.equal(typeof before[JSON.stringify([DOC, 'text'])], 'string');
  assert.equal(Object.keys(before).filter((k) => JSON.parse(k)[1] === 'annotation').length, 5);
  const writesBefore = await page.evaluate(() => window.__writes.length);

  await dragSelect(page, 'two electric vessels by 2028');
  await page.keyboard.press('c');
  await waitCount(page, 6);
  await saved(page);

  const writes = await page.evaluate((n) => window.__writes.slice(n), writesBefore);
  assert.equal(writes.length, 1, 'one transaction per save');
  assert.ok(writes[0].committed);
  assert.deepEqual(writes[0].deletes, []);
  const [added] = writes[0].puts.map((k) => JSON.parse(k)).filter((k) => k[1] === 'annotation');
  assert.deepEqual(writes[0].puts.map((k) => JSON.parse(k)).sort(), [[DOC, 'annotation', added[2]], [DOC, 'head']]);

  // In the database: the new annotation's record, the head changed, nothing else touched.
  const after = await recordMap(page);
  const annotation = JSON.parse(after[JSON.stringify(added)]);
  assert.equal(annotation.exact, 'two electric vessels by 2028');
  assert.equal(annotation.tag, 'claim');
  const changed = Object.keys(after).filter((k) => after[k] !== before[k]).sort();
  assert.deepEqual(changed, [JSON.stringify(added), JSON.stringify([DOC, 'head'])].sort());
  assert.ok(JSON.parse(after[JSON.stringify([DOC, 'head'])]).updated > JSON.parse(before[JSON.stringify([DOC, 'head'])]).updated);

  await reloadWhenSaved(page);
  await page.waitForSelector('.article .hl');
  assert.equal(await annotationCount(page), 6);
  assert.ok((await page.locator('.article .hl').allTextContents()).join('|').includes('two electric vessels by 2028'));
  assert.deepEqual(page.errors, []);
  await page.close();
});

test('a library stored by the previous version (one record per document) moves into records of its own once, intact', async () => {
  const fixture = JSON.parse(await readFile(join(root, 'tests/browser/fixtures/library-indexeddb-v1.json'), 'utf8'));
  const page = await app.context.newPage();
  await page.goto(`${app.url}blank`);
  await clearStorage(page);
  // The database exactly as that version left it: version 1, the store `documents`.
  await page.evaluate(({ records, settings, theme }) => new Promise((resolve, reject) => {
    localStorage.setItem('newsmark:settings', settings);
    localStorage.setItem('newsmark:theme', theme);
    const open = indexedDB.open('newsmark', 1);
    open.onupgradeneeded = () => open.result.createObjectStore('documents');
    open.onsuccess = () => {
      const db = open.result;
      const tx = db.transaction('documents', 'readwrite');
      for (const { key, value } of records) tx.objectStore('documents').put(value, key);
      tx.oncomplete = () => { db.close(); resolve(); };
      tx.onerror = () => reject(tx.error);
    };
  }), fixture);
  page.errors = [];
  page.on('pageerror', (e) => page.errors.push(String(e)));
  await page.goto(app.url);
  await page.waitForSelector('.article-title');

  // Library order and the open article are as the previous version left them.
  const settings = JSON.parse(fixture.settings);
  const was = Object.fromEntries(fixture.records.map(({ key, value }) => [key, JSON.parse(value.document)]));
  assert.deepEqual(await page.locator('.library-item .title-text').allTextContents(), settings.order.map((id) => was[id].title));
  assert.equal(await page.textContent('.article-title'), was[settings.open].title);

  // Every document is in today's records with the same data, and the old store is empty.
  await page.waitForFunction(() => document.querySelector('.save-state')?.textContent === 'Saved in this browser');
  assert.deepEqual(await storedRecords(page, 'documents'), []);
  const stored = await storedDocuments(page);
  assert.deepEqual(Object.keys(stored).sort(), Object.keys(was).sort());
  for (const id of Object.keys(was)) assert.deepEqual(stored[id], was[id], `document ${id} is unchanged`);
  // The student's work keeps its attributions and actors, each list one record.
  const student = (await storedRecords(page)).filter(({ key }) => key[0] === 'northgate-student-a').map(({ key }) => key.slice(1).join(' '));
  for (const part of ['head', 'text', 'relations', 'entities']) assert.ok(student.includes(part), part);
  assert.equal(student.filter((p) => p.startsWith('annotation ')).length, was['northgate-student-a'].annotations.length);

  // The Unicode article's offsets still land on the same words.
  const unicode = Object.values(was).find((d) => d.title.startsWith('Übersicht'));
  await page.click('.library-title:has-text("Übersicht")');
  await page.waitForSelector('.article .hl');
  const painted = (await page.locator('.article .hl').allTextContents()).join('|');
  for (const a of unicode.annotations) assert.ok(painted.includes(a.exact.slice(0, 4)), a.exact);
  assert.equal(await annotationCount(page), unicode.annotations.length);

  // A second start finds nothing left to move and the library is the same.
  await reloadWhenSaved(page);
  await page.waitForSelector('.article-title');
  assert.equal(await page.locator('.library-item').count(), settings.order.length);
  assert.deepEqual(await storedDocuments(page), stored);
  assert.equal(await page.locator('#damaged-records').count(), 0);
  assert.deepEqual(page.errors, []);
  await page.close();
});

test('a damaged annotation record is reported and left as it is, and the rest of the article loads and saves', async () => {
  const page = await openApp(app.context, app.url);
  await page.waitForSelector('.article .hl');
  const records = await storedRecords(page);
  const { key, value } = records.find(({ key, value }) => key[1] === 'annotation' && JSON.parse(value).tag === 'claim');
  const damaged = value.slice(0, value.length / 2);
  await overwriteRecord(page, key, damaged);

  await reloadWhenSaved(page);
  await page.waitForSelector('#damaged-records');
  const text = await page.textContent('#damaged-records');
  assert.match(text, /1 stored record could not be read\. It is left untouched in storage\./);
  assert.match(text, new RegExp(`${DOC}/annotation/${key[2]}: this is not valid JSON`));
  await page.waitForSelector('.article .hl');
  assert.equal(await annotationCount(page), 4, 'the other four annotations are there');

  // Editing the article saves, and does not touch the damaged record.
  await dragSelect(page, 'Nordhavn Seafood');
  await page.keyboard.press('a');
  await waitCount(page, 5);
  await saved(page);
  assert.equal((await recordMap(page))[JSON.stringify(key)], damaged);
  await reloadWhenSaved(page);
  await page.waitForSelector('#damaged-records');
  await waitCount(page, 5);
  assert.deepEqual(page.errors, []);
  await page.close();
});

test('an annotation record with a number of the wrong kind is reported with the field named, as `newsmark check` names it', async () => {
  const page = await openApp(app.context, app.url);
  await page.waitForSelector('.article .hl');
  const { key, value } = (await storedRecords(page)).find(({ key }) => key[1] === 'annotation');
  await overwriteRecord(page, key, JSON.stringify({ ...JSON.parse(value), start: -3 }));

  await reloadWhenSaved(page);
  await page.waitForSelector('#damaged-records');
  assert.match(await page.textContent('#damaged-records'),
    new RegExp(`${DOC}/annotation/${key[2]}: start: invalid value: integer \`-3\`, expected a whole number from 0 up`));
  await waitCount(page, 4);
  assert.deepEqual(page.errors, []);
  await page.close();
});

test('a save refused because storage is full changes no record, and the next save writes every edit since', async () => {
  const page = await openApp(app.context, app.url, { initScript: FAULTS });
  await page.waitForSelector('.article .hl');
  const before = await recordMap(page);
  await page.evaluate(() => { window.__newsmarkFault = { name: 'QuotaExceededError', message: 'The quota has been exceeded.' }; });
  await dragSelect(page, 'two electric vessels by 2028');
  await page.keyboard.press('c');
  await page.waitForSelector('#save-error');
  assert.match(await page.textContent('#save-error'), /storage for this site is full.*kept in this tab/s);
  assert.deepEqual(await recordMap(page), before, 'nothing of the refused save is stored');

  // Room again: the next edit's save writes both edits.
  await page.evaluate(() => { window.__newsmarkFault = null; });
  await dragSelect(page, 'Nordhavn Seafood');
  await page.keyboard.press('a');
  await waitCount(page, 7);
  await page.waitForSelector('#save-error', { state: 'detached' });
  await saved(page);
  const exacts = (await storedDocuments(page))[DOC].annotations.map((a) => a.exact);
  assert.ok(exacts.includes('two electric vessels by 2028') && exacts.includes('Nordhavn Seafood'));
  await reloadWhenSaved(page);
  await waitCount(page, 7);
  assert.deepEqual(page.errors.filter((e) => !/QuotaExceeded|quota/i.test(e)), []);
  await page.close();
});
