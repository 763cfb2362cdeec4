// Registers Newsmark's service worker (sw.js, written after each build by
// scripts/write-sw.mjs), so that the app opens and works with no network after the
// first visit. Loaded with `defer` from index.html; an external file, so that a strict
// Content-Security-Policy (script-src 'self') allows it. Nothing here may break the app:
// where service workers are unavailable, or registration fails, the app runs as before.
(function () {
  'use strict';
  try {
    if (!('serviceWorker' in navigator)) return;
    if (location.protocol !== 'http:' && location.protocol !== 'https:') return;
    // sw.js sits next to this file, at the root of the built app, whatever the base path.
    var here = document.currentScript && document.currentScript.src;
    var url = new URL('sw.js', here || location.href).href;
    var register = function () {
      navigator.serviceWorker.register(url).catch(function (error) {
        console.warn('Newsmark will not work offline: the service worker was not registered.', error);
      });
    };
    // Wait for the page to load, so that the first visit fetches the app before the
    // service worker fetches it again to keep.
    if (document.readyState === 'complete') register();
    else window.addEventListener('load', register);
  } catch (error) {
    console.warn('Newsmark will not work offline:', error);
  }
})();
