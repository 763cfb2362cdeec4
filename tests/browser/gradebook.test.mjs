// The teacher's gradebook and the feedback a student sees, as a teacher and a student
// use them: students' work files imported and graded, sorted and downloaded as CSV (the
// same file as `newsmark compare --key … --csv`), feedback outlined in the article after
// checking, the editor opening where the person is looking, Compare naming who tagged a
// disputed passage, and the axe audit of the Gradebook view.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { useApp, openApp, root, scratchDir } from './harness.mjs';

const app = useApp();
const dir = scratchDir('gradebook');
const cli = process.env.NEWSMARK_CLI ?? join(root, 'target/debug/newsmark');
const axePath = join(root, 'node_modules/axe-core/axe.min.js');

// A short article, the teacher's key over it, and three students' copies, written as
// Newsmark JSON (schema version 2) the way the app saves them.
const TEXT =
  'Mayor Ana Ruiz said on Monday that the night ferry costs the city too much. ' +
  '“We cannot keep paying for empty boats,” she told the council. ' +
  'Ferry workers disagree. The vote is on Friday, officials said.';
const AT = '2026-11-29T10:00:00.000Z';
const cp = [...TEXT];

/** An annotation over the `nth` occurrence of `exact`, its offsets in code points. */
function span(id, tag, exact, nth = 0) {
  let from = -1;
  for (let i = 0; i <= nth; i++) from = TEXT.indexOf(exact, from + 1);
  assert.ok(from >= 0, `“${exact}” is in the article`);
  const start = [...TEXT.slice(0, from)].length;
  const end = start + [...exact].length;
  assert.equal(cp.slice(start, end).join(''), exact);
  return { id, tag, start, end, exact, created: AT, updated: AT };
}
const attribution = (id, from, to) => ({ id, kind: 'attribution', from, to, created: AT });

const KEY = {
  annotations: [
    span('k1', 'actor', 'Mayor Ana Ruiz'),
    span('k2', 'claim', 'the night ferry costs the city too much'),
    span('k3', 'quote', '“We cannot keep paying for empty boats,”'),
    span('k4', 'actor', 'Ferry workers'),
    span('k5', 'claim', 'The vote is on Friday'),
  ],
  relations: [attribution('kr1', 'k3', 'k1')],
  entities: [],
};
const INSTRUCTIONS = 'Tag the claims, the quotes and who said them.';

const exerciseFile = {
  schema_version: 2, kind: 'newsmark-exercise', id: 'ferry-exercise', title: 'Ferry vote',
  created: AT, updated: AT, text: TEXT, instructions: INSTRUCTIONS, codebook: [], key: KEY,
};

/** Counts of a first check: [matched, extra, missed] for claim, quote, actor. */
function scores([claim, quote, actor], [correct, scored]) {
  const prf = ([matched, extra, missed]) => ({ matched, extra, missed });
  const overall = [0, 1, 2].map((i) => claim[i] + quote[i] + actor[i]);
  return {
    claim: prf(claim), quote: prf(quote), actor: prf(actor), overall: prf(overall),
    attributions_correct: correct, attributions_scored: scored,
  };
}

function student(id, title, annotations, relations = [], checked = undefined) {
  return {
    schema_version: 2, kind: 'newsmark-document', id, title, created: AT, updated: AT, text: TEXT,
    annotations, relations, entities: [],
    assignment: { instructions: INSTRUCTIONS, codebook: [], key: KEY, ...(checked ? { checked } : {}) },
  };
}

