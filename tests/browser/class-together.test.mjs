// A class as it happens, end to end in the app: the teacher signs in and watches the
// Class view while three students, each in their own browser, join with their link and
// password, tag the article and hand in; every student's work and hand-in appears in the
// teacher's view as it arrives, without a reload. Then the teacher reveals the key and a
// student's copy receives it.
//
// The class is made with the real command line (class-fixture.mjs) on pouchdb-server in
// memory (tests/couch.mjs).

import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { useApp, openApp, launch, dragSelect, saved } from './harness.mjs';
import { startCouch } from '../couch.mjs';
import { makeClass } from './class-fixture.mjs';

const couch = await startCouch();
const app = useApp({ classServers: [couch.url] });
const browsers = [];
after(async () => {
  for (const b of browsers) await b.close();
  await couch.stop();
});

const SYNCED = /^Synced \d\d:\d\d$/;
const row = (s) => `#class-roster-table tr[data-student="${s.username}"]`;

/** Waits until the text of `selector` on `page` matches `pattern` (what the person reads). */
async function reads(page, selector, pattern, timeout = 90_000) {
  await page
    .waitForFunction(([sel, source]) => new RegExp(source).test(document.querySelector(sel)?.textContent ?? ''), [selector, pattern.source], { timeout })
    .catch(async (e) => {
      const now = await page.textContent(selector).catch(() => 'nothing');
      throw new Error(`${selector} never read ${pattern}: it reads "${now}" (${e.message})`);
    });
}

/** A student in a browser of their own: opens their join link, types the password, joins. */
async function join(s) {
  const browser = await launch();
  browsers.push(browser);
  const page = await openApp(browser.context, app.url);
  await page.goto('about:blank');
  await page.goto(s.link(app.url));
  await page.waitForSelector('#join-password');
  await page.fill('#join-password', s.password);
  await page.click('#join-submit');
  await page.waitForSelector('#class-work-bar');
  await reads(page, '#sync-state', SYNCED);
  return page;
}

/** Tags `words` with the key `key`, and waits until it is saved here and on the server. */
async function tag(page, words, key) {
  await dragSelect(page, words);
  await page.keyboard.press(key);
  await page.waitForSelector(`.annotation-list li:has-text(${JSON.stringify(words)})`);
  await saved(page);
  await reads(page, '#sync-state', SYNCED);
}

test('three students join, tag and hand in, each in their own browser, and the teacher sees it live', async () => {
  const klass = await makeClass(couch, 'Civics 10A', ['Li Wei 李伟', 'Sam Okafor', 'Ana Souza']);
  const [li, sam, ana] = klass.students;

  // The teacher signs in from their link and sees the roster, nobody started.
  const teacher = await openApp(app.context, app.url);
  await teacher.goto(`${app.url}#class?server=${encodeURIComponent(couch.url)}&class=${klass.classDb}`);
  await teacher.reload();
  await teacher.waitForSelector('dialog.class-sign-in');
  await teacher.fill('#class-user', couch.admin.name);
  await teacher.fill('#class-password', couch.admin.password);
  await teacher.click('#class-sign-in-submit');
  for (const s of klass.students) await reads(teacher, `${row(s)} td:nth-of-type(4)`, /not started/);

  // Each student joins in a browser of their own and tags something.
  const pages = {};
  for (const s of klass.students) pages[s.username] = await join(s);
  await tag(pages[li.username], 'plans to close the Northgate branch library', 'c');
  await tag(pages[sam.username], 'Mayor Odile Farrant', 'a');
  await tag(pages[sam.username], 'Within a year, people will wonder what all the fuss was about', 'q');
  await tag(pages[ana.username], 'visits to Northgate fell by 40 per cent', 'c');

  // The teacher's view follows without a reload: Li one claim, Sam a quote and an actor, Ana one claim.
  await reads(teacher, `${row(li)} td.tag-count:nth-of-type(1)`, /^1$/);
  await reads(teacher, `${row(sam)} td.tag-count:nth-of-type(2)`, /^1$/);
  await reads(teacher, `${row(sam)} td.tag-count:nth-of-type(3)`, /^1$/);
  await reads(teacher, `${row(ana)} td.tag-count:nth-of-type(1)`, /^1$/);

  // Sam hands in; the teacher sees the time, and the summary counts it.
  const samPage = pages[sam.username];
  await samPage.click('#hand-in');
  await samPage.waitForSelector('dialog.hand-in-dialog[open]');
  await samPage.click('#hand-in-confirm');
  await reads(samPage, '#class-work-bar', /Handed in \d\d:\d\d/);
  await reads(teacher, `${row(sam)} td.handed-in`, /^\d\d:\d\d$/);
  await reads(teacher, '#class-summary', /^3 students: 3 started, 1 handed in\.$/);

  // Before the reveal, Ana's copy holds no key; after it, her copy is checked against it.
  const anaPage = pages[ana.username];
  assert.equal(await anaPage.locator('text=Class picture').count(), 0);
  await teacher.click('button:has-text("Reveal the key…")');
  await teacher.waitForSelector('dialog.reveal-dialog[open]');
  await teacher.click('dialog.reveal-dialog button.primary');
  await anaPage.waitForSelector('button:has-text("Class picture")', { timeout: 90_000 });
  // The one error a browser logs here is PouchDB asking for its replication checkpoint
  // (a `_local` record) before the first one is written: a 404, expected.
  for (const page of [teacher, ...Object.values(pages)]) {
    assert.deepEqual(page.errors.filter((e) => !/status of 404 \(Not Found\)/.test(e)), []);
  }
});
