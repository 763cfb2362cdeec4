// Moves the start-up script that Trunk writes inline into index.html out into its own
// file, so that the Content-Security-Policy in index.html can allow scripts from the
// app's own origin only (no 'unsafe-inline'). scripts/write-sw.mjs calls it after every
// build, before it lists the files (Trunk runs the hooks of one stage at the same time,
// so this cannot be a hook of its own). By hand: node scripts/externalize-init.mjs dist

import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** Rewrites `dir`/index.html so that it has no inline script; returns how many it moved. */
export function externalizeInit(dir) {
  const indexPath = join(dir, 'index.html');
  let html = readFileSync(indexPath, 'utf8');
  let count = 0;
  html = html.replace(/<script type="module"(?: nonce="[^"]*")?>([\s\S]*?)<\/script>/g, (_, body) => {
    const code = body.trim() + '\n';
    const name = `init-${createHash('sha256').update(code).digest('hex').slice(0, 16)}.js`;
    writeFileSync(join(dir, name), code);
    count += 1;
    return `<script type="module" src="${name}"></script>`;
  });
  if (/<script(?![^>]*\bsrc=)[^>]*>/i.test(html)) {
    throw new Error('index.html still has an inline script; the Content-Security-Policy would block it');
  }
  writeFileSync(indexPath, html);
  return count;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const dir = process.argv[2];
  if (!dir) {
    console.error('usage: node scripts/externalize-init.mjs BUILD_DIR');
    process.exit(2);
  }
  console.log(`externalize-init: moved ${externalizeInit(dir)} inline script(s) into files`);
}
