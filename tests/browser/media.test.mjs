// Media literacy in the app: who says what (attribution, actors, the Sources view),
// exercises with answer keys, and comparing a class's annotation sets.

import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { useApp, openApp, dragSelect, storedDocuments, root, reloadWhenSaved, scratchDir } from './harness.mjs';

const samples = join(root, 'crates/newsmark-core/samples');
const app = useApp();
let dir;
before(async () => {
  dir = scratchDir('media');
});

test('link a quote to its speaker, group mentions into one actor, and see it in the Sources view', async () => {
  const page = await openApp(app.context, app.url);
  await page.waitForSelector('.article .hl');
  // The first quote of the sample: pick its speaker from the article's actors.
  await page.click('.hl.t-quote >> nth=0');
  await page.selectOption('#editor-speaker', { label: 'Councillor Petra Lindqvist (1 mention)' });
  await page.waitForSelector('.entry-actor:has-text("said by Councillor Petra Lindqvist")');

  // The second quote: its speaker is tagged from a selection, right from the editor.
  await page.click('.hl.t-quote >> nth=-1');
  await dragSelect(page, 'he said', 1); // the first "he said" is inside "She said"
  await page.click('.editor button:has-text("The selected words are the speaker")');
  await page.waitForSelector('.entry-actor:has-text("said by he said")');

  // "he said" names Jonas Haddad: make both mentions one actor.
  await page.click('.hl.t-actor:text-is("Jonas Haddad")');
  await page.selectOption('#editor-entity', 'new');
  await page.waitForSelector('#editor-entity-name');
  await page.click('.hl.t-actor:text-is("he said")');
  await page.selectOption('#editor-entity', { label: 'Jonas Haddad (1 mention)' });
  await page.waitForSelector('.entry-actor:has-text("said by Jonas Haddad")');

  // A claim's type and check.
  await page.click('.hl.t-claim');
  await page.selectOption('#editor-claim-type', 'Statistic');
  await page.selectOption('#editor-check', 'Disputed');

  await page.click('.panel-tab:has-text("Sources")');
  const sources = page.locator('.source');
  assert.equal(await sources.count(), 2);
  assert.match(await sources.nth(0).textContent(), /(Councillor Petra Lindqvist|Jonas Haddad).*1 quote/s);
  const jonas = page.locator('.source', { hasText: 'Jonas Haddad' });
  assert.match(await jonas.textContent(), /2 mentions · 1 quote \(50% of quotes\)/);
  assert.match(await page.textContent('.sources'), /1 claim without a source/);

  await reloadWhenSaved(page);
  await page.waitForSelector('.article .hl');
  const [doc] = Object.values(await storedDocuments(page));
  assert.equal(doc.relations.length, 2);
  assert.equal(doc.entities.length, 1);
  const claim = doc.annotations.find((a) => a.tag === 'claim');
  assert.deepEqual([claim.claim_type, claim.check], ['statistic', 'disputed']);
  assert.deepEqual(page.errors, []);
  await page.close();
});

