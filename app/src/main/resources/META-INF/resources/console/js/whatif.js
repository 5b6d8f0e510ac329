// What If: how the stored policies would treat a sign-in described in a form, policy by policy.
import {ApiProblem, CA, call} from './api.js';
import {alert, el, field, fieldError, problemText, show} from './dom.js';
import {picker} from './picker.js';
import {STATES} from './policies.js';

export const CLIENT_APPS = {browser: 'Browser', mobileAppsAndDesktopClients: 'Mobile apps and desktop clients',
  exchangeActiveSync: 'Exchange ActiveSync', other: 'Other clients'};
const PLATFORMS = {'': 'Any (not given)', android: 'Android', iOS: 'iOS', windows: 'Windows', macOS: 'macOS', linux: 'Linux'};
const RISKS = {none: 'None', low: 'Low', medium: 'Medium', high: 'High'};
const DECISIONS = {allow: ['success', 'Access allowed'], block: ['danger', 'Access blocked'],
  requireControls: ['warning', 'Access needs more (controls or an authentication strength)'],
  registrationRequired: ['warning', 'The user must register a method first']};

/** The user's label, shared with the editor's What-If: a name searched in the directory, a username or an id. */
export const USER = 'User (search by name, or type a username or id)';

function input(attributes) {
  return el('input', {type: 'text', ...attributes});
}

function select(options, value) {
  return el('select', {}, ...Object.entries(options).map(([v, text]) => el('option', {value: v, selected: v === value}, text)));
}

/** The form's controls, each with the request path a problem names it by. */
function controls() {
  return {
    user: [input({required: true, autocomplete: 'off', placeholder: 'Ivan, ivan.it or a user id'}), 'signInIdentity.userId'],
    application: [input({required: true, autocomplete: 'off', placeholder: 'portal'}), 'signInContext.includeApplications'],
    ip: [input({autocomplete: 'off', placeholder: '203.0.113.50', inputmode: 'decimal'}), 'signInConditions.ipAddress'],
    clientApp: [select(CLIENT_APPS, 'browser'), 'signInConditions.clientAppType'],
    platform: [select(PLATFORMS, ''), 'signInConditions.devicePlatform'],
    risk: [select(RISKS, 'none'), 'signInConditions.signInRiskLevel'],
  };
}

export function whatIfPage(view) {
  const c = controls();
  const results = el('div', {id: 'what-if-results', className: 'console-stack', 'aria-live': 'polite'});
  const form = el('form', {className: 'pf-v5-c-form console-form', id: 'what-if-form', novalidate: true},
      el('div', {className: 'console-form-grid'}, field('what-if-user', USER, c.user[0]),
      field('what-if-application', 'Application (client id)', c.application[0]),
      field('what-if-ip', 'IP address', c.ip[0]),
      field('what-if-client-app', 'Client app', c.clientApp[0]),
      field('what-if-platform', 'Device platform', c.platform[0]),
      field('what-if-risk', 'Sign-in risk', c.risk[0])),
      el('div', {className: 'pf-v5-c-form__group pf-m-action'}, el('div', {className: 'pf-v5-c-form__actions'},
          el('button', {className: 'pf-v5-c-button pf-m-primary', type: 'submit', id: 'what-if-submit'}, 'What If'))));
  picker(c.user[0], 'users', USER, false);
  form.addEventListener('submit', event => {
    event.preventDefault();
    evaluate(c, results);
  });
  show(view, 'What If',
      el('p', {}, 'Describe a sign-in: the answer shows every policy, whether it applies and why, and the decision.'
          + ' Groups, roles and registered methods come from the directory. Nothing is stored.'),
      form, results);
}

function request(c) {
  const value = name => c[name][0].value.trim();
  const conditions = {clientAppType: value('clientApp'), signInRiskLevel: value('risk')};
  if (value('ip')) {
    conditions.ipAddress = value('ip');
  }
  if (value('platform')) {
    conditions.devicePlatform = value('platform');
  }
  return {signInIdentity: {userId: value('user')}, signInContext: {includeApplications: [value('application')]},
    signInConditions: conditions, appliedPoliciesOnly: false};
}

async function evaluate(c, results) {
  Object.values(c).forEach(([control]) => fieldError(control, null));
  results.replaceChildren();
  const missing = ['user', 'application'].filter(name => !c[name][0].value.trim());
  if (missing.length) {
    missing.forEach(name => fieldError(c[name][0], 'required'));
    c[missing[0]][0].focus();
    return;
  }
  try {
    const {body} = await call('POST', `${CA}/evaluate`, {body: request(c)});
    results.replaceChildren(decision(body.decision), table(body.value));
    results.scrollIntoView({block: 'start'});
  } catch (error) {
    if (!(error instanceof ApiProblem)) {
      throw error;
    }
    const named = new Set();
    for (const problem of error.problem.errors || []) {
      const hit = Object.values(c).find(([, path]) => problem.path === path || problem.path.startsWith(`${path}.`)
          || problem.path.startsWith(`${path}[`));
      if (hit) {
        fieldError(hit[0], problem.message);
        named.add(problem);
      }
    }
    const rest = {...error.problem, errors: (error.problem.errors || []).filter(p => !named.has(p))};
    results.replaceChildren(alert('danger', 'What If could not answer', ...problemText(rest)));
  }
}

/** The decision of an answer, as an alert. */
export function decision(answer) {
  const [variant, title] = DECISIONS[answer.result] || ['info', answer.result];
  const extra = answer.requiredAuthenticationStrengths
    ? el('p', {}, `Required: ${answer.requiredAuthenticationStrengths.map(s => s.displayName || s.id || s).join(', ')}`) : null;
  return el('div', {id: 'what-if-decision', 'data-result': answer.result},
      alert(variant, `Decision: ${title}`, el('ul', {className: 'pf-v5-c-list'},
          ...(answer.reasons || []).map(r => el('li', {}, r))), extra));
}

/** Every policy of an answer with whether it applies, its result and why. */
export function table(policies) {
  const head = ['Policy', 'State', 'Applies', 'Result', 'Why'];
  return el('table', {className: 'pf-v5-c-table pf-m-compact pf-m-grid-md', 'aria-label': 'What If: policies', id: 'what-if-table'},
      el('thead', {className: 'pf-v5-c-table__thead'}, el('tr', {className: 'pf-v5-c-table__tr'},
          ...head.map(h => el('th', {className: 'pf-v5-c-table__th', scope: 'col'}, h)))),
      el('tbody', {className: 'pf-v5-c-table__tbody'}, ...applyingFirst(policies).map(p =>
        el('tr', {className: 'pf-v5-c-table__tr', 'data-applies': String(p.policyApplies)},
            ...[p.displayName, STATES[p.state] || p.state, p.policyApplies ? 'Yes' : 'No', p.result, p.analysisReasons]
                .map((text, i) => el('td', {className: 'pf-v5-c-table__td', 'data-label': head[i]}, text ?? ''))))));
}

/** The policies that apply first, as Entra lists them; the API's order otherwise. */
function applyingFirst(policies) {
  return [...policies.filter(p => p.policyApplies), ...policies.filter(p => !p.policyApplies)];
}
