// A class on a test server, made as a teacher makes it: with the real command line
// (`newsmark class create`, the binary in NEWSMARK_CLI, default target/debug/newsmark),
// from a roster of names and the sample exercise of the golden files; the students'
// user names, passwords, databases and join links are read back from JOIN.csv.

import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { root } from './harness.mjs';

const cli = process.env.NEWSMARK_CLI ?? join(root, 'target/debug/newsmark');
const exercise = join(root, 'crates/newsmark-core/tests/golden/v3/northgate-library.newsmark-exercise.json');

/** The rows of a CSV text (quoted fields, doubled quotes, CRLF, a byte-order mark). */
function csvRows(text) {
  const rows = [];
  let row = [], field = '', quoted = false;
  for (let i = text.charCodeAt(0) === 0xfeff ? 1 : 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') { field += '"'; i++; }
      else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') { row.push(field); field = ''; }
    else if (c === '\n') { row.push(field.replace(/\r$/, '')); rows.push(row); row = []; field = ''; }
    else field += c;
  }
  if (field || row.length) rows.push([...row, field]);
  return rows;
}

/**
 * Makes the class `name` for `names` with `newsmark class create`; resolves to
 * { classDb, students: [{ name, username, password, db, link(app, server?) }] }.
 */
export async function makeClass(couch, name, names) {
  const dir = mkdtempSync(join(tmpdir(), 'newsmark-class-'));
  try {
    writeFileSync(join(dir, 'roster.csv'), ['name', ...names.map((n) => `"${n.replace(/"/g, '""')}"`)].join('\n') + '\n');
    const out = join(dir, 'JOIN.csv');
    await promisify(execFile)(cli, [
      'class', 'create', couch.url, '--user', couch.admin.name, '--name', name,
      '--roster', join(dir, 'roster.csv'), '--exercise', exercise, '-o', out,
    ], { env: { ...process.env, NEWSMARK_PASSWORD: couch.admin.password } });
    const [header, ...rows] = csvRows(readFileSync(out, 'utf8'));
    const students = rows.map((cells) => Object.fromEntries(header.map((h, i) => [h, cells[i]]))).map((r) => ({
      name: r.student,
      username: r.username,
      password: r.password,
      db: r.database,
      // The CLI's link, opened on the app under test, through `server` if given.
      link: (app, server = couch.url) => {
        const hash = r.link.slice(r.link.indexOf('#'));
        return app + hash.replace(/server=[^&]*/, `server=${encodeURIComponent(server)}`);
      },
    }));
    const first = rows[0][header.indexOf('link')];
    const classDb = new URLSearchParams(first.slice(first.indexOf('#join?') + '#join?'.length)).get('class');
    return { classDb, students };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