test('a teacher makes an exercise; a student annotates it, checks the work and gets scores and explanations', async () => {
  const page = await openApp(app.context, app.url);
  await page.waitForSelector('.article .hl');
  await page.click('#make-exercise');
  await page.fill('#exercise-instructions', 'Tag the quotes and who said them.');
  const [download] = await Promise.all([page.waitForEvent('download'), page.click('#download-exercise')]);
  const file = join(dir, download.suggestedFilename());
  await download.saveAs(file);
  assert.ok(file.endsWith('.newsmark-exercise.json'));
  const exercise = JSON.parse(await readFile(file, 'utf8'));
  assert.equal(exercise.kind, 'newsmark-exercise');
  assert.equal(exercise.schema_version, 3);
  assert.equal(exercise.key.annotations.length, 5);
  // The article is in the file once; the key is annotations of its text.
  assert.match(exercise.text, /Councillor Petra Lindqvist/);
  assert.equal(exercise.key.text, undefined);

  // The student opens it and gives a name: the article without the key's annotations, and the instructions.
  await page.setInputFiles('#import-file', file);
  await page.fill('#student-name', 'Li Wei');
  await page.click('#student-name-save');
  await page.waitForSelector('.exercise .student-name');
  assert.match(await page.textContent('.instructions'), /Tag the quotes and who said them\./);
  assert.equal(await page.locator('.article .hl').count(), 0, 'the key stays hidden');
  await dragSelect(page, 'Councillor Petra Lindqvist');
  await page.keyboard.press('a');
  await dragSelect(page, 'each night crossing now costs the city about €410');
  await page.keyboard.press('c');
  await dragSelect(page, 'Workers at the island fish-processing plant disagree.');
  await page.keyboard.press('c');
  await page.waitForFunction(() => document.querySelectorAll('.annotation-list li').length === 3);

  await page.click('#check-work');
  await page.click('#check-confirm');
  await page.waitForSelector('.scores');
  const overall = await page.textContent('.scores tbody tr:last-child');
  // 2 of the student's 3 spans match (the actor, and the claim with IoU 49/91 ≥ 0.5); 3 key spans are missed.
  assert.match(overall, /Overall67%40%50%2 1 3/);
  assert.equal(await page.locator('.verdict.matched').count(), 2);
  assert.equal(await page.locator('.verdict.missed').count(), 3);
  assert.equal(await page.locator('.verdict.extra').count(), 1);
  assert.match(await page.textContent('.verdict.matched >> nth=1'), /Checkable: ask the council for the passenger counts by month\./);

  const [checked] = await Promise.all([page.waitForEvent('download'), page.click('.feedback button:has-text("Download checked work")')]);
  const work = JSON.parse(await readFile(await checked.path(), 'utf8'));
  // The work records when it was checked and the scores at that moment.
  assert.ok(Date.parse(work.assignment.checked.at) <= Date.now());
  const scores = work.assignment.checked.scores.overall;
  assert.deepEqual([scores.matched, scores.extra, scores.missed], [2, 1, 3]);
  assert.equal(scores.f1, 0.5);
  assert.equal(work.annotations.length, 3);
  assert.equal(work.assignment.key.text, undefined, 'the article is saved once');
  assert.deepEqual(page.errors, []);
  await page.close();
});

test('three students’ sets of one article are compared: heat map, pairwise F1, alpha and disputed passages', async () => {
  const page = await openApp(app.context, app.url);
  await page.waitForSelector('.article .hl');
  for (const who of ['a', 'b', 'c']) {
    await page.setInputFiles('#import-file', join(samples, `northgate-student-${who}.newsmark.json`));
    await page.waitForSelector('.notice.info');
    await page.click('.notice button[aria-label=Dismiss]');
  }
  await page.click('#compare-button');
  await page.waitForSelector('.compare');
  // The three students and the exercise's answer key.
  assert.equal(await page.locator('.sets li').count(), 4);
  assert.match(await page.textContent('.sets li >> nth=3'), /Answer key \(21 annotations\)/);
  assert.equal(await page.locator('.matrix tbody tr').count(), 4);
  const diagonal = await page.locator('.matrix tbody tr >> nth=0').locator('td').first().textContent();
  assert.equal(diagonal, '1.00');
  for (const tag of ['claim', 'quote', 'actor']) {
    assert.match(await page.textContent(`.alphas [data-tag=${tag}] strong`), /^-?\d\.\d{3}$/);
  }
  assert.ok((await page.locator('.disputed li').count()) > 0);
  assert.ok((await page.locator('.heat .heat-run').count()) > 0);
  assert.match(await page.textContent('.compare'), /each character is a unit/);

  // Leaving the key out compares the three students alone.
  await page.locator('.sets input[type=checkbox]').nth(3).uncheck();
  assert.equal(await page.locator('.matrix tbody tr').count(), 3);
  await page.click('.compare button:has-text("Back to the article")');
  await page.waitForSelector('.article');
  assert.deepEqual(page.errors, []);
  await page.close();
});
