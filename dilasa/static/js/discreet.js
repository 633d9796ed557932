// Discreet mode: leave quickly (the button, or Escape 3 times in 2 s); with a PIN, lock after idle minutes.
'use strict';
(() => {
  const me = document.currentScript.dataset, qx = document.getElementById('qx');
  const leave = (e) => {
    if (e) e.preventDefault();
    // Sign out by beacon while the page goes; failing that, the form signs out and lands there too.
    if (!navigator.sendBeacon?.(qx.action, new FormData(qx))) return qx.submit();
    try { sessionStorage.clear(); } catch { /* storage off */ }
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
      if (presses.length > 2) leave();
    });
    // Restored by Back from memory: ask the server again, which may no longer know us.
    addEventListener('pageshow', (e) => { if (e.persisted) location.reload(); });
  }
  const idle = me.lock * 1000;
  if (!idle) return;
  let last = Date.now(), told = last;
  const seen = () => {
    last = Date.now();
    if (last - told < 60000) return;
    told = last;
    navigator.sendBeacon(me.beat, new FormData(document.querySelector('[name=csrfmiddlewaretoken]').form));
  };
  for (const kind of ['keydown', 'pointerdown', 'input']) addEventListener(kind, seen, { passive: true });
  setInterval(() => {
    if (Date.now() - last > idle) location.replace(`${me.pin}?next=${encodeURIComponent(location.pathname + location.search)}`);
  }, 5000);
})();
