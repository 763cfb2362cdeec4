// An automated accessibility audit with axe-core on each main screen, in light and dark
// themes (WCAG 2.1 A and AA rules, colour contrast included).

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { readFile } from 'node:fs/promises';
import { useApp, openApp, root } from './harness.mjs';

const app = useApp();
const axePath = join(root, 'node_modules/axe-core/axe.min.js');

async function audit(page, screen) {
  // Evaluated through the browser's debugging protocol: the page's own
  // Content-Security-Policy (rightly) refuses injected script tags.
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(await readFile(axePath, 'utf8'));
  const result = await page.evaluate(() =>
    window.axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } }),
  );
  const problems = result.violations.map(
    (v) => `${screen}: ${v.id} (${v.impact}): ${v.help}\n    ${v.nodes.slice(0, 3).map((n) => `${n.target.join(' ')} ${n.failureSummary?.split('\n')[1] ?? ''}`).join('\n    ')}`,
  );
  return problems;
}

async function screens(page, theme) {
  const problems = [];
  await page.goto(app.url);
  await page.waitForSelector('.article .hl');
  if (theme === 'dark') {
    await page.click('.theme-toggle');
    assert.equal(await page.getAttribute('html', 'data-theme'), 'dark');
  }
  problems.push(...(await audit(page, `${theme} reading view`)));
  await page.click('.hl.t-claim');
  await page.waitForSelector('.editor');
  problems.push(...(await audit(page, `${theme} editor`)));
  await page.click('.panel-tab:has-text("Sources")');
  problems.push(...(await audit(page, `${theme} sources`)));
  await page.click('.panel-tab:has-text("Annotations")');
  await page.click('button:has-text("Add article")');
  problems.push(...(await audit(page, `${theme} add-article dialog`)));
  await page.keyboard.press('Escape');
  await page.click('#sample-class');
  await page.click('.library-title:has-text("Student B")');
  await page.click('#check-work');
  await page.waitForSelector('.check-dialog');
  problems.push(...(await audit(page, `${theme} check confirmation`)));
  await page.click('#check-confirm');
  await page.waitForSelector('.scores');
  problems.push(...(await audit(page, `${theme} exercise feedback`)));
  await page.click('#compare-button');
  await page.waitForSelector('.compare .matrix');
  problems.push(...(await audit(page, `${theme} compare`)));
  await page.click('.compare button:has-text("Back to the article")');
  await page.keyboard.press('?');
  await page.waitForSelector('.shortcuts');
  problems.push(...(await audit(page, `${theme} shortcuts`)));
  return problems;
}

for (const theme of ['light', 'dark']) {
  test(`axe-core finds no accessibility violations on the main screens (${theme} theme)`, async () => {
    const page = await openApp(app.context, app.url);
    const problems = await screens(page, theme);
    assert.deepEqual(problems, [], problems.join('\n'));
    await page.close();
  });
}
