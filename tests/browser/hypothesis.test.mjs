// Hypothesis's files as its users have them: a search-API result of mostly highlights,
// page notes, replies and rows with the reader's own tags. The import says what it left
// out and why, and the person chooses tags for the rest and imports the file again.
// NEWSMARK_SCREENSHOTS=DIR keeps a picture of the dialog as DIR/tag-mapping.png.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { useApp, openApp, pasteArticle, root, saved, storedDocuments } from './harness.mjs';

const fixtures = join(root, 'crates/newsmark-core/tests/fixtures/hypothesis');
const app = useApp();

/** axe-core's WCAG 2.1 A and AA violations in the dialog, as in accessibility.test.mjs. */
async function dialogViolations(page) {
  await page.evaluate(await readFile(join(root, 'node_modules/axe-core/axe.min.js'), 'utf8'));
  const result = await page.evaluate(() =>
    window.axe.run('.dialog', { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } }),
  );
  return result.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`);
}

test('a Hypothesis file imports what it can, says what it left out, and imports again with the tags the person chose', async () => {
  const page = await openApp(app.context, app.url);
  const article = await readFile(join(fixtures, 'article.txt'), 'utf8');
  await pasteArticle(page, 'River report', article);

  await page.setInputFiles('#import-file', join(fixtures, 'search.json'));
  const notice = page.locator('.notice', { hasText: 'search.json' });
  await notice.waitFor();
  const first = await notice.textContent();
  assert.match(first, /Imported 1 article from search\.json/);
  assert.match(first, /4 annotations: 4 placed exactly, 0 re-anchored, 0 orphaned/);
  assert.match(first, /3 highlights and annotations without any tag were left out/);
  assert.match(first, /2 annotations without a claim, quote or actor tag were left out; their tags: "follow-up" \(2\), "to-read" \(1\)/);
  assert.match(first, /1 page note was left out/);
  assert.match(first, /1 reply was skipped/);
  assert.equal(await page.locator('.annotation-list li').count(), 4);

  // The choice is made from the keyboard: the dialog opens on its first choice.
  await page.click('#choose-tags');
  const dialog = page.getByRole('dialog', { name: 'Choose tags' });
  await dialog.waitFor();
  assert.equal(await page.evaluate(() => document.activeElement?.id), 'map-tag-0');
  assert.deepEqual(await dialog.locator('label').allTextContents(), [
    'Tagged follow-up (2 annotations)',
    'Tagged to-read (1 annotation)',
    'Without any tag (highlights) (3 annotations)',
  ]);
  assert.deepEqual(await dialogViolations(page), []);
  await dialog.getByLabel('Tagged follow-up').selectOption({ label: 'Claim' });
  await dialog.getByLabel('Without any tag').selectOption({ label: 'Leave out' });
  if (process.env.NEWSMARK_SCREENSHOTS) {
    await page.screenshot({ path: join(process.env.NEWSMARK_SCREENSHOTS, 'tag-mapping.png') });
  }
  await dialog.getByRole('button', { name: 'Import again with these choices' }).click();
  await dialog.waitFor({ state: 'detached' });

  await page.waitForSelector('.notice:has-text("6 annotations: 6 placed exactly")');
  const again = await page.textContent('.notice');
  assert.match(again, /3 highlights and annotations without any tag were left out/);
  // The row tagged both follow-up and to-read is now a claim: no other tag is left out.
  assert.doesNotMatch(again, /without a claim, quote or actor tag/);
  const critics = page.locator('.annotation-list li', { hasText: 'Critics from 外交部 disagree' });
  assert.match(await critics.textContent(), /Claim/);
  assert.equal(await page.locator('.annotation-list li').count(), 6);

  // The second reading replaced the first: one imported copy of the article.
  await saved(page);
  const titles = Object.values(await storedDocuments(page)).map((d) => d.title);
  assert.equal(titles.filter((t) => t === 'The river is clean again, says minister').length, 1, titles.join(' | '));

  // The dialog remembers the choices, and Escape closes it without importing.
  await page.click('#choose-tags');
  await dialog.waitFor();
  assert.equal(await dialog.getByLabel('Tagged follow-up').inputValue(), 'claim');
  await page.keyboard.press('Escape');
  await dialog.waitFor({ state: 'detached' });
  assert.match(await page.textContent('.notice'), /6 annotations: 6 placed exactly/);
  assert.deepEqual(page.errors, []);
  await page.close();
});
