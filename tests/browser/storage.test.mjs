// Storage that does not lose work: the library in IndexedDB, failures of every kind
// (a full quota, storage blocked by the browser, a database held by another tab, a
// newer Newsmark in another tab), damaged records, the move from local storage made by
// earlier versions, and size limits.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import {
  useApp, openApp, launch, dragSelect, storedDocuments, storedRecords, putRecords, clearStorage, root, saved, reloadWhenSaved,
  WRITE_FAULTS as FAULTS,
} from './harness.mjs';

const app = useApp();


// A newer Newsmark: the same app asking for the next version of its database.
const NEWER_VERSION = `(() => {
  const open = IDBFactory.prototype.open;
  IDBFactory.prototype.open = function (name, version) {
    return version === undefined ? open.call(this, name) : open.call(this, name, version + 1);
  };
})();`;

const annotationCount = (page) => page.locator('.annotation-list li').count();

test('the library is stored in IndexedDB, survives a reload, and the page says whether the browser will keep it', async () => {
  const page = await openApp(app.context, app.url);
  await page.waitForSelector('.article .hl');
  await dragSelect(page, 'two electric vessels by 2028');
  await page.keyboard.press('c');
  await page.waitForFunction(() => document.querySelectorAll('.annotation-list li').length === 6);
  await saved(page);
  // The document's records: its head (saved format, without text or annotations), its
  // text, and one record per annotation.
  const records = await storedRecords(page);
  assert.ok(records.every(({ key }) => key[0] === 'sample-harbour-ferry'));
  const head = JSON.parse(records.find(({ key }) => key[1] === 'head').value);
  assert.equal(head.title, 'Council votes to end night ferry despite protest from shift workers');
  assert.equal(records.filter(({ key }) => key[1] === 'annotation').length, 6);
  const doc = (await storedDocuments(page))['sample-harbour-ferry'];
  assert.equal(doc.schema_version, 3);
  assert.ok(doc.annotations.some((a) => a.exact === 'two electric vessels by 2028' && a.tag === 'claim'));
  assert.equal(await page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith('newsmark:doc:')).length), 0,
    'documents are no longer kept in local storage');

  const persisted = await page.evaluate(() => navigator.storage.persisted());
  const status = await page.textContent('#storage-status');
  assert.match(status, persisted ? /Kept safe\./ : /May be cleared\./);

  await reloadWhenSaved(page);
  await page.waitForSelector('.article .hl');
  assert.equal(await annotationCount(page), 6);
  assert.deepEqual(page.errors, []);
  await page.close();
});

test('when a write fails (storage full) the page says so, keeps every edit, offers them for download, and saves them once it can', async () => {
  const page = await openApp(app.context, app.url, { initScript: FAULTS });
  await page.waitForSelector('.article .hl');
  await saved(page);
  await page.evaluate(() => { window.__newsmarkFault = { name: 'QuotaExceededError', message: 'The quota has been exceeded.' }; });

  await dragSelect(page, 'two electric vessels by 2028');
  await page.keyboard.press('c');
  await page.waitForSelector('#save-error');
  assert.match(await page.textContent('#save-error'), /not saved in this browser.*storage for this site is full.*kept in this tab/s);
  assert.equal(await page.textContent('.save-state'), 'Not saved');
  assert.equal(await annotationCount(page), 6, 'the new annotation is still on the page');

  const [download] = await Promise.all([page.waitForEvent('download'), page.click('#save-error button')]);
  const set = JSON.parse(await readFile(await download.path(), 'utf8'));
  assert.equal(set.kind, 'newsmark-set');
  assert.ok(set.documents[0].annotations.some((a) => a.exact === 'two electric vessels by 2028'));

  // A second edit while writes still fail is kept too; nothing reached the database.
  await dragSelect(page, 'Nordhavn Seafood');
  await page.keyboard.press('a');
  await page.waitForFunction(() => document.querySelectorAll('.annotation-list li').length === 7);
  assert.equal((await storedDocuments(page))['sample-harbour-ferry'].annotations.length, 5);

  // Room again: the next change saves everything.
  await page.evaluate(() => { window.__newsmarkFault = null; });
  await page.click('.hl.t-actor >> nth=0');
  await page.fill('#editor-note', 'Councillor, transport committee chair');
  await page.click('.editor-actions button.primary');
  await page.waitForSelector('#save-error', { state: 'detached' });
  await saved(page);

  await reloadWhenSaved(page);
  await page.waitForSelector('.article .hl');
  const doc = (await storedDocuments(page))['sample-harbour-ferry'];
  const exacts = doc.annotations.map((a) => a.exact);
  assert.ok(exacts.includes('two electric vessels by 2028'));
  assert.ok(exacts.includes('Nordhavn Seafood'));
  assert.equal(doc.annotations.length, 7);
  assert.ok(doc.annotations.some((a) => a.note === 'Councillor, transport committee chair'));
  assert.deepEqual(page.errors, []);
  await page.close();
});

