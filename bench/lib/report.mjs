// Medians over the runs, the issue's targets, and the printed table.

export const median = (xs) => {
  const v = xs.filter((x) => typeof x === 'number' && Number.isFinite(x)).sort((a, b) => a - b);
  if (!v.length) return null;
  const m = Math.floor(v.length / 2);
  return v.length % 2 ? v[m] : (v[m - 1] + v[m]) / 2;
};

const get = (obj, path) => path.split('.').reduce((o, k) => (o == null ? undefined : o[k]), obj);
// A run that failed half-way still counts for what it measured before it failed.
const samples = (runs, path) => runs.map((r) => get(r, path)).filter((x) => typeof x === 'number');

/**
 * The rows of the table: each metric's median for Newsmark, the peer (its faster
 * renderer, by median open time) and the floor, with the targets of the issue.
 * `max` is the issue's bound for Newsmark's figure; `peerRatio` and `floorRatio` bound
 * Newsmark/peer and Newsmark/floor.
 */
export function summarize(results, sizes, renderers) {
  const openOf = (r) => median(samples(results.peer[r], 'open.ms')) ?? Infinity;
  const renderer = [...renderers].sort((a, b) => openOf(a) - openOf(b))[0] ?? null;
  const nm = results.newsmark;
  const fl = results.floor;
  const KB = 1024;
  const row = (label, unit, n, p, f, target = {}) => {
    const r = { label, unit, newsmark: n, peer: p ?? null, peerRenderer: p == null ? null : lastPeerRenderer, floor: f ?? null, ...target };
    lastPeerRenderer = null;
    return r;
  };
  const m = (runs, path) => (runs === PEER ? bestPeer(path) : median(samples(runs, path)));
  // The peer's figure for a metric is its best renderer's (the lowest median), and the
  // row remembers which renderer that was.
  const PEER = [];
  let lastPeerRenderer = null;
  const bestPeer = (path) => {
    const by = renderers.map((r) => [r, median(samples(results.peer[r], path))]).filter(([, v]) => v !== null);
    if (!by.length) return null;
    by.sort((a, b) => a[1] - b[1]);
    lastPeerRenderer = by[0][0];
    return by[0][1];
  };
  const peer = PEER;
  const pct = (v) => (v === null ? null : 100 * v);
  const split = (runs) => {
    const source = runs === PEER ? results.peer[renderer] ?? [] : runs;
    const parts = ['scriptMs', 'layoutMs', 'styleMs'].map((k) => median(samples(source, `memory.mainThread.${k}`)));
    return parts.some((v) => v === null) ? null : parts.map((v) => Math.round(v).toLocaleString('en-US')).join(' / ');
  };
  const rows = [
    row('open', 'ms', m(nm, 'open.ms'), m(peer, 'open.ms'), m(fl, 'open.ms'), { max: 1000, peerRatio: 1.0, floorRatio: 3 }),
    row('open: main thread script / layout / style', 'ms', split(nm), split(peer), split(fl)),
    row('longest task while opening', 'ms', m(nm, 'open.longestTask'), m(peer, 'open.longestTask'), m(fl, 'open.longestTask'), { max: 100 }),
    row('select (mouse up → toolbar painted)', 'ms', m(nm, 'select.ms'), null, null),
    row('add (key press → highlight painted)', 'ms', median([...samples(nm, 'add.ms'), ...samples(nm, 'addAgain.ms')]), m(peer, 'add.ms'), null, { max: 50, peerRatio: 1.0 }),
    // The row above is the median of both adds of each run, as since the benchmark began;
    // the peer tags once per run. The two apart, since the page's first edit costs more.
    row('  the page\'s first add', 'ms', m(nm, 'add.ms'), m(peer, 'add.ms'), null),
    row('  the add again, after undoing it', 'ms', m(nm, 'addAgain.ms'), null, null),
    row('undo (Ctrl+Z)', 'ms', m(nm, 'undo.ms'), null, null, { max: 50 }),
    row('retag (quote in the editor)', 'ms', m(nm, 'retag.ms'), null, null, { max: 50 }),
    row('delete (in the editor)', 'ms', m(nm, 'delete.ms'), null, null, { max: 50 }),
    row('filter: All → Quote', 'ms', m(nm, 'filterQuote.ms'), null, null),
    row('filter: Quote → All', 'ms', m(nm, 'filterAll.ms'), null, null),
    row('longest task while editing', 'ms', m(nm, 'longestTaskEditing'), null, null),
    row('save after one edit (key press → on disk)', 'ms', m(nm, 'save.ms'), null, null),
    row('  of which the save, after the edit is painted', 'ms', m(nm, 'save.afterPaintMs'), null, null, { max: 20 }),
    row('  of which the storage write', 'ms', m(nm, 'save.writeMs'), null, null),
    row('export Newsmark JSON', 'ms', m(nm, 'exportNewsmark.ms'), null, null, { max: 500 }),
    row('export W3C', 'ms', m(nm, 'exportW3c.ms'), null, null, { max: 500 }),
    row('import Newsmark JSON', 'ms', m(nm, 'importNewsmark.ms'), null, null, { max: 500 }),
    row('import W3C', 'ms', m(nm, 'importW3c.ms'), null, null, { max: 500 }),
    row('scroll: frames dropped', 'frames', m(nm, 'scroll.dropped'), m(peer, 'scroll.dropped'), m(fl, 'scroll.dropped')),
    row('scroll: share of frames dropped', '%', pct(m(nm, 'scroll.droppedShare')), pct(m(peer, 'scroll.droppedShare')), pct(m(fl, 'scroll.droppedShare'))),
    row('wasm + JS of the first load, gzip', 'KB', sizes.newsmark.code.gzip / KB, (sizes.peer.code.gzip + sizes.peer.entry.gzip) / KB, 0, { max: 250 }),
    row('wasm + JS of the first load, raw', 'KB', sizes.newsmark.code.raw / KB, (sizes.peer.code.raw + sizes.peer.entry.raw) / KB, 0),
    row('  of which wasm, gzip / raw', 'KB', `${(sizes.newsmark.wasm.gzip / KB).toFixed(1)} / ${(sizes.newsmark.wasm.raw / KB).toFixed(1)}`, null, null),
    ...(sizes.newsmarkLater ? [row('fetched when first used (whole app, worker, PouchDB, service worker), gzip', 'KB', sizes.newsmarkLater.code.gzip / KB, null, null)] : []),
    row('memory after open (JS heap + wasm)', 'MB', m(nm, 'memory.total') / 1e6, m(peer, 'memory.total') / 1e6, m(fl, 'memory.total') / 1e6),
    row('  of which wasm memory', 'MB', m(nm, 'memory.wasmMemory') / 1e6, null, null),
    row('DOM nodes after open', 'nodes', m(nm, 'memory.domNodes'), m(peer, 'memory.domNodes'), m(fl, 'memory.domNodes')),
  ];
  for (const r of rows) {
    for (const k of ['newsmark', 'peer', 'floor']) if (typeof r[k] === 'number' && !Number.isFinite(r[k])) r[k] = null;
    const comparable = ['ms', 'KB', 'MB', 'nodes'].includes(r.unit);
    r.vsPeer = comparable && typeof r.newsmark === 'number' && r.peer ? r.newsmark / r.peer : null;
    r.vsFloor = comparable && typeof r.newsmark === 'number' && r.floor ? r.newsmark / r.floor : null;
    r.met = [];
    if (r.max !== undefined && typeof r.newsmark === 'number') r.met.push(r.newsmark <= r.max);
    if (r.peerRatio !== undefined && r.vsPeer !== null) r.met.push(r.vsPeer <= r.peerRatio);
    if (r.floorRatio !== undefined && r.vsFloor !== null) r.met.push(r.vsFloor <= r.floorRatio);
  }
  for (const r of rows) if (r.label.startsWith('open: main thread') && r.peer !== null) r.peerRenderer = renderer;
  // A scroll stopped at its time limit before the bottom of the page.
  const notes = [];
  const pages = [['Newsmark', nm], ['the floor', fl], ...renderers.map((r) => [`the peer (${r})`, results.peer[r]])];
  for (const [name, runs] of pages) {
    const covered = median(samples(runs, 'scroll.covered'));
    if (covered !== null && covered < 0.999) {
      notes.push(`${name}: the scroll was stopped after 30 s, ${Math.round(100 * covered)}% down the page, with ${Math.round(100 * median(samples(runs, 'scroll.droppedShare')))}% of frames dropped.`);
    }
  }
  const runsOk = (runs) => runs.filter((r) => !r.failed).length;
  const peerRuns = renderers.flatMap((r) => results.peer[r]);
  return {
    peerRenderer: renderer,
    notes,
    peerOpenByRenderer: Object.fromEntries(renderers.map((r) => [r, median(samples(results.peer[r], 'open.ms'))])),
    peerAddByRenderer: Object.fromEntries(renderers.map((r) => [r, median(samples(results.peer[r], 'add.ms'))])),
    runs: { newsmark: `${runsOk(nm)}/${nm.length}`, peer: `${runsOk(peerRuns)}/${peerRuns.length}`, floor: `${runsOk(fl)}/${fl.length}` },
    rows,
  };
}

