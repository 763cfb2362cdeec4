// The teacher's side of a class on a class server (pouchdb-server, tests/couch.mjs): the
// teacher signs in from their link and watches three students' work arrive live in the
// Class view, opens one student's work read-only, compares the class, and reveals the
// key; a student's copy then receives the key and shows the class picture. Students'
// databases refuse other students (raw requests with a student's session).

import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { readFile } from 'node:fs/promises';
import { useApp, openApp, launch, storedDocuments, dragSelect, reloadWhenSaved, root } from './harness.mjs';
import { startCouch } from '../couch.mjs';
import { EXERCISE, createClass, sessionOf, write, annotate } from './class-teacher-fixture.mjs';

const couch = await startCouch();
after(() => couch.stop());
const app = useApp({ classServers: [couch.url] });

/** The roster row of `student` in the Class view. */
const row = (student) => `#class-roster-table tr[data-student="${student.username}"]`;

let klass;
let page;

test('the teacher signs in from their link and sees the roster, and the link leaves the address bar', async () => {
  klass = await createClass(couch, 'History 7B', ['Li Wei 李伟', 'Amara Okafor', 'Zoë Brandt']);
  page = await openApp(app.context, app.url);
  // The teacher's link as class create printed it, on this test's copy of the app.
  const link = app.url + klass.teacherLink.slice(klass.teacherLink.indexOf('#'));
  await page.goto(link);
  await page.reload();
  await page.waitForSelector('dialog.class-sign-in');
  assert.equal(await page.inputValue('#class-server'), couch.url);
  assert.equal(await page.inputValue('#class-name'), klass.classDb);
  assert.ok(!page.url().includes('#class'), 'the link is cleared from the address bar');
  await page.fill('#class-user', couch.admin.name);
  await page.fill('#class-password', 'not the password');
  await page.click('#class-sign-in-submit');
  await page.waitForSelector('#class-sign-in-refused:has-text("not accepted")');
  await page.fill('#class-password', couch.admin.password);
  await page.click('#class-sign-in-submit');
  await page.waitForSelector('h1:has-text("Class: History 7B")');
  for (const s of klass.students) await page.waitForSelector(`${row(s)} th:has-text("${s.name}")`);
  await page.waitForSelector(`${row(klass.students[0])} td.handed-in:has-text("not yet")`);
  // The wrong password's refusal is the one error the browser logged.
  assert.deepEqual(page.errors.splice(0), ['Failed to load resource: the server responded with a status of 401 (Unauthorized)']);
  const remembered = JSON.parse(await page.evaluate(() => localStorage.getItem('newsmark:classes')));
  assert.deepEqual(remembered.map((c) => [c.role, c.class, c.user]), [['teacher', klass.classDb, couch.admin.name]]);
  assert.ok(!JSON.stringify(remembered).includes(couch.admin.password), 'no password is remembered');
  assert.deepEqual(page.errors, []);
});

test("three students' work appears in the Class view as it arrives, without a reload", async () => {
  const [li, amara, zoe] = klass.students;
  await annotate(couch, li, 'l1', 'claim', 'The council will close the Northgate library in September');
  await page.waitForSelector(`${row(li)} td.tag-count >> nth=0 >> text="1"`);
  await annotate(couch, amara, 'a1', 'quote', 'Few people visit it any more');
  await annotate(couch, amara, 'a2', 'actor', 'Mayor Odile Farrant');
  await annotate(couch, zoe, 'z1', 'claim', 'Visits fell by 40 per cent');
  await page.waitForSelector(`${row(amara)} td.tag-count >> nth=1 >> text="1"`);
  await page.waitForSelector(`${row(amara)} td.tag-count >> nth=2 >> text="1"`);
  await page.waitForSelector(`${row(zoe)} td.tag-count >> nth=0 >> text="1"`);
  await write(couch, amara, 'handin', { type: 'handin', at: new Date().toISOString() });
  await page.waitForFunction((sel) => /\d\d:\d\d/.test(document.querySelector(sel)?.textContent ?? ''), `${row(amara)} td.handed-in`);
  assert.equal(await page.textContent('#class-summary'), '3 students: 3 started, 1 handed in.');
  // Scores against the key: Li's one claim is one of the key's four spans.
  assert.match(await page.textContent(`${row(li)} td.score`), /^\d+%$/);
  assert.deepEqual(page.errors, []);
});