test('edits made just before the tab is closed are not lost', async () => {
  const page = await openApp(app.context, app.url);
  await page.waitForSelector('.article .hl');
  const phrases = ['Eastquay', 'nine passengers', 'Jonas Haddad', 'regional court', 'shuttle bus', 'late bus'];
  for (const phrase of phrases) {
    await dragSelect(page, phrase);
    await page.keyboard.press('c');
  }
  // Close at once. If a write were still pending the tab would ask first; staying lets it finish.
  page.removeAllListeners('dialog');
  const asked = new Promise((resolve) => page.once('dialog', async (d) => { await d.dismiss(); resolve('asked'); }));
  const closed = new Promise((resolve) => page.once('close', () => resolve('closed')));
  await page.close({ runBeforeUnload: true });
  const outcome = await Promise.race([asked, closed]);
  if (outcome === 'asked') {
    await saved(page);
    await page.close();
  }
  const again = await openApp(app.context, app.url, { keepStorage: true });
  await again.waitForSelector('.article .hl');
  const stored = (await storedDocuments(again))['sample-harbour-ferry'].annotations.map((a) => a.exact);
  for (const phrase of phrases) assert.ok(stored.includes(phrase), `${phrase} was saved (the tab ${outcome === 'asked' ? 'asked before closing' : 'closed at once'})`);
  await again.close();
});

test('damaged records are reported, downloadable and left untouched, and the rest of the library loads', async () => {
  const page = await openApp(app.context, app.url);
  await page.waitForSelector('.article .hl');
  await putRecords(page, [
    { key: 'broken-one', value: { id: 'broken-one', title: 'Half a record', updated: '2026-01-01T00:00:00Z', document: '{"schema_version": 1, "title": "half a reco' } },
    { key: 'from-the-future', value: { id: 'from-the-future', title: 'Future', updated: '2030-01-01T00:00:00Z', document: JSON.stringify({ schema_version: 9, kind: 'newsmark-document' }) } },
    { key: 'not-a-record', value: 42 },
  ]);
  // Records an earlier version left in local storage, damaged too: one cut short, one
  // whose first annotation starts at a word.
  await page.evaluate(() => localStorage.setItem('newsmark:doc:old-broken', '{"schema_version": 1, "kind": "newsmark-document", "id": "old-br'));
  const wrong = JSON.parse(await readFile(join(root, 'crates/newsmark-core/tests/golden/v1/northgate-student-b.newsmark.json'), 'utf8'));
  wrong.annotations[0].start = 'four';
  await page.evaluate((json) => localStorage.setItem(`newsmark:doc:${JSON.parse(json).id}`, json), JSON.stringify(wrong));
  await reloadWhenSaved(page);
  await page.waitForSelector('#damaged-records');
  const text = await page.textContent('#damaged-records');
  assert.match(text, /5 stored records could not be read\. They are left untouched in storage\./);
  assert.match(text, /newsmark:doc:northgate-student-b: annotations\[0\]\.start: invalid type: string "four", expected a whole number from 0 up/);
  assert.match(text, /broken-one: this is not valid JSON/);
  assert.match(text, /from-the-future: this file was saved by a newer Newsmark \(schema version 9\)/);
  assert.match(text, /not-a-record: the record is not a Newsmark document record/);
  assert.match(text, /newsmark:doc:old-broken: this is not valid JSON/);
  assert.equal(await page.locator('.library-item').count(), 1, 'the good article still loads');

  const [download] = await Promise.all([page.waitForEvent('download'), page.click('#damaged-records button >> nth=0')]);
  assert.equal(await readFile(await download.path(), 'utf8'), '{"schema_version": 1, "title": "half a reco');

  // Editing the library does not touch the damaged records.
  await dragSelect(page, 'Nordhavn Seafood');
  await page.keyboard.press('a');
  await page.waitForFunction(() => document.querySelectorAll('.annotation-list li').length === 6);
  await saved(page);
  const records = Object.fromEntries((await storedRecords(page, 'documents')).map(({ key, value }) => [key, value]));
  assert.equal(records['broken-one'].document, '{"schema_version": 1, "title": "half a reco');
  assert.equal(records['not-a-record'], 42);
  assert.equal(await page.evaluate(() => localStorage.getItem('newsmark:doc:old-broken')), '{"schema_version": 1, "kind": "newsmark-document", "id": "old-br');
  await page.close();
});

