// A class on a test class server, made with the real `newsmark class create`, and
// students' work written as their sync writes it (one record per annotation, in the
// student's own session). Used by class-teacher.test.mjs and screenshot-class.mjs.

import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { root } from './harness.mjs';

const run = promisify(execFile);

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
 * Makes the class `name` with the students of `roster` (names) on `couch` with the real
 * command, `newsmark class create` (NEWSMARK_CLI, the password in NEWSMARK_PASSWORD as a
 * teacher would set it); resolves to { classDb, teacherLink, students: [{ name,
 * username, password, database }] }, read from the JOIN.csv it writes.
 */
export async function createClass(couch, name, roster) {
  const cli = process.env.NEWSMARK_CLI ?? join(root, 'target', 'debug', 'newsmark');
  const dir = mkdtempSync(join(tmpdir(), 'newsmark-class-'));
  try {
    writeFileSync(join(dir, 'roster.csv'), ['name', ...roster].join('\n') + '\n');
    writeFileSync(join(dir, 'exercise.json'), JSON.stringify(EXERCISE));
    const { stdout } = await run(cli, [
      'class', 'create', couch.url, '--user', couch.admin.name, '--name', name,
      '--roster', join(dir, 'roster.csv'), '--exercise', join(dir, 'exercise.json'), '-o', join(dir, 'join.csv'),
    ], { env: { ...process.env, NEWSMARK_PASSWORD: couch.admin.password } });
    const teacherLink = stdout.match(/(\S*#class\?\S+)/)?.[1];
    assert.ok(teacherLink, `class create printed the teacher's link: ${stdout}`);
    const classDb = new URL(teacherLink.replace('#class?', '?')).searchParams.get('class');
    const [header, ...rows] = readCsv(readFileSync(join(dir, 'join.csv'), 'utf8'));
    const column = (row, field) => row[header.indexOf(field)];
    const students = rows.map((row) => ({
      name: column(row, 'student'), username: column(row, 'username'), password: column(row, 'password'), database: column(row, 'database'),
    }));
    assert.deepEqual(students.map((s) => s.name), roster);
    return { classDb, teacherLink, students };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The rows of a CSV file (RFC 4180: quoted fields, doubled quotes, CRLF; a leading BOM). */
function readCsv(text) {
  const rows = [];
  let row = [], field = '', quoted = false;
  for (let i = text.charCodeAt(0) === 0xfeff ? 1 : 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') { field += '"'; i++; } else if (c === '"') quoted = false; else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') { row.push(field); field = ''; } else if (c === '\n') { row.push(field); rows.push(row); row = []; field = ''; } else if (c !== '\r') field += c;
  }
  if (field || row.length) { row.push(field); rows.push(row); }
  return rows;
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
