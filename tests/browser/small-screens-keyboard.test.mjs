// Small screens and the keyboard: menus and popovers inside the window at every width, a
// phone (upright or on its side) that starts with the article under a compact header, no
// view wider than a phone, a skip link, an Export menu worked with the arrow keys,
// dialogs that keep the keyboard inside them and give it back, and Escape from the
// annotation list.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { readFile } from 'node:fs/promises';
import { useApp, openApp, dragMouse, pasteArticle, root } from './harness.mjs';

const app = useApp();
const PHONE = { width: 390, height: 844 };
const WIDTHS = [
  { width: 390, height: 844 },
  { width: 768, height: 1024 },
  { width: 1280, height: 800 },
  { width: 1920, height: 1080 },
];

/** The part of the window a person sees, without scroll bars. */
const windowBox = (page) =>
  page.evaluate(() => ({ width: document.documentElement.clientWidth, height: document.documentElement.clientHeight }));

/** Says how `selector`'s box lies off the window, or nothing if it lies inside. */
async function offWindow(page, selector) {
  const box = await page.locator(selector).boundingBox();
  assert.ok(box, `${selector} is shown`);
  const view = await windowBox(page);
  const off = [];
  if (box.x < 0) off.push(`${-box.x}px off the left`);
  if (box.y < 0) off.push(`${-box.y}px off the top`);
  if (box.x + box.width > view.width) off.push(`${box.x + box.width - view.width}px off the right`);
  if (box.y + box.height > view.height) off.push(`${box.y + box.height - view.height}px off the bottom`);
  return off.join(', ');
}

/**
 * Selects, by dragging the mouse, a word of the article's first paragraphs that lies at
 * the left (or right) edge of the text as it is laid out, and returns it.
 */
async function selectWordAtEdge(page, edge) {
  // After a resize the layout follows in later frames (the header folds, the notices band
  // is measured): wait until the article stays put for two frames before picking a word.
  await page.waitForFunction(() => {
    const top = () => document.querySelector('.article').getBoundingClientRect().top;
    const before = top();
    return new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(() => done(top() === before))));
  });
  const word = await page.evaluate((edge) => {
    const article = document.querySelector('.article');
    const walker = document.createTreeWalker(article, NodeFilter.SHOW_TEXT);
    let best = null;
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      for (const m of n.data.matchAll(/\p{L}{3,}/gu)) {
        const range = document.createRange();
        range.setStart(n, m.index);
        range.setEnd(n, m.index + m[0].length);
        const rect = range.getClientRects()[0];
        if (!rect || rect.top < 0 || rect.bottom > innerHeight - 40) continue;
        // Only a word the mouse can reach: not under the sticky header or the notices.
        const y = rect.top + rect.height / 2;
        const reachable = (x) => n.parentElement.contains(document.elementFromPoint(x, y));
        if (!reachable(rect.left + 1) || !reachable(rect.right - 1)) continue;
        const score = edge === 'left' ? -rect.left : rect.right;
        if (!best || score > best.score) best = { score, text: m[0], rect: { left: rect.left, right: rect.right, y: rect.top + rect.height / 2 } };
      }
    }
    return best;
  }, edge);
  assert.ok(word, `a word at the ${edge} edge is on the screen`);
  await dragMouse(page, { x: word.rect.left, y: word.rect.y }, { x: word.rect.right, y: word.rect.y });
  await page.waitForSelector('.selection-toolbar');
  return word.text;
}

/** Where keyboard focus is: an element's id, else its tag and first class. */
const focused = (page) =>
  page.evaluate(() => {
    const a = document.activeElement;
    return a.id || `${a.tagName.toLowerCase()}${a.classList.length ? `.${a.classList[0]}` : ''}`;
  });

/** The article's first paragraph scrolled to the middle of the window. */
const showArticle = (page) =>
  page.evaluate(() => document.querySelector('.article p').scrollIntoView({ block: 'center' }));

test('the Export menu is not clipped on the left ("ewsmark JSON") at 390, 768, 1280 or 1920 px', async () => {
  const page = await openApp(app.context, app.url);
  for (const size of WIDTHS) {
    await page.setViewportSize(size);
    await page.waitForSelector('.article .hl');
    await page.evaluate(() => window.scrollTo(0, 0));
    await page.click('#export-button');
    await page.waitForSelector('.menu-list');
    assert.equal(await offWindow(page, '.menu-list'), '', `the Export menu at ${size.width} px`);
    // Every entry's name is there to read, from its first letter.
    const first = page.locator('.menu-list [data-format=newsmark] .menu-label');
    assert.equal(await first.textContent(), 'Newsmark JSON');
    assert.ok((await first.boundingBox()).x >= 0, `"Newsmark JSON" starts inside the window at ${size.width} px`);
    await page.keyboard.press('Escape');
    await page.waitForSelector('.menu-list', { state: 'detached' });
  }
  assert.deepEqual(page.errors, []);
  await page.close();
});

