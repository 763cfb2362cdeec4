// What the benchmark puts into every page it measures (Newsmark, the peer and the floor
// alike), before any of the page's own scripts run: Playwright's addInitScript, which
// the pages' Content-Security-Policy does not apply to. It only records; it changes
// nothing the page does.
//
// window.__bench holds:
//   longtasks   every long task (PerformanceObserver 'longtask': main-thread tasks over 50 ms)
//   paints      first-paint and first-contentful-paint ('paint' entries)
//   events      the last input event of each type (keydown, click, change, pointer down and up)
//   downloads   each click on a download link (<a download>), which is how a page hands a file to the browser
//   writes      each storage write: localStorage.setItem/removeItem (with its duration and size)
//               and each IndexedDB readwrite transaction (from creation to 'complete', with the
//               records it puts and the characters of those that are text)
//   wasm        every WebAssembly.Memory a page instantiated (wasm-bindgen exports its memory)
//   mutations   count and time of the last DOM mutation anywhere in the document
// and the two waits the driver uses: openResult (opening) and measure (one interaction).
// All times are performance.now() values: milliseconds since navigation start.

export function instrument(config = {}) {
  if (window.__bench) return;
  const now = () => performance.now();
  const B = (window.__bench = {
    longtasks: [], paints: {}, events: {}, downloads: [], writes: [], wasm: [],
    mutations: 0, lastMutation: 0, checks: new Set(),
  });

  try {
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) B.longtasks.push({ start: e.startTime, duration: e.duration });
    }).observe({ type: 'longtask', buffered: true });
  } catch { /* no long-task timing in this browser */ }
  try {
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) B.paints[e.name] = e.startTime;
    }).observe({ type: 'paint', buffered: true });
  } catch { /* no paint timing */ }

  for (const type of ['keydown', 'click', 'change', 'pointerdown', 'pointerup']) {
    addEventListener(type, (e) => {
      B.events[type] = { t: e.timeStamp, key: e.key, seen: now() };
      const armed = B.armed;
      if (armed && armed.t0 === null && armed.trigger.type === type && (!armed.trigger.key || armed.trigger.key === e.key)) armed.t0 = e.timeStamp;
      const a = e.target instanceof Element ? e.target.closest('a[download]') : null;
      if (type === 'click' && a) B.downloads.push({ t: now(), name: a.getAttribute('download') });
    }, { capture: true });
  }

  // Storage writes, whichever storage the page uses.
  const setItem = Storage.prototype.setItem;
  Storage.prototype.setItem = function (key, value) {
    const start = now();
    try {
      return setItem.call(this, key, value);
    } finally {
      B.writes.push({ kind: 'localStorage', key: String(key), chars: String(value).length, start, end: now() });
    }
  };
  const removeItem = Storage.prototype.removeItem;
  Storage.prototype.removeItem = function (key) {
    const start = now();
    try {
      return removeItem.call(this, key);
    } finally {
      B.writes.push({ kind: 'localStorage', key: String(key), chars: 0, start, end: now() });
    }
  };
  if (self.IDBDatabase) {
    const transaction = IDBDatabase.prototype.transaction;
    IDBDatabase.prototype.transaction = function (stores, mode, ...rest) {
      const tx = transaction.call(this, stores, mode, ...rest);
      if (mode === 'readwrite' || mode === 'versionchange') {
        const start = now();
        const write = { kind: 'indexedDB', key: [stores].flat().join(','), chars: 0, records: 0, start, end: null };
        B.writes.push(write);
        tx.__benchWrite = write;
        const done = () => { write.end = now(); };
        tx.addEventListener('complete', done);
        tx.addEventListener('abort', () => { write.end = now(); write.aborted = true; });
        tx.addEventListener('error', () => { write.error = true; });
      }
      return tx;
    };
    // What each transaction puts: how many records, and the characters of those stored as text.
    const put = IDBObjectStore.prototype.put;
    IDBObjectStore.prototype.put = function (value, ...rest) {
      const write = this.transaction.__benchWrite;
      if (write) {
        write.records += 1;
        write.chars += typeof value === 'string' ? value.length : typeof value?.document === 'string' ? value.document.length : 0;
      }
      return put.call(this, value, ...rest);
    };
  }

  // The wasm memory (wasm-bindgen instantiates with instantiateStreaming or instantiate).
  const keep = (result) => {
    const memory = (result?.instance ?? result)?.exports?.memory;
    if (memory instanceof WebAssembly.Memory) B.wasm.push(memory);
    return result;
  };
  for (const name of ['instantiateStreaming', 'instantiate']) {
    const original = WebAssembly[name];
    if (original) WebAssembly[name] = function (...args) { return original.apply(this, args).then(keep); };
  }
  B.wasmBytes = () => B.wasm.reduce((sum, m) => sum + m.buffer.byteLength, 0);

  const check = () => { for (const f of B.checks) f(); };
  new MutationObserver((records) => {
    B.mutations += records.length;
    B.lastMutation = now();
    check();
  }).observe(document, { subtree: true, childList: true, attributes: true, characterData: true });
  addEventListener('peer:redraw', check);

  /**
   * Resolves to the time of the first task after the next frame's rendering: the next
   * animation frame runs (before that frame's style, layout and paint, which follow
   * in the same task), then a message posted from it is handled, after them. So
   * whatever changed before the call has been laid out and painted on the main thread,
   * and the main thread is free again.
   */
  B.settle = () => new Promise((resolve) => {
    requestAnimationFrame(() => {
      const channel = new MessageChannel();
      channel.port1.onmessage = () => resolve(now());
      channel.port2.postMessage(null);
    });
  });

  // Opening: from the page's start, once the page's own "ready" test holds, every batch
  // of DOM changes (and every peer redraw) is followed by a settle. openResult() waits
  // until nothing has changed for quietMs after the last settle.
  const ready = {
    newsmark: () => {
      const title = document.querySelector('.article-title');
      return !!title && title.textContent === config.title && !!document.querySelector('.article .hl');
    },
    peer: () => !!window.peer && window.peer.loaded > 0 && window.peer.redraws > window.peer.redrawsAtLoad && window.peer.drawnCount() > 0,
    floor: () => document.readyState !== 'loading' && !!document.querySelector('#article p'),
  }[config.kind] ?? (() => true);
  const open = (B.open = { readyAt: null, settledAt: null, batches: 0 });
  const onChange = () => {
    if (open.readyAt === null) {
      if (!ready()) return;
      open.readyAt = now();
    }
    const mine = ++open.batches;
    B.settle().then((t) => { if (mine === open.batches) open.settledAt = t; });
  };
  B.checks.add(onChange);
  document.addEventListener('readystatechange', onChange);
  B.openResult = (quietMs, timeoutMs) => new Promise((resolve) => {
    const began = now();
    const poll = setInterval(() => {
      const t = now();
      const last = Math.max(B.lastMutation, open.settledAt ?? Infinity);
      const quiet = open.settledAt !== null && open.settledAt >= B.lastMutation && t - last >= quietMs;
      if (quiet || t - began > timeoutMs) {
        clearInterval(poll);
        B.checks.delete(onChange);
        resolve({ ...open, timedOut: !quiet, mutations: B.mutations, lastMutation: B.lastMutation, at: t });
      }
    }, 50);
  });

  /**
   * One interaction: call before the driver acts. `done()` is checked after every DOM
   * change (and peer redraw); the result (in B.pending) holds `t0`, the timeStamp of
   * the first `trigger` event (type, and key if given) after the call; `hit`, when
   * `done()` first held; and `painted`, the settle after that.
   */
  B.measure = (trigger, done, timeoutMs) => {
    // The first event of the trigger's type (and key) from now on starts the clock.
    const armed = (B.armed = { trigger, t0: null });
    const result = new Promise((resolve) => {
      let finished = false;
      const finish = (extra) => {
        if (finished) return;
        finished = true;
        B.checks.delete(test);
        clearTimeout(timer);
        clearInterval(poll);
        const t0 = armed.t0;
        if (B.armed === armed) B.armed = null;
        resolve({ t0, ...extra });
      };
      const test = () => {
        if (finished || !done()) return;
        const hit = now();
        B.checks.delete(test);
        B.settle().then((painted) => finish({ hit, painted }));
      };
      B.checks.add(test);
      // A change that comes with no DOM mutation is still caught, if late.
      const poll = setInterval(test, 200);
      const timer = setTimeout(() => finish({ timedOut: true }), timeoutMs);
    });
    B.pending = result;
    return true;
  };
}
