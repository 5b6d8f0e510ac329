// The seed rollout as a guided sequence (#/rollout): report-only first, then block legacy
// authentication, MFA for a pilot group with the break-glass accounts excluded, the next waves,
// high-risk applications and administrators, and registration. Each step's policy is created from
// its template report-only and shows its impact over the last seven days before it is switched on
// (a merge patch under If-Match; the lockout guard's refusal shown as it explains itself). A reader
// sees every step and every figure, with the actions disabled.
import {ApiProblem, CA, call} from './api.js';
import {alert, el, field, placeProblems, problemText, show} from './dom.js';
import {changeButton, readOnlyReason} from './changes.js';
import {impactFigures, readImpact} from './impact.js';
import {lastWeek} from './period.js';
import {changedElsewhere, refusal, stateLabel} from './policies.js';

const STEPS = [
  {title: 'Start in report-only', templates: [], text: 'Every policy of the rollout is created report-only: the nodes'
      + ' evaluate it and log what it would have done, and nobody is blocked or prompted. Switch a step on only after'
      + ' reading its impact.'},
  {title: 'Block legacy authentication', templates: ['block-legacy-authentication'], text: 'Legacy clients cannot do'
      + ' MFA, so every later step would leave them a way around it.'},
  {title: 'MFA for a pilot group, break-glass accounts excluded', templates: ['require-mfa-for-all-users'],
    text: 'MFA for the pilot groups only; the emergency accounts stay out of every policy.'},
  {title: 'Waves', templates: [], waves: 'require-mfa-for-all-users', text: 'Add the next wave\'s groups to the pilot'
      + ' policy in its editor (Users, include groups), read its impact again, and go on until it includes all users.'},
  {title: 'High-risk applications and administrators', text: 'MFA for HR, finance and the other high-risk'
      + ' applications, for administrator roles everywhere, and MFA then a compliant device too in the admin portals.',
  templates: ['require-mfa-for-high-risk-applications', 'require-mfa-for-admins', 'require-mfa-for-admin-portals',
    'require-compliant-device-and-mfa-for-admin-portals']},
  {title: 'Registration', templates: ['require-mfa-to-register-security-info'], text: 'A stolen password alone must not'
      + ' enrol the attacker\'s authenticator: registering a method needs MFA outside trusted locations.'},
];
/** The templates' parameters: the field, its label, and the policy path where a problem names it. */
const PARAMETERS = [['breakGlassUserIds', 'Break-glass user ids', 'conditions.users.excludeUsers'],
  ['pilotGroupIds', 'Pilot groups', 'conditions.users.includeGroups'],
  ['adminRoleIds', 'Administrator roles', 'conditions.users.includeRoles'],
  ['highRiskApplicationIds', 'High-risk applications (client ids)', 'conditions.applications.includeApplications']];

export async function rolloutPage(view, who, notice) {
  const [templates, policies] = await Promise.all([call('GET', `${CA}/templates`), call('GET', `${CA}/policies`)]);
  const names = new Map(templates.body.value.map(t => [t.id, t]));
  const range = lastWeek();
  const mine = id => policies.body.value.filter(p => p.displayName === names.get(id)?.name);
  const shown = STEPS.flatMap(step => step.templates.flatMap(mine));
  const impacts = new Map(await Promise.all(shown.map(async p => [p.id, await readImpact(p.id, range)])));
  const messages = el('div', {id: 'rollout-messages', className: 'console-stack'}, notice || null);
  const page = {who, names, mine, impacts, range, messages, reload: next => rolloutPage(view, who, next),
    parameters: parameters(who, policies.body.value, names)};
  const current = STEPS.findIndex(step => !done(step, page));
  show(view, 'Guided rollout',
      el('p', {}, 'The seed rollout, step by step. Each step\'s policy is created from its template report-only; read'
          + ` what it would have done (${range.from} to ${range.to}) before switching it on.`),
      readOnlyReason(who), messages, page.parameters.element,
      el('ol', {className: 'pf-v5-c-progress-stepper pf-m-vertical', id: 'rollout-steps'},
          ...STEPS.map((step, i) => stepItem(step, i, i < current || current < 0 ? 'done' : i === current ? 'current' : 'later',
              page))));
}

