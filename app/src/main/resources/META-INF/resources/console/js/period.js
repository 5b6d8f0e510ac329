// The time range a report reads: two dates (UTC days, the last one included, typed as 2026-12-01), sent
// to the API as the instants from and to; what is not a date goes as typed, so the API's refusal names
// the field, and it is shown under that field.
import {el, field, fieldError, placeProblems} from './dom.js';

const DAY = 86_400_000;

function isoDay(time) {
  return new Date(time).toISOString().slice(0, 10);
}

/** The last seven days, today included. */
export function lastWeek() {
  const today = Date.parse(`${isoDay(Date.now())}T00:00:00Z`);
  return {from: isoDay(today - 6 * DAY), to: isoDay(today)};
}

/** The start of a day typed as 2026-12-01, or NaN. */
function startOf(day) {
  return /^\d{4}-\d{2}-\d{2}$/.test(day) ? Date.parse(`${day}T00:00:00Z`) : NaN;
}

/** The API's query for a range of days: from the first day's start to the end of the last. */
export function periodQuery(range) {
  const query = new URLSearchParams();
  if (range.from) {
    query.set('from', Number.isNaN(startOf(range.from)) ? range.from : new Date(startOf(range.from)).toISOString());
  }
  if (range.to) {
    query.set('to', Number.isNaN(startOf(range.to)) ? range.to : new Date(startOf(range.to) + DAY).toISOString());
  }
  return query;
}

/** Every day from the first to the last (for a chart without gaps), or null when there are too many to draw. */
export function daysOf(range, most = 92) {
  const first = startOf(range.from);
  const last = startOf(range.to);
  if (!(last >= first) || (last - first) / DAY >= most) {
    return null;
  }
  const days = [];
  for (let day = first; day <= last; day += DAY) {
    days.push(isoDay(day));
  }
  return days;
}

/**
 * The range's form: range is {from, to} (changed when applied); apply() reads the report again.
 * Returns {element, problems(problem)}: problems shows a refusal's errors at from and to and
 * returns the problem with the others.
 */
export function periodForm(id, range, apply) {
  const day = value => el('input', {type: 'text', autocomplete: 'off', value, placeholder: '2026-12-01'});
  const controls = {from: day(range.from), to: day(range.to)};
  const form = el('form', {className: 'pf-v5-c-form console-form', id, novalidate: true},
      el('div', {className: 'console-form-grid'}, field(`${id}-from`, 'From (UTC day)', controls.from),
          field(`${id}-to`, 'To (UTC day, included)', controls.to)),
      el('div', {className: 'pf-v5-c-form__actions'},
          el('button', {className: 'pf-v5-c-button pf-m-primary', type: 'submit', id: `${id}-apply`}, 'Show')));
  form.addEventListener('submit', event => {
    event.preventDefault();
    Object.values(controls).forEach(c => fieldError(c, null));
    range.from = controls.from.value.trim();
    range.to = controls.to.value.trim();
    apply();
  });
  return {element: form, problems: problem => placeProblems(problem, controls)};
}
