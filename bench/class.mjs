#!/usr/bin/env node
// The class benchmark: how soon a teacher sees students' work arrive on a class server.
//
//   node bench/class.mjs [--quick] [--cli PATH] [--out FILE]
//
// It starts pouchdb-server in memory (tests/couch.mjs), makes a class with the real
// `newsmark class create`, signs every simulated student in with their own session, and
// lets each write annotation records into their own database as the app's sync would
// (a new annotation, or a changed note on one they made), at random moments. Meanwhile a
// simulated teacher reads the class as the Teacher view does: `_changes?since=…` on one
// student database after another, one request at a time, each database at most once per
// round of 2 seconds. For every edit it measures the time from the student's write to the
// teacher's read that returns it, and it counts the edits that arrived (all must).
// Two runs: 30 students making 50 edits each, then 300 students making 10 each.
// What the figures mean, and what they say about a district: BENCHMARKS.md, "Classes".

import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs, promisify } from 'node:util';
import { startCouch } from '../tests/couch.mjs';

const run = promisify(execFile);
const root = fileURLToPath(new URL('../', import.meta.url));
const exercise = join(root, 'crates/newsmark-core/tests/golden/v3/northgate-library.newsmark-exercise.json');

const { values: opt } = parseArgs({
  options: {
    quick: { type: 'boolean', default: false },
    cli: { type: 'string', default: process.env.NEWSMARK_CLI ?? join(root, 'target/debug/newsmark') },
    out: { type: 'string' },
    help: { type: 'boolean', short: 'h', default: false },
  },
});
if (opt.help) {
  console.log('usage: node bench/class.mjs [--quick] [--cli PATH] [--out FILE.json]');
  process.exit(0);
}

// Each scenario: students, edits each, the mean time between one student's edits, and the
// teacher's round (each database read at most once per round, as the Teacher view does).
// Both full scenarios write about 100 edits a second in all.
const scenarios = opt.quick
  ? [
      { students: 5, edits: 5, meanGapMs: 50, roundMs: 200 },
      { students: 20, edits: 2, meanGapMs: 100, roundMs: 200 },
    ]
  : [
      { students: 30, edits: 50, meanGapMs: 300, roundMs: 2000 },
      { students: 300, edits: 10, meanGapMs: 3000, roundMs: 2000 },
    ];

/** The `AuthSession` cookie for this user, as the app gets it by signing in. */
async function signIn(url, name, password) {
  const res = await fetch(`${url}/_session`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ name, password }),
  });
  if (res.status !== 200) throw new Error(`${name} could not sign in: ${res.status} ${await res.text()}`);
  return res.headers.get('set-cookie').split(';')[0];
}

/** JOIN.csv's rows (the benchmark's names hold no commas or quotes). */
function joinRows(csv) {
  const [header, ...lines] = csv.replace(/^\ufeff/, '').split('\r\n').filter(Boolean);
  const columns = header.split(',');
  return lines.map((line) => Object.fromEntries(line.split(',').map((cell, i) => [columns[i], cell])));
}

