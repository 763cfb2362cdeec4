// Checks, in Node (whose strings count UTF-16 code units, as Label Studio's frontend
// does), that every span of a Label Studio export points at exactly its text.
//
// usage: node check_label_studio.mjs REFERENCE.newsmark.json EXPORT.label-studio.json

import { readFileSync } from 'node:fs';

const [reference, exported] = process.argv.slice(2).map((p) => JSON.parse(readFileSync(p, 'utf8')));
const want = new Set(reference.annotations.map((a) => `${a.exact}\u0000${a.tag}`));
let failures = 0;
let spans = 0;
for (const task of exported) {
  const text = task.data.text;
  if (text !== reference.text) {
    console.log('FAIL the article text differs');
    failures++;
  }
  for (const result of task.annotations[0].result) {
    if (result.type !== 'labels') continue;
    spans++;
    const { start, end, text: quoted, labels } = result.value;
    const found = text.slice(start, end);
    if (found !== quoted) {
      console.log(`FAIL text.slice(${start}, ${end}) is ${JSON.stringify(found)}, not ${JSON.stringify(quoted)}`);
      failures++;
    }
    if (!want.has(`${found}\u0000${labels[0].toLowerCase()}`)) {
      console.log(`FAIL ${JSON.stringify(found)} (${labels[0]}) is not an annotation of the reference`);
      failures++;
    }
  }
}
if (spans !== reference.annotations.length) {
  console.log(`FAIL ${spans} spans, expected ${reference.annotations.length}`);
  failures++;
}
console.log(failures ? `${failures} problems` : `ok   ${spans} Label Studio spans, text.slice(start, end) === value.text for each`);
process.exit(failures ? 1 : 0);
