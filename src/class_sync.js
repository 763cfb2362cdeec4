// Class sync in the browser: PouchDB (CouchDB's own replication client), loaded the first
// time class work is opened, keeping a local copy of a student's class work in IndexedDB
// and replicating it live with their database on the class server. The app (Rust, in
// class_sync.rs) decides what to write and how to read the records; this file only moves
// them and reports how the replication stands.

let loading = null;

/** Loads pouchdb.min.js (copied next to the app by the build) once, with a script element. */
export function loadPouch() {
  if (window.PouchDB) return Promise.resolve();
  if (!loading) {
    loading = new Promise((resolve, reject) => {
      const script = document.createElement('script');
      script.src = new URL('pouchdb.min.js', document.baseURI).href;
      script.onload = () => (window.PouchDB ? resolve() : reject(new Error('PouchDB did not start')));
      script.onerror = () => {
        loading = null;
        script.remove();
        reject(new Error('The class sync code could not be loaded: you may be offline, and this device has not kept a copy yet.'));
      };
      document.head.appendChild(script);
    });
  }
  return loading;
}

/** What the app needs of an error: the HTTP status, names, and CouchDB's reason. */
function describe(err) {
  if (!err) return null;
  return {
    status: typeof err.status === 'number' ? err.status : 0,
    name: String(err.name || ''),
    reason: String(err.reason || ''),
    message: String(err.message || err),
    offline: !navigator.onLine,
  };
}

/** The error reported while the browser says it is offline. */
const OFFLINE = { status: 0, name: 'offline', message: 'offline', reason: '' };

/** How long "syncing" may last before the server is asked directly, in milliseconds. */
const WATCH = 10000;

/** The longest wait between two attempts, in milliseconds. */
const MAX_DELAY = 30000;

/** The next wait after `delay`: one second, then doubled, at most 30 seconds. */
function nextDelay(delay) {
  return delay === 0 ? 1000 : Math.min(delay * 2, MAX_DELAY);
}

/**
 * One joined class on this device: the local database `localName` synced with
 * `remoteUrl`. `onRecords(records)` gets every record (with its conflicting versions)
 * after each change; `onState({ state, waiting, error })` gets how the sync stands:
 * 'syncing', 'synced', 'paused' (with an error) or 'stopped' (with an error).
 */
export class ClassSync {
  constructor(localName, remoteUrl, onRecords, onState) {
    this.localName = localName;
    this.local = new window.PouchDB(localName);
    this.remote = new window.PouchDB(remoteUrl, {
      skip_setup: true,
      // The session cookie goes with every request (the server is on another origin).
      fetch: (url, opts) => window.PouchDB.fetch(url, { ...opts, credentials: 'include' }),
    });
    this.onRecords = onRecords;
    this.onState = onState;
    this.waiting = new Set();
    this.sync = null;
    this.feed = null;
    this.timer = null;
    this.delay = 0;
    this.stopped = true;
    this.reading = null;
    this.readAgain = false;
    this.localFault = null;
    this.online = () => this.restart();
    this.offline = () => this.report('paused', OFFLINE);
  }

  report(state, error) {
    // Whatever PouchDB says, with no network nothing is being sent.
    if (!navigator.onLine) [state, error] = ['paused', OFFLINE];
    // A change this device could not keep for the class is said until one is kept.
    if (this.localFault) [state, error] = ['paused', this.localFault];
    this.failing = Boolean(error);
    // A replication that hangs (PouchDB does on some replies that are not JSON) is
    // checked after a while: the server is asked directly, and the sync started again.
    clearTimeout(this.watchdog);
    if (state === 'syncing') this.watchdog = setTimeout(() => this.sync && this.settle(this.sync), WATCH);
    this.onState({ state, waiting: this.waiting.size, error: error ? describe(error) : null });
  }

  /** Copies the server's records down once; rejects with the server's error. */
  async pullOnce() {
    try {
      await this.local.replicate.from(this.remote, { batch_size: 200 });
    } catch (err) {
      throw describe(err);
    }
  }

  /** Starts following local changes and syncing live, until `stop`. */
  start() {
    if (!this.stopped) return;
    this.stopped = false;
    window.addEventListener('online', this.online);
    window.addEventListener('offline', this.offline);
    this.feed = this.local.changes({ since: 'now', live: true }).on('change', () => this.read());
    this.read();
    this.connect();
  }

  stop() {
    this.stopped = true;
    clearTimeout(this.watchdog);
    window.removeEventListener('online', this.online);
    window.removeEventListener('offline', this.offline);
    clearTimeout(this.timer);
    this.feed?.cancel();
    this.sync?.cancel();
    this.sync = null;
  }

  /**
   * Opens the local database again. A write the browser aborts (storage full) makes
   * PouchDB close its connection for good; the next write needs a new one.
   */
  async reopen() {
    this.feed?.cancel();
    this.sync?.cancel();
    this.sync = null;
    // After the abort has reached the database (PouchDB then lets go of the connection
    // it keeps for the name), a new one is opened.
    const old = this.local;
    await new Promise((resolve) => setTimeout(resolve, 0));
    old.close().catch(() => {});
    this.local = new window.PouchDB(this.localName);
    if (this.stopped) return;
    this.feed = this.local.changes({ since: 'now', live: true }).on('change', () => this.read());
    this.connect();
  }

  /** Starts again at once (the network came back, or the person signed in again). */
  restart(keepDelay = false) {
    if (this.stopped) return;
    clearTimeout(this.timer);
    if (!keepDelay) this.delay = 0;
    this.sync?.cancel();
    this.sync = null;
    this.connect();
  }