test('the selection toolbar stays inside the window by a word at either edge of the text, at every width', async () => {
  const page = await openApp(app.context, app.url);
  for (const size of WIDTHS) {
    await page.setViewportSize(size);
    await page.waitForSelector('.article .hl');
    for (const edge of ['left', 'right']) {
      await showArticle(page);
      const word = await selectWordAtEdge(page, edge);
      assert.equal(await offWindow(page, '.selection-toolbar'), '', `the toolbar by “${word}” (${edge} edge) at ${size.width} px`);
      await page.keyboard.press('Escape');
      await page.waitForSelector('.selection-toolbar', { state: 'detached' });
    }
  }
  assert.deepEqual(page.errors, []);
  await page.close();
});

test('on a phone the header is compact and the article comes before the library', async () => {
  const page = await openApp(app.context, app.url);
  await page.setViewportSize(PHONE);
  await page.waitForSelector('.article .hl');
  await page.evaluate(() => window.scrollTo(0, 0));
  const header = await page.locator('.topbar').boundingBox();
  const share = header.height / PHONE.height;
  assert.ok(share <= 0.12, `the header takes ${(share * 100).toFixed(1)}% of the height`);

  // The article's title is on the first screen, and the text comes before the library.
  const title = await page.locator('.article-title').boundingBox();
  assert.ok(title.y + title.height <= PHONE.height, `the title ends at ${title.y + title.height} px`);
  const article = await page.locator('.article').boundingBox();
  const library = await page.locator('.library').boundingBox();
  assert.ok(article.y < library.y, 'the article is above the library');
  // The guide is there, folded to its heading, and opens.
  assert.equal(await page.locator('.guide ol').isVisible(), false);
  await page.click('.guide button:has-text("Show the steps")');
  await page.waitForSelector('.guide ol', { state: 'visible' });

  // The Export menu opens from the scrolling row of actions, inside the window.
  await page.click('#export-button');
  assert.equal(await offWindow(page, '.menu-list'), '');
  await page.keyboard.press('Escape');

  // Selecting a word at the left edge of the screen keeps the toolbar on the screen, and it tags.
  await showArticle(page);
  const word = await selectWordAtEdge(page, 'left');
  assert.equal(await offWindow(page, '.selection-toolbar'), '', `the toolbar by “${word}”`);
  await page.click('.selection-toolbar [data-tag=claim]');
  await page.waitForSelector(`.hl.t-claim:text-is("${word}")`);
  assert.deepEqual(page.errors, []);
  await page.close();
});

test('on a touch phone the selection toolbar waits at the bottom of the screen, clear of the selection', async () => {
  const page = await openApp(app.context, app.url);
  await page.setViewportSize(PHONE);
  const cdp = await app.context.newCDPSession(page);
  await cdp.send('Emulation.setTouchEmulationEnabled', { enabled: true, maxTouchPoints: 5 });
  assert.ok(await page.evaluate(() => matchMedia('(pointer: coarse)').matches), 'the page sees a touch screen');
  await page.waitForSelector('.article .hl');
  await showArticle(page);
  const word = await selectWordAtEdge(page, 'left');
  assert.equal(await offWindow(page, '.selection-toolbar'), '', `the toolbar by “${word}”`);
  const bar = await page.locator('.selection-toolbar').boundingBox();
  assert.ok(bar.y + bar.height > PHONE.height - 60, `the toolbar ends at ${bar.y + bar.height} px, at the bottom`);
  const selected = await page.evaluate(() => {
    const r = getSelection().getRangeAt(0).getBoundingClientRect();
    return { top: r.top, bottom: r.bottom };
  });
  assert.ok(bar.y > selected.bottom || bar.y + bar.height < selected.top, 'the toolbar does not cover the selected word');
  await page.click('.selection-toolbar [data-tag=quote]');
  await page.waitForSelector(`.hl.t-quote:text-is("${word}")`);
  await cdp.detach();
  assert.deepEqual(page.errors, []);
  await page.close();
});