// José found everything; at his first check he had only the mayor, her quote and the
// first claim (two missed), all attributed.
const jose = student('jose', 'Núñez, José', [
  span('j1', 'actor', 'Mayor Ana Ruiz'),
  span('j2', 'claim', 'the night ferry costs the city too much'),
  span('j3', 'quote', '“We cannot keep paying for empty boats,”'),
  span('j4', 'actor', 'Ferry workers'),
  span('j5', 'claim', 'The vote is on Friday'),
], [attribution('jr1', 'j3', 'j1')], { at: AT, scores: scores([[1, 0, 1], [1, 0, 0], [1, 0, 1]], [1, 1]) });
// Bo tagged the quote as a claim, missed the first claim and the workers, and linked no one.
const bo = student('bo', 'Okafor, "Bo"', [
  span('b1', 'actor', 'Mayor Ana Ruiz'),
  span('b3', 'claim', '“We cannot keep paying for empty boats,”'),
  span('b5', 'claim', 'The vote is on Friday'),
]);
// Xiaolong tagged an extra claim and the vote too short to match.
const xiaolong = student('xiaolong', '李小龙', [
  span('x1', 'actor', 'Mayor Ana Ruiz'),
  span('x2', 'claim', 'the night ferry costs the city too much'),
  span('x3', 'quote', '“We cannot keep paying for empty boats,”'),
  span('x4', 'claim', 'Ferry workers disagree.'),
  span('x5', 'claim', 'on Friday'),
], [attribution('xr1', 'x3', 'x1')]);

const write = (name, value) => {
  const path = join(dir, name);
  writeFileSync(path, JSON.stringify(value, null, 1));
  return path;
};
const files = {
  exercise: write('ferry.newsmark-exercise.json', exerciseFile),
  jose: write('jose.newsmark.json', jose),
  bo: write('bo.newsmark.json', bo),
  xiaolong: write('xiaolong.newsmark.json', xiaolong),
};
const studentFiles = [files.jose, files.bo, files.xiaolong];

/** Imports the students' files as a teacher does, one after another. */
async function importStudents(page) {
  for (const [i, file] of studentFiles.entries()) {
    await page.setInputFiles('#import-file', file);
    await page.waitForFunction((n) => document.querySelectorAll('.library-item').length === n, i + 2);
    if (await page.locator('.notice button[aria-label=Dismiss]').count()) {
      await page.click('.notice button[aria-label=Dismiss]');
    }
  }
}

/** The rows of the gradebook table: [student, …figures]. */
const tableRows = (page) =>
  page.$$eval('#gradebook-table tbody tr', (rows) => rows.map((r) => [...r.children].map((c) => c.textContent)));

/** A CSV line split at the commas outside quotes. */
function cells(line) {
  const out = [];
  let cell = '';
  let quoted = false;
  for (const c of line) {
    if (c === '"') quoted = !quoted;
    if (c === ',' && !quoted) {
      out.push(cell);
      cell = '';
    } else cell += c;
  }
  out.push(cell);
  return out;
}

