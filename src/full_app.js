// Fetching the whole app from the first load (src/full_app.rs): the module Trunk builds
// beside the first one (newsmark-full.js and its wasm), imported and started once. Its
// start-up takes the page over from the first load.

let started = null;
let failures = 0;

/** Imports and starts the whole app; rejects with a sentence a person can act on. */
export function loadFullApp() {
  if (!started) {
    const url = new URL('newsmark-full.js', document.baseURI);
    // A module that failed to load is remembered as failed: another attempt asks anew.
    if (failures > 0) url.search = `?attempt=${failures}`;
    started = import(url.href)
      .then((module) => module.default())
      .catch((err) => {
        started = null;
        failures += 1;
        console.error(err);
        throw navigator.onLine
          ? 'It could not be fetched or started. Check the connection, then choose Try again.'
          : 'You may be offline, and this device has not kept a copy of it yet.';
      });
  }
  return started;
}
