// Read-only lists of what policies refer to: devices (as the MDM reports them), named locations and
// authentication strengths. They are changed through the API ([api.md]); the console only shows them.
import {CA, call} from './api.js';
import {el, show} from './dom.js';
import {bullets, label, pagedTable, when, yesNo} from './table.js';

const PAGE = 25;
const LOCATION_TYPES = {'#microsoft.graph.ipNamedLocation': 'IP ranges', '#microsoft.graph.countryNamedLocation': 'Countries',
  '#microsoft.graph.compliantNetworkNamedLocation': 'Compliant network'};

function trusted(value) {
  return value ? label('Trusted', 'green') : 'No';
}

/** Each list: where it is read, what the page says, its columns and each row's attributes. */
const LISTS = {
  devices: {path: '/v1.0/devices', title: 'Devices', key: 'device',
    intro: 'The device inventory an MDM integration reports. Policies that require a compliant device read it.',
    columns: [
      {title: 'Name', cell: d => d.displayName || d.id},
      {title: 'Operating system', cell: d => [d.operatingSystem, d.operatingSystemVersion].filter(Boolean).join(' ')},
      {title: 'Owner', cell: d => d.registeredOwnerId || '—'},
      {title: 'Compliant', cell: d => (d.isCompliant ? label('Compliant', 'green') : label('Not compliant', 'orange'))},
      {title: 'Managed', cell: d => yesNo(d.isManaged)},
      {title: 'Join type', cell: d => d.trustType || '—'},
      {title: 'Last check-in', cell: d => when(d.lastSyncDateTime)},
    ]},
  'named-locations': {path: `${CA}/namedLocations`, title: 'Named locations', key: 'location',
    intro: 'Networks and countries that policies include or exclude; trusted ones count as "all trusted locations".',
    columns: [
      {title: 'Name', cell: l => l.displayName},
      {title: 'Type', cell: l => LOCATION_TYPES[l['@odata.type']] || l['@odata.type']},
      {title: 'Trusted', cell: l => trusted(l.isTrusted)},
      {title: 'Ranges or countries', cell: l => bullets(l.ipRanges ? l.ipRanges.map(r => r.cidrAddress)
        : l.countriesAndRegions || [])},
    ]},
  'authentication-strengths': {path: `${CA}/authenticationStrength/policies`, title: 'Authentication strengths',
    key: 'strength', intro: 'The combinations of methods a policy\'s grant may require; the built-in ones are Graph\'s.',
    columns: [
      {title: 'Name', cell: s => s.displayName},
      {title: 'Type', cell: s => (s.policyType === 'builtIn' ? 'Built-in' : 'Custom')},
      {title: 'Description', cell: s => s.description || '—'},
      {title: 'Allowed combinations', cell: s => bullets(s.allowedCombinations)},
    ]},
};

/** A read-only list; the API answers with the whole list, and the page shows it PAGE rows at a time. */
export async function inventoryPage(view, name) {
  const list = LISTS[name];
  const {body} = await call('GET', list.path);
  const results = el('div', {id: `${name}-results`, className: 'console-stack'});
  show(view, list.title, el('p', {}, list.intro),
      el('p', {}, 'Read-only here: they are changed through the API.'), results);
  pagedTable(results, `${name}-table`, list.title, list.columns, body.value, item => ({[`data-${list.key}-id`]: item.id}),
      PAGE);
}

/** The routes of the read-only lists. */
export const INVENTORY_ROUTES = Object.keys(LISTS);
