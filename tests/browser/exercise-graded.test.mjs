// Graded exercises, as a teacher and a student use them: the key sealed with a passphrase
// or left out of the students' files, named work, a confirmation before the first check,
// and a first check whose scores stay whatever the student does afterwards.

import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { useApp, openApp, dragSelect, storedDocuments, reloadWhenSaved, root, scratchDir } from './harness.mjs';

const app = useApp();
const axePath = join(root, 'node_modules/axe-core/axe.min.js');
const PASSPHRASE = 'orange ferry lantern';
let dir;
before(async () => {
  dir = scratchDir('graded');
});

async function audit(page, screen) {
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(await readFile(axePath, 'utf8'));
  const result = await page.evaluate(() =>
    window.axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } }),
  );
  return result.violations.map((v) => `${screen}: ${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`);
}

/** The teacher makes an exercise of the sample article with `delivery`; returns the file's path, text and the seconds it took. */
async function makeExercise(page, delivery, passphrase) {
  await page.click('#make-exercise');
  await page.check(`#delivery-${delivery}`);
  if (passphrase) await page.fill('#exercise-passphrase', passphrase);
  const started = Date.now();
  const [download] = await Promise.all([page.waitForEvent('download'), page.click('#download-exercise')]);
  const seconds = (Date.now() - started) / 1000;
  const file = join(dir, `${delivery}-${download.suggestedFilename()}`);
  await download.saveAs(file);
  await page.waitForSelector('.dialog', { state: 'detached' });
  return { file, text: await readFile(file, 'utf8'), seconds, name: download.suggestedFilename() };
}

/** What would give the key away in a file: the key's explanations, or any span's recorded text. */
function assertNoKey(text, notes, what) {
  assert.ok(!/"exact"/.test(text), `${what} holds a span's text`);
  assert.ok(!/"key"\s*:/.test(text), `${what} holds a readable key`);
  for (const note of notes) assert.ok(!text.includes(note), `${what} holds the explanation ${JSON.stringify(note)}`);
}

/** The teacher's explanations of the sample article's spans, which become the key's. */
async function teachersNotes(page) {
  const [doc] = Object.values(await storedDocuments(page));
  const notes = doc.annotations.map((a) => a.note).filter(Boolean);
  assert.ok(notes.length >= 1);
  return notes;
}

/** The student opens an exercise file and, asked for a name, gives `name` (or keeps the one offered). */
async function openAsStudent(page, file, name) {
  await page.setInputFiles('#import-file', file);
  await page.waitForSelector('#student-name');
  if (name !== undefined) await page.fill('#student-name', name);
  await page.click('#student-name-save');
  await page.waitForSelector('.exercise .student-name');
}

test('a teacher hands out a sealed exercise and one without a key: neither file, nor the student’s work, holds the key', async () => {
  const page = await openApp(app.context, app.url);
  await page.waitForSelector('.article .hl');
  const notes = await teachersNotes(page);

  // A passphrase too short is refused beside the field, and nothing is downloaded.
  await page.click('#make-exercise');
  await page.check('#delivery-sealed');
  await page.fill('#exercise-passphrase', 'ferry');
  await page.click('#download-exercise');
  assert.match(await page.textContent('.key-delivery [role=alert]'), /a passphrase needs at least 8 characters \(this one has 5\)/);
  await page.click('.dialog button[aria-label=Close]');

  const sealed = await makeExercise(page, 'sealed', PASSPHRASE);
  console.log(`sealing the key (PBKDF2-HMAC-SHA256, 600,000 rounds) took ${sealed.seconds.toFixed(2)} s from click to download`);
  assert.match(sealed.name, /-graded\.newsmark-exercise\.json$/);
  assert.match(await page.textContent('.notice.info'), /give them the passphrase after the deadline/);
  assertNoKey(sealed.text, notes, 'the sealed exercise file');
  const exercise = JSON.parse(sealed.text);
  assert.deepEqual([exercise.sealed_key.cipher, exercise.sealed_key.kdf, exercise.sealed_key.iterations], ['AES-256-GCM', 'PBKDF2-HMAC-SHA256', 600000]);

  const withheld = await makeExercise(page, 'withheld');
  assertNoKey(withheld.text, notes, 'the exercise file without a key');
  assert.equal(JSON.parse(withheld.text).sealed_key, undefined);

  // The student's work, as stored and as handed in, holds no key either.
  await openAsStudent(page, withheld.file, 'Amara Quist');
  assert.match(await page.textContent('#key-withheld'), /Your teacher checks this work/);
  assert.equal(await page.locator('#check-work').count(), 0, 'there is nothing to check against');
  await dragSelect(page, 'Councillor Petra Lindqvist');
  await page.keyboard.press('a');
  await page.waitForSelector('.annotation-list li');
  const [handIn] = await Promise.all([page.waitForEvent('download'), page.click('#download-work')]);
  assert.match(handIn.suggestedFilename(), /-amara-quist\.newsmark\.json$/);
  const work = await readFile(await handIn.path(), 'utf8');
  assert.ok(work.includes('"student": "Amara Quist"'));
  assert.equal(JSON.parse(work).annotations.length, 1);
  assertNoKey(work.replace(/"annotations": \[[\s\S]*?\n  \]/, ''), notes, 'the handed-in work');
  for (const doc of Object.values(await storedDocuments(page)).filter((d) => d.assignment)) {
    assertNoKey(JSON.stringify(doc.assignment, null, 2), notes, 'the stored work');
  }
  assert.deepEqual(page.errors, []);
  await page.close();
});

