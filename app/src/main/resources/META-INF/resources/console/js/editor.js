// The policy editor: a new policy is created with POST, an existing one changed with a JSON merge
// patch under If-Match. The control plane validates; its problems are shown at the fields they name.
import {ApiProblem, CA, call} from './api.js';
import {alert, el, problemText, show} from './dom.js';
import {conflictView} from './editor-conflict.js';
import {draftWhatIf} from './editor-whatif.js';
import {applyMergePatch, mergePatch} from './merge.js';
import {policyForm} from './policy-form.js';

const POLICIES = `${CA}/policies`;

/** Renders the editor for the policy with this id, or for a new policy (id null). */
export async function editorPage(view, who, id, notice) {
  const [read, locations, strengths] = await Promise.all([
    id ? call('GET', `${POLICIES}/${encodeURIComponent(id)}`) : Promise.resolve({body: {}, etag: null}),
    call('GET', `${CA}/namedLocations`), call('GET', `${CA}/authenticationStrength/policies`)]);
  render(view, who, {doc: read.body, etag: read.etag}, locations.body.value, strengths.body.value, notice);
}

/**
 * A policy as the API gave it, without its annotations (@odata.context, @portcullis.warnings) and the
 * time the control plane sets (modifiedDateTime): not the editor's to change.
 */
function documentOf(body) {
  return Object.fromEntries(Object.entries(body).filter(([key]) => !key.startsWith('@') && key !== 'modifiedDateTime'));
}

function render(view, who, read, locations, strengths, notice) {
  const stored = {doc: documentOf(read.doc), etag: read.etag};
  const form = policyForm(stored.doc, locations, strengths);
  // What the form makes of the stored document unchanged: a save sends only what was changed since.
  const baseline = form.read();
  const messages = el('div', {id: 'editor-messages', className: 'console-stack'}, notice || null);
  const again = (next, doc = stored.doc, etag = stored.etag) => render(view, who, {doc, etag}, locations, strengths, next);
  const editor = {who, stored, form, baseline, messages, again,
    current: body => documentOf(body),
    mine: () => (stored.doc.id ? applyMergePatch(stored.doc, mergePatch(baseline, form.read())) : form.read())};
  editor.patch = (patch, etag) => patchTo(editor, patch, etag);
  editor.refused = error => refused(editor, error);
  const element = el('form', {className: 'pf-v5-c-form console-form console-editor-form', id: 'policy-editor', novalidate: true},
      form.element, who.isAdmin ? actions() : back());
  element.addEventListener('submit', event => {
    event.preventDefault();
    save(editor);
  });
  if (!who.isAdmin) {
    element.querySelectorAll('input, select, textarea, button').forEach(control => (control.disabled = true));
    element.querySelectorAll('.pf-v5-c-form-control').forEach(frame => frame.classList.add('pf-m-disabled'));
  }
  show(view, stored.doc.id ? stored.doc.displayName : 'New Conditional Access policy',
      el('p', {}, who.isAdmin
        ? 'Choose who and what the policy applies to, under which conditions, and what it asks for. Report-only logs'
          + ' what the policy would do and enforces nothing.'
        : 'You can read this policy; changing it needs the portcullis-admin role.'),
      messages, element, who.isAdmin ? draftWhatIf(editor) : null);
  form.names.read(); // not awaited: the editor works while the names come, and without them
}

function actions() {
  return el('div', {className: 'pf-v5-c-form__group pf-m-action'}, el('div', {className: 'pf-v5-c-form__actions'},
      el('button', {className: 'pf-v5-c-button pf-m-primary', type: 'submit', id: 'editor-save'}, 'Save'),
      el('a', {className: 'pf-v5-c-button pf-m-link', href: '#/policies', id: 'editor-cancel'}, 'Cancel')));
}

function back() {
  return el('p', {}, el('a', {href: '#/policies', id: 'editor-back'}, 'Back to the policies'));
}

/** Saves the form: POST for a new policy, else a merge patch of what changed under the version read. */
async function save(editor) {
  const {stored, form, messages} = editor;
  messages.replaceChildren();
  form.showProblems([]);
  const button = document.getElementById('editor-save');
  button.disabled = true;
  try {
    if (!stored.doc.id) {
      const {body, etag} = await call('POST', POLICIES, {body: form.read()});
      window.history.replaceState(null, '', `#/policies/${encodeURIComponent(body.id)}`); // no hashchange: no re-render
      editor.again(saved(body, 'created'), body, etag);
      return;
    }
    const patch = mergePatch(editor.baseline, form.read());
    if (!Object.keys(patch).length) {
      say(messages, alert('info', 'Nothing to save: the form shows the policy as it is stored.'));
      return;
    }
    await editor.patch(patch, stored.etag);
  } catch (error) {
    await editor.refused(error);
  } finally {
    button.disabled = false;
  }
}

/** Sends a merge patch under If-Match; on success the editor shows the stored result. */
async function patchTo(editor, patch, etag) {
  const {body, etag: next} = await call('PATCH', `${POLICIES}/${encodeURIComponent(editor.stored.doc.id)}`,
      {body: patch, ifMatch: etag, contentType: 'application/merge-patch+json'});
  editor.again(saved(body, 'saved'), body, next);
}

/** A refused save: problems at their fields, the lockout guard's reasons, or the two versions after a 412. */
async function refused(editor, error) {
  if (!(error instanceof ApiProblem)) {
    throw error;
  }
  const {form, messages} = editor;
  if (error.status === 412) {
    const current = await call('GET', `${POLICIES}/${encodeURIComponent(editor.stored.doc.id)}`);
    say(messages, conflictView(editor, current));
    return;
  }
  const unplaced = error.status === 400 ? form.showProblems(error.problem.errors || []) : error.problem.errors || [];
  const title = error.status === 409 ? 'The lockout guard refused this change'
    : error.status === 400 ? 'The policy was not saved: fix the fields marked below'
      : error.status === 403 ? 'You may not make this change' : `The control plane refused the change (${error.status})`;
  say(messages, alert('danger', title, ...problemText({...error.problem, errors: unplaced})));
  const first = document.querySelector('#policy-editor [aria-invalid="true"]');
  if (first && error.status === 400) {
    first.focus();
  }
}

function saved(body, verb) {
  return alert('success', `"${body.displayName}" was ${verb}.`,
      el('p', {}, el('a', {href: '#/policies', id: 'editor-to-list'}, 'Back to the policies')));
}

/** Shows the message above the form, scrolled into view. */
export function say(messages, message) {
  messages.replaceChildren(message);
  messages.scrollIntoView({block: 'nearest'});
}
