// The editor's labelled controls. Each is bound to the policy paths a problem may name it by:
// {group (the element), get(), paths, mark(message)}.
import {el, field, fieldError} from './dom.js';
import {picker} from './picker.js';

/** A text input; hint is its placeholder. */
export function textInput(id, label, value, paths, hint) {
  const input = el('input', {type: 'text', autocomplete: 'off', placeholder: hint, value: value ?? ''});
  return {group: field(id, label, input), get: () => input.value.trim(), paths, mark: m => fieldError(input, m)};
}

/** A number input. */
export function numberInput(id, label, value, paths) {
  const input = el('input', {type: 'number', min: '1', step: '1', value: value ?? ''});
  return {group: field(id, label, input), get: () => (input.value ? Number(input.value) : null), paths,
    mark: m => fieldError(input, m)};
}

/** A comma-separated list in a text input: ids or names, as the policy language takes them. */
function listInput(id, label, values, paths, hint) {
  const input = el('input', {type: 'text', autocomplete: 'off', placeholder: hint, value: (values || []).join(', ')});
  return {group: field(id, label, input), paths, mark: m => fieldError(input, m),
    get: () => input.value.split(',').map(v => v.trim()).filter(Boolean)};
}

/**
 * A comma-separated list whose entries are searched in a directory collection as they are typed (see picker.js),
 * and named under it by the form's name book (see names.js).
 */
export function pickerInput(id, label, values, paths, hint, collection, names) {
  const bound = listInput(id, label, values, paths, hint);
  const input = bound.group.querySelector('input');
  picker(input, collection, label, true);
  names.join(input, collection, label);
  return bound;
}

/** A multi-line text input. */
export function textArea(id, label, value, paths, hint) {
  const area = el('textarea', {rows: '2', placeholder: hint}, value ?? '');
  return {group: field(id, label, area), get: () => area.value.trim(), paths, mark: m => fieldError(area, m)};
}

/** A select of options ({value: text}); onChange is called with the new value. */
export function selectInput(id, label, options, value, paths, onChange) {
  const select = el('select', {}, ...Object.entries(options).map(([v, text]) =>
    el('option', {value: v, selected: v === value}, text)));
  if (onChange) {
    select.addEventListener('change', () => onChange(select.value));
  }
  return {group: field(id, label, select), get: () => select.value, paths, mark: m => fieldError(select, m)};
}

/** Checkboxes ({value: text}) under a legend; get() is the checked values. */
export function checkboxes(id, legend, options, checked, paths) {
  const chosen = new Set(checked || []);
  const boxes = Object.entries(options).map(([value, text], i) => {
    const box = el('input', {className: 'pf-v5-c-check__input', type: 'checkbox', id: `${id}-${i}`, value,
      checked: chosen.has(value), 'aria-describedby': `${id}-helper`});
    return [box, el('div', {className: 'pf-v5-c-check'}, box,
        el('label', {className: 'pf-v5-c-check__label', for: `${id}-${i}`}, text))];
  });
  const helper = el('div', {className: 'pf-v5-c-helper-text', id: `${id}-helper`, 'aria-live': 'polite'});
  const group = el('div', {className: 'pf-v5-c-form__group', role: 'group', 'aria-labelledby': `${id}-legend`, id},
      el('div', {className: 'pf-v5-c-form__group-label'}, el('span', {className: 'pf-v5-c-form__label', id: `${id}-legend`},
          el('span', {className: 'pf-v5-c-form__label-text'}, legend))),
      el('div', {className: 'pf-v5-c-form__group-control pf-m-inline'}, ...boxes.map(([, wrapper]) => wrapper)), helper);
  const mark = message => {
    boxes.forEach(([box]) => (message ? box.setAttribute('aria-invalid', 'true') : box.removeAttribute('aria-invalid')));
    helper.replaceChildren(message ? el('div', {className: 'pf-v5-c-helper-text__item pf-m-error'},
        el('span', {className: 'pf-v5-c-helper-text__item-text'}, message)) : '');
  };
  return {group, paths, mark, get: () => boxes.filter(([box]) => box.checked).map(([box]) => box.value)};
}

/** A titled section of the form (PatternFly's form section), holding bound controls and other elements. */
export function section(id, title, ...parts) {
  return el('section', {className: 'pf-v5-c-form__section', 'aria-labelledby': `${id}-title`, id},
      el('h2', {className: 'pf-v5-c-form__section-title', id: `${id}-title`}, title),
      ...parts.map(p => (p && p.group ? p.group : p)));
}

/** Shows each problem at the control it names (the longest path that is a prefix of its own); returns the others. */
export function markProblems(bound, problems) {
  const messages = new Map();
  const unplaced = [];
  for (const problem of problems) {
    const path = problem.path || '';
    let best = null;
    let bestLength = -1;
    for (const b of bound) {
      for (const p of b.paths) {
        const hit = path === p || path.startsWith(`${p}.`) || path.startsWith(`${p}[`);
        if (hit && p.length > bestLength && !b.group.closest('[hidden]')) {
          best = b;
          bestLength = p.length;
        }
      }
    }
    if (best) {
      messages.set(best, [...(messages.get(best) || []), problem.message]);
    } else {
      unplaced.push(problem);
    }
  }
  bound.forEach(b => b.mark(messages.has(b) ? messages.get(b).join('; ') : null));
  return unplaced;
}
