// The names of the users, groups, roles and applications a policy holds by id, read from the directory
// (the API's $filter=id in (...)): once for each collection when the editor opens, however many fields
// name it, and again only for ids typed later. An id the directory does not know is shown as unknown with
// its id, never dropped; Entra's special values keep their Entra names; when the directory cannot be read
// the field says so and shows the ids, and editing goes on. The sign-in log names its users the same way.
import {call} from './api.js';
import {el} from './dom.js';

const BATCH = 15; // the most ids the API takes in one $filter
const SPECIAL = {All: 'All', None: 'None', GuestsOrExternalUsers: 'Guests or external users',
  MicrosoftAdminPortals: 'Microsoft Admin Portals', Office365: 'Office 365'};
const NOUN = {users: 'user', groups: 'group', directoryRoles: 'role', applications: 'application'};

/**
 * What the directory names ids: ask(collection, ids) reads those not read yet, 15 to a request, and
 * remembers each (null: the directory does not know it) or why it could not be read.
 */
export function directoryNames() {
  const known = new Map(); // collection → Map(id → entry, or null)
  const failed = new Map(); // collection → why its names could not be read
  const of = collection => known.get(collection) || known.set(collection, new Map()).get(collection);
  return {
    of,
    failure: collection => failed.get(collection),
    async ask(collection, ids) {
      const names = of(collection);
      const wanted = [...new Set(ids)].filter(id => !Object.hasOwn(SPECIAL, id) && !names.has(id));
      for (let at = 0; at < wanted.length; at += BATCH) {
        const batch = wanted.slice(at, at + BATCH);
        const filter = `id in (${batch.map(id => `'${id.replaceAll('\'', '\'\'')}'`).join(',')})`;
        try {
          const {body} = await call('GET', `/v1.0/${collection}?$filter=${encodeURIComponent(filter)}`);
          batch.forEach(id => names.set(id, null));
          (body.value || []).forEach(entry => names.set(entry.id, entry));
          failed.delete(collection);
        } catch (error) {
          failed.set(collection, error.message);
          return;
        }
      }
    },
  };
}

/** Puts a user's name before the id in each element with data-user-id whose user the directory knows. */
export async function nameUsers(container) {
  const elements = [...container.querySelectorAll('[data-user-id]')];
  const directory = directoryNames();
  await directory.ask('users', elements.map(e => e.dataset.userId));
  for (const element of elements) {
    const entry = directory.of('users').get(element.dataset.userId);
    if (entry) {
      element.replaceChildren(entry.displayName, ' ', el('span', {className: 'console-name-id'}, element.dataset.userId));
    }
  }
}

/** The names one form shows: fields join it, read() names them all, each field shows its own. */
export function nameBook() {
  const directory = directoryNames();
  const {of, ask} = directory;
  const fields = [];

  const book = {
    /** A list input of ids from this collection: its names are shown in a list under it. */
    join(input, collection, label) {
      const list = el('ul', {className: 'console-names', id: `${input.id}-names`, 'aria-label': `${label}: names`});
      input.closest('.pf-v5-c-form__group-control').append(list);
      input.setAttribute('aria-describedby', `${input.getAttribute('aria-describedby') || ''} ${list.id}`.trim());
      const ids = () => input.value.split(',').map(v => v.trim()).filter(Boolean);
      const field = {collection, ids,
        render: () => render(list, collection, ids(), of(collection), directory.failure(collection))};
      fields.push(field);
      input.addEventListener('picker-choose', event => {
        of(collection).set(event.detail.id, event.detail);
        field.render();
      });
      input.addEventListener('change', () => ask(collection, ids()).then(field.render));
      field.render();
    },
    /** Reads every field's names, one request a collection (per 15 ids), then shows them. */
    async read() {
      const collections = [...new Set(fields.map(f => f.collection))];
      await Promise.all(collections.map(c => ask(c, fields.filter(f => f.collection === c).flatMap(f => f.ids()))));
      fields.forEach(f => f.render());
    },
  };
  return book;
}

function render(list, collection, ids, names, failure) {
  const items = ids.map(id => {
    if (Object.hasOwn(SPECIAL, id)) {
      return el('li', {className: 'console-name', title: id}, SPECIAL[id]);
    }
    const entry = names.get(id);
    if (entry === undefined) { // not read (yet, or the directory could not be read)
      return el('li', {className: 'console-name'}, el('span', {className: 'console-name-id'}, id));
    }
    if (entry === null) {
      return el('li', {className: 'console-name console-name-unknown', title: id, 'data-id': id},
          `Unknown ${NOUN[collection]}`, ' ', el('span', {className: 'console-name-id'}, id));
    }
    const detail = [entry.userPrincipalName ?? entry.path ?? entry.description ?? entry.appId, id]
        .filter((part, at, all) => part && part !== entry.displayName && all.indexOf(part) === at).join(' · ');
    return el('li', {className: 'console-name', title: id, 'data-id': id}, entry.displayName,
        detail ? [' ', el('span', {className: 'console-name-id'}, detail)] : null);
  });
  const why = failure && ids.some(id => !Object.hasOwn(SPECIAL, id) && !names.has(id))
    ? el('li', {className: 'console-names-failed'}, `The names could not be read: ${failure}`) : null;
  list.replaceChildren(...items, ...(why ? [why] : []));
  list.hidden = !items.length;
}
