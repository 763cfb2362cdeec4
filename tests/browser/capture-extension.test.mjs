// The browser extension (extension/) loaded into Debian's Chromium: it captures a page
// served from a local origin and Newsmark (served from another) asks before adding it,
// then shows it with its address and capture time. Capturing the page again after it
// changed offers the new version with the annotations carried over. Too large a page and
// a damaged link are said clearly, and change nothing.
//
// A click on the toolbar button (the gesture that grants `activeTab`) cannot be scripted,
// so the test loads a copy of the extension whose manifest also asks for the test page's
// host, and calls the button's handler (`captureTab`) from the service worker; that host
// permission is the copy's only difference from extension/.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { serveDist, launch, saved, dragSelect, root, scratchDir } from './harness.mjs';

const fixtures = join(root, 'tests/browser/fixtures');
let app, browser, news, worker;
/** The ferry story as the news site serves it now (the test changes it). */
let story = readFileSync(join(fixtures, 'capture-ferry.html'), 'utf8');

before(async () => {
  const extension = scratchDir('extension');
  cpSync(join(root, 'extension'), extension, { recursive: true });
  const manifest = JSON.parse(readFileSync(join(extension, 'manifest.json'), 'utf8'));
  manifest.host_permissions = ['http://127.0.0.1/*'];
  writeFileSync(join(extension, 'manifest.json'), JSON.stringify(manifest));

  app = await serveDist();
  // The news site: another origin (another port) than Newsmark's.
  news = createServer((req, res) => {
    if (req.url === '/night-ferry') return res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(story);
    if (req.url === '/huge') {
      // Text that does not compress away: about 6 MB of made-up words.
      let words = '';
      let seed = 7;
      for (let i = 0; i < 900_000; i++) {
        seed = (seed * 1103515245 + 12345) % 2147483648;
        words += `${seed.toString(36)} `;
      }
      return res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(`<title>Huge</title><p>${words}</p>`);
    }
    res.writeHead(404).end('not found');
  });
  await new Promise((resolve) => news.listen(0, '127.0.0.1', resolve));
  news.url = `http://127.0.0.1:${news.address().port}/`;

  browser = await launch({ extension });
  worker = browser.context.serviceWorkers()[0] ?? (await browser.context.waitForEvent('serviceworker'));
});

after(async () => {
  await browser?.close();
  await app?.close();
  await new Promise((resolve) => news?.close(resolve));
});

/** Clicks the extension's button with `page` in front; resolves to the handler's answer. */
async function clickCapture(page) {
  await page.bringToFront();
  return worker.evaluate(async (url) => {
    const [tab] = await chrome.tabs.query({ url });
    return captureTab(tab);
  }, page.url());
}

/** Captures `page` and resolves to the Newsmark tab the extension opened. */
async function capture(page) {
  const opened = browser.context.waitForEvent('page');
  const answer = await clickCapture(page);
  assert.equal(answer.error, undefined, answer.error);
  const newsmark = await opened;
  newsmark.errors = [];
  newsmark.on('pageerror', (e) => newsmark.errors.push(String(e)));
  newsmark.on('console', (m) => { if (m.type() === 'error') newsmark.errors.push(m.text()); });
  return newsmark;
}