/** A step is done when each of its templates has a policy and every such policy is on. */
function done(step, page) {
  const policies = step.templates.flatMap(page.mine);
  return step.templates.every(id => page.mine(id).length) && policies.every(p => p.state === 'enabled');
}

function stepItem(step, index, progress, page) {
  const modifier = {done: 'pf-m-success', current: 'pf-m-current pf-m-info', later: 'pf-m-pending'}[progress];
  const status = {done: 'done', current: 'next', later: 'later'}[progress];
  return el('li', {className: `pf-v5-c-progress-stepper__step ${modifier}`, id: `rollout-step-${index + 1}`,
    'data-progress': progress, 'aria-current': progress === 'current' ? 'step' : null},
  el('div', {className: 'pf-v5-c-progress-stepper__step-connector'},
      el('span', {className: 'pf-v5-c-progress-stepper__step-icon', 'aria-hidden': 'true'})),
  el('div', {className: 'pf-v5-c-progress-stepper__step-main console-stack'},
      el('h2', {className: 'pf-v5-c-progress-stepper__step-title pf-v5-c-title pf-m-lg'},
          `${index + 1}. ${step.title}`, el('span', {className: 'pf-v5-screen-reader'}, ` (${status})`)),
      el('p', {className: 'pf-v5-c-progress-stepper__step-description'}, step.text),
      ...step.templates.map(id => templatePart(id, page)),
      step.waves ? wavesPart(step.waves, page) : null));
}

function templatePart(templateId, page) {
  const template = page.names.get(templateId);
  const policies = page.mine(templateId);
  return el('section', {className: 'pf-v5-c-card pf-m-compact console-rollout-template', 'data-template-id': templateId,
    'aria-label': template.name},
  el('div', {className: 'pf-v5-c-card__title'}, el('h3', {className: 'pf-v5-c-title pf-m-md'}, template.name)),
  el('div', {className: 'pf-v5-c-card__body console-stack'}, el('p', {}, template.description),
      ...(policies.length ? policies.map(policy => policyPart(policy, page))
        : [el('p', {}, 'Not created yet.'), changeButton(page.who, `rollout-create-${templateId}`, 'Create report-only',
            `Create ${template.name} report-only`, button => create(template, button, page), 'primary')])));
}

function policyPart(policy, page) {
  const impact = page.impacts.get(policy.id);
  return el('div', {className: 'console-stack', 'data-policy-id': policy.id},
      el('p', {className: 'console-inline-action'}, stateLabel(policy.state),
          el('a', {href: `#/policies/${encodeURIComponent(policy.id)}/impact`}, 'Full impact and sample sign-ins'),
          el('a', {href: `#/policies/${encodeURIComponent(policy.id)}`}, page.who.isAdmin ? 'Edit' : 'View')),
      ...impactFigures(`rollout-${policy.id}`, impact, page.range),
      policy.state === 'enabled' ? null : changeButton(page.who, `rollout-on-${policy.id}`, 'Switch on',
          `Switch ${policy.displayName} on`, button => switchOn(policy, button, page), 'primary'));
}

function wavesPart(templateId, page) {
  const pilot = page.mine(templateId)[0];
  if (!pilot) {
    return el('p', {}, 'Create the pilot policy first.');
  }
  const groups = pilot.conditions?.users?.includeGroups || [];
  // The link stands apart from the sentence: in a line of text, colour alone would tell it.
  return el('div', {id: 'rollout-waves', className: 'console-stack'},
      el('p', {}, `"${pilot.displayName}" includes ${groups.length ? groups.join(', ') : 'no group'}`
          + `${(pilot.conditions?.users?.includeUsers || []).includes('All') ? ' and all users' : ''}.`),
      el('p', {}, el('a', {href: `#/policies/${encodeURIComponent(pilot.id)}`},
          page.who.isAdmin ? 'Add the next wave in the editor' : 'View the pilot policy')));
}

