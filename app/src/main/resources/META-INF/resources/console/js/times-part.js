// The policy form's time window: Portcullis' conditions.times (Graph has none), one window of weekdays
// and times of day in an IANA time zone, to apply only during it or except during it.
import {checkboxes, selectInput, textInput} from './controls.js';
import {el} from './dom.js';

const MODES = {'': 'Not configured', include: 'Only during this window', exclude: 'Except during this window'};
const DAYS = {monday: 'Monday', tuesday: 'Tuesday', wednesday: 'Wednesday', thursday: 'Thursday', friday: 'Friday',
  saturday: 'Saturday', sunday: 'Sunday'};
const WINDOWS = ['conditions.times.includeWindows[0]', 'conditions.times.excludeWindows[0]'];

function at(field) {
  return WINDOWS.map(w => `${w}.${field}`);
}

/**
 * The controls for a policy's times ({controls, read, elements}); a policy with more than one
 * window keeps them as written, said in a note instead of controls.
 */
export function timesPart(times) {
  const include = (times && times.includeWindows) || [];
  const exclude = (times && times.excludeWindows) || [];
  if (include.length + exclude.length > 1) {
    return {controls: [], read: () => times, elements: [el('p', {className: 'pf-v5-c-helper-text'},
        'This policy has several time windows (conditions.times): they are kept as written.')]};
  }
  const window = include[0] || exclude[0] || {};
  const c = {
    days: checkboxes('editor-time-days', 'Days', DAYS, window.daysOfWeek, at('daysOfWeek')),
    start: textInput('editor-time-start', 'From (time of day)', window.startTime, at('startTime'), '07:00'),
    end: textInput('editor-time-end', 'Until (time of day)', window.endTime, at('endTime'), '19:00'),
    zone: textInput('editor-time-zone', 'Time zone (IANA)', window.timeZone || Intl.DateTimeFormat().resolvedOptions().timeZone,
        at('timeZone'), 'Europe/Berlin'),
  };
  const mode = include.length ? 'include' : exclude.length ? 'exclude' : '';
  const details = el('div', {className: 'console-stack', hidden: mode === ''}, ...Object.values(c).map(b => b.group));
  c.mode = selectInput('editor-time', 'Time window', MODES, mode, ['conditions.times'], v => (details.hidden = v === ''));
  const read = () => {
    const chosen = c.mode.get();
    if (chosen === '') {
      return null;
    }
    const windows = [{daysOfWeek: c.days.get(), startTime: c.start.get(), endTime: c.end.get(), timeZone: c.zone.get()}];
    return {includeWindows: chosen === 'include' ? windows : [], excludeWindows: chosen === 'exclude' ? windows : []};
  };
  return {controls: Object.values(c), read, elements: [c.mode.group, details]};
}