test('on a 1280 × 800 screen the header keeps to two rows, the save state beside the name, and the side columns stick below it', async () => {
  const page = await openApp(app.context, app.url);
  await page.setViewportSize({ width: 1280, height: 800 });
  await page.waitForSelector('.article .hl');
  const header = await page.locator('.topbar').boundingBox();
  assert.ok(header.height / 800 <= 0.125, `the header takes ${((header.height / 800) * 100).toFixed(1)}% of the height`);
  const name = await page.locator('.brand').boundingBox();
  const state = await page.locator('.save-state').boundingBox();
  assert.ok(state.y < name.y + name.height, 'the save state is on the name’s row');
  // Scrolled down, the library and the panel stay whole below the header.
  await page.evaluate(() => window.scrollTo(0, 600));
  const below = await page.evaluate(() => ['.library', '.panel'].map((s) => document.querySelector(s).getBoundingClientRect().top));
  for (const top of below) assert.ok(top >= header.height, `a side column starts at ${top} px, under the ${header.height} px header`);
  assert.deepEqual(page.errors, []);
  await page.close();
});

test('a phone on its side (844 × 390) keeps a one-row header that scrolls away with the page, and the guide folded', async () => {
  const page = await openApp(app.context, app.url);
  await page.setViewportSize({ width: 844, height: 390 });
  await page.waitForSelector('.article .hl');
  await page.evaluate(() => window.scrollTo(0, 0));
  const header = await page.locator('.topbar').boundingBox();
  assert.ok(header.height / 390 <= 0.22, `the header takes ${((header.height / 390) * 100).toFixed(1)}% of the height`);
  assert.equal(await page.locator('.guide ol').isVisible(), false, 'the guide is folded');
  await page.click('#export-button');
  assert.equal(await offWindow(page, '.menu-list'), '', 'the Export menu');
  await page.keyboard.press('Escape');
  await showArticle(page);
  const after = await page.locator('.topbar').boundingBox();
  assert.ok(after.y + after.height <= 0, 'reading, the header has scrolled away');
  assert.deepEqual(page.errors, []);
  await page.close();
});

test('on a phone no view scrolls sideways: reading, editing, a checked exercise, comparing, the gradebook', async () => {
  const page = await openApp(app.context, app.url);
  await page.setViewportSize(PHONE);
  await page.waitForSelector('.article .hl');
  const sideways = () => page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  assert.equal(await sideways(), 0, 'reading');
  await page.click('.hl.t-claim');
  await page.waitForSelector('.editor');
  assert.equal(await sideways(), 0, 'editing');
  await page.keyboard.press('Escape');
  await page.waitForSelector('.editor', { state: 'detached' });
  await page.click('#sample-class');
  await page.click('.library-title:has-text("Student B")');
  await page.click('#check-work');
  await page.waitForSelector('.check-dialog');
  assert.equal(await sideways(), 0, 'the confirmation before checking');
  await page.click('#check-confirm');
  await page.waitForSelector('.scores');
  assert.equal(await sideways(), 0, 'a checked exercise');
  await page.click('#compare-button');
  await page.waitForSelector('.compare .matrix');
  assert.equal(await sideways(), 0, 'comparing');
  const problems = await audit(page, 'phone compare');
  await page.click('#gradebook-button');
  await page.waitForSelector('#gradebook-table');
  assert.equal(await sideways(), 0, 'the gradebook');
  assert.deepEqual(problems, [], problems.join('\n'));
  assert.deepEqual(page.errors, []);
  await page.close();
});

test('the first Tab stop is a skip link that takes the keyboard to the article', async () => {
  const page = await openApp(app.context, app.url);
  await page.waitForSelector('.article .hl');
  const hidden = await page.locator('.skip-link').boundingBox();
  assert.ok(hidden.y + hidden.height <= 0, 'the skip link is out of sight until it has focus');
  await page.keyboard.press('Tab');
  assert.equal(await page.evaluate(() => document.activeElement.textContent), 'Skip to the article');
  assert.equal(await offWindow(page, '.skip-link'), '', 'the skip link shows while it has focus');
  await page.keyboard.press('Enter');
  await page.waitForFunction(() => document.activeElement?.classList.contains('article'));
  // The text is not hidden under the header, and the arrow keys work at once.
  const header = await page.locator('.topbar').boundingBox();
  const firstLine = await page.locator('.article p >> nth=0').boundingBox();
  assert.ok(firstLine.y >= header.y + header.height, 'the first line is below the header');
  await page.keyboard.press('Shift+ArrowRight');
  await page.keyboard.press('Shift+ArrowRight');
  await page.keyboard.press('Shift+ArrowRight');
  await page.waitForSelector('.selection-toolbar');
  assert.equal(await page.textContent('.selection-preview'), '“The”');
  assert.deepEqual(page.errors, []);
  await page.close();
});