  connect() {
    if (this.stopped || this.sync) return;
    this.report('syncing', null);
    const sync = this.local.sync(this.remote, {
      live: true,
      retry: true,
      back_off_function: (delay) => nextDelay(delay),
    });
    this.sync = sync;
    // An error on either side is said at once (the sync as a whole pauses only when both
    // sides do), and stays said until the sync succeeds, through the retries.
    for (const side of [sync.push, sync.pull]) side?.on('paused', (err) => err && this.sync === sync && this.report('paused', err));
    sync
      .on('active', () => this.failing || this.report('syncing', null))
      .on('change', (info) => {
        if (info.direction === 'push') {
          for (const doc of info.change.docs || []) this.waiting.delete(doc._id);
          this.delay = 0;
        }
      })
      .on('paused', (err) => (err ? this.report('paused', err) : this.settle(sync)))
      .on('denied', (err) => this.report('paused', err))
      .on('error', (err) => {
        // PouchDB gives up on a refusal (401, 403): try again later, with the same back-off.
        if (this.sync !== sync) return;
        this.sync = null;
        this.report('stopped', err);
        this.delay = nextDelay(this.delay);
        this.timer = setTimeout(() => this.connect(), this.delay);
      });
  }

  /**
   * PouchDB paused without an error, which it also does when a push failed: synced only
   * once the server is asked and has every revision written here.
   */
  async settle(sync) {
    if (!navigator.onLine) return this.offline();
    try {
      if (this.waiting.size) {
        const local = await this.local.allDocs({ keys: [...this.waiting] });
        const ask = {};
        for (const row of local.rows) if (row.value) ask[row.id] = [row.value.rev];
        const missing = await this.remote.revsDiff(ask);
        for (const id of Object.keys(ask)) if (!missing[id]) this.waiting.delete(id);
      }
    } catch (err) {
      return this.report('paused', err);
    }
    if (this.sync !== sync) return;
    if (this.waiting.size === 0) {
      this.delay = 0;
      return this.report('synced', null);
    }
    // Not all sent: start again after a while.
    this.report('syncing', null);
    clearTimeout(this.timer);
    this.delay = nextDelay(this.delay);
    this.timer = setTimeout(() => this.restart(true), this.delay);
  }

  /** Every record, with the bodies of its conflicting revisions; after each change. */
  read() {
    if (this.reading) {
      this.readAgain = true;
      return;
    }
    this.reading = this.records()
      .then((records) => this.onRecords(records))
      .catch(async (err) => {
        this.report('paused', err);
        await this.reopen();
      })
      .finally(() => {
        this.reading = null;
        if (this.readAgain && !this.stopped) {
          this.readAgain = false;
          this.read();
        }
      });
  }

  async records() {
    const all = await this.local.allDocs({ include_docs: true, conflicts: true });
    const out = [];
    for (const row of all.rows) {
      if (row.id.startsWith('_design/')) continue;
      const { _id, _rev, _conflicts = [], ...body } = row.doc;
      const conflicts = [];
      for (const rev of _conflicts) {
        const other = await this.local.get(_id, { rev });
        const { _id: id2, _rev: rev2, ...otherBody } = other;
        conflicts.push([rev2, otherBody]);
      }
      out.push({ id: _id, rev: _rev, body, conflicts });
    }
    return out;
  }

  /** Writes `writes` ([{ id, body }], a null body deletes) over the current revisions. */
  async write(writes) {
    if (writes.length === 0) return;
    let ids;
    try {
      ids = await this.put(writes);
    } catch {
      // The connection may have broken on an earlier failure (a replication checkpoint
      // the browser refused to store): once more on a new one.
      await this.reopen();
      try {
        ids = await this.put(writes);
      } catch (err) {
        this.localFault = describe(err);
        await this.reopen();
        throw this.localFault;
      }
    }
    this.localFault = null;
    for (const id of ids) this.waiting.add(id);
    if (this.stopped) return;
    // After a failure, a change written is the moment to try again at once.
    if (this.failing) this.restart();
    else this.report('syncing', null);
  }

  /** Puts `writes` into the local database; resolves to the ids written. */
  async put(writes) {
    const current = await this.local.allDocs({ keys: writes.map((w) => w.id) });
    const revs = new Map(current.rows.filter((r) => r.value && !r.value.deleted).map((r) => [r.id, r.value.rev]));
    const docs = [];
    for (const { id, body } of writes) {
      const rev = revs.get(id);
      if (body === null || body === undefined) {
        if (rev) docs.push({ _id: id, _rev: rev, _deleted: true });
      } else {
        docs.push(rev ? { ...body, _id: id, _rev: rev } : { ...body, _id: id });
      }
    }
    const results = await this.local.bulkDocs(docs);
    const failed = results.find((r) => r.error);
    if (failed) throw failed;
    return docs.map((d) => d._id);
  }

  /** Settles a conflict: deletes the losing revisions `deleteRevs`, then writes `rewrite` (if set) over the standing one. */
  async resolve(id, deleteRevs, rewrite) {
    try {
      for (const rev of deleteRevs) await this.local.put({ _id: id, _rev: rev, _deleted: true });
      if (rewrite) {
        const standing = await this.local.get(id);
        await this.local.put({ ...rewrite, _id: id, _rev: standing._rev });
      }
    } catch (err) {
      throw describe(err);
    }
    this.waiting.add(id);
    this.report(navigator.onLine ? 'syncing' : 'paused', null);
  }
}