const SHORT = { CSS_HIGHLIGHTS: 'ᶜ', SPANS: 'ˢ' };
const fmt = (v, unit) => {
  if (v === null || v === undefined) return '—';
  if (typeof v === 'string') return v;
  if (unit === 'frames' || unit === 'nodes') return Math.round(v).toLocaleString('en-US');
  if (unit === 'ms') return v < 10 ? v.toFixed(1) : Math.round(v).toLocaleString('en-US');
  return v.toFixed(1);
};
const ratio = (v, bound) => (v === null ? '—' : `${v < 10 ? v.toFixed(2) : v.toFixed(1)}${bound === undefined ? '' : v <= bound ? ' ✓' : ' ✗'}`);

function targetText(r) {
  const parts = [];
  if (r.max !== undefined) parts.push(`≤ ${r.max} ${r.unit}`);
  if (r.peerRatio !== undefined) parts.push(`peer ≤ ${r.peerRatio}`);
  if (r.floorRatio !== undefined) parts.push(`floor ≤ ${r.floorRatio}`);
  return parts.join(', ') || '—';
}

/** Prints the table (Markdown, so it can be pasted into BENCHMARKS.md as it is). */
export function printTable(meta, summary, sizes) {
  const d = meta.document;
  console.log(`\nNewsmark benchmark, ${meta.date.slice(0, 10)}, app at ${meta.commit}`);
  console.log(`Document: ${d.words.toLocaleString('en-US')} words in ${d.paragraphs.toLocaleString('en-US')} paragraphs, ${d.annotations.toLocaleString('en-US')} annotations (seed ${meta.options.seed}); medians of ${meta.options.runs} run(s)`);
  console.log(`Machine: ${meta.machine.nproc} cores, ${meta.machine.cpu}; Chromium ${meta.machine.chromium} (headless); Node ${meta.machine.node}`);
  const byRenderer = Object.keys(summary.peerOpenByRenderer)
    .map((k) => `${k} open ${fmt(summary.peerOpenByRenderer[k], 'ms')} ms, add ${fmt(summary.peerAddByRenderer[k], 'ms')} ms`).join('; ');
  console.log(`Peer: @recogito/text-annotator; each figure is its faster renderer's, ᶜ CSS_HIGHLIGHTS or ˢ SPANS (${byRenderer}).`);
  console.log(`Runs that worked: Newsmark ${summary.runs.newsmark}, peer ${summary.runs.peer}, floor ${summary.runs.floor}.\n`);
  const header = ['metric', 'unit', 'Newsmark', 'peer', 'Newsmark/peer', 'floor', 'Newsmark/floor', 'target', 'met'];
  const lines = summary.rows.map((r) => [
    r.label,
    r.unit,
    fmt(r.newsmark, r.unit),
    r.peer === null ? '—' : `${fmt(r.peer, r.unit)}${r.peerRenderer ? ` ${SHORT[r.peerRenderer] ?? r.peerRenderer}` : ''}`,
    r.vsPeer === null ? '—' : ratio(r.vsPeer, r.peerRatio),
    fmt(r.floor, r.unit),
    r.vsFloor === null || r.unit !== 'ms' ? '—' : ratio(r.vsFloor, r.floorRatio),
    targetText(r),
    r.met.length === 0 ? '—' : r.met.every(Boolean) ? 'met' : 'missed',
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...lines.map((l) => [...l[i]].length)));
  const pad = (cells) => `| ${cells.map((c, i) => (i >= 2 && i <= 6 ? c.padStart(widths[i]) : c.padEnd(widths[i]))).join(' | ')} |`;
  console.log(pad(header));
  console.log(`|${widths.map((w, i) => (i >= 2 && i <= 6 ? `${'-'.repeat(w + 1)}:` : '-'.repeat(w + 2))).join('|')}|`);
  for (const l of lines) console.log(pad(l));
  if (summary.notes?.length) console.log(`\n${summary.notes.map((n) => `Note: ${n}`).join('\n')}`);
  const missed = summary.rows.filter((r) => r.met.length && !r.met.every(Boolean)).map((r) => r.label);
  console.log(`\nTargets missed: ${missed.length ? missed.join('; ') : 'none'}.`);
  console.log('✓/✗ on a ratio: within or beyond its bound. Times are medians; "—": not measured for that page.');
  void sizes;
}

