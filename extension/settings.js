// Where Newsmark runs: the one setting of the extension, kept in the extension's own
// IndexedDB (readable by the options page and the background alike, with no "storage"
// permission). Shared by background.js and options.js.

/** The address scripts/serve.sh serves Newsmark at. */
const DEFAULT_ADDRESS = 'http://127.0.0.1:8080/';

function openSettings() {
  return new Promise((resolve, reject) => {
    const request = indexedDB.open('newsmark-capture', 1);
    request.onupgradeneeded = () => request.result.createObjectStore('settings');
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error);
  });
}

/** The Newsmark address the person set, or the default. */
async function readAddress() {
  try {
    const db = await openSettings();
    const value = await new Promise((resolve, reject) => {
      const request = db.transaction('settings').objectStore('settings').get('address');
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error);
    });
    db.close();
    return typeof value === 'string' && value ? value : DEFAULT_ADDRESS;
  } catch {
    return DEFAULT_ADDRESS;
  }
}

/**
 * The address as Newsmark's page, or a sentence saying why it is not one: only http and
 * https addresses are opened, without a fragment of their own.
 */
function checkAddress(text) {
  let url;
  try {
    url = new URL(text.trim());
  } catch {
    return { error: 'That is not an address. Write it in full, such as http://127.0.0.1:8080/' };
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    return { error: 'Newsmark’s address starts with http:// or https://' };
  }
  url.hash = '';
  return { address: url.href };
}

async function writeAddress(address) {
  const db = await openSettings();
  await new Promise((resolve, reject) => {
    const tx = db.transaction('settings', 'readwrite');
    tx.objectStore('settings').put(address, 'address');
    tx.oncomplete = () => resolve();
    tx.onerror = () => reject(tx.error);
  });
  db.close();
}