test('a teacher imports three students’ work, sees their figures, sorts them and downloads the same CSV as newsmark compare', async () => {
  const page = await openApp(app.context, app.url);
  await importStudents(page);
  await page.click('#gradebook-button');
  await page.waitForSelector('#gradebook-table');
  assert.match(await page.textContent('#gradebook-key option:checked'), /The answer key in the students' copies \(5 spans\)/);

  const rows = await tableRows(page);
  assert.deepEqual(rows.map((r) => r[0]).sort(), ['Núñez, José', 'Okafor, "Bo"', '李小龙'].sort());
  // 1 student name + 13 first-check figures + 13 final ones. Final overall F1 is the 12th of each half.
  const byName = Object.fromEntries(rows.map((r) => [r[0], r]));
  const finalOverallF1 = (r) => r[1 + 13 + 11];
  assert.equal(finalOverallF1(byName['Núñez, José']), '100%');
  // Bo: 2 of his 3 spans match (the mayor, the vote), 3 of 5 key spans missed: F1 = 4 / 8.
  assert.equal(finalOverallF1(byName['Okafor, "Bo"']), '50%');
  // Xiaolong: 3 match; 2 extra (the workers' claim, "on Friday"), 2 missed: F1 = 6 / 10.
  assert.equal(finalOverallF1(byName['李小龙']), '60%');
  // José's first check: 3 of 3 spans right, 2 of 5 missed: F1 = 6 / 8; the others never checked.
  assert.equal(byName['Núñez, José'][1 + 11], '75%');
  assert.equal(byName['Okafor, "Bo"'][1 + 11], '–');
  const average = await page.$$eval('#gradebook-table tfoot tr > *', (c) => c.map((x) => x.textContent));
  assert.equal(average[0], 'Class average');
  assert.equal(average[1 + 13 + 11], '70%', 'the mean of 100%, 50% and 60%');
  assert.equal(average[1 + 11], '75%', 'only José has a first check');

  // Sorting by the final overall F1: highest first, then lowest first, said by aria-sort.
  const sortButton = page.getByRole('button', { name: 'Sort by Final, Overall F1' });
  await sortButton.click();
  const header = page.locator('#gradebook-table th', { has: sortButton });
  assert.equal(await header.getAttribute('aria-sort'), 'descending');
  assert.deepEqual((await tableRows(page)).map((r) => r[0]), ['Núñez, José', '李小龙', 'Okafor, "Bo"']);
  await sortButton.click();
  assert.equal(await header.getAttribute('aria-sort'), 'ascending');
  assert.deepEqual((await tableRows(page)).map((r) => r[0]), ['Okafor, "Bo"', '李小龙', 'Núñez, José']);
  assert.equal(await page.locator('#gradebook-table th[aria-sort=none]').count(), 25, 'the other columns are not sorted');

  const [download] = await Promise.all([page.waitForEvent('download'), page.click('#download-gradebook')]);
  assert.match(download.suggestedFilename(), /gradebook\.csv$/);
  const downloaded = await readFile(await download.path(), 'utf8');
  const fromCli = execFileSync(cli, ['compare', '--key', files.exercise, '--csv', ...studentFiles], { encoding: 'utf8' });
  // The same header, the same student rows (the library's order may differ from the
  // command line's) and the same class averages.
  const lines = (csv) => csv.replace(/^\uFEFF/, '').split('\r\n').filter(Boolean);
  const [appLines, cliLines] = [lines(downloaded), lines(fromCli)];
  assert.equal(appLines[0], cliLines[0]);
  assert.deepEqual(appLines.slice(1, -1).sort(), cliLines.slice(1, -1).sort());
  assert.equal(appLines.at(-1), cliLines.at(-1));
  assert.equal(appLines.length, 5);
  const jose = appLines.map(cells).find((c) => c[0] === '"Núñez, José"');
  assert.ok(jose, `José's name is quoted for its comma: ${downloaded}`);
  assert.equal(jose[1], 'jose');
  assert.equal(jose[2 + 13 + 11], '1.000');
  assert.ok(appLines.some((l) => l.startsWith('"Okafor, ""Bo"""')), 'inner quotes doubled');
  assert.deepEqual(page.errors, []);
  await page.close();
});

test('the gradebook of an article with no students’ work says what to do', async () => {
  const page = await openApp(app.context, app.url);
  await page.waitForSelector('.article .hl');
  await page.click('#gradebook-button');
  await page.waitForSelector('#gradebook-empty');
  // The sample article is the teacher's own annotated document: it is the key, never a student.
  assert.match(await page.textContent('#gradebook-empty'), /Import the students' work files to see them here/);
  assert.equal(await page.locator('#gradebook-table').count(), 0);
  assert.ok(await page.isDisabled('#download-gradebook'));
  await page.click('.gradebook button:has-text("Back to the article")');
  await page.waitForSelector('.article');
  assert.deepEqual(page.errors, []);
  await page.close();
});

test('after checking, missed spans and wrongly tagged words are outlined in the text, and a feedback item marks its span', async () => {
  const page = await openApp(app.context, app.url);
  await page.setInputFiles('#import-file', files.bo);
  await page.waitForSelector('#check-work');
  assert.equal(await page.locator('.fb-missed, .fb-wrong-tag').count(), 0, 'no feedback before checking');
  await page.click('#check-work');
  await page.click('#check-confirm');
  await page.waitForSelector('.verdicts');
  const outlined = (cls) => page.$$eval(`.article .${cls}`, (els) => els.map((e) => e.textContent).join('|'));
  // Bo missed the first claim and the workers, and tagged the quote's words as a claim.
  assert.equal(await outlined('fb-missed'), 'the night ferry costs the city too much|Ferry workers');
  assert.equal(await outlined('fb-wrong-tag'), '“We cannot keep paying for empty boats,”');
  // The two outlines differ in line style, and the legend says which is which.
  const style = (cls) => page.$eval(`.article .${cls}`, (e) => getComputedStyle(e).outlineStyle);
  assert.equal(await style('fb-missed'), 'dashed');
  assert.equal(await style('fb-wrong-tag'), 'double');
  assert.match(await page.textContent('.feedback-legend'), /dashed outline: a key span you did not tag.*double outline: the right words/s);
  assert.equal(await page.getAttribute('.article .fb-missed >> nth=1', 'aria-description'), 'Missed key span (Actor)');
  assert.equal(await page.getAttribute('.article .fb-wrong-tag', 'aria-description'), 'Claim; Right words, different tag: the key says Quote');

  // Choosing a missed item marks its words in the article.
  const item = page.locator('.verdict.missed button', { hasText: 'Ferry workers' });
  await item.click();
  await page.waitForSelector('.article .fb-marked');
  assert.equal(await outlined('fb-marked'), 'Ferry workers');
  assert.equal(await item.getAttribute('aria-current'), 'true');
  // Choosing the wrongly tagged item selects the student's span, and the mark moves there.
  await page.click('.verdict.wrong-tag button');
  await page.waitForSelector('.article .hl.focused');
  assert.equal(await page.locator('.article .fb-marked').count(), 0);
  assert.equal(await outlined('hl.focused'), '“We cannot keep paying for empty boats,”');
  assert.deepEqual(page.errors, []);
  await page.close();
});

for (const [width, height] of [[1280, 800], [390, 844]]) {
  test(`after checking, clicking a highlight opens the editor in view and focused (${width}×${height})`, async () => {
    const page = await openApp(app.context, app.url);
    await page.setViewportSize({ width, height });
    await page.click('#sample-class');
    await page.click('.library-title:has-text("Student B")');
    await page.click('#check-work');
    await page.click('#check-confirm');
    await page.waitForSelector('.verdicts');
    // A highlight far down the article, after the feedback has made the panel long.
    const last = page.locator('.article .hl').last();
    await last.scrollIntoViewIfNeeded();
    await last.click();
    await page.waitForSelector('.editor');
    await page.waitForFunction(() => document.activeElement?.closest('.editor'));
    const box = await page.locator('.editor').boundingBox();
    assert.ok(box.y >= 0 && box.y < height - 40, `the editor's top is in the window: ${JSON.stringify(box)}`);
    const hl = await page.locator('.article .hl.focused').first().boundingBox();
    assert.ok(hl.y >= 0 && hl.y + hl.height <= height, `the clicked highlight stays in view: ${JSON.stringify(hl)}`);
    if (width < 600) {
      assert.ok(hl.y + hl.height <= box.y, 'the editor does not cover the highlight');
    }
    assert.deepEqual(page.errors, []);
    await page.close();
  });
}

test('on a phone, ] moves to the next annotation and the editor opens below it without covering it, the focus staying in the text', async () => {
  const page = await openApp(app.context, app.url);
  await page.setViewportSize({ width: 390, height: 844 });
  await page.click('#sample-class');
  await page.click('.library-title:has-text("Student B")');
  await page.click('#check-work');
  await page.click('#check-confirm');
  await page.waitForSelector('.verdicts');
  await page.focus('.article');
  for (let i = 0; i < 6; i++) await page.keyboard.press(']');
  await page.waitForSelector('.editor');
  await page.waitForFunction(() => {
    const editor = document.querySelector('.editor').getBoundingClientRect();
    const hl = document.querySelector('.article .hl.focused')?.getBoundingClientRect();
    return hl && hl.top >= 0 && hl.bottom <= editor.top;
  });
  assert.equal(await page.evaluate(() => document.activeElement?.classList.contains('article')), true);
  assert.deepEqual(page.errors, []);
  await page.close();
});

test('Compare names, for a disputed passage, each student and how they tagged it', async () => {
  const page = await openApp(app.context, app.url);
  await importStudents(page);
  await page.click('#compare-button');
  await page.waitForSelector('.compare .disputed');
  // The quote: José and Xiaolong tagged it a quote, Bo a claim, and the key a quote.
  const quote = page.locator('.disputed > li', { hasText: '“We cannot keep paying for empty boats,”' }).first();
  const who = await quote.locator('.who-tagged li').allTextContents();
  assert.ok(who.includes('Okafor, "Bo": Claim'), who.join(' / '));
  assert.ok(who.includes('Núñez, José: Quote'), who.join(' / '));
  // The workers, the most disputed: José and the key tagged an actor, Xiaolong a claim
  // over them, Bo nothing.
  const workers = await page.locator('.disputed > li').first().locator('.who-tagged li').allTextContents();
  assert.deepEqual(workers.sort(), ['Answer key: Actor', 'Núñez, José: Actor', 'Okafor, "Bo": not tagged', '李小龙: Claim'].sort());
  assert.match(await page.textContent('.disputed > li >> nth=0'), /“Ferry workers”/);
  assert.deepEqual(page.errors, []);
  await page.close();
});

async function audit(page, screen) {
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(await readFile(axePath, 'utf8'));
  const result = await page.evaluate(() =>
    window.axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } }),
  );
  return result.violations.map(
    (v) => `${screen}: ${v.id} (${v.impact}): ${v.help}\n    ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join('\n    ')}`,
  );
}

