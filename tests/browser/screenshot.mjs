// Takes the README's screenshots of the built app:
//   node tests/browser/screenshot.mjs [DIR]   (default docs/)
// DIR/screenshot.png is the reading view, DIR/sources.png the Sources view and
// DIR/exercise.png a checked exercise; screenshot-class.mjs adds the teacher's Class view.
import { join } from 'node:path';
import { serveDist, launch, openApp } from './harness.mjs';

const dir = process.argv[2] ?? 'docs';
const server = await serveDist();
const { context, close } = await launch();
try {
  const page = await openApp(context, server.url);
  await page.waitForSelector('.article .hl');
  await page.click('.guide button[aria-label="Dismiss the guide"]');
  // Reading view: link the first quote to its speaker, then show the claim's editor.
  await page.click('.hl.t-quote >> nth=0');
  await page.selectOption('#editor-speaker', { label: 'Councillor Petra Lindqvist (1 mention)' });
  await page.click('.hl.t-quote >> nth=-1');
  await page.selectOption('#editor-speaker', { label: 'Jonas Haddad (1 mention)' });
  await page.click('.hl.t-claim');
  await page.waitForTimeout(300);
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.screenshot({ path: join(dir, 'screenshot.png') });

  await page.click('.panel-tab:has-text("Sources")');
  await page.waitForTimeout(200);
  await page.screenshot({ path: join(dir, 'sources.png') });

  await page.click('.panel-tab:has-text("Annotations")');
  await page.click('#sample-class');
  await page.click('.notice button[aria-label=Dismiss]');
  await page.click('.library-title:has-text("Student C")');
  await page.click('#check-work');
  await page.click('#check-confirm');
  await page.waitForSelector('.scores');
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.waitForTimeout(300);
  await page.screenshot({ path: join(dir, 'exercise.png') });
  console.log(`wrote ${dir}/screenshot.png, sources.png, exercise.png`);
  if (page.errors.length) console.log('page errors:', page.errors);
} finally {
  await close();
  await server.close();
}
await (await import('./screenshot-class.mjs')).classScreenshots(dir);