/**
 * Asserts that `assignment` (schema version 2) holds the same exercise as `old` (version
 * 1): instructions, codebook, whether it was checked, and the key's annotations, now
 * without a text of their own.
 */
function sameExercise(assignment, old, id) {
  assert.equal(assignment.instructions, old.instructions, id);
  assert.deepEqual(assignment.codebook, old.codebook, id);
  assert.equal(Boolean(assignment.checked), old.checked, id);
  if (old.checked && old.scores) assert.deepEqual(assignment.checked.scores, old.scores, id);
  assert.deepEqual(assignment.key, {
    annotations: old.key.annotations,
    ...(old.key.relations?.length ? { relations: old.key.relations } : {}),
    ...(old.key.entities?.length ? { entities: old.key.entities } : {}),
  }, id);
}

test('a library stored by the previous version (in local storage) moves into IndexedDB once, intact', async () => {
  const fixture = JSON.parse(await readFile(join(root, 'tests/browser/fixtures/library-localstorage-v1.json'), 'utf8'));
  const page = await app.context.newPage();
  await page.goto(`${app.url}blank`);
  await clearStorage(page);
  await page.evaluate((entries) => { for (const [k, v] of Object.entries(entries)) localStorage.setItem(k, v); }, fixture);
  page.errors = [];
  page.on('pageerror', (e) => page.errors.push(String(e)));
  await page.goto(app.url);
  // The open article is an exercise, which the rest of the app shows: the first load
  // hands the page over to it once the library is read (src/full_app.rs).
  await page.waitForSelector('section.exercise');
  await page.waitForSelector('.article-title');

  // Library order and the open article are as the previous version left them.
  const settings = JSON.parse(fixture['newsmark:settings']);
  const titles = await page.locator('.library-item .title-text').allTextContents();
  const expected = settings.order.map((id) => JSON.parse(fixture[`newsmark:doc:${id}`]).title);
  assert.deepEqual(titles, expected);
  const open = JSON.parse(fixture[`newsmark:doc:${settings.open}`]);
  assert.equal(await page.textContent('.article-title'), open.title);

  // Every document moved with the same data, in the current version of the format (the
  // fixture was stored in version 1), and local storage keeps only settings.
  await page.waitForFunction(() => !Object.keys(localStorage).some((k) => k.startsWith('newsmark:doc:')));
  const stored = await storedDocuments(page);
  for (const id of settings.order) {
    const { schema_version: before, assignment: oldAssignment, ...was } = JSON.parse(fixture[`newsmark:doc:${id}`]);
    const { schema_version: after, assignment, ...is } = stored[id];
    assert.deepEqual([before, after], [1, 3]);
    assert.deepEqual(is, was, `document ${id} is unchanged`);
    if (oldAssignment) sameExercise(assignment, oldAssignment, id);
  }
  assert.equal(await page.evaluate(() => localStorage.getItem('newsmark:theme')), fixture['newsmark:theme']);

  // The Unicode article's offsets still land on the same words.
  const unicode = Object.values(stored).find((d) => d.title.startsWith('Übersicht'));
  await page.click(`.library-title:has-text("Übersicht")`);
  await page.waitForSelector('.article .hl');
  const painted = await page.locator('.article .hl').allTextContents();
  for (const a of unicode.annotations) assert.ok(painted.join('|').includes(a.exact.slice(0, 4)), a.exact);

  // A second start finds nothing left to move and the library is the same.
  await reloadWhenSaved(page);
  await page.waitForSelector('.article-title');
  assert.equal(await page.locator('.library-item').count(), settings.order.length);
  assert.deepEqual(Object.keys(await storedDocuments(page)).sort(), [...settings.order].sort());
  assert.deepEqual(page.errors, []);
  await page.close();
});