test('axe-core finds no accessibility violations in the Gradebook view, light and dark, sorted and empty', async () => {
  const page = await openApp(app.context, app.url);
  const problems = [];
  await page.click('#gradebook-button');
  await page.waitForSelector('#gradebook-empty');
  problems.push(...(await audit(page, 'empty gradebook')));
  await page.click('.gradebook button:has-text("Back to the article")');
  await importStudents(page);
  await page.click('#gradebook-button');
  await page.waitForSelector('#gradebook-table');
  await page.getByRole('button', { name: 'Sort by Final, Overall F1' }).click();
  problems.push(...(await audit(page, 'light gradebook')));
  await page.click('.theme-toggle');
  assert.equal(await page.getAttribute('html', 'data-theme'), 'dark');
  problems.push(...(await audit(page, 'dark gradebook')));
  assert.deepEqual(problems, [], problems.join('\n'));
  await page.close();
});

test('before any student has checked, the gradebook shows the final figures first and says why there is no first check', async () => {
  const page = await openApp(app.context, app.url);
  await page.waitForSelector('.article .hl');
  await page.click('#sample-class');
  await page.waitForSelector('.library li >> nth=3');
  await page.click('#gradebook-button');
  await page.waitForSelector('#gradebook-table');
  assert.match(await page.textContent('#no-first-checks'), /No student has checked their work yet/);
  const groups = await page.$$eval('#gradebook-table thead tr:first-child th', (c) => c.map((x) => x.textContent));
  assert.deepEqual(groups, ['Final']);
  // The student's name and the thirteen final figures, the first of them a percentage.
  const row = (await tableRows(page))[0];
  assert.equal(row.length, 14);
  assert.match(row[1], /^\d+%$/);
  assert.deepEqual(page.errors, []);
  await page.close();
});
