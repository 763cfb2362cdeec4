#!/usr/bin/env node
// Lets a build of Newsmark connect to the class servers it is deployed for.
//
// The page's Content-Security-Policy allows connections to its own origin only
// (connect-src 'self'). A school that runs a class server (CouchDB) adds that server's
// origin, and only that: set NEWSMARK_CLASS_SERVERS (space-separated origins, such as
// "https://couch.school.example") when building, and write-sw.mjs applies it after each
// build; or run this on a built folder: node scripts/class-servers.mjs dist ORIGIN...
// The browser tests serve dist/ through the same function with their own test server.

import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** An origin (scheme://host[:port]) as CSP lists it, or an error for anything else. */
export function origin(text) {
  let url;
  try {
    url = new URL(text);
  } catch {
    throw new Error(`"${text}" is not an address such as https://couch.school.example`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new Error(`"${text}" is not an http or https address`);
  return url.origin;
}

/** `html` with the class servers' origins added to its connect-src ('self' stays). */
export function allowClassServers(html, servers) {
  const origins = [...new Set(servers.map(origin))];
  if (origins.length === 0) return html;
  const replaced = html.replace(/connect-src 'self'[^;"]*/, `connect-src 'self' ${origins.join(' ')}`);
  if (replaced === html) throw new Error("index.html has no \"connect-src 'self'\" in its Content-Security-Policy");
  return replaced;
}

/** Applies NEWSMARK_CLASS_SERVERS-style `list` (space-separated) to `dir`/index.html. */
export function applyToBuild(dir, list) {
  const servers = (list || '').split(/\s+/).filter(Boolean);
  if (servers.length === 0) return [];
  const file = join(dir, 'index.html');
  writeFileSync(file, allowClassServers(readFileSync(file, 'utf8'), servers));
  return servers.map(origin);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const [dir, ...servers] = process.argv.slice(2);
  if (!dir || servers.length === 0) {
    console.error('usage: node scripts/class-servers.mjs BUILD_DIR ORIGIN...');
    process.exit(2);
  }
  try {
    console.log(`class servers allowed: ${applyToBuild(dir, servers.join(' ')).join(' ')}`);
  } catch (e) {
    console.error(e.message);
    process.exit(1);
  }
}