test('when the browser blocks site data, the page says so and work stays in the tab, downloadable', async () => {
  // "Block sites from saving data": the browser's own setting, as in a locked-down school profile.
  const blocked = await launch({ preferences: { profile: { default_content_setting_values: { cookies: 2 } } } });
  try {
    const page = await blocked.context.newPage();
    await page.goto(app.url);
    await page.waitForSelector('#save-error');
    assert.match(await page.textContent('#save-error'), /does not allow this site to store data.*kept in this tab/s);
    assert.match(await page.textContent('#storage-status'), /Not stored\..*lives only in this tab/s);
    // The sample article is there to work on, and edits stay.
    await page.waitForSelector('.article .hl');
    await dragSelect(page, 'Nordhavn Seafood');
    await page.keyboard.press('a');
    await page.waitForFunction(() => document.querySelectorAll('.annotation-list li').length === 6);
    const [download] = await Promise.all([page.waitForEvent('download'), page.click('#save-error button')]);
    const set = JSON.parse(await readFile(await download.path(), 'utf8'));
    assert.ok(set.documents[0].annotations.some((a) => a.exact === 'Nordhavn Seafood'));
    await page.close();
  } finally {
    await blocked.close();
  }
});

test('a database held by an older tab keeps the page waiting with a message, then it loads', async () => {
  const holder = await app.context.newPage();
  await holder.goto(`${app.url}blank`);
  await clearStorage(holder);
  // An older Newsmark (here a bare connection) keeps version 1 open and ignores requests to close.
  await holder.evaluate(() => new Promise((resolve) => {
    const open = indexedDB.open('newsmark', 1);
    open.onupgradeneeded = () => open.result.createObjectStore('documents');
    open.onsuccess = () => { window.db = open.result; resolve(); };
  }));
  const page = await app.context.newPage();
  await page.addInitScript(NEWER_VERSION);
  await page.goto(app.url);
  await page.waitForSelector('text=Waiting for another Newsmark tab');
  assert.equal(await page.locator('#loading-library').count(), 1, 'the library is not shown half-loaded');

  await holder.evaluate(() => window.db.close());
  await page.waitForSelector('.article .hl');
  assert.equal(await page.locator('text=Waiting for another Newsmark tab').count(), 0);
  await holder.close();
  await page.close();
});

test('a tab left open when a newer Newsmark starts stops saving and says to reload, and nothing it held is lost', async () => {
  const old = await openApp(app.context, app.url);
  await old.waitForSelector('.article .hl');
  await dragSelect(old, 'Nordhavn Seafood');
  await old.keyboard.press('a');
  await old.waitForFunction(() => document.querySelectorAll('.annotation-list li').length === 6);
  await saved(old);

  const newer = await app.context.newPage();
  await newer.addInitScript(NEWER_VERSION);
  await newer.goto(app.url);
  await newer.waitForSelector('.article .hl');
  await newer.waitForSelector('#loading-library', { state: 'detached' });
  assert.equal(await newer.locator('.annotation-list li').count(), 6, 'the newer tab has the older tab\'s work');

  await old.waitForSelector('#save-error');
  assert.match(await old.textContent('#save-error'), /newer Newsmark was opened in another tab; reload this tab/);
  await old.close();
  await newer.close();
});

