// The toolbar button: captures the page in the current tab (its rendered DOM as HTML,
// address, title and the time) and opens Newsmark in a new tab with it, in the address's
// fragment (#capture=…), which never leaves the browser. Nothing is fetched, nothing is
// sent anywhere else, and no code but this is ever run.

// A Chromium service worker loads the shared settings itself; Firefox's background page
// lists settings.js before this file in the manifest.
if (typeof readAddress === 'undefined' && typeof importScripts === 'function') {
  importScripts('settings.js');
}

/** The longest fragment Newsmark reads (core::capture_link::MAX_FRAGMENT). */
const MAX_FRAGMENT = 2_000_000;

/**
 * Runs in the captured page (in the extension's isolated world, so the page's own scripts
 * cannot see or change it): a copy of the rendered page as HTML, without what is never
 * article text and only makes it larger: scripts, styles, frames, media, hidden elements,
 * comments, inline styles and event-handler attributes.
 */
function serialisePage() {
  const live = document.documentElement;
  const copy = live.cloneNode(true);
  // Elements the page does not show (display: none), marked by their place in document
  // order, which the copy shares.
  const liveElements = live.querySelectorAll('body *');
  const copyElements = copy.querySelectorAll('body *');
  const hidden = [];
  for (let i = 0; i < liveElements.length && liveElements.length === copyElements.length; i++) {
    const style = getComputedStyle(liveElements[i]);
    if (style.display === 'none') hidden.push(copyElements[i]);
  }
  for (const element of hidden) element.remove();
  const dropped = 'script, style, noscript, template, iframe, frame, frameset, object, embed, applet, '
    + 'svg, canvas, video, audio, picture, source, img, input, select, textarea, button, dialog, '
    + 'link:not([rel~="canonical"]), meta[http-equiv], base';
  for (const element of copy.querySelectorAll(dropped)) element.remove();
  for (const element of copy.querySelectorAll('*')) {
    for (const name of element.getAttributeNames()) {
      if (name.startsWith('on') || name === 'style' || name.startsWith('data-') || name === 'srcset'
        || (name === 'href' && /^\s*javascript:/i.test(element.getAttribute(name)))) {
        element.removeAttribute(name);
      }
    }
  }
  const comments = document.createTreeWalker(copy, NodeFilter.SHOW_COMMENT);
  const found = [];
  while (comments.nextNode()) found.push(comments.currentNode);
  for (const comment of found) comment.remove();
  return { url: location.href, title: document.title, html: `<!DOCTYPE html>\n${copy.outerHTML}` };
}

/** `text` gzip-compressed and written in base64url without padding. */
async function gzipBase64url(text) {
  const stream = new Blob([text]).stream().pipeThrough(new CompressionStream('gzip'));
  const bytes = new Uint8Array(await new Response(stream).arrayBuffer());
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) {
    binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  }
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

/** Tells the person something went wrong: in the page where it can be, else on the button. */
async function say(tab, message) {
  try {
    await chrome.scripting.executeScript({ target: { tabId: tab.id }, func: (m) => alert(m), args: [message] });
  } catch {
    await chrome.action.setBadgeText({ tabId: tab.id, text: '!' });
    await chrome.action.setTitle({ tabId: tab.id, title: message });
  }
  return { error: message };
}

/**
 * Captures `tab` and opens Newsmark with it, beside it. Answers `{ opened }` (the address
 * opened, without the page) or `{ error }` (the sentence shown to the person).
 */
async function captureTab(tab) {
  let page;
  try {
    const [injection] = await chrome.scripting.executeScript({ target: { tabId: tab.id }, func: serialisePage });
    page = injection.result;
  } catch (e) {
    return say(tab, `Newsmark cannot capture this page: the browser does not let extensions read it (${e.message}).`);
  }
  const captured = new Date().toISOString();
  const fragment = `capture=${await gzipBase64url(JSON.stringify({ v: 1, url: page.url, title: page.title, captured, html: page.html }))}`;
  if (fragment.length > MAX_FRAGMENT) {
    const mb = (fragment.length / 1_000_000).toFixed(1);
    return say(tab, `This page is too large to send to Newsmark (${mb} MB compressed; at most 2 MB). `
      + 'Save it with Ctrl+S and open the .html file in Newsmark instead.');
  }
  const address = await readAddress();
  await chrome.tabs.create({ url: `${address}#${fragment}`, index: tab.index + 1, openerTabId: tab.id });
  return { opened: address, bytes: fragment.length };
}

chrome.action.onClicked.addListener((tab) => {
  captureTab(tab);
});
