// Everyday actions that used to lose work or hide what happened (issue 12): a note being
// typed, deleting and linking actors, made-up titles, notices that outstay or cover
// content, the words a student and a first visit are told, and the Sources view.

import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { join } from 'node:path';
import { useApp, openApp, dragSelect, saved, reloadWhenSaved, storedDocuments, root, scratchDir } from './harness.mjs';

const run = promisify(execFile);
const cli = process.env.NEWSMARK_CLI ?? join(root, 'target/debug/newsmark');
const samples = join(root, 'crates/newsmark-core/samples');
const app = useApp();
let dir;
before(async () => {
  dir = scratchDir('everyday');
});

/** The sample's stored document (the only one on a first visit). */
async function sampleDoc(page) {
  const [doc] = Object.values(await storedDocuments(page));
  return doc;
}

/** The axe-core audit (WCAG 2.1 A and AA) of the page as it is, as in accessibility.test.mjs. */
async function axeProblems(page) {
  if (!(await page.evaluate(() => 'axe' in window))) {
    await page.evaluate(await readFile(join(root, 'node_modules/axe-core/axe.min.js'), 'utf8'));
  }
  const result = await page.evaluate(() =>
    window.axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } }),
  );
  return result.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`);
}

/** Whether two boxes on the screen overlap. */
const overlap = (a, b) => a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;

test('a note being typed is kept: Escape returns to the text with it saved, and a reload or a closing tab asks first', async () => {
  const page = await openApp(app.context, app.url);
  await page.waitForSelector('.article .hl');
  await page.click('.hl.t-claim');
  await page.click('#editor-note');
  await page.keyboard.press('Control+a');
  await page.keyboard.type('Ask the council for the monthly counts');
  await page.keyboard.press('Escape');
  // The editor closes, the caret is back in the text, and the note is in the list.
  await page.waitForSelector('.editor', { state: 'detached' });
  await page.waitForFunction(() => document.activeElement.classList.contains('article'));
  await page.waitForSelector('.entry-note:has-text("Ask the council for the monthly counts")');

  // A note being typed when the page is reloaded or the tab closed: the page asks first.
  await page.click('.hl.t-quote >> nth=0');
  await page.click('#editor-note');
  await page.keyboard.type('Check the recording');
  await saved(page);
  const askedOnReload = page.waitForEvent('dialog');
  await page.evaluate(() => { location.reload(); });
  assert.equal((await askedOnReload).type(), 'beforeunload');
  assert.equal(await page.inputValue('#editor-note'), 'Check the recording');
  const asked = page.waitForEvent('dialog');
  await page.close({ runBeforeUnload: true });
  assert.equal((await asked).type(), 'beforeunload');
  // The harness answers "stay" (and notes the dialog, which this test expects).
  page.errors = page.errors.filter((e) => !e.includes('the page asked to stay'));
  assert.equal(page.isClosed(), false, 'staying on the page keeps it open');
  assert.equal(await page.inputValue('#editor-note'), 'Check the recording');

  // Moving on to another annotation saves it, like every other field.
  await page.click('.hl.t-actor >> nth=0');
  await page.waitForSelector('.entry-note:has-text("Check the recording")');
  await reloadWhenSaved(page);
  await page.waitForSelector('.article .hl');
  const notes = (await sampleDoc(page)).annotations.map((a) => a.note).filter(Boolean);
  assert.ok(notes.includes('Ask the council for the monthly counts'), notes.join(' | '));
  assert.ok(notes.includes('Check the recording'), notes.join(' | '));
  assert.deepEqual(page.errors, []);
  await page.close();
});

test('deleting an actor mention keeps the speaker where the actor is named again, says which quotes lose theirs, and the notice goes with undo', async () => {
  const page = await openApp(app.context, app.url);
  await page.waitForSelector('.article .hl');
  // The last quote's speaker: "he said", then linked with "Jonas Haddad" as one actor.
  await page.click('.hl.t-quote >> nth=-1');
  await dragSelect(page, 'he said', 1);
  await page.click('.editor button:has-text("The selected words are the speaker")');
  await page.click('.hl.t-actor:text-is("Jonas Haddad")');
  await page.selectOption('#editor-entity', 'new');
  await page.waitForSelector('#editor-entity-name');
  await page.click('.hl.t-actor:text-is("he said")');
  await page.selectOption('#editor-entity', { label: 'Jonas Haddad (1 mention)' });
  await page.waitForSelector('.entry-actor:has-text("said by Jonas Haddad")');

  // Deleting "he said" moves the attribution to the other mention, and says so.
  await page.click('.editor button.danger:has-text("Delete")');
  const notice = page.locator('.notice.info');
  await notice.waitFor();
  assert.match(await notice.textContent(), /Actor mention deleted\. The attribution to “Jonas Haddad” now points to another mention of “Jonas Haddad”\./);
  await page.waitForSelector('.entry-actor:has-text("said by Jonas Haddad")');

  // Undo brings the mention back, and the notice about deleting it goes.
  await page.keyboard.press('Control+z');
  await page.waitForSelector('.hl.t-actor:text-is("he said")');
  await page.waitForSelector('.notice', { state: 'detached' });

  // The first quote's only speaker: deleting it says which quote is left without one.
  await page.click('.hl.t-quote >> nth=0');
  await page.selectOption('#editor-speaker', { label: 'Councillor Petra Lindqvist (1 mention)' });
  await page.click('.hl.t-actor:text-is("Councillor Petra Lindqvist")');
  await page.click('.editor button.danger:has-text("Delete")');
  await notice.waitFor();
  const said = await notice.textContent();
  assert.match(said, /Actor deleted: 1 quote or claim no longer has a speaker, since “Councillor Petra Lindqvist” is named nowhere else\./);
  assert.match(said, /Quote: “We cannot keep spending money on empty boats while the day…/);
  assert.deepEqual(await axeProblems(page), [], 'the notice band passes the audit');
  assert.deepEqual(page.errors, []);
  await page.close();
});

test('linking mentions offers each actor once with its mention count and never makes a second actor of a name', async () => {
  const page = await openApp(app.context, app.url);
  await page.waitForSelector('.article .hl');
  // "Eastquay" is named twice.
  for (const nth of [0, 1]) {
    await dragSelect(page, 'Eastquay', nth);
    await page.keyboard.press('a');
  }
  await page.click('.hl.t-actor:text-is("Eastquay") >> nth=0');
  await page.selectOption('#editor-entity', 'new');
  await page.waitForSelector('#editor-entity-name');
  await page.click('.hl.t-actor:text-is("Eastquay") >> nth=1');
  const offered = await page.locator('#editor-entity option').allTextContents();
  assert.ok(offered.includes('Eastquay (1 mention)'), offered.join(' | '));
  assert.ok(!offered.some((o) => o.startsWith('A new actor named')), 'the actor named “Eastquay” exists already');
  await page.selectOption('#editor-entity', { label: 'Eastquay (1 mention)' });
  await page.waitForFunction(() =>
    [...document.querySelectorAll('#editor-entity option')].some((o) => o.selected && o.textContent === 'Eastquay (2 mentions)'));

  // "Said by" names each actor once, whatever the number of its mentions.
  await page.click('.hl.t-quote >> nth=0');
  // The speakers come a frame after the editor opens on a quote not attributed yet.
  await page.waitForSelector('#editor-speaker option:nth-child(2)', { state: 'attached' });
  const speakers = await page.locator('#editor-speaker option').allTextContents();
  assert.deepEqual(speakers.filter((s) => s.startsWith('Eastquay')), ['Eastquay (2 mentions)']);
  assert.equal(speakers.length, 1 + 3, 'not attributed, Eastquay, Councillor Petra Lindqvist, Jonas Haddad');
  await saved(page);
  const doc = await sampleDoc(page);
  assert.deepEqual(doc.entities.map((e) => e.name), ['Eastquay']);
  assert.deepEqual(page.errors, []);
  await page.close();
});

test('an article without a title says which title it was given and offers to rename it; a brat export comes back titled from its words', async () => {
  const page = await openApp(app.context, app.url);
  await page.waitForSelector('.article .hl');
  await page.click('button:has-text("Add article")');
  await page.fill('#paste-text', 'Local news you can trust\n\nThe minister resigned on Friday, her office said.');
  await page.click('form.paste-form button[type=submit]');
  await page.waitForSelector('.article-title:text-is("Local news you can trust")');
  const notice = page.locator('.notice.info');
  assert.match(await notice.textContent(), /Titled “Local news you can trust” after its first line, since no title was given/);
  await page.click('#rename-titled');
  assert.equal(await page.evaluate(() => document.activeElement.classList.contains('rename-input')), true);
  await page.keyboard.press('Control+a');
  await page.keyboard.type('Minister resigns');
  await page.keyboard.press('Enter');
  await page.waitForSelector('.article-title:text-is("Minister resigns")');

  // A brat export (named after the document's id) read back is titled from its first words.
  const zip = join(dir, 'unicode-check.zip');
  await run(cli, ['convert', join(root, 'crates/newsmark-core/tests/golden/unicode-check.newsmark.json'), '--to', 'brat', '-o', zip]);
  await page.setInputFiles('#import-file', zip);
  await page.waitForSelector('.notice:has-text("unicode-check.zip")');
  assert.match(await page.textContent('.notice'), /“Zoe\u0308 Hart, the .+ lab director, said “we found 3 leaks”\.” is titled from its first words/u);
  const title = await page.textContent('.article-title');
  assert.ok(title.startsWith('Zoe\u0308 Hart, the ') && title.endsWith('said “we found 3 leaks”.'), title);
  assert.equal(await page.locator('#rename-titled').count(), 1);
  assert.deepEqual(page.errors, []);
  await page.close();
});

for (const [width, height] of [[1280, 800], [800, 1000], [390, 844]]) {
  test(`an import notice never covers the disputed passages in Compare (${width}×${height})`, async () => {
    const page = await openApp(app.context, app.url);
    await page.setViewportSize({ width, height });
    await page.waitForSelector('.article .hl');
    await page.click('#sample-class');
    await page.click('.library-title:has-text("Student A")');
    await page.click('#compare-button');
    await page.waitForSelector('.compare .disputed li');
    // Another student's file arrives while comparing: its notice stays in view.
    await page.setInputFiles('#import-file', join(samples, 'northgate-student-c.newsmark.json'));
    const notice = page.locator('.notice.info');
    await notice.waitFor();
    const disputed = page.locator('.compare .disputed');
    // At the top of the page, and with the list scrolled into view (as a link or a
    // person scrolling to it would), nothing of it is under the notice.
    for (const place of ['at the top', 'scrolled to the list']) {
      if (place === 'at the top') await page.evaluate(() => window.scrollTo(0, 0));
      if (place === 'scrolled to the list') await disputed.evaluate((el) => el.scrollIntoView());
      const [n, list] = [await notice.boundingBox(), await disputed.boundingBox()];
      assert.ok(n && list);
      assert.ok(!overlap(n, list), `${place}: notice ${JSON.stringify(n)} over the list ${JSON.stringify(list)}`);
    }
    assert.deepEqual(page.errors, []);
    await page.close();
  });
}

test('a student opening an exercise is told what to do, a first visit is not alarmed about storage, and an evidence link must be a web address', async () => {
  const page = await openApp(app.context, app.url);
  await page.waitForSelector('.article .hl');
  // A first visit: nothing to lose yet, so no red "May be cleared".
  await page.waitForSelector('#storage-status');
  const status = page.locator('#storage-status');
  assert.doesNotMatch(await status.textContent(), /May be cleared/);
  const red = await status.locator('strong').evaluate((el) => getComputedStyle(el).color);
  assert.notEqual(red, 'rgb(180, 35, 24)');

  await page.setInputFiles('#import-file', join(samples, 'northgate-library.newsmark-exercise.json'));
  await page.waitForSelector('.exercise');
  const told = await page.textContent('.notice');
  assert.match(told, /Exercise opened: tag the claims, quotes and actors the instructions ask for, then check your work\./);
  assert.doesNotMatch(told, /0 annotations|placed exactly|orphaned/);
  // The student gives their name, then dismisses the notice.
  await page.fill('#student-name', 'Ada Lindgren');
  await page.click('#student-name-save');
  await page.waitForSelector('.exercise .student-name');
  if (await page.locator('.notice button[aria-label=Dismiss]').count()) await page.click('.notice button[aria-label=Dismiss]');
  await page.waitForSelector('.notice', { state: 'detached' });

  // An evidence link that is not a web address is said to be one and is not saved.
  await dragSelect(page, 'The branch, which opened in 1974');
  await page.keyboard.press('c');
  // The editor of the new claim opens; then the person types.
  await page.waitForSelector('.editor .editor-head .badge.tag-claim');
  await page.fill('#editor-evidence', 'not a url');
  await page.press('#editor-evidence', 'Tab');
  await page.waitForSelector('#evidence-problem');
  assert.match(await page.textContent('#evidence-problem'), /“not a url” is not a web address, so it was not saved as a link/);
  assert.equal(await page.getAttribute('#editor-evidence', 'aria-invalid'), 'true');
  assert.deepEqual(await axeProblems(page), [], 'the refused link and its explanation pass the audit');
  await page.fill('#editor-evidence', 'https://northgate.example/minutes');
  await page.press('#editor-evidence', 'Tab');
  await page.waitForSelector('#evidence-problem', { state: 'detached' });
  await saved(page);
  const student = Object.values(await storedDocuments(page)).find((d) => d.assignment);
  const claims = student.annotations.filter((a) => a.tag === 'claim');
  assert.deepEqual(claims.map((c) => c.evidence_url), ['https://northgate.example/minutes']);
  assert.deepEqual(page.errors, []);
  await page.close();
});

test('the Sources view shows each claim’s kind and check, and lists quotes and claims in the order they appear', async () => {
  const page = await openApp(app.context, app.url);
  await page.waitForSelector('.article .hl');
  // The first quote is Lindqvist's, the second Jonas Haddad's.
  await page.click('.hl.t-quote >> nth=0');
  await page.selectOption('#editor-speaker', { label: 'Councillor Petra Lindqvist (1 mention)' });
  await page.click('.hl.t-quote >> nth=-1');
  await page.selectOption('#editor-speaker', { label: 'Jonas Haddad (1 mention)' });
  await page.click('.hl.t-claim');
  await page.selectOption('#editor-claim-type', 'Statistic');
  await page.selectOption('#editor-check', 'Disputed');

  await page.click('.panel-tab:has-text("Sources")');
  const order = await page.locator('.statement-list li').allTextContents();
  assert.equal(order.length, 3);
  assert.match(order[0], /^Claim each night crossing.* — no source \(Statistic · Disputed\)$/);
  assert.match(order[1], /^Quote “We cannot keep.* — said by Councillor Petra Lindqvist$/);
  assert.match(order[2], /^Quote “In winter.* — said by Jonas Haddad$/);
  assert.match(await page.textContent('.flagged'), /each night crossing.*\(Statistic · Disputed\)/s);
  assert.deepEqual(page.errors, []);
  await page.close();
});
