// Discreet mode: leave quickly (the button, or Escape three times in 2 s), and lock the page after idle minutes.
'use strict';
(() => {
  const me = document.currentScript.dataset, qx = document.getElementById('qx');
  const token = () => new FormData(document.querySelector('[name=csrfmiddlewaretoken]')?.form || undefined);
  const leave = (e) => {
    if (e) e.preventDefault();
    // Sign out in the background; without a beacon, the form itself signs out and lands on the same page.
    if (!navigator.sendBeacon || !navigator.sendBeacon(qx.action, new FormData(qx))) return qx.submit();
    try { sessionStorage.clear(); } catch (x) { /* storage off */ }
    document.title = '';
    document.body.replaceChildren();
    location.replace(qx.dataset.to);
  };
  if (qx) {
    qx.addEventListener('submit', leave);
    let presses = [];
    addEventListener('keydown', (e) => {
      if (e.key !== 'Escape') return;
      const now = Date.now();
      presses = presses.filter((t) => now - t < 2000).concat(now);
      if (presses.length >= 3) leave();
    });
    // Brought back by Back from the browser's memory: ask the server again, which no longer knows us.
    addEventListener('pageshow', (e) => { if (e.persisted) location.reload(); });
  }
  const idle = +me.lock * 1000;
  if (!idle) return;
  let last = Date.now(), told = last;
  const seen = () => {
    last = Date.now();
    if (last - told > 60000) { told = last; navigator.sendBeacon(me.beat, token()); }
  };
  for (const kind of ['keydown', 'pointerdown', 'input']) addEventListener(kind, seen, { passive: true });
  setInterval(() => {
    if (Date.now() - last > idle) location.replace(me.pin + '?next=' + encodeURIComponent(location.pathname + location.search));
  }, 5000);
})();
