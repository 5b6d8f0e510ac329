// High-risk alerts: sign-ins blocked at high sign-in risk, newest first; an administrator acknowledges
// one with a comment (who looked at it, when, what they concluded). A reader sees the button disabled.
import {call} from './api.js';
import {el, show} from './dom.js';
import {changeButton, readOnlyReason, sendChange} from './changes.js';
import {bullets, label, pagedTable, when} from './table.js';

const ALERTS = '/v1.0/security/portcullisAlerts';
const PAGE = 25;

export async function alertsPage(view, who, notice) {
  const {body} = await call('GET', ALERTS);
  const messages = el('div', {id: 'alerts-messages', className: 'console-stack'}, notice || null);
  const reload = next => alertsPage(view, who, next);
  const results = el('div', {id: 'alerts-results', className: 'console-stack'});
  show(view, 'High-risk alerts',
      el('p', {}, 'Each sign-in that was blocked at high sign-in risk raises one alert. Acknowledge it when you have'
          + ' looked into it.'),
      readOnlyReason(who), messages, results);
  pagedTable(results, 'alerts-table', 'High-risk alerts', [
    {title: 'Raised', cell: a => when(a.raisedDateTime)},
    {title: 'User', cell: a => a.userId},
    {title: 'Application', cell: a => a.appId},
    {title: 'From', cell: a => [a.ipAddress, a.countryOrRegion].filter(Boolean).join(', ') || '—'},
    {title: 'Risk reasons', cell: a => bullets(a.riskReasons)},
    {title: 'Blocked by', cell: a => bullets(a.blockReasons)},
    {title: 'Status', cell: status},
    {title: 'Acknowledge', cell: a => (a.acknowledgement ? '—' : acknowledge(a, who, messages, reload))},
  ], body.value, a => ({'data-alert-id': a.id, 'data-acknowledged': String(Boolean(a.acknowledgement))}), PAGE);
}

function status(a) {
  if (!a.acknowledgement) {
    return label('New', 'red');
  }
  const ack = a.acknowledgement;
  return el('div', {}, label('Acknowledged', 'green'),
      el('p', {}, `by ${ack.by} `, when(ack.dateTime)), ack.comment ? el('p', {}, `“${ack.comment}”`) : null);
}

/** A comment and the button that acknowledges the alert with it. */
function acknowledge(a, who, messages, reload) {
  const id = `alert-comment-${a.id}`;
  const comment = el('input', {type: 'text', id, autocomplete: 'off', disabled: !who.isAdmin,
    'aria-describedby': `${id}-helper`, placeholder: 'What you found'});
  const button = changeButton(who, `alert-acknowledge-${a.id}`, 'Acknowledge', `Acknowledge the alert about ${a.userId}`,
      pressed => sendChange(pressed, messages, () => call('POST', `${ALERTS}/${encodeURIComponent(a.id)}/acknowledge`,
          {body: {comment: comment.value.trim()}}), `The alert about ${a.userId} is acknowledged.`, reload, {comment}));
  return el('div', {className: 'console-inline-action'},
      el('label', {className: 'pf-v5-screen-reader', for: id}, `Comment on the alert about ${a.userId}`),
      el('span', {className: 'pf-v5-c-form-control'}, comment), button,
      el('div', {className: 'pf-v5-c-helper-text', id: `${id}-helper`, 'aria-live': 'polite'}));
}
