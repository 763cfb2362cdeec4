// Takes the README's screenshot of a captured article:
//   node tests/browser/screenshot-capture.mjs [DIR]   (default docs/)
// DIR/capture.png is the ferry story as the extension hands it over (a #capture= link
// made here the way the extension makes it), added, with a few spans tagged.
import { join } from 'node:path';
import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { serveDist, launch, openApp, dragSelect, saved, root } from './harness.mjs';

const dir = process.argv[2] ?? 'docs';
const html = readFileSync(join(root, 'tests/browser/fixtures/capture-ferry.html'), 'utf8');
const page = {
  v: 1,
  url: 'https://courier.example/2026/11/28/night-ferry?utm_source=home',
  title: 'Council votes to stop the night ferry | The Eastquay Courier',
  captured: '2026-11-29T08:42:10.000Z',
  html,
};
const fragment = `capture=${gzipSync(JSON.stringify(page)).toString('base64url')}`;
const server = await serveDist();
const { context, close } = await launch();
try {
  const app = await openApp(context, server.url);
  await app.click('.guide button[aria-label="Dismiss the guide"]');
  // A new load of the app with the link, as the extension's new tab is.
  await app.goto(`${server.url}blank`);
  await app.goto(`${server.url}#${fragment}`);
  await app.click('#capture-add');
  await app.waitForSelector('.article-title:text-is("Council votes to stop the night ferry")');
  for (const [words, key] of [['Eastquay Town Council', 'a'], ['Councillor Petra Lindqvist', 'a'],
    ['We cannot keep spending money on empty boats', 'q'], ['The ferry carried 40 passengers a night last winter', 'c']]) {
    await dragSelect(app, words);
    await app.keyboard.press(key);
    await app.waitForSelector(`.hl:has-text(${JSON.stringify(words.split(' ')[0])})`);
  }
  await app.keyboard.press('Escape');
  await saved(app);
  await app.evaluate(() => { document.activeElement?.blur(); window.scrollTo(0, 0); });
  await app.screenshot({ path: join(dir, 'capture.png') });
  console.log(`wrote ${dir}/capture.png`);
  if (app.errors.length) console.log('page errors:', app.errors);
} finally {
  await close();
  await server.close();
}
