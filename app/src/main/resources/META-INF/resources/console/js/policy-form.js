// The policy editor's form, laid out like Entra's Conditional Access blade: a Graph policy document
// in, the same document with the form's values out. Parts the form does not show are kept as written.
import {checkboxes, markProblems, numberInput, pickerInput, section, selectInput, textArea, textInput} from './controls.js';
import {el} from './dom.js';
import {nameBook} from './names.js';
import {STATES} from './policies.js';
import {timesPart} from './times-part.js';

const INCLUDE = {None: 'None', All: 'All users', selected: 'Select users, groups, roles or guests'};
const TARGETS = {applications: 'Resources (applications)', userActions: 'User actions'};
const APPS = {None: 'None', All: 'All resources', selected: 'Select resources'};
const USER_ACTIONS = {'urn:user:registersecurityinfo': 'Register security information',
  'urn:user:registerdevice': 'Register or join devices'};
const NETWORK = {'': 'Not configured', All: 'Any network or location', AllTrusted: 'All trusted networks and locations',
  selected: 'Selected networks and locations'};
const RISKS = {high: 'High', medium: 'Medium', low: 'Low', none: 'No risk'};
const PLATFORMS = {android: 'Android', iOS: 'iOS', windows: 'Windows', windowsPhone: 'Windows Phone', macOS: 'macOS',
  linux: 'Linux'};
const CLIENT_APPS = {all: 'All client apps', browser: 'Browser', mobileAppsAndDesktopClients: 'Mobile apps and desktop clients',
  exchangeActiveSync: 'Exchange ActiveSync clients', other: 'Other clients (legacy authentication)'};
const FILTER_MODES = {include: 'Include filtered devices', exclude: 'Exclude filtered devices'};
const ACCESS = {block: 'Block access', grant: 'Grant access', '': 'Not configured (session controls only)'};
const CONTROLS = {mfa: 'Require multifactor authentication', compliantDevice: 'Require device to be marked as compliant',
  domainJoinedDevice: 'Require Microsoft Entra hybrid joined device', approvedApplication: 'Require approved client app',
  compliantApplication: 'Require app protection policy', passwordChange: 'Require password change',
  mfaRegistration: 'Require registration of an MFA method'};
const OPERATORS = {AND: 'Require all the selected controls', OR: 'Require one of the selected controls'};
const FREQUENCY = {'': 'Not configured', timeBased: 'Periodic reauthentication', everyTime: 'Every time'};
const UNITS = {hours: 'Hours', days: 'Days'};
const PERSISTENT = {'': 'Not configured', always: 'Always persistent', never: 'Never persistent'};
const SPECIAL_USERS = ['All', 'None', 'GuestsOrExternalUsers'];

/** Shows or hides a group of controls as a select decides. */
function toggled(parts, visible) {
  const box = el('div', {className: 'console-stack', hidden: !visible}, ...parts.map(p => p.group));
  return {box, show: on => (box.hidden = !on)};
}

function includeMode(list, special) {
  return (list || []).find(v => special.includes(v)) || ((list || []).length ? 'selected' : 'None');
}

