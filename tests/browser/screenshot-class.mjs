// The README's screenshots of the teacher's Class view, against a class server of its own
// (pouchdb-server in memory, tests/couch.mjs):
//   node tests/browser/screenshot-class.mjs [DIR]   (default docs/; screenshot.mjs runs it too)
// DIR/class.png is the roster as six students' work arrives, DIR/class-compare.png the
// Compare view on the live class.
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { serveDist, launch, openApp } from './harness.mjs';
import { startCouch } from '../couch.mjs';
import { createClass, annotate, write } from './class-teacher-fixture.mjs';

export async function classScreenshots(dir) {
  const couch = await startCouch();
  const server = await serveDist({ classServers: [couch.url] });
  const { context, close } = await launch();
  try {
    const klass = await createClass(couch, 'History 7B', [
      'Li Wei 李伟', 'Amara Okafor', 'Zoë Brandt', 'Mateo García', 'Aisha Rahman', 'Jonas Weber',
    ]);
    const [li, amara, zoe, mateo, aisha] = klass.students;
    const work = [
      [li, 'claim', 'The council will close the Northgate library in September'],
      [li, 'quote', 'Few people visit it any more'],
      [li, 'actor', 'Mayor Odile Farrant'],
      [li, 'claim', 'Visits fell by 40 per cent between 2019 and 2024'],
      [amara, 'quote', 'Few people visit it any more'],
      [amara, 'actor', 'Mayor Odile Farrant'],
      [amara, 'claim', 'Campaigners disputed the figures'],
      [zoe, 'claim', 'The council will close the Northgate library'],
      [zoe, 'claim', 'Visits fell by 40 per cent'],
      [mateo, 'quote', 'Few people visit it any more'],
      [aisha, 'actor', 'the mayor'],
      [aisha, 'claim', 'Visits fell by 40 per cent between 2019 and 2024'],
    ];
    for (const [i, [student, tag, words]] of work.entries()) await annotate(couch, student, `w${i}`, tag, words);
    for (const student of [li, amara, aisha]) await write(couch, student, 'handin', { type: 'handin', at: new Date().toISOString() });

    const page = await openApp(context, server.url);
    await page.goto(`${server.url}#class?server=${encodeURIComponent(couch.url)}&class=${klass.classDb}`);
    await page.reload();
    await page.fill('#class-user', couch.admin.name);
    await page.fill('#class-password', couch.admin.password);
    await page.click('#class-sign-in-submit');
    // Every student's row read (Jonas has not started: a row of zeros).
    await page.waitForFunction((n) => document.querySelectorAll('#class-roster-table td.score').length === n, klass.students.length);
    await page.evaluate(() => window.scrollTo(0, 0));
    // The roster is short: no need for a tall picture of empty page under it.
    await page.setViewportSize({ width: 1400, height: 560 });
    await page.screenshot({ path: join(dir, 'class.png') });
    await page.setViewportSize({ width: 1400, height: 900 });
    await page.click('#class-compare');
    await page.waitForSelector('.compare .alphas');
    await page.screenshot({ path: join(dir, 'class-compare.png') });
    console.log(`wrote ${dir}/class.png, class-compare.png`);
    if (page.errors.length) console.log('page errors:', page.errors);
  } finally {
    await close();
    await server.close();
    await couch.stop();
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) await classScreenshots(process.argv[2] ?? 'docs');
