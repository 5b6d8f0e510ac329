// A policy's report-only impact over a range of days: what it would have blocked, prompted for and
// let pass, and the sign-ins it did not apply to, in all, as a chart per day with its table, the
// users it would have stopped, and sample sign-ins. Read before switching a policy on.
import {ApiProblem, CA, call} from './api.js';
import {alert, el, problemText, show} from './dom.js';
import {COLOURS, stackedBars} from './charts.js';
import {daysOf, lastWeek, periodForm, periodQuery} from './period.js';
import {dataTable, label} from './table.js';

const SAMPLES = 10;
/** The impact's figures: the API's field, what the console calls it, its colour. */
const FIGURES = [['wouldBlock', 'Would block', COLOURS.block], ['wouldPrompt', 'Would prompt', COLOURS.prompt],
  ['wouldPass', 'Would pass', COLOURS.pass], ['notApplied', 'Not applied', COLOURS.notApplied],
  ['enforced', 'Enforced', COLOURS.enforced]];
/** A policy's result in a sign-in record, in the words of the impact. */
const RESULTS = {reportOnlyFailure: ['Would block', 'red'], reportOnlyInterrupted: ['Would prompt', 'orange'],
  reportOnlySuccess: ['Would pass', 'green'], reportOnlyNotApplied: ['Not applied', 'grey'],
  failure: ['Blocked', 'red'], interrupted: ['Prompted', 'orange'], success: ['Passed', 'green'],
  notApplied: ['Not applied', 'grey'], notEnabled: ['Off', 'grey']};

/** The policy's impact over range ({from, to}: UTC days): the API's answer. */
export async function readImpact(policyId, range) {
  const {body} = await call('GET', `${CA}/policies/${encodeURIComponent(policyId)}/reportOnlyImpact?${periodQuery(range)}`);
  return body;
}

/** The figures in all (each with an id of prefix and its field) and the chart per day with its table. */
export function impactFigures(prefix, impact, range) {
  const shown = FIGURES.filter(([key]) => key !== 'enforced' || impact.enforced > 0);
  const byDay = new Map((impact.days || []).map(d => [d.date, d]));
  const days = daysOf(range) || [...byDay.keys()];
  const words = shown.map(([key, text]) => `${impact[key]} ${text.toLowerCase()}`).join(', ');
  return [
    el('dl', {className: 'console-figures', id: `${prefix}-totals`},
        el('div', {}, el('dt', {}, 'Sign-ins evaluated'), el('dd', {id: `${prefix}-signIns`}, String(impact.signIns))),
        ...shown.map(([key, text]) => el('div', {}, el('dt', {}, text), el('dd', {id: `${prefix}-${key}`}, String(impact[key]))))),
    stackedBars(`${prefix}-chart`, `Sign-ins per day from ${range.from} to ${range.to}, ${impact.displayName}: ${words}.`
        + ' The table below gives each day.', days,
    shown.map(([key, text, colour]) => ({name: text, colour, values: days.map(day => byDay.get(day)?.[key] ?? 0)}))),
    dataTable(`${prefix}-days-table`, `${impact.displayName}: report-only impact per day`, [
      {title: 'Day (UTC)', cell: d => d.date}, {title: 'Sign-ins', cell: d => String(d.signIns)},
      ...shown.map(([key, text]) => ({title: text, cell: d => String(d[key])})),
    ], impact.days || [], d => ({'data-date': d.date})),
  ];
}

/** #/policies/{id}/impact: the impact over a range the reader picks (the last seven days first). */
export async function impactPage(view, who, policyId) {
  const range = lastWeek();
  const report = el('div', {id: 'impact-report', className: 'console-stack'});
  const form = periodForm('impact-period', range, () => render(report, form, policyId, range));
  const impact = await readImpact(policyId, range);
  show(view, `Report-only impact: ${impact.displayName}`,
      el('p', {}, el('a', {href: '#/policies', id: 'impact-back'}, 'Back to the policies'), ' · ',
          el('a', {href: `#/policies/${encodeURIComponent(policyId)}`}, who.isAdmin ? 'Edit the policy' : 'View the policy')),
      el('p', {}, 'What the policy did, or would have done had it been on, to the sign-ins the Keycloak nodes shipped:'
          + ' read it before switching the policy on. A sign-in counts as not applied when the policy was evaluated'
          + ' and its conditions did not match.'),
      form.element, report);
  await render(report, form, policyId, range, impact);
}

async function render(report, form, policyId, range, read) {
  let impact = read;
  let samples;
  try {
    impact ??= await readImpact(policyId, range);
    samples = await sampleSignIns(policyId, range);
  } catch (error) {
    if (!(error instanceof ApiProblem)) {
      throw error;
    }
    report.replaceChildren(alert('danger', 'The impact could not be read', ...problemText(form.problems(error.problem))));
    return;
  }
  const users = impact.affectedUsers?.value || [];
  report.replaceChildren(...impactFigures('impact', impact, range),
      el('h2', {className: 'pf-v5-c-title pf-m-lg'}, 'Users it would prompt or block'),
      dataTable('impact-users-table', 'Users it would prompt or block', [
        {title: 'User', cell: u => u.username || u.userId}, {title: 'Would prompt', cell: u => String(u.wouldPrompt)},
        {title: 'Would block', cell: u => String(u.wouldBlock)},
      ], users, u => ({'data-user-id': u.userId})),
      el('p', {hidden: !impact.affectedUsers?.truncated}, `${users.length} of ${impact.affectedUsers?.total} users are listed.`),
      el('h2', {className: 'pf-v5-c-title pf-m-lg'}, 'Sample sign-ins'),
      el('p', {}, `The newest ${SAMPLES} sign-ins of the range the policy applied to; open one for every policy's result.`),
      dataTable('impact-samples-table', 'Sample sign-ins', [
        {title: 'Date', cell: s => el('a', {href: `#/sign-ins/${encodeURIComponent(s.id)}`,
          'aria-label': `Sign-in of ${s.userId} to ${s.appId} at ${new Date(s.createdDateTime).toLocaleString()}`},
        new Date(s.createdDateTime).toLocaleString())},
        {title: 'User', cell: s => s.userId}, {title: 'Application', cell: s => s.appId},
        {title: 'This policy', cell: s => resultLabel(s, policyId)},
      ], samples, s => ({'data-sign-in-id': s.id, 'data-result': resultOf(s, policyId)})));
}

async function sampleSignIns(policyId, range) {
  const query = periodQuery(range);
  query.set('policyId', policyId);
  query.set('$top', String(SAMPLES));
  const {body} = await call('GET', `/v1.0/auditLogs/signIns?${query}`);
  return body.value;
}

function resultOf(signIn, policyId) {
  return (signIn.appliedConditionalAccessPolicies || []).find(p => p.id === policyId)?.result || '';
}

function resultLabel(signIn, policyId) {
  const [text, colour] = RESULTS[resultOf(signIn, policyId)] || [resultOf(signIn, policyId), 'grey'];
  return label(text, colour);
}