test('the extension loads with only activeTab and scripting, and its options page sets where Newsmark runs', async () => {
  const manifest = JSON.parse(await readFile(join(root, 'extension/manifest.json'), 'utf8'));
  assert.equal(manifest.manifest_version, 3);
  assert.deepEqual(manifest.permissions.sort(), ['activeTab', 'scripting']);
  assert.equal(manifest.host_permissions, undefined, 'no host permission');
  assert.equal(manifest.background.service_worker, 'background.js');
  assert.ok(manifest.browser_specific_settings.gecko.id);

  const id = new URL(worker.url()).host;
  const options = await browser.context.newPage();
  await options.goto(`chrome-extension://${id}/options.html`);
  await options.waitForFunction(() => document.querySelector('#address').value !== '');
  assert.equal(await options.inputValue('#address'), 'http://127.0.0.1:8080/', 'the scripts/serve.sh address by default');
  await options.fill('#address', 'javascript:alert(1)');
  await options.click('button[type=submit]');
  await options.waitForSelector('#status.error');
  assert.match(await options.textContent('#status'), /starts with http:\/\/ or https:\/\//);
  await options.fill('#address', app.url);
  await options.click('button[type=submit]');
  await options.waitForSelector('#status:has-text("Saved")');
  await options.close();
});

test('a captured page is asked about, then added with its address and capture time', async () => {
  const site = await browser.context.newPage();
  await site.goto(`${news.url}night-ferry`);
  const clicked = Date.now();
  const newsmark = await capture(site);
  await newsmark.waitForSelector('.capture-dialog h2:text-is("Add this captured page?")');
  assert.ok(!newsmark.url().includes('#'), 'the capture is cleared from the address at once');
  assert.match(await newsmark.textContent('.capture-dialog'), /Council votes to stop the night ferry.*The Eastquay Courier/s);
  await newsmark.click('#capture-add');
  await newsmark.waitForSelector('.article-title:text-is("Council votes to stop the night ferry")');
  const text = (await newsmark.locator('.article p').allTextContents()).join('\n');
  assert.match(text, /We cannot keep spending money on empty boats/);
  assert.doesNotMatch(text, /cookies|Shameful decision|newsletter/);
  // Where it came from and when: the page's canonical address and the moment of the click.
  assert.equal(await newsmark.getAttribute('.source a', 'href'), 'https://courier.example/2026/11/28/night-ferry');
  const captured = Date.parse(await newsmark.getAttribute('#provenance time.captured', 'datetime'));
  assert.ok(captured >= clicked - 1000 && captured <= Date.now(), 'captured when the button was clicked');
  assert.match(await newsmark.textContent('#provenance'), /Captured \d+ \w{3} \d{4}, \d\d:\d\d/);
  assert.equal(await newsmark.evaluate(() => window.__ran ?? null), null, 'nothing of the page ran in Newsmark');
  await saved(newsmark);
  assert.deepEqual(newsmark.errors, []);

  // Annotations, for the next capture to carry over.
  await dragSelect(newsmark, 'We cannot keep spending money on empty boats');
  await newsmark.keyboard.press('q');
  await newsmark.waitForSelector('.hl.t-quote');
  await dragSelect(newsmark, 'The ferry carried 40 passengers a night last winter');
  await newsmark.keyboard.press('c');
  await newsmark.waitForSelector('.hl.t-claim');
  await dragSelect(newsmark, 'Mara Olsen');
  await newsmark.keyboard.press('a');
  await newsmark.waitForSelector('.hl.t-actor');
  await newsmark.keyboard.press('Escape');
  await saved(newsmark);
  await newsmark.close();
  await site.close();
});

test('capturing the page again after it changed offers to open it or carry the annotations over', async () => {
  // The site changed the story: a paragraph added near the top, the nurse's quote removed.
  story = story
    .replace('<p>Councillor Petra Lindqvist', '<p>Update, 11:40: the harbour office has confirmed the last crossing will be on 28 February.</p>\n<p>Councillor Petra Lindqvist')
    .replace(/<p>Islanders who work late shifts[^]*?<\/p>/, '<p>Islanders who work late shifts at the hospital say they will have no way home.</p>');
  const site = await browser.context.newPage();
  await site.goto(`${news.url}night-ferry`);

  // First: open the one in the library.
  let newsmark = await capture(site);
  await newsmark.waitForSelector('.capture-dialog h2:text-is("This page is already in your library")');
  assert.match(await newsmark.textContent('#capture-earlier'), /“Council votes to stop the night ferry” from this address is in your library, captured .*, with 3 annotations\./);
  assert.equal(await newsmark.textContent('#capture-carry'),
    'Adding the new version carries them over: 0 kept exactly, 2 moved, 1 orphaned (listed beside the article, to place or drop).');
  assert.equal(await newsmark.evaluate(() => document.activeElement.id), 'capture-open');
  await newsmark.click('#capture-open');
  await newsmark.waitForSelector('.capture-dialog', { state: 'detached' });
  assert.equal(await newsmark.locator('.library-item').count(), 2, 'the sample and the first capture');
  assert.equal(await newsmark.locator('.hl').count() >= 3, true);
  await newsmark.close();

  // Then: the new version, with the annotations carried over.
  newsmark = await capture(site);
  await newsmark.waitForSelector('#capture-carry');
  await newsmark.click('#capture-add');
  await newsmark.waitForSelector('.notice.info:has-text("Added the new version")');
  assert.match(await newsmark.textContent('.notice.info'), /3 annotations carried over: 0 kept exactly, 2 moved, 1 orphaned\./);
  assert.match((await newsmark.locator('.article p').allTextContents()).join('\n'), /Update, 11:40/);
  assert.deepEqual((await newsmark.locator('.hl.t-quote').allTextContents()).join(''), 'We cannot keep spending money on empty boats');
  assert.deepEqual((await newsmark.locator('.hl.t-claim').allTextContents()).join(''), 'The ferry carried 40 passengers a night last winter');
  // The nurse's words are gone from the page: her mention waits in the orphan list.
  await newsmark.waitForSelector('.orphan:has-text("Mara Olsen")');
  assert.equal(await newsmark.locator('.library-item').count(), 3, 'both versions are kept');
  await saved(newsmark);
  assert.deepEqual(newsmark.errors, []);
  await newsmark.close();
  await site.close();
});

test('too large a page is said by the extension, and a damaged link by Newsmark; neither changes the library', async () => {
  const site = await browser.context.newPage();
  await site.goto(`${news.url}huge`);
  const said = site.waitForEvent('dialog');
  // The handler answers once the person has read the message and closed it.
  const answering = clickCapture(site);
  const dialog = await said;
  assert.match(dialog.message(), /This page is too large to send to Newsmark \(\d+\.\d MB compressed; at most 2 MB\)\. Save it with Ctrl\+S and open the \.html file in Newsmark instead\./);
  await dialog.dismiss();
  assert.equal((await answering).error, dialog.message());
  assert.equal(browser.context.pages().filter((p) => p.url().startsWith(app.url)).length, 0, 'Newsmark was not opened');
  await site.close();

  const newsmark = await browser.context.newPage();
  newsmark.errors = [];
  newsmark.on('pageerror', (e) => newsmark.errors.push(String(e)));
  await newsmark.goto(`${app.url}#capture=H4sIAAAAAAAA_damaged`);
  await newsmark.waitForSelector('.notice.error');
  assert.match(await newsmark.textContent('.notice.error'), /The captured page was not added\..*The capture link is damaged.*capture the page again/s);
  assert.ok(!newsmark.url().includes('#'));
  assert.equal(await newsmark.locator('.library-item').count(), 3, 'the library is as it was');
  assert.deepEqual(newsmark.errors, []);
  await newsmark.close();
});