function percentile(sorted, p) {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

async function scenario({ students, edits, meanGapMs, roundMs }) {
  const couch = await startCouch();
  const dir = mkdtempSync(join(tmpdir(), 'newsmark-bench-class-'));
  try {
    const roster = join(dir, 'roster.csv');
    writeFileSync(roster, 'name\n' + Array.from({ length: students }, (_, i) => `Student ${i + 1}`).join('\n') + '\n');
    const created = performance.now();
    await run(opt.cli, ['class', 'create', couch.url, '--user', couch.admin.name, '--name', `Bench ${students}`,
      '--roster', roster, '--exercise', exercise, '-o', join(dir, 'JOIN.csv')], {
      env: { ...process.env, NEWSMARK_PASSWORD: couch.admin.password },
    });
    const createMs = performance.now() - created;
    const rows = joinRows(readFileSync(join(dir, 'JOIN.csv'), 'utf8'));
    if (rows.length !== students) throw new Error(`JOIN.csv has ${rows.length} rows, not ${students}`);
    for (const row of rows) row.cookie = await signIn(couch.url, row.username, row.password);
    const teacher = await signIn(couch.url, couch.admin.name, couch.admin.password);

    // What the teacher has seen up to now, per database, and when each edit was written.
    const since = new Map(rows.map((r) => [r.database, '0']));
    for (const row of rows) {
      const res = await fetch(`${couch.url}/${row.database}/_changes`, { headers: { cookie: teacher } });
      since.set(row.database, String((await res.json()).last_seq));
    }
    // Edits written and not yet seen, per record: `${db}|${id}` → [{ generation, sent }].
    // The teacher's read returns a record's latest revision; an edit is seen when a read
    // returns its revision or a later one (the work as it is then).
    const pending = new Map();
    const latencies = [];
    let expected = 0;
    let writing = true;
    let rounds = 0;
    let roundTotalMs = 0;
    let requests = 0;

    const teacherView = (async () => {
      // Until the students are done and every edit has been seen (or a minute has passed).
      const deadline = () => !writing && (latencies.length >= expected || performance.now() > giveUpAt);
      let giveUpAt = Infinity;
      while (!deadline()) {
        if (!writing && giveUpAt === Infinity) giveUpAt = performance.now() + 60_000;
        const started = performance.now();
        for (const row of rows) {
          const url = `${couch.url}/${row.database}/_changes?since=${encodeURIComponent(since.get(row.database))}&include_docs=true&conflicts=true`;
          const res = await fetch(url, { headers: { cookie: teacher } });
          const body = await res.json();
          requests++;
          const seen = performance.now();
          since.set(row.database, String(body.last_seq));
          for (const change of body.results) {
            const key = `${row.database}|${change.id}`;
            const generation = parseInt(change.changes[0].rev, 10);
            const waiting = pending.get(key) ?? [];
            for (const edit of waiting.filter((w) => w.generation <= generation)) latencies.push(seen - edit.sent);
            const left = waiting.filter((w) => w.generation > generation);
            if (left.length > 0) pending.set(key, left);
            else pending.delete(key);
          }
        }
        const took = performance.now() - started;
        rounds++;
        roundTotalMs += took;
        if (took < roundMs) await sleep(roundMs - took);
      }
    })();

    // Each student: edits at random moments (exponential gaps around the mean).
    const started = performance.now();
    await Promise.all(rows.map(async (row, s) => {
      const revs = new Map();
      for (let e = 0; e < edits; e++) {
        await sleep(-Math.log(1 - Math.random()) * meanGapMs);
        const change = revs.size > 0 && Math.random() < 0.3;
        const id = change ? [...revs.keys()][Math.floor(Math.random() * revs.size)] : `annotation:s${s}e${e}`;
        const body = {
          type: 'annotation',
          annotation: { id: id.slice('annotation:'.length), tag: 'claim', start: e, end: e + 5, note: `edit ${e}` },
        };
        if (revs.has(id)) body._rev = revs.get(id);
        const sent = performance.now();
        const res = await fetch(`${couch.url}/${row.database}/${encodeURIComponent(id)}`, {
          method: 'PUT',
          headers: { 'content-type': 'application/json', cookie: row.cookie },
          body: JSON.stringify(body),
        });
        const reply = await res.json();
        if (res.status !== 201) throw new Error(`a student's write was refused: ${res.status} ${JSON.stringify(reply)}`);
        revs.set(id, reply.rev);
        const key = `${row.database}|${id}`;
        pending.set(key, [...(pending.get(key) ?? []), { generation: parseInt(reply.rev, 10), sent }]);
        expected++;
      }
    }));
    const writeSeconds = (performance.now() - started) / 1000;
    writing = false;
    await teacherView;

    const sorted = [...latencies].sort((a, b) => a - b);
    return {
      students,
      editsEach: edits,
      edits: expected,
      arrived: latencies.length,
      missing: expected - latencies.length,
      p50Ms: Math.round(percentile(sorted, 50)),
      p95Ms: Math.round(percentile(sorted, 95)),
      maxMs: Math.round(sorted[sorted.length - 1] ?? NaN),
      writesPerSecond: Math.round(expected / writeSeconds),
      teacherRoundMs: Math.round(roundTotalMs / Math.max(1, rounds)),
      roundFloorMs: roundMs,
      teacherRequests: requests,
      classCreateSeconds: +(createMs / 1000).toFixed(1),
    };
  } finally {
    await couch.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

const results = [];
for (const s of scenarios) {
  const r = await scenario(s);
  results.push(r);
  console.log(
    `${r.students} students × ${r.editsEach} edits: ${r.arrived} of ${r.edits} edits seen by the teacher` +
      (r.missing ? ` (${r.missing} MISSING)` : '') +
      `; write to teacher p50 ${r.p50Ms} ms, p95 ${r.p95Ms} ms, max ${r.maxMs} ms; ` +
      `${r.writesPerSecond} writes/s; one teacher round over ${r.students} databases ${r.teacherRoundMs} ms ` +
      `(at most one round per ${r.roundFloorMs} ms); class create ${r.classCreateSeconds} s`,
  );
}
const machine = { cpus: cpus().length, model: cpus()[0]?.model, node: process.version };
console.log(`machine: ${machine.cpus} × ${machine.model}, node ${machine.node}`);
if (opt.out) writeFileSync(opt.out, JSON.stringify({ machine, results }, null, 2) + '\n');
const lost = results.filter((r) => r.missing > 0);
if (lost.length > 0) {
  console.error('some edits never reached the teacher');
  process.exit(1);
}
