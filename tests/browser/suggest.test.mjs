// Suggestions in the browser, as a reader uses them: suggest on a pasted article, accept
// one, undo, reject one, accept all quotes, and find only the accepted ones after a
// reload; exercises that do and do not allow suggestions; the suggester as one more
// annotator in Compare; the benchmark's article; and an accessibility audit of the view.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { useApp, openApp, pasteArticle, reloadWhenSaved, saved, storedDocuments, root, scratchDir } from './harness.mjs';

const app = useApp();
const run = promisify(execFile);
const cli = process.env.NEWSMARK_CLI ?? join(root, 'target/debug/newsmark');
const samples = join(root, 'crates/newsmark-core/samples');

const ARTICLE = `“We came to build a government,” said Helena Markovic, “not to sign a blank cheque.”

Prime Minister Piet Dorn said that he was disappointed. Turnout fell by 12 per cent in March.`;

async function audit(page, screen) {
  const axe = await readFile(join(root, 'node_modules/axe-core/axe.min.js'), 'utf8');
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(axe);
  const result = await page.evaluate(() =>
    window.axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } }),
  );
  return result.violations.map((v) => `${screen}: ${v.id}: ${v.help} ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(', ')}`);
}

test('suggest, accept one, undo, reject one, accept all quotes, and keep only what was accepted', async () => {
  const page = await openApp(app.context, app.url);
  await pasteArticle(page, 'Talks collapse', ARTICLE);
  await page.click('#suggest-button');
  await page.waitForSelector('#suggestions .suggestion');
  // Suggestions are dashed outlines in the text, not highlights.
  assert.equal(await page.locator('.article .hl').count(), 0);
  assert.ok(await page.locator('.article .sg.sg-quote').count() >= 3);
  const outline = await page.locator('.article .sg.sg-quote >> nth=0').evaluate((el) => getComputedStyle(el).outlineStyle);
  assert.equal(outline, 'dashed');
  assert.equal(await page.locator('#suggestions .suggestion.tag-quote').count(), 3);
  assert.match(await page.textContent('#suggestions .suggestion.tag-quote >> nth=0'), /said by Helena Markovic.*in quotation marks, followed by ‘said Helena Markovic’/s);
  const problems = await audit(page, 'suggestions');
  await page.screenshot({ path: join(tmpdir(), 'newsmark-suggestions.png') });

  // Accept the first quote: it becomes an annotation, with its speaker.
  await page.click('#suggestions .suggestion.tag-quote >> nth=0 >> button.accept');
  await page.waitForSelector('.article .hl.t-quote');
  assert.equal(await page.textContent('.article .hl.t-quote'), '“We came to build a government,”');
  assert.equal(await page.textContent('.article .hl.t-actor'), 'Helena Markovic');
  assert.equal(await page.locator('#suggestions .suggestion.tag-quote').count(), 2);

  // Undo takes the quote and its speaker away in one step; the suggestion is back.
  await page.click('button[aria-label=Undo]');
  await page.waitForSelector('.article .hl', { state: 'detached' });
  assert.equal(await page.locator('#suggestions .suggestion.tag-quote').count(), 3);

  // Reject the claim cue: it goes from the list and from the text.
  assert.equal(await page.locator('#suggestions .suggestion.tag-claim').count(), 1);
  await page.click('#suggestions .suggestion.tag-claim button.reject');
  await page.waitForSelector('#suggestions .suggestion.tag-claim', { state: 'detached' });
  assert.equal(await page.locator('.article .sg.sg-claim').count(), 0);

  // Accept all quotes: each with its speaker, one actor per person.
  await page.click('#accept-all-quote');
  await page.waitForFunction(() => document.querySelectorAll('.article .hl.t-quote').length === 3);
  assert.equal(await page.locator('#suggestions .suggestion.tag-quote').count(), 0);
  assert.equal(await page.textContent('#accept-all-quote'), 'Accept all 0 quotes');
  await saved(page);
  const stored = Object.values(await storedDocuments(page)).find((d) => d.title === 'Talks collapse');
  assert.equal(stored.annotations.filter((a) => a.tag === 'quote').length, 3);
  assert.equal(stored.annotations.filter((a) => a.tag === 'claim').length, 0, 'the rejected claim is not saved');
  assert.equal(stored.relations.length, 3);
  assert.deepEqual(stored.entities.map((e) => e.name).sort(), ['Helena Markovic', 'Piet Dorn']);

  // After a reload: the accepted ones, and no suggestions.
  await reloadWhenSaved(page);
  await page.waitForSelector('.article .hl.t-quote');
  assert.equal(await page.locator('.article .hl.t-quote').count(), 3);
  assert.equal(await page.locator('.article .sg').count(), 0);
  assert.equal(await page.locator('#suggestions').count(), 0);
  assert.deepEqual(problems, []);
  assert.deepEqual(page.errors, []);
  await page.close();
});

