// TEMPORARY (until `newsmark class create` is on main, then the tests use the CLI): lays
// out a class on a test server with raw requests, as /work/class-design.md describes
// it: the class database (readable by the class, written by the teacher), one private
// database per student (the student and the teacher only) holding the handed-out copy
// as records, and a CouchDB user per student with the class's role.

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { root } from './harness.mjs';

const golden = join(root, 'crates/newsmark-core/tests/golden/v3/northgate-student-b.newsmark.json');

async function must(couch, path, options) {
  const res = await couch.request(path, options);
  if (res.status >= 300) throw new Error(`${options?.method ?? 'GET'} ${path}: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body;
}

/** The records of a handed-out copy (no annotations, no key) for `student`, id `id`. */
export function handedOutRecords(id, student) {
  const doc = JSON.parse(readFileSync(golden, 'utf8'));
  const { annotations, relations, schema_version, kind, updated, ...article } = doc;
  article.id = id;
  delete article.assignment.key;
  article.assignment.student = student;
  return { article: { type: 'article', format: 1, document: article } };
}

/**
 * Makes the class `slug` with `students` ([{ name, username, password }]); resolves to
 * { classDb, students: [{ ...student, db, link(app) }] }.
 */
export async function makeClass(couch, slug, students) {
  const classDb = `newsmark-${slug}`;
  const teacher = couch.admin.name;
  await must(couch, `/${classDb}`, { method: 'PUT' });
  await must(couch, `/${classDb}/_security`, {
    method: 'PUT',
    body: { admins: { names: [teacher], roles: [] }, members: { names: [teacher], roles: [classDb] } },
  });
  await must(couch, `/${classDb}/class`, { method: 'PUT', body: { type: 'class', format: 1, name: 'Year 9 media', teacher, exercise: {} } });
  const made = [];
  for (const [i, s] of students.entries()) {
    const db = `${classDb}-${'abcdefghijkl'.slice(i) + 'x'.repeat(i)}`;
    await must(couch, `/_users/org.couchdb.user:${s.username}`, {
      method: 'PUT',
      body: { _id: `org.couchdb.user:${s.username}`, name: s.username, password: s.password, roles: [classDb], type: 'user' },
    });
    await must(couch, `/${db}`, { method: 'PUT' });
    await must(couch, `/${db}/_security`, {
      method: 'PUT',
      body: { admins: { names: [teacher], roles: [] }, members: { names: [s.username, teacher], roles: [] } },
    });
    for (const [id, body] of Object.entries(handedOutRecords(classDb, s.name))) {
      await must(couch, `/${db}/${encodeURIComponent(id)}`, { method: 'PUT', body });
    }
    made.push({
      ...s,
      db,
      link: (app, server = couch.url) => `${app}#join?server=${encodeURIComponent(server)}&class=${classDb}&db=${db}&user=${s.username}`,
    });
  }
  return { classDb, students: made };
}
