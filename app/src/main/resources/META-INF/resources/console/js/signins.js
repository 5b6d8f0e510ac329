// The sign-in log: newest first, one page at a time (the log may hold 100,000 sign-ins), filtered
// as the API filters it; a sign-in's detail shows every policy's result and why, its risk, device and location.
import {ApiProblem, CA, call} from './api.js';
import {alert, el, field, fieldError, placeProblems, problemText, show} from './dom.js';
import {nameUsers} from './names.js';
import {bullets, dataTable, details, label, pageOf, pager, when, yesNo} from './table.js';

const LOG = '/v1.0/auditLogs/signIns';
const PAGE = 25;
export const DECISIONS = {allow: ['Allowed', 'green'], block: ['Blocked', 'red'],
  requireControls: ['Needs more (controls)', 'orange'], registrationRequired: ['Registration required', 'orange']};
/** The filters of the list: control ids, labels and the query parameter each one sets (and a problem names). */
const FILTERS = [['user', 'User (id)', 'userId'], ['application', 'Application (client id)', 'appId'],
  ['correlation', 'Correlation id', 'correlationId'], ['from', 'From (ISO-8601)', 'from'], ['to', 'To (ISO-8601)', 'to']];

/** What the list was last filtered by and its page: kept while a sign-in's detail is open. */
const state = {query: {}, page: 0};

function decisionLabel(decision) {
  const [text, colour] = DECISIONS[decision] || [decision, 'grey'];
  return label(text, colour);
}

export async function signInsPage(view) {
  const {body} = await call('GET', `${CA}/policies`);
  const controls = {};
  for (const [name, , param] of FILTERS) {
    controls[param] = el('input', {type: 'text', autocomplete: 'off', value: state.query[param] || '',
      placeholder: name === 'from' || name === 'to' ? '2026-12-01T00:00:00Z' : null});
  }
  controls.decision = el('select', {}, el('option', {value: ''}, 'Any'), ...Object.entries(DECISIONS).map(([v, [text]]) =>
    el('option', {value: v, selected: state.query.decision === v}, text)));
  controls.policyId = el('select', {}, el('option', {value: ''}, 'Any'),
      ...body.value.slice().sort((a, b) => a.displayName.localeCompare(b.displayName)).map(p =>
        el('option', {value: p.id, selected: state.query.policyId === p.id}, p.displayName)));
  const results = el('div', {id: 'sign-ins-results', className: 'console-stack'});
  const form = el('form', {className: 'pf-v5-c-form console-form', id: 'sign-ins-filters', novalidate: true},
      el('div', {className: 'console-form-grid'},
          ...FILTERS.map(([name, text, param]) => field(`sign-ins-${name}`, text, controls[param])),
          field('sign-ins-decision', 'Decision', controls.decision),
          field('sign-ins-policy', 'Policy applied', controls.policyId)),
      el('div', {className: 'pf-v5-c-form__actions'},
          el('button', {className: 'pf-v5-c-button pf-m-primary', type: 'submit', id: 'sign-ins-apply'}, 'Apply filters')));
  form.addEventListener('submit', event => {
    event.preventDefault();
    state.query = Object.fromEntries(Object.entries(controls).map(([param, c]) => [param, c.value.trim()])
        .filter(([, value]) => value));
    list(results, controls, 0);
  });
  show(view, 'Sign-in log',
      el('p', {}, 'Every sign-in the Keycloak nodes decided, newest first. Open one to see each policy\'s result and why.'),
      form, results);
  await list(results, controls, state.page);
}

async function list(results, controls, page) {
  Object.values(controls).forEach(c => fieldError(c, null));
  const query = new URLSearchParams(state.query).toString();
  let answer;
  try {
    answer = await pageOf(call, `${LOG}${query ? `?${query}` : ''}`, page, PAGE);
  } catch (error) {
    if (!(error instanceof ApiProblem)) {
      throw error;
    }
    results.replaceChildren(alert('danger', 'The sign-in log could not be read',
        ...problemText(placeProblems(error.problem, controls))));
    return;
  }
  state.page = page;
  results.replaceChildren(dataTable('sign-ins-table', 'Sign-ins', [
    {title: 'Date', cell: s => el('a', {href: `#/sign-ins/${encodeURIComponent(s.id)}`,
      'aria-label': `Sign-in of ${s.userId} to ${s.appId} at ${new Date(s.createdDateTime).toLocaleString()}`},
    new Date(s.createdDateTime).toLocaleString())},
    {title: 'User', cell: s => el('span', {'data-user-id': s.userId}, s.userId)},
    {title: 'Application', cell: s => s.appId},
    {title: 'IP address', cell: s => s.ipAddress || '—'},
    {title: 'Decision', cell: s => decisionLabel(s.portcullis.decision)},
    {title: 'Sign-in risk', cell: s => s.riskLevelDuringSignIn},
  ], answer.items, s => ({'data-sign-in-id': s.id, 'data-decision': s.portcullis.decision})),
  pager('sign-ins-pager', 'sign-ins', page, answer.more, next => list(results, controls, next)));
  nameUsers(results); // not awaited: the log is read while the names come
}

/** One sign-in: what was decided and why, policy by policy. */
export async function signInDetailPage(view, id) {
  const {body} = await call('GET', `${LOG}?id=${encodeURIComponent(id)}&$top=1`);
  const back = el('a', {href: '#/sign-ins', id: 'sign-in-back'}, 'Back to the sign-in log');
  const record = body.value[0];
  if (!record) {
    show(view, 'Sign-in not found', alert('warning', `No sign-in with the id ${id} is in the log`), back);
    return;
  }
  const device = record.deviceDetail || {};
  show(view, `Sign-in of ${record.userId} to ${record.appId}`, back,
      el('div', {id: 'sign-in-decision', 'data-decision': record.portcullis.decision}, decisionLabel(record.portcullis.decision)),
      el('h2', {className: 'pf-v5-c-title pf-m-lg'}, 'Basic info'),
      details('sign-in-basics', [['Date', when(record.createdDateTime)], ['Request id', record.id],
        ['Correlation id', record.correlationId], ['User', el('span', {'data-user-id': record.userId}, record.userId)], ['Application', record.appId],
        ['Client app', record.clientAppUsed], ['Conditional Access', record.conditionalAccessStatus],
        ['Why', bullets(record.portcullis.decisionDetails)]]),
      el('h2', {className: 'pf-v5-c-title pf-m-lg'}, 'Location and device'),
      details('sign-in-device', [['IP address', record.ipAddress], ['Country or region', record.location?.countryOrRegion],
        ['Operating system', device.operatingSystem], ['Device', device.displayName || device.deviceId],
        ['Compliant', yesNo(device.isCompliant)], ['Managed', yesNo(device.isManaged)], ['Join type', device.trustType || '—']]),
      el('h2', {className: 'pf-v5-c-title pf-m-lg'}, 'Risk'),
      details('sign-in-risk', [['Sign-in risk', record.riskLevelDuringSignIn], ['Risk reasons', bullets(record.portcullis.riskReasons)]]),
      el('h2', {className: 'pf-v5-c-title pf-m-lg'}, 'Conditional Access'),
      dataTable('sign-in-policies', 'Policies and their results', [
        {title: 'Policy', cell: p => p.displayName || p.id},
        {title: 'Result', cell: p => p.result},
        {title: 'Why', cell: p => bullets(p.reasons)},
      ], record.appliedConditionalAccessPolicies || [], p => ({'data-policy-id': p.id, 'data-result': p.result})));
  nameUsers(view);
}