test('an exercise offers suggestions only when its file allows them', async () => {
  const page = await openApp(app.context, app.url);
  const dir = scratchDir('suggest');
  const plain = await readFile(join(samples, 'northgate-library.newsmark-exercise.json'), 'utf8');
  for (const allowed of [false, true]) {
    const exercise = JSON.parse(plain);
    exercise.id = `northgate-${allowed}`;
    if (allowed) exercise.allow_suggestions = true;
    const file = join(dir, `northgate-${allowed}.newsmark-exercise.json`);
    await writeFile(file, JSON.stringify(exercise));
    await page.setInputFiles('#import-file', file);
    await page.waitForSelector('#student-name');
    await page.fill('#student-name', 'Ada Lindgren');
    await page.click('#student-name-save');
    await page.waitForSelector('.exercise .student-name');
    assert.equal(await page.locator('#suggest-button').count(), allowed ? 1 : 0, `allowed: ${allowed}`);
  }
  await page.click('#suggest-button');
  await page.waitForSelector('#suggestions .suggestion');
  assert.deepEqual(page.errors, []);
  await page.close();
});

test('compare can include the suggester as one more annotator, scored by the same rule', async () => {
  const page = await openApp(app.context, app.url);
  await pasteArticle(page, 'Talks collapse', ARTICLE);
  await page.click('#compare-button');
  await page.waitForSelector('#compare-suggester');
  assert.equal(await page.isChecked('#compare-suggester'), false, 'the machine joins only when chosen');
  await page.check('#compare-suggester');
  // The suggester works in the background; its row says "working…" until its set arrives
  // and takes its place in the list.
  await page.waitForSelector('.compare .sets li.machine[aria-busy]', { state: 'detached' });
  // The pasted article has no annotations yet, so it starts out of the comparison too.
  await page.check('.compare .sets li:has-text("Talks collapse") input');
  await page.waitForSelector('.compare .matrix');
  assert.match(await page.textContent('.compare .matrix'), /Suggester \(rules, not a person\)/);
  const problems = await audit(page, 'compare with the suggester');
  assert.deepEqual(problems, []);
  assert.deepEqual(page.errors, []);
  await page.close();
});

test('suggesting on the benchmark article works part by part and says how long it took', async () => {
  const page = await openApp(app.context, app.url);
  const dir = scratchDir('suggest');
  const file = join(dir, 'long.newsmark.json');
  await run(cli, ['synthesize', '--words', '100000', '--annotations', '0', '-o', file]);
  await page.setInputFiles('#import-file', file);
  await page.waitForSelector('.article-title:has-text("Synthetic article")', { timeout: 120_000 });
  // Long tasks (over 50 ms) while suggesting and drawing the suggestions, as the browser counts them.
  await page.evaluate(() => {
    window.longTasks = [];
    new PerformanceObserver((list) => window.longTasks.push(...list.getEntries().map((e) => Math.round(e.duration))))
      .observe({ type: 'longtask' });
  });
  await page.click('#suggest-button');
  await page.waitForSelector('#suggestions .suggestion', { timeout: 120_000 });
  await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 200))));
  console.log(`long tasks while suggesting and drawing: ${JSON.stringify(await page.evaluate(() => window.longTasks))} ms`);
  const hint = await page.textContent('#suggestions .hint');
  const [, ms, longest] = hint.match(/Found by rules in (\d+) ms \(the longest pause (\d+) ms\)/).map(Number);
  console.log(`suggest on the 100,000-word benchmark article in the browser: ${ms} ms in all, the longest part ${longest} ms`);
  assert.ok(ms > 0 && longest <= ms);
  // The list shows the first 200 to decide, and the text outlines those (and only those).
  assert.equal(await page.locator('#suggestions .suggestion').count(), 200);
  const last = await page.$eval('#suggestions .suggestion:last-child .suggestion-text', (el) => el.textContent);
  assert.ok(await page.locator('.article .sg').count() > 0);
  // Nothing after the last one listed is outlined: the article's last paragraph has no outline.
  assert.equal(await page.locator('.article p:last-child .sg').count(), 0, `the list ends at “${last}”`);
  assert.deepEqual(page.errors, []);
  await page.close();
});