test('the Export menu works from the keyboard: it opens on its first entry, the arrows move, Tab leaves it, Escape gives focus back to its button', async () => {
  const page = await openApp(app.context, app.url);
  await page.waitForSelector('.article .hl');
  await page.focus('#export-button');
  await page.keyboard.press('Enter');
  await page.waitForSelector('.menu-list');
  const entry = () => page.evaluate(() => document.activeElement.dataset.format ?? document.activeElement.id);
  assert.equal(await entry(), 'newsmark');
  await page.keyboard.press('ArrowDown');
  assert.equal(await entry(), 'w3c');
  await page.keyboard.press('End');
  assert.equal(await entry(), 'report');
  await page.keyboard.press('ArrowDown');
  assert.equal(await entry(), 'newsmark', 'down from the last entry goes round to the first');
  await page.keyboard.press('ArrowUp');
  assert.equal(await entry(), 'report');
  await page.keyboard.press('Escape');
  await page.waitForSelector('.menu-list', { state: 'detached' });
  assert.equal(await entry(), 'export-button');
  // Tab leaves the menu, which closes.
  await page.keyboard.press('Enter');
  await page.waitForSelector('.menu-list');
  await page.keyboard.press('Tab');
  await page.waitForSelector('.menu-list', { state: 'detached' });
  assert.equal(await entry(), 'print-button');
  // Enter on an entry downloads it.
  await page.keyboard.press('Shift+Tab');
  await page.keyboard.press('Enter');
  const [download] = await Promise.all([page.waitForEvent('download'), page.keyboard.press('Enter')]);
  assert.match(download.suggestedFilename(), /\.newsmark\.json$/);
  assert.deepEqual(page.errors, []);
  await page.close();
});

/**
 * Opens the dialog `name` with the keyboard from the button `opener`, checks that Tab and
 * Shift+Tab, pressed more times than it has controls, keep focus inside it, closes it
 * with Escape, and checks that focus is back on the button.
 */
async function tabStaysIn(page, opener, name) {
  const button = await page.$(opener);
  await button.focus();
  await page.keyboard.press('Enter');
  const dialog = page.getByRole('dialog', { name });
  await dialog.waitFor();
  const inside = () => page.evaluate(() => !!document.activeElement?.closest('dialog[open]'));
  for (const key of ['Tab', 'Shift+Tab']) {
    for (let i = 0; i < 14; i++) {
      await page.keyboard.press(key);
      assert.ok(await inside(), `${key} ${i + 1} times in “${name}” left focus on ${await focused(page)}`);
    }
  }
  await page.keyboard.press('Escape');
  await dialog.waitFor({ state: 'detached' });
  // The button as the page now has it: a view of the rest of the app (Make exercise) is
  // drawn anew when the first load hands the page over to the whole app.
  assert.ok(await page.evaluate((b) => document.activeElement === b, await page.$(opener)), `focus is back on the button that opened “${name}”`);
}

test('Tab and Shift+Tab cannot leave the Add-article, Make-exercise or Choose-tags dialogs, and closing gives focus back', async () => {
  const page = await openApp(app.context, app.url);
  await page.waitForSelector('.article .hl');
  await tabStaysIn(page, '.topbar button:has-text("Add article")', 'Add an article');
  await tabStaysIn(page, '#make-exercise', 'Make an exercise');
  // Choosing tags for what a Hypothesis import left out.
  const fixtures = join(root, 'crates/newsmark-core/tests/fixtures/hypothesis');
  await pasteArticle(page, 'River report', await readFile(join(fixtures, 'article.txt'), 'utf8'));
  await page.setInputFiles('#import-file', join(fixtures, 'search.json'));
  await page.waitForSelector('#choose-tags');
  await tabStaysIn(page, '#choose-tags', 'Choose tags');
  assert.deepEqual(page.errors, []);
  await page.close();
});