test('articles over the size limit are refused with a message, and the pasted text is kept', async () => {
  const page = await openApp(app.context, app.url);
  await page.waitForSelector('.article .hl');
  await page.click('button:has-text("Add article")');
  await page.fill('#paste-title', 'A very long report');
  const long = 'The committee heard evidence. '.repeat(34_000); // 1,020,000 characters, 1,019,999 once trimmed
  await page.fill('#paste-text', long);
  await page.click('form.paste-form button[type=submit]');
  await page.waitForSelector('#paste-problem');
  assert.match(await page.textContent('#paste-problem'), /not added: the article has 1,019,999 characters; Newsmark takes articles of up to 1,000,000 characters/);
  assert.equal((await page.inputValue('#paste-text')).length, long.length, 'the text is still in the box');
  assert.equal(await page.locator('.library-item').count(), 1);

  // A file too large to be an article is refused before it is read.
  await page.setInputFiles('#open-file', { name: 'huge.txt', mimeType: 'text/plain', buffer: Buffer.alloc(21 * 1024 * 1024, 'a') });
  await page.waitForSelector('.notice.error');
  assert.match(await page.textContent('.notice.error'), /huge\.txt is 21\.0 MB; Newsmark opens article files of up to 20 MB/);
  assert.equal(await page.locator('.library-item').count(), 1);
  await page.close();
});

test('students’ work stored by the version 1 build opens with its exercise, and is saved in the current version once changed', async () => {
  // The records as the previous build stored them: its saved format, on one line.
  const golden = (name) => readFile(join(root, 'crates/newsmark-core/tests/golden/v1', name), 'utf8');
  const checked = JSON.parse(await golden('northgate-student-a-checked.newsmark.json'));
  const unchecked = JSON.parse(await golden('northgate-student-b.newsmark.json'));
  // Both are copies of one article; their titles tell them apart in the library.
  checked.title = `Student A: ${checked.title}`;
  unchecked.title = `Student B: ${unchecked.title}`;
  const page = await openApp(app.context, app.url);
  await page.waitForSelector('.article .hl');
  await putRecords(page, [checked, unchecked].map((doc) => ({
    key: doc.id, value: { id: doc.id, title: doc.title, updated: doc.updated, document: JSON.stringify(doc) },
  })));
  await reloadWhenSaved(page);
  await page.waitForSelector('.article-title');
  assert.equal(await page.locator('.library-item').count(), 3);
  assert.equal(await page.locator('#damaged-records').count(), 0);

  // The checked work shows its feedback: every key span has a verdict, with the key's explanations.
  await page.click('.library-item:has-text("Student A") .library-title');
  await page.waitForSelector('.feedback .scores');
  assert.equal(await page.locator('.verdict.matched').count(), checked.assignment.scores.overall.matched);
  assert.equal(await page.locator('.verdict.missed').count() + await page.locator('.verdict.wrong-tag').count(), checked.assignment.scores.overall.missed);

  // The unchecked work can be checked; the check is recorded and saved in the current version.
  await page.click('.library-item:has-text("Student B") .library-title');
  await page.waitForSelector('#check-work');
  assert.equal(await page.locator('.annotation-list li').count(), unchecked.annotations.length, 'only the student’s own spans are listed');
  await page.click('#check-work');
  await page.click('#check-confirm');
  await page.waitForSelector('.feedback .scores');
  await page.waitForFunction(() => document.querySelector('.save-state')?.textContent === 'Saved in this browser');
  const stored = await storedDocuments(page);
  const saved = stored[unchecked.id];
  assert.equal(saved.schema_version, 3);
  assert.equal(saved.assignment.key.text, undefined, 'the article is stored once');
  assert.ok(Date.parse(saved.assignment.checked.at) > Date.parse(unchecked.updated));
  assert.equal(saved.assignment.checked.scores.overall.matched, await page.locator('.verdict.matched').count());
  sameExercise(saved.assignment, { ...unchecked.assignment, checked: true }, unchecked.id);
  // The record nobody changed moved into today's records on start-up, in the current version.
  assert.equal(stored[checked.id].schema_version, 3);
  assert.equal(stored[checked.id].annotations.length, checked.annotations.length);
  assert.deepEqual(await storedRecords(page, 'documents'), []);
  assert.deepEqual(page.errors, []);
  await page.close();
});
