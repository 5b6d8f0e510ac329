// Keeps the app shell available offline; the API is never cached.
const CACHE = 'portcullis-companion-v1';
self.addEventListener('install', (event) => {
  event.waitUntil(caches.open(CACHE).then((c) => c.addAll(['./', 'app.js', 'manifest.webmanifest', 'icon.svg']))
    .then(() => self.skipWaiting()));
});
self.addEventListener('activate', (event) => event.waitUntil(self.clients.claim()));
self.addEventListener('fetch', (event) => {
  const url = new URL(event.request.url);
  if (event.request.method !== 'GET' || url.pathname.includes('/api/')) {
    return;
  }
  event.respondWith(fetch(event.request).then((response) => {
    const copy = response.clone();
    caches.open(CACHE).then((c) => c.put(event.request, copy));
    return response;
  }).catch(() => caches.match(event.request)));
});
