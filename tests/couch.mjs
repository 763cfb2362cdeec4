// A real class server for the tests: pouchdb-server (CouchDB's HTTP API on PouchDB), in
// memory, on 127.0.0.1 at a free port, with one server admin. Browser tests, CLI tests
// and the class benchmark start one each and stop it when done.

import { spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../', import.meta.url));
const bin = join(root, 'node_modules', '.bin', 'pouchdb-server');

/** A port nobody listens on now. */
function freePort() {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address();
      probe.close(() => resolve(port));
    });
  });
}

/**
 * Starts pouchdb-server; resolves to { url, admin: { name, password }, request, stop }.
 * `request(path, { method, body, auth })` sends one JSON request (auth: 'admin', a
 * { name, password } pair, a cookie string, or null for none) and resolves to
 * { status, body }.
 */
export async function startCouch() {
  const dir = mkdtempSync(join(tmpdir(), 'newsmark-couch-'));
  for (let attempt = 0; ; attempt++) {
    const port = await freePort();
    // With Node's default, a promise rejection nobody handles ends the process, and
    // pouchdb-server leaves one when a database's _security refuses a user while a feed
    // of theirs is open (pouchdb-security's throw401): the server then died mid-test
    // (class-student's "access withdrawn" test, under load). CouchDB has no such path;
    // here the rejection is only logged.
    const child = spawn(process.execPath, ['--unhandled-rejections=warn', bin, '--in-memory', '--host', '127.0.0.1', '--port', String(port), '--dir', dir, '--no-stdout-logs'], {
      cwd: dir,
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (d) => { stderr += d; });
    const url = `http://127.0.0.1:${port}`;
    const up = await waitUntilUp(url, child);
    if (!up) {
      child.kill('SIGKILL');
      if (attempt < 2) continue;
      throw new Error(`pouchdb-server did not start: ${stderr.slice(-500)}`);
    }
    const admin = { name: 'teacher', password: 'teacher-secret-1' };
    const couch = {
      url,
      admin,
      async request(path, { method = 'GET', body, auth = 'admin', headers = {} } = {}) {
        const h = { 'content-type': 'application/json', accept: 'application/json', ...headers };
        const who = auth === 'admin' ? admin : auth;
        if (who && typeof who === 'object') h.authorization = 'Basic ' + Buffer.from(`${who.name}:${who.password}`).toString('base64');
        if (typeof who === 'string') h.cookie = who;
        const res = await fetch(url + path, { method, headers: h, body: body === undefined ? undefined : JSON.stringify(body) });
        const text = await res.text();
        let parsed;
        try { parsed = JSON.parse(text); } catch { parsed = text; }
        return { status: res.status, body: parsed, headers: res.headers };
      },
      /** How the server process stands, for a failing test's message: running or how it ended, and its last error output. */
      state() {
        const how = child.exitCode === null && child.signalCode === null ? 'running' : `ended (${child.exitCode ?? child.signalCode})`;
        return `pouchdb-server ${how}${stderr ? `; its error output ends: ${stderr.slice(-300)}` : ''}`;
      },
      stop() {
        return new Promise((resolve) => {
          if (child.exitCode !== null) { rmSync(dir, { recursive: true, force: true }); resolve(); return; }
          child.once('exit', () => { rmSync(dir, { recursive: true, force: true }); resolve(); });
          child.kill('SIGTERM');
        });
      },
    };
    const made = await couch.request(`/_config/admins/${admin.name}`, { method: 'PUT', body: admin.password, auth: null });
    if (made.status !== 200) throw new Error(`could not make the server admin: ${made.status} ${JSON.stringify(made.body)}`);
    return couch;
  }
}

async function waitUntilUp(url, child) {
  // Until the server answers, or its process ends: this waits on the server, not a clock.
  for (;;) {
    if (child.exitCode !== null) return false;
    try {
      const res = await fetch(url + '/');
      if (res.ok) return true;
    } catch {
      await new Promise((r) => setTimeout(r, 100));
    }
  }
}
