// Insights across policies, as Entra's Conditional Access insights workbook sums them: for a range of
// days, each policy's sign-ins by result (success, failure, user action required, not applied),
// report-only results counted with enforced ones, as a chart and a table; a state narrows the list.
import {ApiProblem, CA, call} from './api.js';
import {alert, el, field, problemText, show} from './dom.js';
import {COLOURS, stackedBars} from './charts.js';
import {lastWeek, periodForm, periodQuery} from './period.js';
import {STATES} from './policies.js';
import {dataTable} from './table.js';

const RESULTS = [['success', 'Success', COLOURS.pass], ['failure', 'Failure', COLOURS.block],
  ['userActionRequired', 'User action required', COLOURS.prompt], ['notApplied', 'Not applied', COLOURS.notApplied]];
const ROW_HEIGHT = 28;

export async function insightsPage(view) {
  const range = lastWeek();
  const report = el('div', {id: 'insights-report', className: 'console-stack'});
  const state = el('select', {}, el('option', {value: ''}, 'Every policy'),
      ...Object.entries(STATES).map(([value, text]) => el('option', {value}, text)));
  const form = periodForm('insights-period', range, () => render(report, form, range, state.value));
  state.addEventListener('change', () => render(report, form, range, state.value));
  form.element.querySelector('.console-form-grid').append(field('insights-state', 'Policies', state));
  show(view, 'Insights',
      el('p', {}, 'Every policy\'s results over the sign-ins the Keycloak nodes shipped: success (met, or would have'
          + ' met), failure (blocked, or would have been), user action required (MFA, a compliant device or a password'
          + ' change asked for, or it would have been) and not applied. Report-only results count with enforced ones.'),
      form.element, report);
  await render(report, form, range, '');
}

async function render(report, form, range, state) {
  let body;
  try {
    ({body} = await call('GET', `${CA}/insights?${periodQuery(range)}`));
  } catch (error) {
    if (!(error instanceof ApiProblem)) {
      throw error;
    }
    report.replaceChildren(alert('danger', 'The insights could not be read', ...problemText(form.problems(error.problem))));
    return;
  }
  const rows = body.value.filter(row => !state || row.state === state);
  const total = Object.fromEntries(['signIns', ...RESULTS.map(([key]) => key)]
      .map(key => [key, rows.reduce((sum, row) => sum + row[key], 0)]));
  const charted = rows.filter(row => row.signIns > 0);
  const words = RESULTS.map(([key, text]) => `${total[key]} ${text.toLowerCase()}`).join(', ');
  report.replaceChildren(
      el('dl', {className: 'console-figures', id: 'insights-totals'},
          el('div', {}, el('dt', {}, 'Policy evaluations'), el('dd', {id: 'insights-signIns'}, String(total.signIns))),
          ...RESULTS.map(([key, text]) => el('div', {}, el('dt', {}, text), el('dd', {id: `insights-${key}`}, String(total[key]))))),
      charted.length
        ? stackedBars('insights-chart', `Results of ${charted.length} ${charted.length === 1 ? 'policy' : 'policies'}`
          + ` evaluated from ${range.from} to ${range.to}: ${words}. The table below gives each policy.`,
        charted.map(row => row.displayName),
        RESULTS.map(([key, text, colour]) => ({name: text, colour, values: charted.map(row => row[key])})),
        {horizontal: true, height: 96 + charted.length * ROW_HEIGHT})
        : el('p', {id: 'insights-none'}, 'No policy was evaluated in this range.'),
      dataTable('insights-table', 'Results per policy', [
        {title: 'Policy', cell: row => el('a', {href: `#/policies/${encodeURIComponent(row.policyId)}/impact`,
          'aria-label': `Impact of ${row.displayName}`}, row.displayName)},
        {title: 'State', cell: row => STATES[row.state] || row.state},
        {title: 'Evaluations', cell: row => String(row.signIns)},
        ...RESULTS.map(([key, text]) => ({title: text, cell: row => String(row[key])})),
      ], rows, row => ({'data-policy-id': row.policyId})));
}
