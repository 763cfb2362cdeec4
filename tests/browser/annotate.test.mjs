// Annotating in the browser, as a person does it: read, select with the mouse, tag,
// edit, undo, reload.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useApp, openApp, dragSelect, storedDocuments, pasteArticle, cpLen, reloadWhenSaved } from './harness.mjs';

const app = useApp();

const ARTICLE = `Harbour plan approved

The port authority said on Monday that the new terminal would create 300 jobs. Critics disagree.

"This is a good day for the city," said Mayor Ana Ruiz at the opening.`;

test('a first visit shows the sample article with example highlights and a legend', async () => {
  const page = await openApp(app.context, app.url);
  await page.waitForSelector('.article .hl');
  assert.match(await page.textContent('.article-title'), /night ferry/);
  assert.equal(await page.locator('.library-item').count(), 1);
  assert.equal(await page.locator('.annotation-list li').count(), 5);
  assert.deepEqual(await page.locator('.legend .legend-name').allTextContents(), ['Claim', 'Quote', 'Actor']);
  assert.equal(await page.textContent('.hl.t-actor >> nth=0'), 'Councillor Petra Lindqvist');
  assert.deepEqual(page.errors, []);
  await page.close();
});

test('tag with the toolbar and with a key, edit a note, undo, and find it all after a reload', async () => {
  const page = await openApp(app.context, app.url);
  await pasteArticle(page, 'Harbour plan', ARTICLE);
  assert.equal(await page.locator('.article p').count(), 3, 'three paragraphs, as pasted');

  // A slightly sloppy selection: it starts mid-word and takes a trailing space.
  await dragSelect(page, 'ort authority ');
  await page.waitForSelector('.selection-toolbar');
  assert.equal(await page.textContent('.selection-preview'), '“port authority”');
  await page.click('.selection-toolbar button[data-tag=actor]');
  await page.waitForSelector('.hl.t-actor');
  assert.equal(await page.textContent('.hl.t-actor'), 'port authority');
  assert.equal(await page.locator('.selection-toolbar').count(), 0, 'the toolbar goes away after tagging');

  await dragSelect(page, 'the new terminal would create 300 jobs');
  await page.waitForSelector('.selection-toolbar');
  await page.keyboard.press('c');
  await page.waitForSelector('.hl.t-claim');
  assert.equal(await page.textContent('.hl.t-claim'), 'the new terminal would create 300 jobs');

  await dragSelect(page, '"This is a good day for the city,"');
  await page.keyboard.press('2');
  await page.waitForSelector('.hl.t-quote');
  assert.deepEqual(await page.locator('.filters .chip').allTextContents(), ['All 3', 'Claim 1', 'Quote 1', 'Actor 1']);

  // Click the claim and write a note.
  await page.click('.hl.t-claim');
  await page.waitForSelector('.editor');
  await page.fill('#editor-note', 'Ask for the jobs study.');
  await page.click('.editor-actions button.primary');
  await page.waitForSelector('.entry-note:text("Ask for the jobs study.")');

  // Undo the note, then redo it, with the keyboard.
  await page.click('.article-title');
  await page.keyboard.press('Control+z');
  await page.waitForSelector('.entry-note', { state: 'detached' });
  await page.keyboard.press('Control+Shift+z');
  await page.waitForSelector('.entry-note:text("Ask for the jobs study.")');

  // Retag the quote as a claim from the editor, then undo with the button.
  await page.click('.hl.t-quote');
  await page.check('.editor-tags input[value=claim]');
  await page.waitForSelector('.hl.t-quote', { state: 'detached' });
  await page.click('button[aria-label=Undo]');
  await page.waitForSelector('.hl.t-quote');

  await reloadWhenSaved(page);
  await page.waitForSelector('.hl.t-claim');
  assert.equal(await page.textContent('.article-title'), 'Harbour plan');
  const tags = await page.locator('.annotation-list .badge').allTextContents();
  assert.deepEqual(tags, ['Actor', 'Claim', 'Quote']);
  assert.equal(await page.textContent('.entry-note'), 'Ask for the jobs study.');

  const doc = Object.values(await storedDocuments(page)).find((d) => d.title === 'Harbour plan');
  const claim = doc.annotations.find((a) => a.tag === 'claim');
  const start = cpLen(doc.text.slice(0, doc.text.indexOf('the new terminal')));
  assert.deepEqual([claim.start, claim.end, claim.exact], [start, start + 38, 'the new terminal would create 300 jobs']);
  assert.equal(claim.note, 'Ask for the jobs study.');
  assert.equal(doc.schema_version, 3);
  assert.deepEqual(page.errors, []);
  await page.close();
});

