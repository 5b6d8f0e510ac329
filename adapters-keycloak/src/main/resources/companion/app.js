// Portcullis Companion: holds a non-extractable P-256 key (WebCrypto), registers its public half,
// then waits for sign-in requests over a held request and answers them with signed statements.
'use strict';
(function () {
  const base = new URL('./', location.href).href;
  const api = base + 'api/';
  const DB_NAME = 'portcullis-companion';
  let account = null;

  // ---- storage: the key pair stays a CryptoKey in IndexedDB; its private half cannot be read out
  function db() {
    return new Promise((resolve, reject) => {
      const open = indexedDB.open(DB_NAME, 1);
      open.onupgradeneeded = () => open.result.createObjectStore('account');
      open.onsuccess = () => resolve(open.result);
      open.onerror = () => reject(open.error);
    });
  }
  async function load() {
    const d = await db();
    return new Promise((resolve) => {
      const get = d.transaction('account').objectStore('account').get(location.pathname);
      get.onsuccess = () => resolve(get.result || null);
      get.onerror = () => resolve(null);
    });
  }
  async function save(value) {
    const d = await db();
    return new Promise((resolve, reject) => {
      const tx = d.transaction('account', 'readwrite');
      tx.objectStore('account').put(value, location.pathname);
      tx.oncomplete = resolve;
      tx.onerror = () => reject(tx.error);
    });
  }

  // ---- signing
  function b64url(bytes) {
    let s = '';
    new Uint8Array(bytes).forEach((b) => { s += String.fromCharCode(b); });
    return btoa(s).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
  }
  async function sign(privateKey, text) {
    const sig = await crypto.subtle.sign({ name: 'ECDSA', hash: 'SHA-256' }, privateKey, new TextEncoder().encode(text));
    return b64url(sig);
  }
  const now = () => Math.floor(Date.now() / 1000);

  async function post(path, body) {
    const response = await fetch(api + path, {
      method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body),
      cache: 'no-store', credentials: 'omit'
    });
    const text = await response.text();
    return { status: response.status, body: text ? JSON.parse(text) : null };
  }

  // ---- screens
  function show(id) {
    ['enrol', 'waiting', 'request', 'result'].forEach((s) => { document.getElementById(s).hidden = s !== id; });
  }
  const $ = (id) => document.getElementById(id);

  function showEnrol(code) {
    $('code').value = code || '';
    show('enrol');
  }

  async function enrol() {
    $('enrol-error').textContent = '';
    const token = $('code').value.trim();
    if (!token) {
      $('enrol-error').textContent = 'Scan the QR code or type the code first.';
      return;
    }
    $('add').disabled = true;
    try {
      const keys = await crypto.subtle.generateKey({ name: 'ECDSA', namedCurve: 'P-256' }, false, ['sign', 'verify']);
      const jwk = await crypto.subtle.exportKey('jwk', keys.publicKey);
      const deviceId = b64url(crypto.getRandomValues(new Uint8Array(16)));
      const signature = await sign(keys.privateKey, 'portcullis-push-enrol-v1\n' + token + '\n' + deviceId);
      const r = await post('enrol', {
        token, deviceId, deviceName: deviceName(), signature,
        publicKey: { kty: jwk.kty, crv: jwk.crv, x: jwk.x, y: jwk.y }
      });
      if (r.status !== 200) {
        $('enrol-error').textContent = (r.body && r.body.detail) || ('Could not add the account (' + r.status + ').');
        return;
      }
      account = { userId: r.body.userId, username: r.body.username, realm: r.body.realm, deviceId, keys };
      await save(account);
      waitForRequests();
    } catch (e) {
      $('enrol-error').textContent = 'Could not add the account: ' + e.message;
    } finally {
      $('add').disabled = false;
    }
  }

  function deviceName() {
    const ua = navigator.userAgent;
    if (/Android/.test(ua)) return 'Android phone';
    if (/iPhone|iPad/.test(ua)) return 'iPhone';
    return 'Phone';
  }

  let waiting = false;
  async function waitForRequests() {
    $('account-name').textContent = account.username + ' (' + account.realm + ')';
    show('waiting');
    if (waiting) return;
    waiting = true;
    while (waiting) {
      try {
        const time = now();
        const signature = await sign(account.keys.privateKey,
          'portcullis-push-poll-v1\n' + account.userId + '\n' + account.deviceId + '\n' + time);
        const r = await post('pending?wait=20', { userId: account.userId, deviceId: account.deviceId, time, signature });
        if (r.status === 200) {
          waiting = false;
          showRequest(r.body);
          return;
        }
        if (r.status === 401) {
          $('waiting-text').textContent = 'This phone is no longer enrolled for the account. Add it again.';
          waiting = false;
          showEnrol('');
          return;
        }
      } catch (e) {
        await new Promise((resolve) => setTimeout(resolve, 2000));
      }
    }
  }

  let current = null;
  function showRequest(c) {
    current = c;
    $('request').dataset.challenge = c.challengeId;
    $('request-title').textContent = c.test ? 'Test notification: approve it to finish' : 'Are you trying to sign in?';
    $('r-application').textContent = c.application;
    $('r-location').textContent = c.country ? c.country : 'Unknown';
    $('r-ip').textContent = c.ipAddress;
    $('r-browser').textContent = c.browser + ' on ' + c.platform;
    $('r-time').textContent = new Date(c.time).toLocaleString();
    $('number').value = '';
    $('request-error').textContent = '';
    show('request');
    $('number').focus();
  }

  async function answer(decision) {
    const number = decision === 'approve' ? $('number').value.trim() : '';
    if (decision === 'approve' && !/^\d{2}$/.test(number)) {
      $('request-error').textContent = 'Enter the two-digit number shown on the sign-in page.';
      return;
    }
    const time = now();
    const text = ['portcullis-push-answer-v1', current.challengeId, current.nonce, number, decision, time].join('\n');
    const signature = await sign(account.keys.privateKey, text);
    const r = await post('respond', {
      userId: account.userId, deviceId: account.deviceId, challengeId: current.challengeId, nonce: current.nonce,
      number, decision, time, signature
    });
    const messages = {
      approved: 'Approved. You can return to the sign-in page.',
      wrongNumber: 'The numbers did not match, so the sign-in was denied.',
      denied: 'Denied. No one was signed in.',
      reported: 'Denied and reported. Your organisation has been alerted and your sessions were ended.'
    };
    $('result-text').textContent = r.status === 200 ? messages[r.body.status]
      : ((r.body && r.body.detail) || ('The answer was not accepted (' + r.status + ').'));
    show('result');
    setTimeout(waitForRequests, 2500);
  }

  $('add').addEventListener('click', enrol);
  $('approve').addEventListener('click', () => answer('approve'));
  $('deny').addEventListener('click', () => answer('deny'));
  $('report').addEventListener('click', () => answer('report'));

  if ('serviceWorker' in navigator) {
    navigator.serviceWorker.register('sw.js').catch(() => {});
  }

  (async function start() {
    account = await load();
    const token = new URLSearchParams(location.hash.slice(1)).get('enrol');
    if (token) {
      history.replaceState(null, '', base); // the code is single-use: keep it out of history
      showEnrol(token);
    } else if (account) {
      waitForRequests();
    } else {
      showEnrol('');
    }
  })();
})();
