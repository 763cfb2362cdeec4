// The benchmark's document, read from the files the `newsmark` command writes, and
// turned into the floor page (static HTML, no script) and the peer's annotations.
//
// Offsets: Newsmark and W3C count Unicode code points; Recogito's text annotator counts
// UTF-16 units of the text nodes under its container, in document order (it walks them
// with a TreeWalker and adds up `textContent.length`). The pages below put exactly the
// article's text under the container: each paragraph in a <p>, and the text between
// paragraphs (blank lines) as plain text nodes between them, which render as nothing. So
// a UTF-16 offset into the whole text is the peer's offset, and converting is one table.

import { readFileSync } from 'node:fs';

/** Reads a Newsmark JSON file (a document, or the first document of a set). */
export function readNewsmark(path) {
  const json = JSON.parse(readFileSync(path, 'utf8'));
  const doc = json.kind === 'newsmark-set' ? json.documents?.[0] : json;
  if (!doc || typeof doc.text !== 'string' || !Array.isArray(doc.annotations)) {
    throw new Error(`${path} is not a Newsmark document (no text or annotations)`);
  }
  return doc;
}

/**
 * Paragraphs as Newsmark cuts them (`newsmark_core::segments::paragraphs`): lines
 * separated by blank (whitespace-only) lines; a paragraph's trailing `\r` is left out.
 * Returns code point ranges `{ start, end }`.
 */
export function paragraphs(text) {
  const out = [];
  let current = null;
  let lineStart = 0;
  for (const line of text.split('\n')) {
    const len = [...line].length;
    const contentEnd = lineStart + len - (line.endsWith('\r') ? 1 : 0);
    if (line.trim() === '') {
      if (current) out.push(current);
      current = null;
    } else if (current) {
      current.end = contentEnd;
    } else {
      current = { start: lineStart, end: contentEnd };
    }
    lineStart += len + 1;
  }
  if (current) out.push(current);
  return out;
}

/** `utf16[i]` is the UTF-16 offset of code point `i` (and `utf16[n]` the length). */
export function utf16Offsets(text) {
  const table = new Uint32Array([...text].length + 1);
  let i = 0;
  let units = 0;
  for (const ch of text) {
    table[i++] = units;
    units += ch.length;
  }
  table[i] = units;
  return table;
}

const escapeHtml = (s) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;')
  // The HTML parser turns \r\n and lone \r into \n; a character reference keeps the \r,
  // so the text under the container stays exactly the article's text.
  .replace(/\r/g, '&#13;');

/** The article as HTML: paragraphs in <p>, the text between them as bare text nodes. */
export function articleHtml(text) {
  const u16 = utf16Offsets(text);
  let html = '';
  let at = 0;
  for (const p of paragraphs(text)) {
    html += escapeHtml(text.slice(u16[at], u16[p.start]));
    html += `<p>${escapeHtml(text.slice(u16[p.start], u16[p.end]))}</p>`;
    at = p.end;
  }
  html += escapeHtml(text.slice(u16[at]));
  return html;
}

/** Typography of Newsmark's reading view (styles/app.css, `.article`), for the other pages. */
export const ARTICLE_CSS = `
body { margin: 0; background: #f6f5f1; color: #1d1d1f;
  font-family: system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", "Noto Sans Arabic", "Noto Sans CJK SC", sans-serif; }
main { max-width: 50em; margin: 1.2em auto; background: #fff; border: 1px solid #dedcd4; border-radius: 8px; padding: 2em 3.2em 3em; }
h1 { max-width: 40em; margin: 0 auto 1.4em; font-family: Georgia, "Times New Roman", "Noto Serif", serif; font-size: 1.9em; line-height: 1.2; }
.article { max-width: 40em; margin: 0 auto;
  font-family: Georgia, "Times New Roman", "Noto Serif", "Noto Naskh Arabic", "Noto Serif CJK SC", serif;
  font-size: 1.15rem; line-height: 1.85; unicode-bidi: plaintext; }
.article p { margin: 0 0 1.1em; white-space: pre-wrap; unicode-bidi: plaintext; }
`;

