// Dilasa's service worker: keeps the help page and its styles so they open with no network. Nothing else.
const CACHE = "dilasa-help-__VERSION__";
const PAGE = "{{ page|escapejs }}";
const ASSETS = [{% for a in assets %}"{{ a|escapejs }}"{% if not forloop.last %}, {% endif %}{% endfor %}];

// The copy is the one anyone would see (no name, no form), in the reader's language.
const keepPage = (cache) =>
  fetch(PAGE, { headers: { "X-Dilasa-Copy": "offline" }, cache: "no-store" }).then((r) => {
    if (r.ok) return cache.put(PAGE, r);
  });

self.addEventListener("install", (event) => {
  event.waitUntil(
    caches.open(CACHE).then((cache) => Promise.all([keepPage(cache), cache.addAll(ASSETS)])).then(() => self.skipWaiting())
  );
});

self.addEventListener("activate", (event) => {
  event.waitUntil(
    caches.keys()
      .then((keys) => Promise.all(keys.filter((k) => k.startsWith("dilasa-help-") && k !== CACHE).map((k) => caches.delete(k))))
      .then(() => self.clients.claim())
  );
});

self.addEventListener("message", (event) => {
  const lang = event.data && event.data.lang;
  if (!lang) return;
  event.waitUntil(
    caches.open(CACHE).then((cache) =>
      cache.match(PAGE).then((kept) => {
        if (!kept || kept.headers.get("Content-Language") !== lang) return keepPage(cache);
      })
    )
  );
});

self.addEventListener("fetch", (event) => {
  const request = event.request;
  if (request.method !== "GET") return;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin) return;
  if (url.pathname === PAGE && request.mode === "navigate") {
    // Network first (the signed-in page has the button); the kept copy when there is no network.
    event.respondWith(fetch(request).catch(() => caches.open(CACHE).then((cache) => cache.match(PAGE))));
  } else if (ASSETS.includes(url.pathname)) {
    event.respondWith(caches.open(CACHE).then((cache) => cache.match(url.pathname)).then((hit) => hit || fetch(request)));
  }
});