test('text with emoji, combining marks, Arabic and CJK is saved exactly as selected', async () => {
  const page = await openApp(app.context, app.url);
  const text = [
    'Zoe\u0308 Hart met the \u{1F469}\u{1F3FD}\u200D\u{1F52C} lab team, and the \u{1F468}\u200D\u{1F469}\u200D\u{1F467} family waved \u{1F44B}\u{1F3FF}.',
    'قال وزير الخارجية إن المحادثات كانت مثمرة.',
    'The cafe\u0301 sold \u{1F600} cakes to 外交部 staff.\r\nA second line.',
  ].join('\n\n');
  await pasteArticle(page, 'Unicode check', text);
  const wanted = [
    ['Zoe\u0308 Hart', 'actor'],
    ['\u{1F469}\u{1F3FD}\u200D\u{1F52C} lab team', 'actor'],
    ['\u{1F468}\u200D\u{1F469}\u200D\u{1F467} family waved \u{1F44B}\u{1F3FF}', 'claim'],
    ['وزير الخارجية', 'actor'],
    ['cafe\u0301', 'claim'],
    ['外交部', 'actor'],
  ];
  for (const [i, [exact, tag]] of wanted.entries()) {
    await dragSelect(page, exact);
    await page.waitForSelector('.selection-toolbar');
    await page.keyboard.press(tag[0]);
    await page.waitForFunction((n) => document.querySelectorAll('.annotation-list li').length === n, i + 1);
  }
  await reloadWhenSaved(page);
  await page.waitForSelector('.hl');
  const doc = Object.values(await storedDocuments(page)).find((d) => d.title === 'Unicode check');
  // The pasted text comes back from the textarea with \n line ends.
  const saved = doc.text;
  for (const [exact, tag] of wanted) {
    const a = doc.annotations.find((x) => x.exact === exact);
    assert.ok(a, `"${exact}" was saved exactly (saved: ${doc.annotations.map((x) => JSON.stringify(x.exact)).join(', ')})`);
    assert.equal(a.tag, tag);
    const start = cpLen(saved.slice(0, saved.indexOf(exact)));
    assert.deepEqual([a.start, a.end], [start, start + cpLen(exact)], `code point offsets of "${exact}"`);
  }
  assert.deepEqual(page.errors, []);
  await page.close();
});

test('clicking where annotations overlap offers all of them', async () => {
  const page = await openApp(app.context, app.url);
  await pasteArticle(page, 'Nested', 'Officials said "the minister Sam Vale will resign" today.');
  await dragSelect(page, '"the minister Sam Vale will resign"');
  await page.keyboard.press('q');
  await page.waitForSelector('.hl.t-quote');
  await dragSelect(page, 'Sam Vale');
  await page.keyboard.press('a');
  await page.waitForSelector('.hl.t-actor');
  await page.click('.hl.t-actor');
  await page.waitForSelector('.editor-tabs');
  const tabs = await page.locator('.editor-tab').allTextContents();
  assert.deepEqual(tabs.map((t) => t.split(' ')[0]), ['Quote', 'Actor']);
  assert.equal(await page.getAttribute('.editor-tab.selected', 'aria-selected'), 'true');
  assert.match(await page.textContent('.editor-tab.selected'), /^Actor/);
  // The nested segment shows both looks at once.
  const classes = await page.getAttribute('.hl.t-actor', 'class');
  assert.match(classes, /t-quote/);
  await page.click('.editor-tab:has-text("Quote")');
  assert.match(await page.textContent('.editor-quote'), /^"the minister/);
  await page.click('.editor .danger');
  await page.waitForSelector('.hl.t-quote', { state: 'detached' });
  assert.equal(await page.locator('.annotation-list li').count(), 1);
  assert.deepEqual(page.errors, []);
  await page.close();
});

test('the list filters by tag, and choosing an entry scrolls its span into view', async () => {
  const page = await openApp(app.context, app.url);
  await page.waitForSelector('.article .hl');
  const text = await page.textContent('.article');
  assert.ok((await page.locator('.article [aria-description*="Claim"]').count()) >= 1);
  await page.click('.chip:has-text("Quote 2")');
  assert.equal(await page.locator('.annotation-list li').count(), 2);
  assert.equal(await page.locator('.article .hl.t-claim').count(), 0, 'claims are hidden while only quotes are shown');
  assert.equal(await page.locator('.article [aria-description*="Claim"]').count(), 0, 'nor does a screen reader hear of them');
  assert.ok((await page.locator('.article .hl.t-quote').count()) >= 2);
  assert.equal(await page.textContent('.article'), text, 'the article reads the same');
  await page.click('.chip:has-text("All 5")');
  assert.equal(await page.locator('.annotation-list li').count(), 5);
  assert.ok((await page.locator('.article .hl.t-claim').count()) >= 1);

  const paragraphs = Array.from({ length: 40 }, (_, i) => `Paragraph ${i + 1} of a long report.`);
  paragraphs.push('At the very end, the auditor said the accounts were sound.');
  await pasteArticle(page, 'Long report', paragraphs.join('\n\n'));
  await dragSelect(page, 'the accounts were sound');
  await page.keyboard.press('c');
  await page.waitForSelector('.hl.t-claim');
  await page.evaluate(() => window.scrollTo(0, 0));
  const inView = () => page.evaluate(() => {
    const r = document.querySelector('.hl.t-claim').getBoundingClientRect();
    return r.top >= 0 && r.bottom <= window.innerHeight;
  });
  assert.equal(await inView(), false);
  await page.click('.annotation-list .entry');
  await page.waitForFunction(() => {
    const r = document.querySelector('.hl.t-claim').getBoundingClientRect();
    return r.top >= 0 && r.bottom <= window.innerHeight;
  });
  assert.equal(await inView(), true);
  assert.deepEqual(page.errors, []);
  await page.close();
});

test('a click elsewhere dismisses the tagging toolbar', async () => {
  const page = await openApp(app.context, app.url);
  await page.waitForSelector('.article .hl');
  await dragSelect(page, 'harbour islands');
  await page.waitForSelector('.selection-toolbar');
  await page.mouse.click(5, 400);
  await page.waitForSelector('.selection-toolbar', { state: 'detached' });
  await page.keyboard.press('c');
  assert.equal(await page.locator('.annotation-list li').count(), 5, 'a tag key without a selection tags nothing');
  await page.close();
});
