// Installable and offline: after one visit, the service worker keeps every built file,
// and the app opens, annotates and saves with the network cut and the server gone.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { serveDist, launch, openApp, dragSelect, storedDocuments, root, reloadWhenSaved } from './harness.mjs';

// Own hooks rather than useApp(): this test stops the server half-way.
let server, browser;
const app = {};
before(async () => {
  server = await serveDist();
  browser = await launch();
  app.url = server.url;
  app.context = browser.context;
});
after(async () => {
  await app.context?.setOffline(false).catch(() => {});
  await browser?.close();
  await stopServer();
});

let serverStopped;
/** Stops the test server (once); gives up waiting for open connections after 2 s. */
function stopServer() {
  serverStopped ??= Promise.race([server?.close(), new Promise((r) => setTimeout(r, 2000))]);
  return serverStopped;
}

const dist = join(root, 'dist');

/** Every file of the build but sw.js, as '/'-separated paths relative to dist/. */
function builtFiles(folder = dist) {
  return readdirSync(folder, { withFileTypes: true }).flatMap((entry) => {
    if (entry.name.startsWith('.')) return [];
    const path = join(folder, entry.name);
    return entry.isDirectory() ? builtFiles(path) : [relative(dist, path).split(sep).join('/')];
  }).filter((f) => f !== 'sw.js').sort();
}

test('after one visit the app opens, annotates and saves with no network', { timeout: 120_000 }, async () => {
  const version = readFileSync(join(dist, 'sw.js'), 'utf8').match(/const VERSION = "([0-9a-f]+)"/)?.[1];
  assert.ok(version, 'dist/sw.js names its cache version: was it written by the build (scripts/write-sw.mjs)?');
  const prefix = `newsmark ${app.url} `;

  // Leave a cache of an earlier build of this app, and one of another app on this origin.
  const blank = await app.context.newPage();
  await blank.goto(`${app.url}blank`);
  await blank.evaluate(async (prefix) => {
    await (await caches.open(`${prefix}0123456789abcdef`)).put('old', new Response('old'));
    await (await caches.open('another-app')).put('other', new Response('other'));
  }, prefix);
  await blank.close();

  // First visit, online: the service worker installs, keeps the build, and takes control.
  const page = await openApp(app.context, app.url);
  await page.waitForSelector('.article .hl');
  const ready = await page.evaluate(() => Promise.race([
    navigator.serviceWorker.ready.then(() => true),
    new Promise((resolve) => setTimeout(() => resolve(false), 20000)),
  ]));
  assert.ok(ready, 'a service worker is registered and active within 20 s');
  await page.waitForFunction(() => navigator.serviceWorker.controller?.state === 'activated');
  const kept = await page.evaluate(async () => {
    const names = await caches.keys();
    const own = {};
    for (const name of names.filter((n) => n.startsWith('newsmark '))) {
      own[name] = (await (await caches.open(name)).keys()).map((r) => r.url).sort();
    }
    return { names: names.sort(), own };
  });
  assert.deepEqual(kept.names, ['another-app', `${prefix}${version}`], 'the old cache of this app is gone, another app\'s is left');
  assert.deepEqual(kept.own[`${prefix}${version}`], builtFiles().map((f) => new URL(f, app.url).href), 'every built file is kept');

  // Cut the network: the browser goes offline and the server stops.
  await app.context.setOffline(true);
  await stopServer();
  await assert.rejects(fetch(`${app.url}blank`), 'the test server no longer answers');
  assert.equal(await page.evaluate(() => fetch('blank', { cache: 'no-store' }).then(() => 'answered', () => 'failed')), 'failed');
  page.errors.length = 0; // that failed fetch is logged as an error; from here on, none is expected

  // Reload: the app comes from the cache, with the sample article and its highlights.
  await reloadWhenSaved(page);
  await page.waitForSelector('.article .hl');
  assert.match(await page.textContent('.article-title'), /night ferry/);
  assert.ok(await page.evaluate(() => navigator.serviceWorker.controller !== null));

  // Annotate offline; the annotation is saved in the browser.
  const claims = await page.locator('.hl.t-claim').count();
  await dragSelect(page, 'harbour islands');
  await page.waitForSelector('.selection-toolbar');
  await page.keyboard.press('c');
  await page.waitForFunction((n) => document.querySelectorAll('.hl.t-claim').length > n, claims);
  const saved = Object.values(await storedDocuments(page)).flatMap((d) => d.annotations);
  assert.ok(saved.some((a) => a.tag === 'claim' && a.exact === 'harbour islands'), 'the new claim is in local storage');

  // Still offline, a new page load at another address of the app (a query) opens it,
  // with the new claim.
  await page.goto(`${app.url}?from=homescreen`);
  await page.waitForSelector('.hl.t-claim');
  assert.equal(await page.locator('.hl.t-claim').count(), claims + 1);

  // The manifest is valid JSON, and its icons come from the cache.
  const manifest = await page.evaluate(async () => {
    const href = document.querySelector('link[rel=manifest]').href;
    const json = await (await fetch(href)).json();
    const icons = [];
    for (const icon of json.icons) {
      const url = new URL(icon.src, href).href;
      const response = await fetch(url);
      icons.push({
        ...icon, ok: response.ok, bytes: (await response.arrayBuffer()).byteLength,
        cached: !!(await caches.match(url)),
      });
    }
    return { ...json, icons };
  });
  assert.equal(manifest.name, 'Newsmark');
  assert.equal(manifest.display, 'standalone');
  assert.equal(manifest.start_url, '.');
  assert.equal(manifest.theme_color, '#1d1d1f');
  assert.equal(manifest.background_color, '#f6f5f1');
  for (const size of ['192x192', '512x512']) {
    assert.ok(manifest.icons.some((i) => i.sizes === size && i.type === 'image/png'), `a ${size} PNG icon`);
  }
  assert.ok(manifest.icons.some((i) => i.type === 'image/svg+xml'), 'an SVG icon');
  for (const icon of manifest.icons) {
    assert.ok(icon.ok && icon.bytes > 0 && icon.cached, `${icon.src} is kept and served offline`);
  }

  assert.deepEqual(page.errors, []);
  await page.close();
  await app.context.setOffline(false);
});
