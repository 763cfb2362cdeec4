// Shared set-up for the browser tests: serve the built app from dist/ on a free
// localhost port and drive Debian's headless Chromium with playwright-core.

import { createServer } from 'node:http';
import { readFile, stat } from 'node:fs/promises';
import { extname, join, normalize } from 'node:path';
import { fileURLToPath } from 'node:url';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { chromium } from 'playwright-core';
import { before, after } from 'node:test';
import { allowClassServers } from '../../scripts/class-servers.mjs';

export const root = fileURLToPath(new URL('../../', import.meta.url));
const dist = join(root, 'dist');

const types = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript',
  '.wasm': 'application/wasm',
  '.css': 'text/css',
  '.png': 'image/png',
  '.json': 'application/json',
};

/**
 * Serves dist/ on 127.0.0.1; resolves to { url, close }. `classServers` (origins) are
 * added to the page's connect-src, as a deployment does (scripts/class-servers.mjs).
 */
export async function serveDist({ classServers = [] } = {}) {
  await stat(join(dist, 'index.html')).catch(() => {
    throw new Error('dist/index.html is missing: build the app first (scripts/test.sh does)');
  });
  const server = createServer(async (req, res) => {
    const path = normalize(decodeURIComponent(new URL(req.url, 'http://x').pathname)).replace(/^(\.\.[/\\])+/, '');
    if (path === '/blank') {
      // An empty page of the same origin, on which storage can be cleared without the app running.
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end('<!doctype html><title>blank</title><link rel="icon" href="data:,">');
      return;
    }
    const file = join(dist, path.endsWith('/') ? 'index.html' : path);
    try {
      let body = await readFile(file);
      if (file.endsWith('index.html') && classServers.length) body = allowClassServers(body.toString('utf8'), classServers);
      res.writeHead(200, { 'content-type': types[extname(file)] ?? 'application/octet-stream', 'cache-control': 'no-store' });
      res.end(body);
    } catch {
      res.writeHead(404).end('not found');
    }
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address();
  return { url: `http://127.0.0.1:${port}/`, close: () => new Promise((r) => server.close(r)) };
}

const FLAGS = [
  '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage',
];

/** A folder for a test file's own files (`newsmark-NAME-…` under the system's temporary
 * folder), removed when the test process ends. */
export function scratchDir(name) {
  const dir = mkdtempSync(join(tmpdir(), `newsmark-${name}-`));
  process.on('exit', () => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

/**
 * Launches Chromium with a fresh profile; resolves to { context, close }. `preferences`
 * are written into the profile first (as the browser's settings page would); `extension`
 * is the folder of an unpacked extension to load, as "Load unpacked" does; `serviceWorkers:
 * 'block'` keeps the service worker out (a visit before it has kept the app's files).
 */
export async function launch({ preferences, extension, serviceWorkers = 'allow' } = {}) {
  const profile = mkdtempSync(join(tmpdir(), 'newsmark-chromium-'));
  if (preferences) {
    mkdirSync(join(profile, 'Default'));
    writeFileSync(join(profile, 'Default', 'Preferences'), JSON.stringify(preferences));
  }
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
    headless: true,
    args: extension ? [...FLAGS, `--disable-extensions-except=${extension}`, `--load-extension=${extension}`] : FLAGS,
    ignoreDefaultArgs: extension ? ['--enable-automation', '--disable-extensions'] : ['--enable-automation'],
    viewport: { width: 1400, height: 900 },
    acceptDownloads: true,
    serviceWorkers,
  });
  return {
    context,
    close: async () => {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

/**
 * Opens the app in a new page with empty storage (unless `keepStorage`), failing the
 * test on any page error or console error, and waits until the app has rendered and
 * read its library. `initScript` runs in the page before the app (fault injection).
 */
export async function openApp(context, url, { keepStorage = false, initScript } = {}) {
  if (!keepStorage) {
    // A fresh start: no page of an earlier test (one that failed before closing it) may
    // keep the library open or write to it after it is cleared.
    for (const other of context.pages()) await other.close();
  }
  const page = await context.newPage();
  if (initScript) await page.addInitScript(initScript);
  if (!keepStorage) {
    // Clear storage from a page of the same origin on which the app is not running,
    // so that nothing the app does can write to storage after the clearing.
    await page.goto(`${url}blank`);
    await clearStorage(page);
  }
  page.errors = [];
  page.on('pageerror', (e) => page.errors.push(String(e)));
  page.on('console', (m) => { if (m.type() === 'error') page.errors.push(m.text()); });
  page.on('dialog', (d) => {
    // The only dialog the app opens by itself is the one that asks before leaving with
    // unsaved work; a test that meets it reloaded or navigated before a save finished.
    const what = d.type() === 'beforeunload' ? 'the page asked to stay: it was left before its work was saved' : d.message();
    page.errors.push(`unexpected dialog: ${what}`);
    d.dismiss();
  });
  await page.goto(url);
  await page.waitForSelector('.topbar');
  await page.waitForSelector('#loading-library', { state: 'detached' });
  // A first visit stores the sample article; until that is written, leaving the page
  // would (rightly) ask for confirmation.
  await saved(page);
  return page;
}

/**
 * Waits until the header says everything is stored. The header says "Saving…" in the
 * same render that shows an edit, so wait for the edit to show before calling this.
 */
export async function saved(page) {
  await page.waitForFunction(() => document.querySelector('.save-state')?.textContent === 'Saved in this browser');
}

/**
 * Reloads the page once the header says the latest change is stored, as a person who
 * wants to keep their work would. (Reloading earlier makes the page ask whether to leave,
 * and the reload never happens.)
 */
export async function reloadWhenSaved(page) {
  await saved(page);
  await page.reload();
}

/**
 * Selects `text` (its `nth` occurrence) in the article by dragging the mouse from the
 * caret before its first character to the caret after its last, as a person would.
 */
export async function dragSelect(page, text, nth = 0) {
  const points = await page.evaluate(([text, nth]) => {
    const article = document.querySelector('.article');
    const walker = document.createTreeWalker(article, NodeFilter.SHOW_TEXT);
    const nodes = [];
    let all = '';
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      nodes.push([n, all.length]);
      all += n.data;
    }
    let at = -1;
    for (let i = 0; i <= nth; i++) at = all.indexOf(text, at + 1);
    if (at < 0) throw new Error(`"${text}" is not in the article`);
    const locate = (offset, preferNext) => {
      for (let i = 0; i < nodes.length; i++) {
        const [n, start] = nodes[i];
        const end = start + n.data.length;
        if (offset < end || (offset === end && !preferNext) || i === nodes.length - 1) return [n, offset - start];
      }
    };
    const caret = ([node, offset]) => {
      const r = document.createRange();
      r.setStart(node, offset);
      r.setEnd(node, offset);
      const rect = r.getClientRects()[0] ?? r.getBoundingClientRect();
      return { x: rect.left, y: rect.top + rect.height / 2 };
    };
    const first = locate(at, true);
    first[0].parentElement.scrollIntoView({ block: 'center' });
    return [caret(first), caret(locate(at + text.length, false))];
  }, [text, nth]);
  await dragMouse(page, ...points);
}

/** Presses the mouse at `from`, drags it to `to` in small steps, and lets go. */
export async function dragMouse(page, from, to) {
  await page.mouse.move(from.x, from.y);
  await page.mouse.down();
  await page.mouse.move((from.x + to.x) / 2, (from.y + to.y) / 2, { steps: 4 });
  await page.mouse.move(to.x, to.y, { steps: 4 });
  await page.mouse.up();
}

/**
 * Empties local storage and deletes the library database. Run it on a page of the app's
 * origin; an app tab still open elsewhere lets go of the database when asked.
 */
export async function clearStorage(page) {
  await page.evaluate(() => {
    localStorage.clear();
    return new Promise((resolve, reject) => {
      const request = indexedDB.deleteDatabase('newsmark');
      request.onsuccess = resolve;
      request.onerror = () => reject(request.error);
      request.onblocked = () => setTimeout(() => reject(new Error('the library database is held open')), 5000);
    });
  });
}

/**
 * Every record in one store of the library database: [{ key, value }]. The store
 * `records` holds today's layout (a document's head, text, each annotation, and its
 * lists of attributions, actors and orphans, keyed by [document id, part, (annotation
 * id)]); `documents` holds what the previous version stored whole and could not be read.
 */
export async function storedRecords(page, store = 'records') {
  return page.evaluate((store) => new Promise((resolve, reject) => {
    const open = indexedDB.open('newsmark');
    open.onerror = () => reject(open.error);
    open.onsuccess = () => {
      const db = open.result;
      if (!db.objectStoreNames.contains(store)) {
        db.close();
        resolve([]);
        return;
      }
      const tx = db.transaction(store);
      const keys = tx.objectStore(store).getAllKeys();
      const values = tx.objectStore(store).getAll();
      values.onsuccess = () => {
        db.close();
        resolve(keys.result.map((key, i) => ({ key, value: values.result[i] })));
      };
      values.onerror = () => reject(values.error);
    };
  }), store);
}

/**
 * The stored Newsmark documents, put together from their records as the saved format
 * writes them: { [documentId]: document }.
 */
export async function storedDocuments(page) {
  const docs = {};
  const annotations = {};
  for (const { key: [id, part, annotation], value } of await storedRecords(page)) {
    docs[id] ??= {};
    if (part === 'head') docs[id] = { ...JSON.parse(value), ...docs[id] };
    else if (part === 'text') docs[id].text = value;
    else if (part === 'annotation') (annotations[id] ??= []).push(JSON.parse(value));
    else docs[id][part] = JSON.parse(value);
  }
  // Annotations in text order: by start, longer spans first, then by id.
  const order = (a, b) => a.start - b.start || b.end - a.end || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
  for (const [id, doc] of Object.entries(docs)) doc.annotations = (annotations[id] ?? []).sort(order);
  return docs;
}

/**
 * Writes raw records into the store `documents` of the library database, where the
 * previous version kept each document whole ({ id, title, updated, document }, the
 * document in the saved format). The app moves readable ones into today's records on
 * its next start, and leaves the others there, reported.
 */
export async function putRecords(page, records) {
  await page.evaluate((records) => new Promise((resolve, reject) => {
    const open = indexedDB.open('newsmark');
    open.onupgradeneeded = () => open.result.createObjectStore('documents');
    open.onerror = () => reject(open.error);
    open.onsuccess = () => {
      const db = open.result;
      const tx = db.transaction('documents', 'readwrite');
      for (const { key, value } of records) tx.objectStore('documents').put(value, key);
      tx.oncomplete = () => { db.close(); resolve(); };
      tx.onerror = () => reject(tx.error);
    };
  }), records);
}

/** Adds an article through the "Add article" dialog. */
export async function pasteArticle(page, title, text) {
  await page.click('button:has-text("Add article")');
  await page.fill('#paste-title', title);
  await page.fill('#paste-text', text);
  await page.click('form.paste-form button[type=submit]');
  await page.waitForSelector(`.article-title:text-is(${JSON.stringify(title)})`);
}

/** Code point length of a JS string (what Newsmark's offsets count). */
export const cpLen = (s) => [...s].length;

/**
 * Registers before/after hooks that serve the app and launch Chromium for a test file.
 * Returns an object whose `url` and `context` are filled in once the hooks have run.
 * `classServers` (origins, or an async function giving them once the test file has
 * started its servers) are added to the page's connect-src, as a deployment does.
 */
export function useApp({ classServers = [] } = {}) {
  const app = {};
  let server, browser;
  before(async () => {
    server = await serveDist({ classServers: await (typeof classServers === 'function' ? classServers() : classServers) });
    browser = await launch();
    app.url = server.url;
    app.context = browser.context;
  });
  after(async () => {
    await browser?.close();
    await server?.close();
  });
  return app;
}

// Fault injection: while `window.__newsmarkFault` is set, every write transaction aborts
// with that error, as the browser's own transactions do when the disk or quota is full.
export const WRITE_FAULTS = `(() => {
  const transaction = IDBDatabase.prototype.transaction;
  IDBDatabase.prototype.transaction = function (names, mode, ...rest) {
    const tx = transaction.call(this, names, mode, ...rest);
    const fault = window.__newsmarkFault;
    if (fault && mode === 'readwrite') {
      const error = new DOMException(fault.message, fault.name);
      Object.defineProperty(tx, 'error', { get: () => error });
      queueMicrotask(() => { try { tx.abort(); } catch {} });
    }
    return tx;
  };
})();`;
