// Sign-in through Keycloak: the OIDC authorization code flow with PKCE (S256) for a public client.
// The tokens live in this tab's sessionStorage only and go to the API as Authorization: Bearer. The
// access token is renewed with the refresh token for as long as the Keycloak session lasts.
// The API reads no cookie, so a forged cross-site request carries no credential: that is why the
// console has no CSRF token (docs/console.md).

const SESSION = 'portcullis.console.session';
const PENDING = 'portcullis.console.pending';
const ADMIN_ROLE = 'portcullis-admin';
const READER_ROLE = 'portcullis-reader';

let settings;
let ended = false;
let refreshing = null;

/** The realm and client the control plane names (/console/settings.json). */
async function loadSettings() {
  if (!settings) {
    const response = await fetch('settings.json', {headers: {Accept: 'application/json'}});
    if (!response.ok) {
      throw new Error(`the console's settings could not be read (${response.status})`);
    }
    settings = await response.json();
  }
  return settings;
}

function redirectUri() {
  return new URL('./', window.location.href).href.split('#')[0].split('?')[0];
}

function endpoint(name) {
  return `${settings.realmUrl}/protocol/openid-connect/${name}`;
}

function base64url(bytes) {
  return btoa(String.fromCharCode(...bytes)).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

function random() {
  return base64url(crypto.getRandomValues(new Uint8Array(32)));
}

/** A JWT's claims, read without checking the signature: the API checks the access token's. */
function claims(jwt) {
  const part = jwt.split('.')[1].replace(/-/g, '+').replace(/_/g, '/');
  const text = new TextDecoder().decode(Uint8Array.from(atob(part), c => c.charCodeAt(0)));
  return JSON.parse(text);
}

/** Sends the browser to Keycloak's login; it comes back to the console with a code. */
export async function signIn(route) {
  await loadSettings();
  const verifier = random();
  const state = random();
  const nonce = random();
  const challenge = base64url(new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(verifier))));
  sessionStorage.setItem(PENDING, JSON.stringify({verifier, state, nonce, route}));
  const query = new URLSearchParams({response_type: 'code', client_id: settings.clientId, redirect_uri: redirectUri(),
    scope: 'openid', state, nonce, code_challenge: challenge, code_challenge_method: 'S256'});
  window.location.assign(`${endpoint('auth')}?${query}`);
}

/**
 * On the way back from Keycloak: exchanges the code for tokens (with the PKCE verifier) and returns
 * the route the user was on; null when this page load is not a sign-in's return.
 */
export async function completeSignIn() {
  const query = new URLSearchParams(window.location.search);
  if (!query.has('code') && !query.has('error')) {
    return null;
  }
  const pending = JSON.parse(sessionStorage.getItem(PENDING) || 'null');
  sessionStorage.removeItem(PENDING);
  window.history.replaceState(null, '', redirectUri()); // the code is used once; keep it out of history
  if (query.has('error')) {
    throw new Error(`Keycloak did not sign you in: ${query.get('error_description') || query.get('error')}`);
  }
  if (!pending || pending.state !== query.get('state')) {
    throw new Error('this sign-in was not started by this tab: sign in again');
  }
  await loadSettings();
  const response = await fetch(endpoint('token'), {method: 'POST',
    headers: {'Content-Type': 'application/x-www-form-urlencoded'},
    body: new URLSearchParams({grant_type: 'authorization_code', code: query.get('code'), redirect_uri: redirectUri(),
      client_id: settings.clientId, code_verifier: pending.verifier})});
  const tokens = await response.json();
  if (!response.ok) {
    throw new Error(`Keycloak refused the sign-in: ${tokens.error_description || tokens.error}`);
  }
  if (claims(tokens.id_token).nonce !== pending.nonce) {
    throw new Error('the ID token is not the answer to this sign-in: sign in again');
  }
  keep(tokens);
  return pending.route || '#/policies';
}