test('closing the shortcuts sheet gives focus back to the Keys button, or to the text it was opened from', async () => {
  const page = await openApp(app.context, app.url);
  await page.waitForSelector('.article .hl');
  await page.click('#shortcuts-button');
  await page.waitForSelector('.shortcuts');
  await page.keyboard.press('Enter'); // The close button has the focus.
  await page.waitForSelector('.shortcuts', { state: 'detached' });
  assert.equal(await focused(page), 'shortcuts-button');

  await page.keyboard.press('Enter');
  await page.waitForSelector('.shortcuts');
  await page.keyboard.press('Escape');
  await page.waitForSelector('.shortcuts', { state: 'detached' });
  assert.equal(await focused(page), 'shortcuts-button');

  await page.focus('.article');
  await page.keyboard.press('?');
  await page.waitForSelector('.shortcuts');
  await page.keyboard.press('Escape');
  await page.waitForSelector('.shortcuts', { state: 'detached' });
  assert.equal(await focused(page), 'article');
  // `?` shows and hides it; keys pressed in it never reach the page behind.
  for (let i = 0; i < 3; i++) await page.keyboard.press('Shift+ArrowRight');
  await page.keyboard.press('c');
  await page.waitForSelector('.hl.t-claim:text-is("The")');
  await page.keyboard.press('?');
  await page.waitForSelector('.shortcuts');
  await page.keyboard.press('Control+z');
  await page.keyboard.press('?');
  await page.waitForSelector('.shortcuts', { state: 'detached' });
  assert.equal(await focused(page), 'article');
  assert.equal(await page.locator('.hl.t-claim:text-is("The")').count(), 1, 'Ctrl+Z in the sheet undid nothing behind it');
  assert.deepEqual(page.errors, []);
  await page.close();
});

test('Escape from an entry of the annotation list returns to the text, at that annotation', async () => {
  const page = await openApp(app.context, app.url);
  await page.waitForSelector('.article .hl');
  // Tab from the search field to the claim's entry in the list.
  await page.focus('#search');
  const claim = '.entry:has(.badge.tag-claim)';
  for (let i = 0; i < 12 && !(await page.evaluate((c) => document.activeElement === document.querySelector(c), claim)); i++) {
    await page.keyboard.press('Tab');
  }
  assert.match(await page.evaluate(() => document.activeElement.textContent), /each night crossing/);
  await page.keyboard.press('Escape');
  await page.waitForFunction(() => document.activeElement?.classList.contains('article'));
  // The caret is at the claim: Enter edits it.
  await page.keyboard.press('Enter');
  await page.waitForSelector('.editor');
  assert.match(await page.textContent('.editor-quote'), /each night crossing now costs the city/);

  // The same from an entry chosen with the mouse, whose editor is open.
  await page.click('.entry:has-text("In winter the boat is full")');
  await page.waitForFunction(() => /In winter the boat is full/.test(document.querySelector('.editor-quote')?.textContent));
  await page.keyboard.press('Escape');
  await page.waitForFunction(() => document.activeElement?.classList.contains('article'));
  await page.waitForSelector('.editor', { state: 'detached' });
  await page.keyboard.press('Enter');
  await page.waitForFunction(() => /In winter the boat is full/.test(document.querySelector('.editor-quote')?.textContent));
  assert.deepEqual(page.errors, []);
  await page.close();
});

test('axe-core finds no accessibility violations at phone size (390 × 844)', async () => {
  const page = await openApp(app.context, app.url);
  await page.setViewportSize(PHONE);
  await page.waitForSelector('.article .hl');
  const problems = [...(await audit(page, 'phone reading view'))];
  await page.click('#export-button');
  problems.push(...(await audit(page, 'phone export menu')));
  await page.keyboard.press('Escape');
  await showArticle(page);
  await selectWordAtEdge(page, 'left');
  problems.push(...(await audit(page, 'phone selection toolbar')));
  await page.keyboard.press('Escape');
  await page.click('.topbar button:has-text("Add article")');
  problems.push(...(await audit(page, 'phone add-article dialog')));
  await page.keyboard.press('Escape');
  await page.click('.theme-toggle');
  await page.click('.guide button:has-text("Show the steps")');
  problems.push(...(await audit(page, 'phone reading view, dark, guide open')));
  await page.click('#shortcuts-button');
  await page.waitForSelector('.shortcuts');
  problems.push(...(await audit(page, 'phone shortcuts, dark')));
  assert.deepEqual(problems, [], problems.join('\n'));
  assert.deepEqual(page.errors, []);
  await page.close();
});

/** axe-core's WCAG 2.1 A and AA violations on the page, as in accessibility.test.mjs. */
async function audit(page, screen) {
  if (!(await page.evaluate(() => 'axe' in window))) {
    await page.evaluate(await readFile(join(root, 'node_modules/axe-core/axe.min.js'), 'utf8'));
  }
  const result = await page.evaluate(() =>
    window.axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } }),
  );
  return result.violations.map(
    (v) => `${screen}: ${v.id} (${v.impact}): ${v.help}\n    ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join('\n    ')}`,
  );
}
