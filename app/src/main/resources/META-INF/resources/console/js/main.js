// The console's frame: sign-in, the header and navigation, and one page per route (#/policies,
// #/policies/new and #/policies/{id} for the editor, #/policies/{id}/impact, #/insights, #/rollout, #/what-if,
// #/sign-ins and #/sign-ins/{id}, #/audit, #/alerts, #/risky-users and the read-only lists).
import {ApiProblem, SignInAgain} from './api.js';
import {alertsPage} from './alerts.js';
import {auditPage} from './audit.js';
import {completeSignIn, currentSession, forget, refresh, sessionEnded, signIn, signOut} from './auth.js';
import {alert, el, problemText, show} from './dom.js';
import {editorPage} from './editor.js';
import {impactPage} from './impact.js';
import {insightsPage} from './insights.js';
import {INVENTORY_ROUTES, inventoryPage} from './inventory.js';
import {policiesPage} from './policies.js';
import {riskyUsersPage} from './risky-users.js';
import {rolloutPage} from './rollout.js';
import {signInDetailPage, signInsPage} from './signins.js';
import {whatIfPage} from './whatif.js';

const view = document.getElementById('console-view');
const ROUTES = {'#/policies': (who, notice) => policiesPage(view, who, notice), '#/what-if': () => whatIfPage(view),
  '#/insights': () => insightsPage(view), '#/rollout': (who, notice) => rolloutPage(view, who, notice),
  '#/sign-ins': () => signInsPage(view), '#/audit': () => auditPage(view),
  '#/alerts': (who, notice) => alertsPage(view, who, notice),
  '#/risky-users': (who, notice) => riskyUsersPage(view, who, notice),
  ...Object.fromEntries(INVENTORY_ROUTES.map(name => [`#/${name}`, () => inventoryPage(view, name)]))};
const EDITOR = /^#\/policies\/([^/]+)$/;
const SIGN_IN = /^#\/sign-ins\/([^/]+)$/;
const IMPACT = /^#\/policies\/([^/]+)\/impact$/;

/** The page a route shows, or undefined for an unknown route. */
function page(hash) {
  const editing = EDITOR.exec(hash);
  if (editing) {
    return (who, notice) => editorPage(view, who, editing[1] === 'new' ? null : decodeURIComponent(editing[1]), notice);
  }
  const impact = IMPACT.exec(hash);
  if (impact) {
    return who => impactPage(view, who, decodeURIComponent(impact[1]));
  }
  const signIn = SIGN_IN.exec(hash);
  if (signIn) {
    return () => signInDetailPage(view, decodeURIComponent(signIn[1]));
  }
  return ROUTES[hash];
}
let expiryTimer;
let tokenExpiry = 0; // the expiry of the access token the timer was set for
let usedSince = false; // a key pressed or a pointer used since that token was issued
for (const type of ['keydown', 'pointerdown']) {
  document.addEventListener(type, () => {
    usedSince = true;
  }, {capture: true, passive: true});
}

function signInPage(notice) {
  document.getElementById('console-user').hidden = true;
  document.getElementById('console-sidebar').hidden = true;
  const button = el('button', {className: 'pf-v5-c-button pf-m-primary pf-m-block', type: 'button', id: 'console-sign-in'},
      'Sign in');
  button.addEventListener('click', () => signIn(page(window.location.hash) ? window.location.hash : '#/policies'));
  view.replaceChildren(el('div', {className: 'pf-v5-c-card console-sign-in', id: 'console-signed-out'},
      el('div', {className: 'pf-v5-c-card__title'},
          el('h1', {className: 'pf-v5-c-title pf-m-xl'}, 'Sign in to the Portcullis console')),
      el('div', {className: 'pf-v5-c-card__body console-stack'}, notice || null,
          el('p', {}, 'Conditional Access for Keycloak. You sign in with your account in the control plane\'s realm;'
              + ' administrators prove MFA.'), button)));
  button.focus();
}