test('the instructions a teacher starts from say what the student does with the key chosen, until the teacher edits them', async () => {
  const page = await openApp(app.context, app.url);
  await page.waitForSelector('.article .hl');
  await page.click('#make-exercise');
  const instructions = () => page.inputValue('#exercise-instructions');
  assert.match(await instructions(), /choose Check my work/);
  await page.check('#delivery-sealed');
  assert.match(await instructions(), /your teacher gives you a passphrase: choose Unlock the key/);
  await page.check('#delivery-withheld');
  assert.match(await instructions(), /download your work and hand it in: your teacher checks it/);
  assert.doesNotMatch(await instructions(), /Check my work/);
  // The teacher's own words are kept whatever is chosen next.
  await page.fill('#exercise-instructions', 'Tag only the quotes.');
  await page.check('#delivery-practice');
  assert.equal(await instructions(), 'Tag only the quotes.');
  assert.deepEqual(page.errors, []);
  await page.close();
});

test('a student names the work, unlocks the sealed key, confirms the check, and the first check’s scores stay', async () => {
  const page = await openApp(app.context, app.url);
  await page.waitForSelector('.article .hl');
  const { file } = await makeExercise(page, 'sealed', PASSPHRASE);

  // Opening the exercise asks for the student's name; it goes into the library's title.
  await page.setInputFiles('#import-file', file);
  await page.waitForSelector('#student-name');
  assert.deepEqual(await audit(page, 'name dialog'), []);
  await page.fill('#student-name', 'Li Wei');
  await page.keyboard.press('Enter');
  await page.waitForSelector('.library-item.open:has-text("— Li Wei")');
  assert.equal(await page.locator('.library-item:has-text("— Li Wei")').count(), 1, 'the teacher’s own article keeps its title');

  await dragSelect(page, 'Councillor Petra Lindqvist');
  await page.keyboard.press('a');
  await dragSelect(page, 'each night crossing now costs the city about €410');
  await page.keyboard.press('c');
  await page.waitForFunction(() => document.querySelectorAll('.annotation-list li').length === 2);

  // The key is sealed: a wrong passphrase is refused with a message, and nothing changes.
  assert.equal(await page.locator('#check-work').count(), 0);
  assert.deepEqual(await audit(page, 'sealed key'), []);
  await page.fill('#key-passphrase', 'orange ferry lanterns');
  await page.click('#unlock-key button[type=submit]');
  assert.match(await page.textContent('#unlock-refused'), /That passphrase does not open this key/);
  assert.equal(await page.locator('#check-work').count(), 0);
  await page.fill('#key-passphrase', PASSPHRASE);
  const started = Date.now();
  await page.click('#unlock-key button[type=submit]');
  await page.waitForSelector('#check-work');
  console.log(`unlocking the key took ${((Date.now() - started) / 1000).toFixed(2)} s from click to "Check my work"`);

  // Checking asks first; the dialog keeps focus inside, and Escape gives it back.
  await page.focus('#check-work');
  await page.keyboard.press('Enter');
  await page.waitForSelector('.check-dialog');
  const says = await page.textContent('.check-dialog');
  assert.match(says, /shows the answer key and the teacher's explanation/);
  assert.match(says, /recorded in your work for good/);
  assert.match(says, /Changes are marked as made after checking and scored separately/);
  assert.doesNotMatch(says, /not tagged anything/);
  assert.deepEqual(await audit(page, 'check confirmation'), []);
  const focused = () => page.evaluate(() => document.activeElement?.id);
  assert.equal(await focused(), 'check-cancel');
  await page.keyboard.press('Tab');
  assert.equal(await focused(), 'check-confirm');
  await page.keyboard.press('Tab');
  assert.equal(await focused(), 'check-cancel', 'Tab stays in the dialog');
  await page.keyboard.press('Shift+Tab');
  assert.equal(await focused(), 'check-confirm');
  await page.keyboard.press('Escape');
  await page.waitForSelector('.check-dialog', { state: 'detached' });
  assert.equal(await focused(), 'check-work', 'focus returns to the button');
  assert.equal(await page.locator('.scores').count(), 0, 'nothing was checked');

  await page.keyboard.press('Enter');
  await page.waitForSelector('#check-confirm');
  await page.keyboard.press('Tab');
  await page.keyboard.press('Enter');
  await page.waitForSelector('#first-check-scores');
  const caption = await page.textContent('#first-check-scores caption');
  assert.match(caption, /^At first check, \d\d:\d\d: recorded for good$/);
  const firstCheck = await page.textContent('#first-check-scores tbody');
  assert.match(firstCheck, /Overall100%40%57%2 0 3/);
  assert.match(await page.textContent('#no-changes-since'), /No changes since the first check/);
  assert.doesNotMatch(await page.textContent('.feedback'), /Speakers now/, 'with nothing changed, the first check is not repeated');

  // Later work is allowed, marked, and scored apart; the first check stays.
  await dragSelect(page, 'Workers at the island fish-processing plant disagree.');
  await page.keyboard.press('c');
  await page.waitForSelector('#now-scores');
  assert.match(await page.textContent('#now-scores caption'), /Now, with 1 change since: scored separately/);
  assert.match(await page.textContent('.feedback'), /Speakers now: \d+ of \d+/);
  assert.match(await page.textContent('#now-scores tbody'), /Overall67%40%50%2 1 3/);
  assert.equal(await page.textContent('#first-check-scores tbody'), firstCheck);
  assert.equal(await page.locator('.annotation-list .after-check-mark').count(), 1);

  // Undo takes back the edit, never the check.
  await page.keyboard.press('Control+z');
  await page.waitForSelector('#no-changes-since');
  await page.keyboard.press('Control+z');
  await page.waitForSelector('#now-scores');
  assert.match(await page.textContent('#now-scores caption'), /Now, with 1 change since/);
  assert.equal(await page.textContent('#first-check-scores tbody'), firstCheck);

  await reloadWhenSaved(page);
  await page.waitForSelector('#first-check-scores');
  assert.equal(await page.textContent('#first-check-scores tbody'), firstCheck);
  assert.match(await page.textContent('#now-scores caption'), /Now, with 1 change since/);

  // The downloaded work carries the first check as it was, and the student's name.
  const [download] = await Promise.all([page.waitForEvent('download'), page.click('#download-checked')]);
  assert.match(download.suggestedFilename(), /-li-wei\.newsmark\.json$/);
  const work = JSON.parse(await readFile(await download.path(), 'utf8'));
  assert.equal(work.assignment.student, 'Li Wei');
  assert.ok(work.assignment.exercise_id);
  const checked = work.assignment.checked;
  assert.deepEqual([checked.scores.overall.matched, checked.scores.overall.extra, checked.scores.overall.missed], [2, 0, 3]);
  assert.deepEqual(checked.work.annotations.map((a) => a.exact), ['Councillor Petra Lindqvist', 'each night crossing now costs the city about €410']);
  assert.equal(work.annotations.length, 1, 'the work now: one annotation after undoing one before the check');
  assert.deepEqual(page.errors, []);
  await page.close();
});

test('checking with nothing tagged says so, and the next exercise offers the name last given', async () => {
  const page = await openApp(app.context, app.url);
  await page.waitForSelector('.article .hl');
  const practice = await makeExercise(page, 'practice');
  await openAsStudent(page, practice.file, 'Li Wei');
  await page.click('#check-work');
  await page.waitForSelector('.check-dialog');
  assert.match(await page.textContent('.check-dialog'), /You have not tagged anything yet\. Checking now records a score of nothing found\./);
  await page.click('#check-cancel');

  // The next exercise offers the same name (the teacher's article is at the foot of the library).
  await page.click('.library-item:last-child .library-title');
  const withheld = await makeExercise(page, 'withheld');
  await page.setInputFiles('#import-file', withheld.file);
  await page.waitForSelector('#student-name');
  assert.equal(await page.inputValue('#student-name'), 'Li Wei');
  await page.click('#student-name-save');
  await page.waitForSelector('.exercise .student-name');
  assert.equal(await page.locator('.library-item:has-text("— Li Wei")').count(), 2);
  assert.deepEqual(page.errors, []);
  await page.close();
});
