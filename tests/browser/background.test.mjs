// The background worker (crates/newsmark-worker): not loaded when the app opens, started
// the first time something needs it (an export, the report, an import, suggestions), and
// working under the page's Content-Security-Policy and with no network after one visit.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { serveDist, launch, openApp } from './harness.mjs';

// Own hooks rather than useApp(): the offline test stops the server half-way.
let server, browser;
before(async () => {
  server = await serveDist();
  browser = await launch();
});
after(async () => {
  await browser?.context.setOffline(false).catch(() => {});
  await browser?.close();
  await Promise.race([server?.close(), new Promise((r) => setTimeout(r, 2000))]);
});

/** Exports the open article as `format` from the Export menu: the file's name and the notice. */
async function exportAs(page, format) {
  await page.click('#export-button');
  const [download] = await Promise.all([page.waitForEvent('download'), page.click(`.menu-list [data-format="${format}"]`)]);
  await page.waitForSelector('.notice >> text=Exported');
  return { name: download.suggestedFilename(), notice: await page.textContent('.notice') };
}

test('the worker is fetched only when first used, and an export through it works under the CSP', async () => {
  // What the page and its workers ask for; the service worker's own requests (it keeps
  // every built file once the page is up) are not the page loading them.
  const requested = [];
  browser.context.on('request', (r) => { if (!r.serviceWorker()) requested.push(new URL(r.url()).pathname); });
  const page = await openApp(browser.context, server.url);
  await page.waitForSelector('.article .hl');
  assert.deepEqual(requested.filter((p) => p.includes('newsmark-worker')), [], 'opening the app loads no worker');

  const exported = await exportAs(page, 'w3c');
  assert.match(exported.name, /\.w3c\.jsonld$/);
  assert.match(exported.notice, /Exported “.*” as W3C Web Annotation/);
  assert.ok(requested.some((p) => p.endsWith('newsmark-worker_bg.wasm')), 'the worker was started for the export');
  assert.deepEqual(page.errors, [], 'no error, no CSP violation');
  await page.close();
});

test('after one visit, exports work with no network (the service worker keeps the worker)', { timeout: 120_000 }, async () => {
  const page = await openApp(browser.context, server.url);
  await page.waitForSelector('.article .hl');
  await page.waitForFunction(() => navigator.serviceWorker.controller?.state === 'activated');
  // The worker's files are kept once the service worker has installed this build.
  const kept = await page.evaluate(async () => Boolean(await caches.match(new URL('newsmark-worker_bg.wasm', location.href).href)));
  assert.ok(kept, 'the worker is in the service worker\'s cache');

  await browser.context.setOffline(true);
  await page.reload();
  await page.waitForSelector('.article .hl');
  const exported = await exportAs(page, 'newsmark');
  assert.match(exported.name, /\.newsmark\.json$/);
  assert.match(exported.notice, /as Newsmark JSON\./);
  await browser.context.setOffline(false);
  await page.close();
});