function frame(who) {
  document.getElementById('console-user').hidden = false;
  document.getElementById('console-sidebar').hidden = false;
  document.getElementById('console-username').textContent = who.username;
  document.querySelector('#console-role .pf-v5-c-label__content').textContent =
      who.isAdmin ? 'Administrator' : who.isReader ? 'Reader' : 'No role';
  for (const link of document.querySelectorAll('.pf-v5-c-nav__link')) {
    const route = `#/${link.dataset.route}`;
    const current = window.location.hash === route || window.location.hash.startsWith(`${route}/`);
    link.classList.toggle('pf-m-current', current);
    if (current) {
      link.setAttribute('aria-current', 'page');
    } else {
      link.removeAttribute('aria-current');
    }
  }
  renewBeforeExpiry(who);
}

/**
 * Renews the access token a little before it expires if the person used the page since it was issued
 * (a form being filled in calls nothing, and must not be lost); an idle page is signed out when its
 * token expires, as before renewal existed, so that Keycloak's idle timeout still ends a forgotten
 * tab's session. When Keycloak refuses (the session ended), the person signs in again.
 */
function renewBeforeExpiry(who) {
  clearTimeout(expiryTimer);
  if (who.expiresAt !== tokenExpiry) { // a new token: use counts from now
    tokenExpiry = who.expiresAt;
    usedSince = false;
  }
  const check = async () => {
    if (!usedSince) { // idle: signed out once the token expires, unless used before then
      if (Date.now() < who.expiresAt) {
        expiryTimer = setTimeout(check, who.expiresAt - Date.now());
      } else {
        expired();
      }
      return;
    }
    const renewed = await refresh().catch(() => null);
    if (!renewed) {
      expired();
    } else if (renewed.expiresAt > who.expiresAt) {
      renewBeforeExpiry(renewed);
    } else { // Keycloak out of reach: tried again when the token expires
      expiryTimer = setTimeout(check, Math.max(1000, who.expiresAt - Date.now()));
    }
  };
  const left = who.expiresAt - Date.now();
  expiryTimer = setTimeout(check, Math.max(1000, left - Math.min(30_000, left / 4)));
}

function ended() {
  return alert('info', 'Your session has ended', el('p', {}, 'Sign in again to go on.'));
}

function expired() {
  forget();
  signInPage(ended());
}

async function route(notice) {
  const who = await currentSession();
  if (!who) {
    signInPage(notice || (sessionEnded() ? ended() : null));
    return;
  }
  if (!page(window.location.hash)) {
    window.location.replace('#/policies');
    return;
  }
  frame(who);
  if (!who.isAdmin && !who.isReader) {
    show(view, 'No access', alert('warning', 'Your account holds neither portcullis-admin nor portcullis-reader',
        el('p', {}, 'Ask an administrator of the control plane for a role, then sign in again.')));
    return;
  }
  try {
    const hash = window.location.hash;
    await page(hash)(who, notice);
    document.getElementById('console-title')?.focus();
    ready(hash);
  } catch (error) {
    failed(error);
  }
}

/**
 * Marks the moment a page is interactive: its data read, rendered with its controls enabled, and
 * painted (a task queued from the next frame runs after that frame's paint). ConsoleInteractivityIT
 * reads the mark's time since navigation start.
 */
function ready(hash) {
  requestAnimationFrame(() => setTimeout(() => performance.mark('console-ready', {detail: hash})));
}

function failed(error) {
  if (error instanceof SignInAgain) {
    expired();
  } else if (error instanceof ApiProblem) {
    show(view, 'Something went wrong', alert('danger', `The control plane answered ${error.status}`,
        ...problemText(error.problem)));
  } else {
    show(view, 'Something went wrong', alert('danger', 'The console could not do that', el('p', {}, String(error.message))));
  }
}

document.getElementById('console-sign-out').addEventListener('click', () => signOut());
window.addEventListener('hashchange', () => route());
// A change made from an event handler (switching a policy) may meet an expired token too.
window.addEventListener('unhandledrejection', event => {
  event.preventDefault();
  failed(event.reason);
});

try {
  const back = await completeSignIn();
  if (back) {
    window.history.replaceState(null, '', back); // no hashchange: route() below renders it
  }
  await route();
} catch (error) {
  signInPage(alert('danger', 'Sign-in failed', el('p', {}, error.message)));
}
