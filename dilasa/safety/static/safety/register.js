// Installs the service worker that keeps the help page for when the network is down.
(() => {
  const script = document.currentScript;
  if (!("serviceWorker" in navigator) || !script) return;
  const url = script.dataset.sw;
  navigator.serviceWorker.register(url).then(() => navigator.serviceWorker.ready).then((reg) => {
    // The worker refreshes its copy when the reader's language is not the one it keeps.
    if (reg.active) reg.active.postMessage({ lang: document.documentElement.lang });
  }).catch(() => {});
})();