test("a student's work opens read-only, and stays out of the teacher's library", async () => {
  const [, amara] = klass.students;
  await page.click(`${row(amara)} button:has-text("Open")`);
  await page.waitForSelector('#student-work h2:has-text("Amara Okafor\'s work")');
  await page.waitForSelector('#read-only-work');
  assert.equal(await page.locator('#student-work .article .hl').count(), 2);
  assert.match(await page.textContent('#student-work .student-annotations'), /Few people visit it any more/);
  await dragSelect(page, 'Campaigners disputed');
  assert.equal(await page.locator('.selection-toolbar').count(), 0, 'no tagging in a student\'s work');
  const library = await storedDocuments(page);
  assert.ok(!(klass.classDb in library), 'the student\'s work is not in the teacher\'s library');
  await page.click('#student-work button:has-text("Back to the roster")');
  await page.waitForSelector('#class-roster-table');
});

test('Compare on the live class shows the heat map and alpha, and follows new work', async () => {
  const [li] = klass.students;
  await page.click('#class-compare');
  await page.waitForSelector('.compare .heat');
  await page.waitForSelector('.compare .alphas');
  assert.match(await page.textContent('.compare .alphas'), /Claim\s*-?\d\.\d{3}/);
  assert.match(await page.textContent('.compare .sets'), /Answer key/);
  assert.match(await page.textContent('.compare .sets'), /Li Wei 李伟 \(1 annotations\)/);
  await annotate(couch, li, 'l2', 'quote', 'Few people visit it any more');
  await page.waitForSelector('.compare .sets :text("Li Wei 李伟 (2 annotations)")');
  await page.click('.compare button:has-text("Back to the roster")');
  assert.deepEqual(page.errors, []);
});

test('Reveal, anonymised by default, writes the key and a numbered class picture to the class database', async () => {
  await page.click('#class-reveal');
  await page.waitForSelector('dialog.reveal-dialog');
  assert.equal(await page.isChecked('#reveal-anonymised'), true);
  await page.click('#reveal-confirm');
  await page.waitForSelector('#reveal-outcome:has-text("Revealed at")');
  const { status, body } = await couch.request(`/${klass.classDb}/reveal`);
  assert.equal(status, 200);
  assert.equal(body.type, 'reveal');
  assert.equal(body.key.annotations.length, 4);
  assert.equal(body.comparison.anonymised, true);
  assert.deepEqual(body.comparison.readings.map((r) => r.label), ['Student 1', 'Student 2', 'Student 3']);
  for (const s of klass.students) assert.ok(!JSON.stringify(body).includes(s.name.split(' ')[0]), `${s.name} is not named`);
  // A student may read it, and may not change it.
  const [li] = klass.students;
  li.cookie ??= await sessionOf(couch, li);
  assert.equal((await couch.request(`/${klass.classDb}/reveal`, { auth: li.cookie })).status, 200);
  const forged = await couch.request(`/${klass.classDb}/reveal`, { method: 'PUT', auth: li.cookie, body: { ...body, comparison: null } });
  assert.equal(forged.status, 403);
  assert.deepEqual(page.errors, []);
});

test("a student's session is refused on another student's database", async () => {
  const [li, amara] = klass.students;
  const cookie = await sessionOf(couch, li);
  for (const path of [`/${amara.database}/_all_docs`, `/${amara.database}/_changes`, `/${amara.database}/annotation:a1`]) {
    const res = await couch.request(path, { auth: cookie });
    assert.ok([401, 403].includes(res.status), `${path}: ${res.status}`);
  }
  const write = await couch.request(`/${amara.database}/annotation:x`, { method: 'PUT', auth: cookie, body: { type: 'annotation' } });
  assert.ok([401, 403].includes(write.status), `a write: ${write.status}`);
  assert.equal((await couch.request(`/${li.database}/_all_docs`, { auth: cookie })).status, 200, 'their own is readable');
  // And the teacher database, with the passwords, is the teacher's alone.
  assert.ok([401, 403].includes((await couch.request(`/${klass.classDb}-teacher/_all_docs`, { auth: cookie })).status));
});

test("after Reveal, a student's copy receives the key, shows the checked work and the class picture", async () => {
  const [li] = klass.students;
  // Li joins from their link after the reveal: their work comes down from the server,
  // and the published key with it.
  const student = await launch();
  try {
    const mine = await openApp(student.context, app.url);
    await mine.goto('about:blank');
    await mine.goto(`${app.url}#join?server=${encodeURIComponent(couch.url)}&class=${klass.classDb}&db=${li.database}&user=${li.username}`);
    await mine.waitForSelector('#join-password');
    await mine.fill('#join-password', li.password);
    await mine.click('#join-submit');
    await mine.waitForSelector('#class-work-bar');
    await mine.waitForSelector('#first-check-scores', { timeout: 90_000 });
    assert.match(await mine.textContent('.verdicts'), /The mayor’s own words\./, 'the key’s explanations are shown');
    const stored = (await storedDocuments(mine))[klass.classDb];
    assert.equal(stored.assignment.key.annotations.length, 4, 'the key is kept in the copy');
    assert.ok(stored.assignment.checked, 'the first check is recorded');
    await mine.click('#class-picture');
    await mine.waitForSelector('.compare .heat', { timeout: 90_000 });
    const sets = await mine.textContent('.compare .sets');
    assert.match(sets, /Answer key/);
    assert.match(sets, /Student 3/);
    assert.ok(!sets.includes('Amara'), 'no one is named');
    // PouchDB asks for its replication checkpoint before the first is written: a 404.
    assert.deepEqual(mine.errors.filter((e) => !/status of 404 \(Not Found\)/.test(e)), []);
  } finally {
    await student.close();
  }
});

