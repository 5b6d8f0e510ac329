// The audit log: every change, newest first, a page at a time; each entry opens into the fields its
// change touched, before and after (the log keeps the whole document on both sides).
import {call} from './api.js';
import {el, show} from './dom.js';
import {differences, written} from './merge.js';
import {dataTable, pageOf, pager, when} from './table.js';

const LOG = '/v1.0/auditLogs/directoryAudits';
const PAGE = 25;

/** A side of a change: the document it kept (JSON), or its text when it is not JSON, or nothing. */
function parsed(value) {
  if (value === null || value === undefined) {
    return undefined;
  }
  try {
    return JSON.parse(value);
  } catch (notJson) {
    return {value};
  }
}

function side(value) {
  return value === undefined ? '—' : el('code', {}, written(value));
}

/** The fields a change touched, before and after: a creation has nothing before, a deletion nothing after. */
export function diff(entry) {
  const change = entry.targetResources?.[0]?.modifiedProperties?.[0] || {};
  const rows = differences(parsed(change.oldValue), parsed(change.newValue));
  return el('details', {className: 'console-diff'},
      el('summary', {}, `${rows.length} field${rows.length === 1 ? '' : 's'} changed`),
      dataTable(`audit-diff-${entry.id}`, `Before and after: ${entry.activityDisplayName}`, [
        {title: 'Field', cell: r => el('code', {}, r.path)},
        {title: 'Before', cell: r => side(r.mine)},
        {title: 'After', cell: r => side(r.theirs)},
      ], rows, r => ({'data-field': r.path})));
}

/** What was changed: its kind and name (read from the document), or its id. */
function target(entry) {
  const resource = entry.targetResources?.[0] || {};
  const change = resource.modifiedProperties?.[0] || {};
  const doc = parsed(change.newValue) || parsed(change.oldValue) || {};
  return el('span', {}, `${(resource.type || '').toLowerCase().replace(/_/g, ' ')}: `,
      doc.displayName || doc.id || resource.id || '—');
}

export async function auditPage(view) {
  const results = el('div', {id: 'audit-results', className: 'console-stack'});
  show(view, 'Audit log',
      el('p', {}, 'Every change to policies, named locations, strengths, devices, risky users and Security Defaults:'
          + ' who made it, when, and each field before and after.'),
      results);
  await list(results, 0);
}

async function list(results, page) {
  const answer = await pageOf(call, LOG, page, PAGE);
  results.replaceChildren(dataTable('audit-table', 'Audit log', [
    {title: 'Date', cell: e => when(e.activityDateTime)},
    {title: 'Activity', cell: e => e.activityDisplayName},
    {title: 'By', cell: e => e.initiatedBy?.user?.userPrincipalName},
    {title: 'Target', cell: target},
    {title: 'Changes', cell: diff},
  ], answer.items, e => ({'data-audit-id': e.id, 'data-target-id': e.targetResources?.[0]?.id})),
  pager('audit-pager', 'the audit log', page, answer.more, next => list(results, next)));
}
