// Usability for a classroom: keyboard-only tagging and linking, the shortcuts sheet,
// search, dark mode and the first-run guide.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useApp, openApp, storedDocuments, reloadWhenSaved } from './harness.mjs';

const app = useApp();
const active = (page) => page.evaluate(() => document.activeElement?.className ?? '');
const announced = (page) => page.textContent('#announcer');

test('tag and link with the keyboard alone', async () => {
  const page = await openApp(app.context, app.url);
  await page.waitForSelector('.article .hl');
  // Tab through the page until the article has focus.
  for (let i = 0; i < 40 && !(await active(page)).includes('article'); i++) await page.keyboard.press('Tab');
  assert.match(await active(page), /article/);

  // "The city council voted…": skip "The ", then select two words.
  await page.keyboard.press('Control+ArrowRight');
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('Control+Shift+ArrowRight');
  await page.keyboard.press('Control+Shift+ArrowRight');
  await page.waitForSelector('.selection-toolbar');
  assert.equal(await page.textContent('.selection-preview'), '“city council”');
  await page.keyboard.press('a');
  await page.waitForSelector('.hl.t-actor:text-is("city council")');
  assert.match(await active(page), /article/, 'focus stays in the text after tagging');

  // Jump from annotation to annotation to the first quote; the screen reader hears it.
  for (let i = 0; i < 6 && !(await announced(page)).startsWith('Quote'); i++) await page.keyboard.press(']');
  assert.match(await announced(page), /^Quote, not attributed: “We cannot keep spending/);

  // Open it and link it to its speaker without the mouse.
  await page.keyboard.press('Enter');
  await page.waitForSelector('.editor');
  await page.waitForFunction(() => document.activeElement?.name === 'editor-tag');
  await page.keyboard.press('Tab');
  assert.equal(await page.evaluate(() => document.activeElement.id), 'editor-speaker');
  await page.keyboard.type('Councillor');
  await page.waitForSelector('.entry-actor:has-text("said by Councillor Petra Lindqvist")');
  await page.keyboard.press('Escape');
  await page.waitForFunction(() => document.activeElement?.classList.contains('article'));

  const [doc] = Object.values(await storedDocuments(page));
  assert.ok(doc.annotations.some((a) => a.tag === 'actor' && a.exact === 'city council'));
  assert.equal(doc.relations.length, 1);

  // With only quotes shown, ] from the start of the text visits the quotes alone.
  await page.keyboard.press('Control+Home');
  await page.click('.filters .chip.tag-quote');
  await page.focus('.article');
  const heard = [];
  for (let i = 0; i < 8; i++) {
    await page.keyboard.press(']');
    const said = await announced(page);
    if (said.startsWith('No more annotations')) break;
    heard.push(said);
  }
  assert.ok(heard.length >= 1 && heard.every((s) => s.startsWith('Quote')), heard.join(' | '));
  await page.click('.filters .chip >> nth=0');

  // The shortcuts sheet opens with ? and closes with Escape.
  await page.keyboard.press('?');
  await page.waitForSelector('.shortcuts');
  assert.match(await page.textContent('.shortcuts'), /Next or previous annotation/);
  await page.keyboard.press('Escape');
  await page.waitForSelector('.shortcuts', { state: 'detached' });
  assert.deepEqual(page.errors, []);
  await page.close();
});

test('search marks the text and narrows the list; dark mode and the guide remember the choice', async () => {
  const page = await openApp(app.context, app.url);
  await page.waitForSelector('.article .hl');
  assert.equal(await page.locator('.guide').count(), 1, 'a first visit shows the guide');

  await page.fill('#search', 'ferry');
  await page.waitForSelector('mark.hit');
  assert.match(await page.textContent('.search-count'), /^3 in the text, 0 annotations/);
  assert.equal(await page.locator('.article .hl:not(.hit)').count(), 0, 'only matching annotations are highlighted');
  await page.fill('#search', 'passenger counts');
  assert.equal(await page.locator('.annotation-list li').count(), 1, 'notes are searched too');
  await page.fill('#search', '');
  assert.equal(await page.locator('.annotation-list li').count(), 5);

  await page.click('.theme-toggle');
  assert.equal(await page.getAttribute('html', 'data-theme'), 'dark');
  const background = () => page.evaluate(() => getComputedStyle(document.querySelector('.reader')).backgroundColor);
  assert.equal(await background(), 'rgb(30, 30, 35)');
  await page.click('.guide button[aria-label="Dismiss the guide"]');
  await reloadWhenSaved(page);
  await page.waitForSelector('.article .hl');
  assert.equal(await page.getAttribute('html', 'data-theme'), 'dark');
  assert.equal(await page.locator('.guide').count(), 0);
  await page.click('.theme-toggle');
  await page.click('.theme-toggle');
  assert.equal(await page.getAttribute('html', 'data-theme'), null, 'back to following the system');
  assert.deepEqual(page.errors, []);
  await page.close();
});

test('the HTML report and the print view hold the article, the numbered annotations and the sources, and run nothing', async () => {
  const page = await openApp(app.context, app.url);
  await page.waitForSelector('.article .hl');
  await page.click('#export-button');
  const [download] = await Promise.all([page.waitForEvent('download'), page.click('[data-format=report]')]);
  assert.ok(download.suggestedFilename().endsWith('.report.html'));
  const html = await (await import('node:fs/promises')).readFile(await download.path(), 'utf8');
  assert.doesNotMatch(html, /<script/i);
  const report = await app.context.newPage();
  report.on('pageerror', (e) => page.errors.push(String(e)));
  await report.setContent(html);
  assert.match(await report.textContent('h1'), /Council votes to end night ferry/);
  assert.equal(await report.locator('ol li').count() >= 5, true);
  assert.match(await report.textContent('body'), /Checkable: ask the council for the passenger counts by month\./);
  assert.match(await report.textContent('body'), /Sources/);
  await report.close();

  const [tab] = await Promise.all([app.context.waitForEvent('page'), page.click('#print-button')]);
  await tab.waitForLoadState();
  assert.match(await tab.title(), /Council votes to end night ferry/);
  await tab.close();
  assert.deepEqual(page.errors, []);
  await page.close();
});