test("a student whose database cannot be read is shown with the reason, and the others stay", async () => {
  const [li, , zoe] = klass.students;
  // PouchDB Server can bring a database back (empty) when a read of it was under way as it
  // was deleted; CouchDB cannot. So it is deleted until the view's next read of it fails.
  for (;;) {
    const read = page.waitForResponse((r) => r.url().includes(`/${zoe.database}/`));
    await couch.request(`/${zoe.database}`, { method: 'DELETE' });
    if ((await read).status() !== 200) break;
  }
  await page.waitForSelector(`${row(zoe)} td.unreadable:has-text("has no database for this student")`);
  await page.waitForSelector('#class-summary:has-text("1 cannot be read")');
  assert.match(await page.textContent(`${row(li)} td.score`), /^\d+%$/);
  // The browser logs each refused read; nothing else went wrong.
  assert.deepEqual([...new Set(page.errors.splice(0))], ['Failed to load resource: the server responded with a status of 404 (Not Found)']);
});

test('when the session ends the Class view says so, and signing in again brings the class back', async () => {
  const [li] = klass.students;
  await page.evaluate((server) => fetch(`${server}/_session`, { method: 'DELETE', credentials: 'include' }), couch.url);
  await page.waitForSelector('#class-problem:has-text("could not be read again")');
  assert.match(await page.textContent(`${row(li)} td.unreadable`), /refused/);
  await page.click('#class-problem button:has-text("Sign in again")');
  await page.waitForSelector('dialog.class-sign-in');
  assert.equal(await page.inputValue('#class-user'), couch.admin.name);
  assert.equal(await page.evaluate(() => document.activeElement?.id), 'class-password');
  await page.fill('#class-password', couch.admin.password);
  await page.click('#class-sign-in-submit');
  await page.waitForSelector('#class-problem', { state: 'detached' });
  await page.waitForSelector(`${row(li)} td.score`);
  assert.ok(page.errors.every((e) => /status of (401|404)/.test(e)), page.errors.join('\n'));
  page.errors.splice(0);
});

test('the Class view passes an accessibility audit', async () => {
  const axe = await readFile(join(root, 'node_modules/axe-core/axe.min.js'), 'utf8');
  const problems = [];
  const audit = async (screen) => {
    if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(axe);
    const result = await page.evaluate(() =>
      window.axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } }),
    );
    problems.push(...result.violations.map((v) => `${screen}: ${v.id}: ${v.help} ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(', ')}`));
  };
  await page.waitForSelector('#class-roster-table');
  await audit('roster');
  await page.click('.theme-toggle');
  assert.equal(await page.getAttribute('html', 'data-theme'), 'dark');
  await audit('dark roster');
  await page.click('#class-compare');
  await page.waitForSelector('.compare .alphas');
  await audit('dark compare on the class');
  await page.click('.compare button:has-text("Back to the roster")');
  await page.click(`${row(klass.students[1])} button:has-text("Open")`);
  await page.waitForSelector('#student-work');
  await audit('student work');
  await page.click('#student-work button:has-text("Back to the roster")');
  await page.click('#class-reveal');
  await page.waitForSelector('dialog.reveal-dialog');
  await audit('reveal dialog');
  await page.keyboard.press('Escape');
  await page.waitForSelector('dialog.reveal-dialog', { state: 'detached' });
  assert.equal(await page.evaluate(() => document.activeElement?.id), 'class-reveal', 'focus goes back to the button');
  // After a reload, the browser is still signed in: Teach a class… offers to open the class again.
  await reloadWhenSaved(page);
  await page.click('#class-button');
  await page.waitForSelector('#class-signed-in');
  await audit('sign-in dialog, still signed in');
  await page.click('#class-continue');
  await page.waitForSelector('#class-roster-table');
  // Signed out, Teach a class… asks for the password again, the class filled in.
  await page.click('#class-sign-out');
  await page.click('#class-button');
  await page.waitForSelector('dialog.class-sign-in');
  assert.equal(await page.inputValue('#class-server'), couch.url);
  assert.equal(await page.inputValue('#class-name'), klass.classDb);
  assert.equal(await page.locator('#class-signed-in').count(), 0);
  await audit('sign-in dialog');
  assert.deepEqual(problems, []);
});
