// Takes a screenshot of the built app for the README: node tests/browser/screenshot.mjs OUT.png
import { serveDist, launch, openApp } from './harness.mjs';

const out = process.argv[2] ?? 'docs/screenshot.png';
const server = await serveDist();
const { context, close } = await launch();
try {
  const page = await openApp(context, server.url);
  await page.waitForSelector('.article .hl');
  await page.click('.entry >> nth=1');
  await page.waitForTimeout(600);
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.screenshot({ path: out });
  console.log(`wrote ${out}`);
  if (page.errors.length) console.log('page errors:', page.errors);
} finally {
  await close();
  await server.close();
}