function usersPart(users, names) {
  const includeUsers = users.includeUsers || [];
  const selected = includeUsers.includes('All') ? 'All'
    : includeUsers.some(u => u !== 'None') || (users.includeGroups || []).length || (users.includeRoles || []).length
      ? 'selected' : 'None';
  const c = {
    users: pickerInput('editor-include-users', 'Users (search by name, or type user ids; comma-separated)',
        includeUsers.filter(u => !SPECIAL_USERS.includes(u)), ['conditions.users.includeUsers'], 'Ivan, or a user id',
        'users', names),
    guests: checkboxes('editor-include-guests', 'Guests', {GuestsOrExternalUsers: 'Guests or external users'},
        includeUsers.filter(u => u === 'GuestsOrExternalUsers'), ['conditions.users.includeGuestsOrExternalUsers']),
    groups: pickerInput('editor-include-groups', 'Groups (search by name, or type ids or paths)', users.includeGroups,
        ['conditions.users.includeGroups'], 'Finance, or /Finance', 'groups', names),
    roles: pickerInput('editor-include-roles', 'Roles (search, or type role names)', users.includeRoles,
        ['conditions.users.includeRoles'], 'admin', 'directoryRoles', names),
  };
  const detail = toggled([c.users, c.guests, c.groups, c.roles], selected === 'selected');
  c.mode = selectInput('editor-include', 'Include', INCLUDE, selected, ['conditions.users'], v => detail.show(v === 'selected'));
  c.excludeUsers = pickerInput('editor-exclude-users', 'Exclude users (search by name, or type user ids)', users.excludeUsers,
      ['conditions.users.excludeUsers'], 'a break-glass account', 'users', names);
  c.excludeGroups = pickerInput('editor-exclude-groups', 'Exclude groups (search by name, or type ids or paths)',
      users.excludeGroups, ['conditions.users.excludeGroups'], undefined, 'groups', names);
  c.excludeRoles = pickerInput('editor-exclude-roles', 'Exclude roles (search, or type role names)', users.excludeRoles,
      ['conditions.users.excludeRoles'], undefined, 'directoryRoles', names);
  const read = () => {
    const mode = c.mode.get();
    const include = mode === 'selected' ? [...c.users.get(), ...c.guests.get()] : [mode];
    return {...users, includeUsers: include, includeGroups: mode === 'selected' ? c.groups.get() : [],
      includeRoles: mode === 'selected' ? c.roles.get() : [], excludeUsers: c.excludeUsers.get(),
      excludeGroups: c.excludeGroups.get(), excludeRoles: c.excludeRoles.get()};
  };
  return {controls: Object.values(c), read, element: section('editor-users', 'Users', c.mode, detail.box,
      c.excludeUsers, c.excludeGroups, c.excludeRoles)};
}

function targetPart(apps, names) {
  const actions = apps.includeUserActions || [];
  const c = {
    apps: pickerInput('editor-include-apps', 'Resources (search, or type client ids; comma-separated)',
        (apps.includeApplications || []).filter(a => a !== 'All' && a !== 'None'), ['conditions.applications.includeApplications'],
        'portal, MicrosoftAdminPortals', 'applications', names),
    exclude: pickerInput('editor-exclude-apps', 'Exclude resources (search, or type client ids)', apps.excludeApplications,
        ['conditions.applications.excludeApplications'], undefined, 'applications', names),
    actions: checkboxes('editor-user-actions', 'User actions', USER_ACTIONS, actions, ['conditions.applications.includeUserActions']),
  };
  const appMode = includeMode(apps.includeApplications, ['All', 'None']);
  const selectedApps = toggled([c.apps], appMode === 'selected');
  c.appMode = selectInput('editor-apps', 'Include resources', APPS, appMode, ['conditions.applications.includeApplications'],
      v => selectedApps.show(v === 'selected'));
  const appParts = toggled([c.appMode], !actions.length);
  appParts.box.append(selectedApps.box, c.exclude.group);
  const actionParts = toggled([c.actions], actions.length > 0);
  c.target = selectInput('editor-target', 'Select what this policy applies to', TARGETS,
      actions.length ? 'userActions' : 'applications', ['conditions.applications'], v => {
        appParts.show(v === 'applications');
        actionParts.show(v === 'userActions');
      });
  const read = () => {
    if (c.target.get() === 'userActions') {
      return {...apps, includeApplications: [], excludeApplications: [], includeUserActions: c.actions.get()};
    }
    const mode = c.appMode.get();
    return {...apps, includeApplications: mode === 'selected' ? c.apps.get() : [mode], excludeApplications: c.exclude.get(),
      includeUserActions: []};
  };
  return {controls: Object.values(c), read,
    element: section('editor-target-resources', 'Target resources', c.target, appParts.box, actionParts.box)};
}

function networkPart(locations, named) {
  const names = Object.fromEntries(named.map(l => [l.id, l.displayName]));
  const include = locations ? includeMode(locations.includeLocations, ['All', 'AllTrusted']) : '';
  const c = {
    include: checkboxes('editor-include-locations', 'Include these locations', names,
        locations ? locations.includeLocations : [], ['conditions.locations.includeLocations']),
    exclude: checkboxes('editor-exclude-locations', 'Exclude', {AllTrusted: 'All trusted networks and locations', ...names},
        locations ? locations.excludeLocations : [], ['conditions.locations.excludeLocations']),
  };
  const selected = toggled([c.include], include === 'selected');
  const configured = toggled([], include !== '');
  configured.box.append(selected.box, c.exclude.group);
  c.mode = selectInput('editor-network', 'Include', NETWORK, include, ['conditions.locations'], v => {
    selected.show(v === 'selected');
    configured.show(v !== '');
  });
  const read = () => {
    const mode = c.mode.get();
    return mode === '' ? null : {...locations, includeLocations: mode === 'selected' ? c.include.get() : [mode],
      excludeLocations: c.exclude.get()};
  };
  return {controls: Object.values(c), read, element: section('editor-network-section', 'Network', c.mode, configured.box)};
}