/** The floor: the same article as a static page with no script at all. */
export function floorPage(doc) {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(doc.title)} (static)</title>
<link rel="icon" href="data:,"><style>${ARTICLE_CSS}</style></head>
<body><main><h1>${escapeHtml(doc.title)}</h1><article class="article" id="article">${articleHtml(doc.text)}</article></main></body></html>
`;
}

/** The peer's page: the floor's article, plus the annotator and its entry script. */
export function peerPage(doc, template) {
  // Replacement functions, so that a "$&" in the article stays as it is.
  return template
    .replace('<!-- TITLE -->', () => escapeHtml(doc.title))
    .replace('/* ARTICLE_CSS */', () => ARTICLE_CSS)
    .replace('<!-- ARTICLE -->', () => `<h1>${escapeHtml(doc.title)}</h1><article class="article" id="article">${articleHtml(doc.text)}</article>`);
}

/**
 * The peer's annotations, from Newsmark's W3C export (TextQuoteSelector and
 * TextPositionSelector in code points, tag as a `tagging` body): positions converted to
 * UTF-16 units of the text, each checked against its quote. Returns Recogito's own
 * annotation shape, `{ id, bodies, target: { annotation, selector: [{ quote, start, end }] } }`.
 */
export function peerAnnotations(w3cPath) {
  const w3c = JSON.parse(readFileSync(w3cPath, 'utf8'));
  const text = w3c['newsmark:document']?.text;
  if (typeof text !== 'string') throw new Error(`${w3cPath} carries no article text (newsmark:document)`);
  const items = w3c.first?.items ?? w3c.items ?? [];
  const u16 = utf16Offsets(text);
  const out = [];
  for (const item of items) {
    const selectors = [item.target].flat().flatMap((t) => [t?.selector ?? []].flat());
    const position = selectors.find((s) => s.type === 'TextPositionSelector');
    const quote = selectors.find((s) => s.type === 'TextQuoteSelector');
    const tag = [item.body ?? []].flat().find((b) => b.purpose === 'tagging')?.value;
    if (!position || !tag) continue; // attributions (linking) have no span of their own
    const start = u16[position.start];
    const end = u16[position.end];
    const exact = text.slice(start, end);
    if (start === undefined || end === undefined || (quote && quote.exact !== exact)) {
      throw new Error(`annotation ${item.id}: position ${position.start}..${position.end} does not hold its quote`);
    }
    const id = String(item.id).replace(/^urn:newsmark:annotation:/, '');
    out.push({
      id,
      bodies: [{ id: `${id}-tag`, annotation: id, purpose: 'tagging', value: tag }],
      target: { annotation: id, selector: [{ quote: exact, start, end }] },
    });
  }
  return { text, annotations: out };
}

/**
 * Where the benchmark selects and tags: `count` phrases of two plain words (ASCII
 * letters) that no annotation touches (with a character to spare on each side), one
 * per paragraph, spread over the document. Each is `{ paragraph, offset, text }`: the
 * paragraph's index and the phrase's UTF-16 offset within the paragraph's text.
 */
export function freePhrases(doc, count) {
  const length = [...doc.text].length;
  const covered = new Uint8Array(length + 2);
  for (const a of doc.annotations) covered.fill(1, a.start, a.end);
  const paras = paragraphs(doc.text);
  const u16 = utf16Offsets(doc.text);
  const out = [];
  const step = Math.max(1, Math.floor(paras.length / (count + 1)));
  for (let k = 1; out.length < count && k < paras.length * 2; k++) {
    const i = (k * step) % paras.length;
    if (out.some((p) => p.paragraph === i)) continue;
    const p = paras[i];
    const s = doc.text.slice(u16[p.start], u16[p.end]);
    for (const m of s.matchAll(/(?<![A-Za-z])[A-Za-z]{3,} [A-Za-z]{3,}(?![A-Za-z])/g)) {
      const start = p.start + [...s.slice(0, m.index)].length;
      const end = start + m[0].length;
      if (!covered.subarray(Math.max(0, start - 1), end + 1).some((c) => c)) {
        out.push({ paragraph: i, offset: m.index, text: m[0] });
        break;
      }
    }
  }
  if (out.length < count) throw new Error(`found only ${out.length} unannotated two-word phrases to tag; the document is too small or too densely annotated`);
  return out;
}

/** Counts of the document: words, paragraphs, code points, UTF-16 units, UTF-8 bytes. */
export function describeDocument(doc) {
  return {
    title: doc.title,
    words: (doc.text.match(/\S+/g) ?? []).length,
    paragraphs: paragraphs(doc.text).length,
    annotations: doc.annotations.length,
    codePoints: [...doc.text].length,
    utf16Units: doc.text.length,
    utf8Bytes: Buffer.byteLength(doc.text),
  };
}
