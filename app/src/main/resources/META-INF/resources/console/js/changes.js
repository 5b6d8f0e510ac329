// Changes made from a list (acknowledging an alert, judging a user's risk): a button an administrator
// presses and a reader sees disabled, and the answer shown above the list or at the field it names.
import {ApiProblem} from './api.js';
import {alert, el, fieldError, placeProblems, problemText} from './dom.js';

const READ_ONLY = 'console-read-only-reason';

/** Says once, for every disabled button of the page, why a reader cannot use it. */
export function readOnlyReason(who) {
  return who.isAdmin ? null : el('p', {id: READ_ONLY, className: 'pf-v5-c-helper-text'},
      'You can read this page; the actions need the portcullis-admin role.');
}

/** A button that changes something: enabled for an administrator only; run() on click. */
export function changeButton(who, id, text, name, run, variant = 'secondary') {
  const button = el('button', {className: `pf-v5-c-button pf-m-${variant}`, type: 'button', id, 'aria-label': name,
    disabled: !who.isAdmin, 'aria-describedby': who.isAdmin ? null : READ_ONLY}, text);
  button.addEventListener('click', () => run(button));
  return button;
}

/**
 * Sends a change: on success reload(notice) shows the list again with the success; a refusal is shown
 * in messages, and each problem naming a field at the control fields[path] holds.
 */
export async function sendChange(button, messages, send, success, reload, fields = {}) {
  button.disabled = true;
  messages.replaceChildren();
  Object.values(fields).forEach(control => fieldError(control, null));
  try {
    await send();
    await reload(alert('success', success));
  } catch (error) {
    button.disabled = false;
    if (!(error instanceof ApiProblem)) {
      throw error;
    }
    messages.replaceChildren(alert('danger', `The control plane refused it (${error.status})`,
        ...problemText(placeProblems(error.problem, fields))));
    messages.scrollIntoView({block: 'nearest'});
  }
}