function conditionsPart(conditions) {
  const platforms = conditions.platforms || {};
  const filter = (conditions.devices && conditions.devices.deviceFilter) || {};
  const c = {
    signInRisk: checkboxes('editor-sign-in-risk', 'Sign-in risk', RISKS, conditions.signInRiskLevels,
        ['conditions.signInRiskLevels']),
    userRisk: checkboxes('editor-user-risk', 'User risk', RISKS, conditions.userRiskLevels, ['conditions.userRiskLevels']),
    platforms: checkboxes('editor-platforms', 'Device platforms: include', {all: 'Any device', ...PLATFORMS},
        platforms.includePlatforms, ['conditions.platforms']),
    excludePlatforms: checkboxes('editor-exclude-platforms', 'Device platforms: exclude', PLATFORMS,
        platforms.excludePlatforms, ['conditions.platforms.excludePlatforms']),
    clientApps: checkboxes('editor-client-apps', 'Client apps', CLIENT_APPS, conditions.clientAppTypes,
        ['conditions.clientAppTypes']),
    filterMode: selectInput('editor-device-filter-mode', 'Filter for devices', FILTER_MODES, filter.mode || 'include',
        ['conditions.devices.deviceFilter.mode']),
    filterRule: textArea('editor-device-filter-rule', 'Device filter rule', filter.rule,
        ['conditions.devices', 'conditions.devices.deviceFilter', 'conditions.devices.deviceFilter.rule'],
        'device.isCompliant -eq True -and device.operatingSystem -eq "Windows"'),
  };
  const read = () => {
    const include = c.platforms.get();
    const rule = c.filterRule.get();
    const devices = rule ? {...conditions.devices, deviceFilter: {mode: c.filterMode.get(), rule}}
      : conditions.devices && Object.keys(conditions.devices).some(k => k !== 'deviceFilter')
        ? {...conditions.devices, deviceFilter: null} : null;
    const clientApps = c.clientApps.get();
    return {signInRiskLevels: c.signInRisk.get(), userRiskLevels: c.userRisk.get(),
      platforms: include.length ? {...platforms, includePlatforms: include, excludePlatforms: c.excludePlatforms.get()} : null,
      clientAppTypes: clientApps.length ? clientApps : ['all'], devices, times: times.read()};
  };
  const times = timesPart(conditions.times);
  return {controls: [...Object.values(c), ...times.controls], read,
    element: section('editor-conditions', 'Conditions', ...Object.values(c), ...times.elements)};
}

function grantPart(grant, strengths) {
  const built = (grant && grant.builtInControls) || [];
  const access = !grant ? '' : built.includes('block') ? 'block' : 'grant';
  const strength = grant && grant.authenticationStrength ? grant.authenticationStrength.id : '';
  const c = {
    controls: checkboxes('editor-grant-controls', 'Controls', CONTROLS, built, ['grantControls.builtInControls']),
    strength: selectInput('editor-strength', 'Require authentication strength',
        {'': 'None', ...Object.fromEntries(strengths.map(s => [s.id, s.displayName]))}, strength,
        ['grantControls.authenticationStrength']),
    operator: selectInput('editor-operator', 'For multiple controls', OPERATORS, (grant && grant.operator) || 'OR',
        ['grantControls.operator']),
  };
  const granting = toggled([c.controls, c.strength, c.operator], access === 'grant');
  c.access = selectInput('editor-access', 'Access', ACCESS, access, ['grantControls'], v => granting.show(v === 'grant'));
  const read = () => {
    const chosen = c.access.get();
    if (chosen === '') {
      return null;
    }
    return chosen === 'block' ? {...grant, operator: 'OR', builtInControls: ['block'], authenticationStrength: null}
      : {...grant, operator: c.operator.get(), builtInControls: c.controls.get(),
        authenticationStrength: c.strength.get() ? {id: c.strength.get()} : null};
  };
  return {controls: Object.values(c), read, element: section('editor-grant', 'Grant', c.access, granting.box)};
}

