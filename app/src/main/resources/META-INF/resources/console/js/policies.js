// Policies: the list with each policy's state and last change, searched by name and state a page at a
// time; an administrator switches the state, creates a policy and opens one in the editor (a reader
// opens it read-only).
import {ApiProblem, CA, call} from './api.js';
import {alert, el, field, fieldError, problemText, selectControl, show} from './dom.js';
import {pager, when} from './table.js';

/** A policy's state as Entra's console names it. */
export const STATES = {enabled: 'On', enabledForReportingButNotEnforced: 'Report-only', disabled: 'Off'};
const LABEL_COLOURS = {enabled: 'pf-m-green', enabledForReportingButNotEnforced: 'pf-m-blue', disabled: 'pf-m-grey'};
/** Policies a page shows: a page of rows, each with its switch, renders in a fraction of the time all of them take. */
const PAGE = 50;

/**
 * Renders the policies page into view; notice is an alert shown above the list (after a reload), and
 * shown says which policies the list showed (its search, state and page), kept across a reload.
 */
export async function policiesPage(view, who, notice, shown = {search: '', state: '', page: 0}) {
  const {body} = await call('GET', `${CA}/policies`);
  const policies = body.value.slice().sort((a, b) => a.displayName.localeCompare(b.displayName));
  const messages = el('div', {id: 'policies-messages', className: 'console-stack'}, notice || null);
  const results = el('div', {className: 'console-stack'});
  const search = el('input', {type: 'search', value: shown.search, placeholder: 'Policy name'});
  const state = el('select', {}, el('option', {value: ''}, 'Every state'),
      ...Object.entries(STATES).map(([value, text]) => el('option', {value, selected: value === shown.state}, text)));
  const list = page => {
    const focused = document.activeElement?.id; // a pager's button keeps the focus on the page it shows
    Object.assign(shown, {search: search.value, state: state.value, page}); // what a reload after a change shows
    const wanted = search.value.trim().toLowerCase();
    const matching = policies.filter(p => (!wanted || p.displayName.toLowerCase().includes(wanted))
        && (!state.value || p.state === state.value));
    const at = Math.min(page, Math.max(0, Math.ceil(matching.length / PAGE) - 1)); // a switch may leave fewer pages
    const from = at * PAGE;
    results.replaceChildren(
        el('p', {id: 'policies-count', role: 'status'}, matching.length
          ? `${from + 1}–${Math.min(from + PAGE, matching.length)} of ${matching.length} policies`
          : `No policy matches (${policies.length} in all).`),
        table(matching.slice(from, from + PAGE), who, messages, next => policiesPage(view, who, next, shown)),
        pager('policies-pager', 'policies', at, matching.length > from + PAGE, list));
    const again = focused?.startsWith('policies-pager') && document.getElementById(focused);
    if (again) {
      (again.disabled ? results.querySelector('#policies-pager button:not([disabled])') : again)?.focus();
    }
  };
  search.addEventListener('input', () => list(0));
  state.addEventListener('change', () => list(0));
  show(view, 'Conditional Access policies',
      el('p', {}, who.isAdmin
        ? 'Switch a policy on, to report-only (its effect is logged, nothing is enforced) or off.'
        : 'You can read the policies; changing them needs the portcullis-admin role.'),
      who.isAdmin ? el('a', {className: 'pf-v5-c-button pf-m-primary', href: '#/policies/new', id: 'policies-new'},
          'New policy') : null,
      el('div', {className: 'pf-v5-c-form console-form', role: 'search', id: 'policies-filters'},
          el('div', {className: 'console-form-grid'},
              field('policies-search', 'Search by name', search), field('policies-state', 'State', state))),
      messages, results);
  list(shown.page);
}

function table(policies, who, messages, reload) {
  return el('table', {className: 'pf-v5-c-table pf-m-compact pf-m-grid-md', 'aria-label': 'Policies', id: 'policies-table'},
      el('thead', {className: 'pf-v5-c-table__thead'}, el('tr', {className: 'pf-v5-c-table__tr'},
          ...['Policy name', 'State', 'Modified', 'Actions'].map(h =>
            el('th', {className: 'pf-v5-c-table__th', scope: 'col'}, h)))),
      el('tbody', {className: 'pf-v5-c-table__tbody'}, ...policies.map(policy => row(policy, who, messages, reload))));
}