/** Keeps a token response: the access token's expiry from its own claim, the refresh token's from expires_in. */
function keep(tokens) {
  const before = stored(); // a refresh's answer may carry no ID token: sign-out still names the sign-in's
  sessionStorage.setItem(SESSION, JSON.stringify({accessToken: tokens.access_token,
    idToken: tokens.id_token || before?.idToken,
    expiresAt: claims(tokens.access_token).exp * 1000,
    // A refresh's answer may keep the refresh token as it was (RFC 6749, 6); Keycloak says 0 for a
    // refresh token that only the session's end limits.
    ...(tokens.refresh_token ? {refreshToken: tokens.refresh_token,
      refreshExpiresAt: tokens.refresh_expires_in ? Date.now() + tokens.refresh_expires_in * 1000 : null}
      : {refreshToken: before?.refreshToken ?? null, refreshExpiresAt: before?.refreshExpiresAt ?? null})}));
}

function stored() {
  return JSON.parse(sessionStorage.getItem(SESSION) || 'null');
}

/**
 * The signed-in person while the access token lasts, else null. Roles decide what the page shows;
 * the API decides what is allowed, whatever the page shows.
 */
export function session() {
  const tokens = stored();
  if (!tokens || Date.now() >= tokens.expiresAt) {
    return null;
  }
  const access = claims(tokens.accessToken);
  const roles = (access.realm_access && access.realm_access.roles) || [];
  return {token: tokens.accessToken, expiresAt: tokens.expiresAt,
    username: access.preferred_username || access.sub,
    isAdmin: roles.includes(ADMIN_ROLE), isReader: roles.includes(READER_ROLE)};
}

/** The signed-in person, with the access token renewed if it has expired; null once the Keycloak session has ended. */
export async function currentSession() {
  return session() || (stored() ? refresh() : null);
}

/**
 * New tokens for the same Keycloak session (the refresh token grant); null, and the tokens forgotten,
 * when Keycloak refuses: the session ended, was logged out or revoked. One refresh at a time: Keycloak
 * may rotate the refresh token, and a second use of the old one would be refused.
 */
export function refresh() {
  refreshing ??= refreshNow().finally(() => {
    refreshing = null;
  });
  return refreshing;
}

async function refreshNow() {
  const tokens = stored();
  if (!tokens || !tokens.refreshToken || (tokens.refreshExpiresAt && Date.now() >= tokens.refreshExpiresAt)) {
    return end();
  }
  let response;
  try {
    await loadSettings();
    response = await fetch(endpoint('token'), {method: 'POST',
      headers: {'Content-Type': 'application/x-www-form-urlencoded'},
      body: new URLSearchParams({grant_type: 'refresh_token', refresh_token: tokens.refreshToken,
        client_id: settings.clientId})});
  } catch (unreachable) {
    return session(); // Keycloak out of reach: the access token serves while it lasts, and then the person signs in
  }
  const answer = await response.json().catch(() => ({}));
  if (response.status === 400 || response.status === 401) {
    return end(); // Keycloak refuses this session (invalid_grant: ended, logged out, revoked)
  }
  if (!response.ok || !answer.access_token || stored()?.refreshToken !== tokens.refreshToken) {
    return session(); // a proxy's 502, a 429, or signed out meanwhile: nothing kept, nothing ended
  }
  keep(answer);
  return session();
}

function end() {
  forget();
  ended = true;
  return null;
}

/** Forgets the tokens (an expired or refused token): the next page asks to sign in. */
export function forget() {
  sessionStorage.removeItem(SESSION);
}

/** Whether this page found the session expired (rather than never signed in). */
export function sessionEnded() {
  return ended;
}

/** Ends the Keycloak session too (RP-initiated logout with id_token_hint), then comes back signed out. */
export async function signOut() {
  await loadSettings();
  await refreshing; // a renewal answered after forget() must not bring the tokens back
  const tokens = stored();
  forget();
  const query = new URLSearchParams({client_id: settings.clientId, post_logout_redirect_uri: redirectUri()});
  if (tokens) {
    query.set('id_token_hint', tokens.idToken);
  }
  window.location.assign(`${endpoint('logout')}?${query}`);
}