/** The directory's objects the templates need, filled in from the rollout's policies that exist. */
function parameters(who, policies, names) {
  const of = (templateId, pick) => pick(policies.find(p => p.displayName === names.get(templateId)?.name)?.conditions || {});
  const known = {breakGlassUserIds: policies.map(p => p.conditions?.users?.excludeUsers || []).find(list => list.length) || [],
    pilotGroupIds: of('require-mfa-for-all-users', c => c.users?.includeGroups) || [],
    adminRoleIds: of('require-mfa-for-admins', c => c.users?.includeRoles) || [],
    highRiskApplicationIds: of('require-mfa-for-high-risk-applications', c => c.applications?.includeApplications) || []};
  const controls = Object.fromEntries(PARAMETERS.map(([key]) => [key, el('input', {type: 'text', autocomplete: 'off',
    value: known[key].join(', '), disabled: !who.isAdmin, placeholder: 'comma-separated'})]));
  const element = el('section', {className: 'pf-v5-c-form console-form', id: 'rollout-parameters',
    'aria-labelledby': 'rollout-parameters-title'},
  el('h2', {className: 'pf-v5-c-title pf-m-lg', id: 'rollout-parameters-title'}, 'Your directory'),
  el('p', {}, 'What the templates refer to; filled in from the rollout\'s policies that exist.'),
  el('div', {className: 'console-form-grid'}, ...PARAMETERS.map(([key, text]) => field(`rollout-${key}`, text, controls[key]))));
  const read = () => Object.fromEntries(PARAMETERS.map(([key]) => [key,
    controls[key].value.split(',').map(v => v.trim()).filter(Boolean)]));
  const at = Object.fromEntries(PARAMETERS.map(([key, , path]) => [path, controls[key]]));
  return {element, read, problems: problem => placeProblems(problem, at)};
}

async function create(template, button, page) {
  await change(button, page, () => call('POST', `${CA}/templates/${encodeURIComponent(template.id)}/instantiate`,
      {body: page.parameters.read()}), `"${template.name}" was created report-only. Read its impact before switching it on.`,
  error => alert('danger', `"${template.name}" was not created`,
      ...problemText(error.status === 400 ? page.parameters.problems(error.problem) : error.problem)));
}

/** Switches the policy on, under the version read just before: the list must still show it as it is. */
async function switchOn(policy, button, page) {
  await change(button, page, async () => {
    const current = await call('GET', `${CA}/policies/${encodeURIComponent(policy.id)}`);
    if (current.body.state !== policy.state) {
      throw new ApiProblem(412, {detail: 'changed since this page was loaded'});
    }
    await call('PATCH', `${CA}/policies/${encodeURIComponent(policy.id)}`,
        {body: {state: 'enabled'}, ifMatch: current.etag, contentType: 'application/merge-patch+json'});
  }, `"${policy.displayName}" is now On.`, error => (error.status === 412
    ? changedElsewhere(policy, 'it was changed after this page was loaded')
    : alert('danger', refusal(error.status, policy), ...problemText(error.problem))));
}

/** Sends a change; the page is read again with the success, or, for a refusal, what refused() makes of it. */
async function change(button, page, send, success, refused) {
  button.disabled = true;
  page.messages.replaceChildren();
  try {
    await send();
  } catch (error) {
    button.disabled = false;
    if (!(error instanceof ApiProblem)) {
      throw error;
    }
    if (error.status === 412) {
      await page.reload(refused(error));
      return;
    }
    page.messages.replaceChildren(refused(error));
    page.messages.scrollIntoView({block: 'nearest'});
    return;
  }
  await page.reload(alert('success', success));
}