/** Prints Newsmark's medians beside those of an earlier results file. */
export function printComparison(before, now) {
  console.log(`\nCompared with ${before.meta.date.slice(0, 16).replace('T', ' ')} (app at ${before.meta.commit}, ${before.meta.document.words} words, ${before.meta.document.annotations} annotations, ${before.meta.options.runs} run(s)):\n`);
  const rows = now.summary.rows.map((r) => {
    const old = before.summary.rows.find((o) => o.label === r.label);
    const a = old?.newsmark;
    const b = r.newsmark;
    const change = typeof a === 'number' && typeof b === 'number' && a !== 0 ? `${b >= a ? '+' : ''}${(100 * (b - a) / a).toFixed(0)}%` : '—';
    return [r.label, r.unit, fmt(a, r.unit), fmt(b, r.unit), change];
  });
  const header = ['metric', 'unit', 'before', 'now', 'change'];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((l) => [...l[i]].length)));
  const pad = (cells) => `| ${cells.map((c, i) => (i >= 2 ? c.padStart(widths[i]) : c.padEnd(widths[i]))).join(' | ')} |`;
  console.log(pad(header));
  console.log(`|${widths.map((w, i) => (i >= 2 ? `${'-'.repeat(w + 1)}:` : '-'.repeat(w + 2))).join('|')}|`);
  for (const l of rows) console.log(pad(l));
}