function sessionPart(session) {
  const frequency = session && session.signInFrequency && session.signInFrequency.isEnabled !== false
    ? session.signInFrequency : null;
  const persistent = session && session.persistentBrowser && session.persistentBrowser.isEnabled !== false
    ? session.persistentBrowser.mode : '';
  const c = {
    value: numberInput('editor-frequency-value', 'Reauthenticate after', frequency && frequency.value,
        ['sessionControls.signInFrequency.value']),
    unit: selectInput('editor-frequency-unit', 'Unit', UNITS, (frequency && frequency.type) || 'hours',
        ['sessionControls.signInFrequency.type']),
    persistent: selectInput('editor-persistent-browser', 'Persistent browser session', PERSISTENT, persistent,
        ['sessionControls.persistentBrowser']),
  };
  const interval = frequency ? frequency.frequencyInterval || 'timeBased' : '';
  const periodic = toggled([c.value, c.unit], interval === 'timeBased');
  c.frequency = selectInput('editor-frequency', 'Sign-in frequency', FREQUENCY, interval, ['sessionControls.signInFrequency'],
      v => periodic.show(v === 'timeBased'));
  const read = () => {
    const chosen = c.frequency.get();
    const signInFrequency = chosen === '' ? null : chosen === 'everyTime'
      ? {isEnabled: true, authenticationType: 'primaryAndSecondaryAuthentication', frequencyInterval: 'everyTime',
        value: null, type: null}
      : {isEnabled: true, authenticationType: 'primaryAndSecondaryAuthentication', frequencyInterval: 'timeBased',
        value: c.value.get(), type: c.unit.get()};
    const persistentBrowser = c.persistent.get() ? {isEnabled: true, mode: c.persistent.get()} : null;
    const rest = Object.fromEntries(Object.entries(session || {})
        .filter(([k, v]) => v !== null && k !== 'signInFrequency' && k !== 'persistentBrowser'));
    return signInFrequency || persistentBrowser || Object.keys(rest).length
      ? {...rest, signInFrequency, persistentBrowser} : null;
  };
  return {controls: Object.values(c), read,
    element: section('editor-session', 'Session', c.frequency, periodic.box, c.persistent)};
}

/**
 * The form for a policy document (a new one is {}), with the named locations and authentication
 * strengths to choose from. read() gives the document as the form has it; names.read() names what it holds by id.
 */
export function policyForm(doc, namedLocations, strengths) {
  const conditions = doc.conditions || {};
  const name = textInput('editor-name', 'Name', doc.displayName, ['displayName'], 'Block legacy authentication');
  const state = selectInput('editor-state', 'Enable policy', STATES, doc.state || 'enabledForReportingButNotEnforced', ['state']);
  const names = nameBook(); // one read of the directory for every field that names users, groups, roles or apps
  const users = usersPart(conditions.users || {includeUsers: ['None']}, names);
  const target = targetPart(conditions.applications || {includeApplications: ['None']}, names);
  const network = networkPart(conditions.locations, namedLocations);
  const other = conditionsPart(conditions);
  const grant = grantPart(doc.id ? doc.grantControls : {operator: 'OR', builtInControls: ['mfa']}, strengths);
  const session = sessionPart(doc.sessionControls);
  const parts = [users, target, network, other, grant, session];
  const bound = [name, state, ...parts.flatMap(p => p.controls)];
  const element = el('div', {className: 'console-stack console-editor'}, name.group,
      el('h2', {className: 'pf-v5-c-title pf-m-lg'}, 'Assignments'),
      el('div', {className: 'console-editor-sections'}, users.element, target.element, network.element, other.element),
      el('h2', {className: 'pf-v5-c-title pf-m-lg'}, 'Access controls'),
      el('div', {className: 'console-editor-sections'}, grant.element, session.element),
      state.group);
  const read = () => ({...doc, displayName: name.get(), state: state.get(),
    conditions: {...conditions, users: users.read(), applications: target.read(), locations: network.read(), ...other.read()},
    grantControls: grant.read(), sessionControls: session.read()});
  return {element, read, names, showProblems: problems => markProblems(bound, problems)};
}