function row(policy, who, messages, reload) {
  const modified = el('td', {className: 'pf-v5-c-table__td', 'data-label': 'Modified'}, when(policy.modifiedDateTime));
  return el('tr', {className: 'pf-v5-c-table__tr', 'data-policy-id': policy.id},
      el('td', {className: 'pf-v5-c-table__td', 'data-label': 'Policy name'}, policy.displayName),
      el('td', {className: 'pf-v5-c-table__td', 'data-label': 'State'},
          who.isAdmin ? stateSwitch(policy, messages, modified, reload) : stateLabel(policy.state)),
      modified,
      el('td', {className: 'pf-v5-c-table__td', 'data-label': 'Actions'},
          el('span', {className: 'console-inline-action'},
              el('a', {href: `#/policies/${encodeURIComponent(policy.id)}`, className: 'console-edit',
                'aria-label': `${who.isAdmin ? 'Edit' : 'View'} ${policy.displayName}`}, who.isAdmin ? 'Edit' : 'View'),
              el('a', {href: `#/policies/${encodeURIComponent(policy.id)}/impact`, className: 'console-impact',
                'aria-label': `Impact of ${policy.displayName}`}, 'Impact'))));
}

/** A policy's state as a coloured label (a reader's view of the switch). */
export function stateLabel(state) {
  return el('span', {className: `pf-v5-c-label ${LABEL_COLOURS[state] || ''}`, 'data-state': state},
      el('span', {className: 'pf-v5-c-label__content'}, STATES[state] || state));
}

/** A labelled select (On / Report-only / Off) that patches the policy when it changes. */
function stateSwitch(policy, messages, modified, reload) {
  const id = `state-${policy.id}`;
  const select = el('select', {id, className: 'console-state-select', 'aria-describedby': `${id}-helper`},
      ...Object.entries(STATES).map(([value, text]) => el('option', {value, selected: value === policy.state}, text)));
  const helper = el('div', {className: 'pf-v5-c-helper-text', id: `${id}-helper`, 'aria-live': 'polite'});
  const control = selectControl(select);
  select.addEventListener('change', () => switchState(policy, select, messages, modified, reload));
  return el('div', {},
      el('label', {className: 'pf-v5-screen-reader', for: id}, `State of ${policy.displayName}`), control, helper);
}

async function switchState(policy, select, messages, modified, reload) {
  const wanted = select.value;
  select.disabled = true;
  messages.replaceChildren();
  fieldError(select, null);
  try {
    // The version to name in If-Match, read now; the document must still be the one this list showed.
    const current = await call('GET', `${CA}/policies/${encodeURIComponent(policy.id)}`);
    if (JSON.stringify(current.body) !== JSON.stringify(policy)) {
      await reload(changedElsewhere(policy, 'it was changed after this list was loaded'));
      return;
    }
    const {body} = await call('PATCH', `${CA}/policies/${encodeURIComponent(policy.id)}`,
        {body: {state: wanted}, ifMatch: current.etag, contentType: 'application/merge-patch+json'});
    // As a read shows it (the list compares it with one before the next switch): no @portcullis.warnings.
    Object.assign(policy, Object.fromEntries(Object.entries(body).filter(([key]) => !key.startsWith('@'))));
    modified.replaceChildren(when(body.modifiedDateTime));
    say(messages, alert('success', `"${policy.displayName}" is now ${STATES[body.state]}.`));
  } catch (error) {
    select.value = policy.state;
    if (!(error instanceof ApiProblem)) {
      throw error;
    }
    if (error.status === 412) {
      await reload(changedElsewhere(policy, 'it was changed while your change was being saved')); // 412
      return;
    }
    const atState = (error.problem.errors || []).filter(e => e.path === 'state');
    fieldError(select, atState.map(e => e.message).join('; ') || null);
    say(messages, alert('danger', refusal(error.status, policy), ...problemText(error.problem)));
  } finally {
    select.disabled = false;
  }
}

/** Shows the message above the list, scrolled into view (a screen reader hears it through its role). */
function say(messages, message) {
  messages.replaceChildren(message);
  messages.scrollIntoView({block: 'nearest'});
}

/** The title of a refused change of a policy's state. */
export function refusal(status, policy) {
  switch (status) {
    case 409: return `The lockout guard refused to change "${policy.displayName}"`;
    case 403: return 'You may not make this change';
    case 400: return `"${policy.displayName}" was not changed`;
    default: return `The control plane refused the change (${status})`;
  }
}

/** Says that nothing was saved because someone else changed the policy first. */
export function changedElsewhere(policy, reason) {
  return alert('warning', `Someone else changed "${policy.displayName}"`,
      el('p', {}, `Nothing was saved: ${reason}. The list below shows it as it is now; make your change again if you`
          + ' still want it.'));
}
