// TEMPORARY, until `newsmark class create` (the CLI helper's) is on main: a class laid out
// on a test class server with raw requests, exactly as /work/class-design.md describes
// the layout, and students' work written as their sync would write it (one record per
// annotation, in the student's own session). Used by class-teacher.test.mjs and
// screenshot-class.mjs; once the CLI is on main, createClass becomes one run of
// `${process.env.NEWSMARK_CLI} class create … -o JOIN.csv`.

import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';

export const CREATED = '2026-11-29T09:00:00.000Z';
export const TEXT = [
  'The council will close the Northgate library in September, the mayor said on Monday.',
  '“Few people visit it any more,” said Mayor Odile Farrant. Campaigners disputed the figures.',
  'Visits fell by 40 per cent between 2019 and 2024, according to the council.',
].join('\n\n');

/** A span of TEXT as the saved format writes it (offsets in code points). */
export function span(id, tag, words, note) {
  const at = TEXT.indexOf(words);
  assert.ok(at >= 0, `${words} is in the article`);
  const start = [...TEXT.slice(0, at)].length;
  return {
    id, tag, start, end: start + [...words].length, exact: words, prefix: '', suffix: '',
    ...(note ? { note } : {}), created: CREATED, updated: CREATED,
  };
}

export const KEY = {
  annotations: [
    span('k1', 'claim', 'The council will close the Northgate library in September', 'A plan announced as fact.'),
    span('k2', 'quote', 'Few people visit it any more', 'The mayor’s own words.'),
    span('k3', 'actor', 'Mayor Odile Farrant'),
    span('k4', 'claim', 'Visits fell by 40 per cent between 2019 and 2024', 'A figure that can be checked.'),
  ],
};
export const EXERCISE = {
  schema_version: 3, kind: 'newsmark-exercise', id: 'northgate', title: 'Northgate library to close',
  created: CREATED, updated: CREATED, text: TEXT,
  instructions: 'Tag every claim, quote and actor.', codebook: [], key: KEY,
};

/**
 * Makes the class `name` with the students of `roster` (names) on `couch`; resolves to
 * { classDb, students: [{ name, username, password, database }] }, as JOIN.csv lists them.
 */
export async function createClass(couch, name, roster) {
  const slug = name.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '');
  const classDb = `newsmark-${slug}`;
  const teacher = couch.admin.name;
  const ok = async (path, body, method = 'PUT') => {
    const res = await couch.request(path, { method, body });
    assert.ok(res.status < 300, `${method} ${path}: ${res.status} ${JSON.stringify(res.body)}`);
  };
  await ok(`/${classDb}`);
  await ok(`/${classDb}/_security`, { admins: { names: [teacher] }, members: { names: [teacher], roles: [classDb] } });
  await ok(`/${classDb}/_design/newsmark`, {
    validate_doc_update: 'function (doc, old, user, sec) { if (user.roles.indexOf("_admin") < 0 && (sec.admins.names || []).indexOf(user.name) < 0) throw({ forbidden: "Only the teacher can change the class." }); }',
  });
  const { key, ...withoutKey } = EXERCISE;
  await ok(`/${classDb}/class`, { type: 'class', format: 1, name, teacher, exercise: withoutKey });
  await ok(`/${classDb}-teacher`);
  await ok(`/${classDb}-teacher/_security`, { admins: { names: [teacher] }, members: { names: [teacher] } });
  await ok(`/${classDb}-teacher/exercise`, { type: 'exercise', exercise: EXERCISE });
  const students = [];
  for (const [i, student] of roster.entries()) {
    const ascii = student.split(' ')[0].normalize('NFD').toLowerCase().replace(/[^a-z]/g, '');
    const username = `${ascii}-${randomBytes(2).toString('hex')}`;
    const password = randomBytes(9).toString('base64url');
    const database = `${classDb}-${randomBytes(6).toString('hex')}`;
    await ok(`/_users/org.couchdb.user:${username}`, { name: username, password, roles: [classDb], type: 'user' });
    await ok(`/${database}`);
    await ok(`/${database}/_security`, { admins: { names: [teacher] }, members: { names: [username, teacher] } });
    await ok(`/${database}/article`, {
      type: 'article', format: 1,
      document: {
        id: classDb, title: EXERCISE.title, created: CREATED, text: TEXT,
        assignment: { instructions: EXERCISE.instructions, codebook: [], exercise_id: EXERCISE.id, student },
      },
    });
    await ok(`/${classDb}-teacher/student:${username}`, {
      type: 'student', name: student, username, password, database, added: `2026-11-29T09:00:0${i}.000Z`,
    });
    students.push({ name: student, username, password, database });
  }
  return { classDb, students };
}

/** The student's session cookie, as the server sets it on signing in. */
export async function sessionOf(couch, student) {
  const res = await couch.request('/_session', { method: 'POST', auth: null, body: { name: student.username, password: student.password } });
  assert.equal(res.status, 200);
  return res.headers.get('set-cookie').split(';')[0];
}

/** Writes one record into a student's database in the student's own session. */
export async function write(couch, student, id, body) {
  student.cookie ??= await sessionOf(couch, student);
  const res = await couch.request(`/${student.database}/${id}`, { method: 'PUT', auth: student.cookie, body });
  assert.equal(res.status, 201, JSON.stringify(res.body));
}

/** Tags `words` in a student's work now, as their sync would write it. */
export function annotate(couch, student, id, tag, words) {
  const now = new Date().toISOString();
  return write(couch, student, `annotation:${id}`, { type: 'annotation', annotation: { ...span(id, tag, words), created: now, updated: now } });
}
