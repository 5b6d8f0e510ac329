// What-If with the draft: the stored policies with the form's version of this one in place of its
// stored version (or added, for a new policy); nothing is saved. The API's draftPolicy does this.
import {ApiProblem, CA, call} from './api.js';
import {alert, el, problemText} from './dom.js';
import {markProblems, selectInput, textInput} from './controls.js';
import {picker} from './picker.js';
import {CLIENT_APPS, USER, decision, table} from './whatif.js';

const DRAFT = 'draftPolicy';

export function draftWhatIf(editor) {
  const c = {
    user: textInput('editor-what-if-user', USER, '', ['signInIdentity'], 'Ivan, ivan.it or a user id'),
    application: textInput('editor-what-if-application', 'Application (client id)', '', ['signInContext'], 'portal'),
    clientApp: selectInput('editor-what-if-client-app', 'Client app', CLIENT_APPS, 'browser',
        ['signInConditions.clientAppType']),
    ip: textInput('editor-what-if-ip', 'IP address', '', ['signInConditions.ipAddress'], '203.0.113.50'),
  };
  picker(c.user.group.querySelector('input'), 'users', USER, false);
  const results = el('div', {id: 'editor-what-if-results', className: 'console-stack', 'aria-live': 'polite'});
  const form = el('form', {className: 'pf-v5-c-form console-form', id: 'editor-what-if-form', novalidate: true},
      el('div', {className: 'console-form-grid'}, ...Object.values(c).map(b => b.group)),
      el('div', {className: 'pf-v5-c-form__actions'}, el('button', {className: 'pf-v5-c-button pf-m-secondary',
        type: 'submit', id: 'editor-what-if'}, 'What-If with this draft')));
  form.addEventListener('submit', event => {
    event.preventDefault();
    evaluate(editor, c, results);
  });
  return el('section', {className: 'console-draft-what-if', 'aria-labelledby': 'editor-what-if-title'},
      el('h2', {className: 'pf-v5-c-title pf-m-lg', id: 'editor-what-if-title'}, 'What-If with this draft'),
      el('p', {}, 'How the policies would treat a sign-in with this draft in place of the stored policy. Nothing is saved.'),
      form, results);
}

async function evaluate(editor, c, results) {
  results.replaceChildren();
  editor.form.showProblems([]);
  const draft = editor.mine();
  const conditions = {clientAppType: c.clientApp.get()};
  if (c.ip.get()) {
    conditions.ipAddress = c.ip.get();
  }
  const question = {signInIdentity: {userId: c.user.get()}, signInContext: {includeApplications: [c.application.get()]},
    signInConditions: conditions, appliedPoliciesOnly: false, draftPolicy: draft};
  try {
    const {body} = await call('POST', `${CA}/evaluate`, {body: question});
    markProblems(Object.values(c), []);
    const mine = body.value.find(p => p.id === (draft.id || 'draft'));
    results.replaceChildren(decision(body.decision),
        mine ? el('p', {id: 'editor-what-if-draft', 'data-applies': String(mine.policyApplies)},
            `This draft ${mine.policyApplies ? 'applies' : 'does not apply'}: ${mine.result}. ${mine.analysisReasons || ''}`)
          : null, table(body.value));
    results.scrollIntoView({block: 'start'});
  } catch (error) {
    if (!(error instanceof ApiProblem)) {
      throw error;
    }
    const errors = error.problem.errors || [];
    // The draft's problems are named under draftPolicy: shown at the editor's fields, the rest at What-If's.
    const draftErrors = errors.filter(e => e.path === DRAFT || (e.path || '').startsWith(`${DRAFT}.`))
        .map(e => ({...e, path: e.path.slice(DRAFT.length + 1)}));
    const unplaced = [...editor.form.showProblems(draftErrors),
      ...markProblems(Object.values(c), errors.filter(e => !(e.path || '').startsWith(DRAFT)))];
    results.replaceChildren(alert('danger', draftErrors.length ? 'The draft is not a valid policy: see the fields marked'
      : 'What-If could not answer', ...problemText({...error.problem, errors: unplaced})));
  }
}
