// Risky users: the users Portcullis has risk events for, their level, state and why. An administrator
// confirms a user compromised (high risk until the password changes) or dismisses the risk.
import {call} from './api.js';
import {el, show} from './dom.js';
import {changeButton, readOnlyReason, sendChange} from './changes.js';
import {bullets, dataTable, label, when} from './table.js';

const RISKY_USERS = '/v1.0/identityProtection/riskyUsers';
const LEVEL_COLOURS = {high: 'red', medium: 'orange', low: 'blue', none: 'grey'};

export async function riskyUsersPage(view, who, notice) {
  const {body} = await call('GET', RISKY_USERS);
  const messages = el('div', {id: 'risky-users-messages', className: 'console-stack'}, notice || null);
  const reload = next => riskyUsersPage(view, who, next);
  const verdict = (user, action, text, done) => changeButton(who, `risky-user-${action}-${user.id}`, text,
      `${text}: ${user.id}`, pressed => sendChange(pressed, messages,
          () => call('POST', `${RISKY_USERS}/${action}`, {body: {userIds: [user.id]}}), `${user.id} ${done}.`, reload));
  show(view, 'Risky users',
      el('p', {}, 'Users whose sign-ins or an administrator\'s verdict raised their user risk. Policies with a user-risk'
          + ' condition read it; a password change remediates it.'),
      readOnlyReason(who), messages,
      dataTable('risky-users-table', 'Risky users', [
        {title: 'User', cell: u => u.id},
        {title: 'Risk level', cell: u => label(u.riskLevel, LEVEL_COLOURS[u.riskLevel] || 'grey')},
        {title: 'Risk state', cell: u => u.riskState},
        {title: 'Detail', cell: u => u.riskDetail},
        {title: 'Last updated', cell: u => when(u.riskLastUpdatedDateTime)},
        {title: 'Why', cell: u => bullets((u.portcullis?.riskReasons || []).map(r => r.detail || r.rule))},
        {title: 'Actions', cell: u => el('div', {className: 'console-inline-action'},
            verdict(u, 'confirmCompromised', 'Confirm compromised', 'is confirmed compromised'),
            verdict(u, 'dismiss', 'Dismiss user risk', 'no longer counts as at risk'))},
      ], body.value, u => ({'data-user-id': u.id, 'data-risk-state': u.riskState, 'data-risk-level': u.riskLevel})));
}
