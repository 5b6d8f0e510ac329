// Building the page from data: elements are made with text nodes only, never from HTML strings,
// so nothing the API returns (a policy's name, a problem's detail) can become markup.

/** An element with attributes (on* keys become listeners) and children (strings become text). */
export function el(tag, attributes = {}, ...children) {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value === undefined || value === null || value === false) {
      continue;
    }
    if (name.startsWith('on')) {
      element.addEventListener(name.slice(2).toLowerCase(), value);
    } else if (name === 'className') {
      element.className = value;
    } else {
      element.setAttribute(name, value === true ? '' : value);
    }
  }
  for (const child of children.flat()) {
    if (child !== undefined && child !== null && child !== false) {
      element.append(child instanceof Node ? child : String(child));
    }
  }
  return element;
}

/** A PatternFly inline alert: variant is success, danger, warning or info. */
export function alert(variant, title, ...body) {
  return el('div', {className: `pf-v5-c-alert pf-m-inline pf-m-${variant}`, role: variant === 'danger' ? 'alert' : 'status'},
      el('p', {className: 'pf-v5-c-alert__title'}, el('span', {className: 'pf-v5-screen-reader'}, `${variant} alert: `), title),
      body.length ? el('div', {className: 'pf-v5-c-alert__description'}, ...body) : null);
}

/** The page's heading section and body, replacing what the view showed. */
export function show(view, title, ...content) {
  view.replaceChildren(
      el('h1', {className: 'pf-v5-c-title pf-m-2xl', id: 'console-title', tabindex: '-1'}, title),
      el('div', {className: 'console-stack pf-v5-u-mt-md'}, ...content));
}

/** A problem's detail and every error it lists, for an alert's body. */
export function problemText(problem) {
  const detail = problem.detail || problem.title || `The control plane answered ${problem.status}`;
  const errors = (problem.errors || []).filter(e => e.path || !detail.includes(e.message)) // the detail may say it already
      .map(e => el('li', {}, e.path ? `${e.path}: ${e.message}` : e.message));
  return [el('p', {}, detail),
    errors.length ? el('ul', {className: 'pf-v5-c-list'}, ...errors) : null];
}

/** A form group: label, control and a helper text that holds the control's error. */
export function field(id, label, control) {
  control.id = id;
  control.setAttribute('aria-describedby', `${id}-helper`);
  return el('div', {className: 'pf-v5-c-form__group'},
      el('div', {className: 'pf-v5-c-form__group-label'},
          el('label', {className: 'pf-v5-c-form__label', for: id}, el('span', {className: 'pf-v5-c-form__label-text'}, label))),
      el('div', {className: 'pf-v5-c-form__group-control'},
          control.tagName === 'SELECT' ? selectControl(control) : el('span', {className: 'pf-v5-c-form-control'}, control),
          el('div', {className: 'pf-v5-c-helper-text', id: `${id}-helper`, 'aria-live': 'polite'})));
}

/** Shows an error message under a control made by field(), or clears it. */
export function fieldError(control, message) {
  const helper = document.getElementById(`${control.id}-helper`);
  control.parentElement.classList.toggle('pf-m-error', Boolean(message));
  if (message) {
    control.setAttribute('aria-invalid', 'true');
  } else {
    control.removeAttribute('aria-invalid');
  }
  helper.replaceChildren(message ? el('div', {className: 'pf-v5-c-helper-text__item pf-m-error'},
      el('span', {className: 'pf-v5-c-helper-text__item-text'}, message)) : '');
}

/** PatternFly's frame around a select, with its caret. */
export function selectControl(select) {
  return el('span', {className: 'pf-v5-c-form-control'}, select,
      el('span', {className: 'pf-v5-c-form-control__utilities'},
          el('span', {className: 'pf-v5-c-form-control__toggle-icon', 'aria-hidden': 'true'}, '▾')));
}

/** Shows each error of a problem under the control fields[its path] names; returns the problem with the others. */
export function placeProblems(problem, fields) {
  const rest = [];
  for (const error of problem.errors || []) {
    if (fields[error.path]) {
      fieldError(fields[error.path], error.message);
    } else {
      rest.push(error);
    }
  }
  return {...problem, errors: rest};
}
