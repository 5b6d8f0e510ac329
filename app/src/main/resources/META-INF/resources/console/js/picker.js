// A typeahead over the directory (the API's /v1.0/users, /groups, /directoryRoles, /applications): the
// ARIA 1.2 combobox pattern on a text input, with its matches in a listbox under it. Choosing a match puts
// its id into the input (in place of the entry being typed, in a comma-separated list), so the form sends
// the ids the API took before; an id typed without choosing still goes as typed.
import {SignInAgain, call} from './api.js';
import {el} from './dom.js';

const PAUSE_MS = 200; // one search per pause in the typing, not one per key
const TOP = 10;

/**
 * Makes a text input (already in a field(): it has its id) a picker of one directory collection.
 * label names the listbox; multiple: the input holds a comma-separated list, else one value.
 */
export function picker(input, collection, label, multiple) {
  const list = el('ul', {className: 'pf-v5-c-menu__list', role: 'listbox', id: `${input.id}-options`,
    'aria-label': `${label}: matches in the directory`});
  const menu = el('div', {className: 'pf-v5-c-menu console-picker', hidden: true},
      el('div', {className: 'pf-v5-c-menu__content'}, list));
  const status = el('div', {className: 'pf-v5-c-helper-text console-picker-status', role: 'status',
    id: `${input.id}-status`});
  input.parentElement.after(menu, status);
  input.parentElement.parentElement.classList.add('console-picker-anchor');
  for (const [name, value] of Object.entries({role: 'combobox', 'aria-autocomplete': 'list', 'aria-expanded': 'false',
    'aria-controls': list.id})) {
    input.setAttribute(name, value);
  }
  const state = {entries: [], active: -1, timer: null, asked: 0};
  const typed = () => (multiple ? input.value.split(',').pop() : input.value).trim();

  const close = () => {
    menu.hidden = true;
    input.setAttribute('aria-expanded', 'false');
    input.removeAttribute('aria-activedescendant');
    state.entries = [];
    state.active = -1;
  };
  const highlight = index => {
    state.active = index;
    [...list.children].forEach((option, i) => option.setAttribute('aria-selected', String(i === index)));
    const option = list.children[index];
    if (option) {
      input.setAttribute('aria-activedescendant', option.id);
      option.scrollIntoView({block: 'nearest'});
    }
  };
  const choose = entry => {
    const earlier = multiple ? input.value.split(',').slice(0, -1).map(v => v.trim()).filter(Boolean) : [];
    input.value = multiple ? `${[...earlier, entry.id].join(', ')}, ` : entry.id;
    status.textContent = `${entry.displayName} chosen (${entry.id})`;
    close();
    input.dispatchEvent(new CustomEvent('picker-choose', {detail: entry})); // its name is known now
  };
  const show = (text, entries) => {
    state.entries = entries;
    list.replaceChildren(...entries.map((entry, i) => {
      const detail = [entry.userPrincipalName ?? entry.path ?? entry.description ?? entry.appId, entry.id]
          .filter((part, at, all) => part && part !== entry.displayName && all.indexOf(part) === at).join(' · ');
      const option = el('li', {className: 'pf-v5-c-menu__list-item', role: 'option', id: `${input.id}-option-${i}`,
        'aria-selected': 'false', 'data-id': entry.id},
      el('span', {className: 'pf-v5-c-menu__item'}, el('span', {className: 'pf-v5-c-menu__item-main'},
          el('span', {className: 'pf-v5-c-menu__item-text'}, entry.displayName)),
      detail ? el('span', {className: 'pf-v5-c-menu__item-description'}, detail) : null));
      option.addEventListener('mousedown', event => {
        event.preventDefault(); // the input keeps the focus
        choose(entry);
      });
      return option;
    }));
    menu.hidden = !entries.length;
    input.setAttribute('aria-expanded', String(entries.length > 0));
    status.textContent = entries.length ? `${entries.length} match${entries.length === 1 ? '' : 'es'} for "${text}"`
      : `Nothing in the directory matches "${text}": an id typed here is sent as it is`;
    state.active = -1;
  };
  const search = async () => {
    const text = typed();
    const asked = ++state.asked;
    if (!text) {
      close();
      status.textContent = '';
      return;
    }
    try {
      const {body} = await call('GET', `/v1.0/${collection}?$search=${encodeURIComponent(text)}&$top=${TOP}`);
      if (asked === state.asked) { // an answer to an older search is dropped
        show(text, body.value || []);
      }
    } catch (error) {
      if (error instanceof SignInAgain) {
        throw error;
      }
      close();
      status.textContent = `The directory could not be searched (${error.message}): type an id instead`;
    }
  };

  input.addEventListener('input', () => {
    clearTimeout(state.timer);
    state.timer = setTimeout(search, PAUSE_MS);
  });
  input.addEventListener('keydown', event => {
    const count = state.entries.length;
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault();
      if (!count) {
        search();
        return;
      }
      highlight(event.key === 'ArrowDown' ? (state.active + 1) % count : (state.active <= 0 ? count : state.active) - 1);
    } else if (event.key === 'Enter' && count && state.active >= 0) {
      event.preventDefault(); // choosing a match does not submit the form
      choose(state.entries[state.active]);
    } else if (event.key === 'Escape' && count) {
      event.preventDefault();
      close();
    }
  });
  input.addEventListener('blur', () => { // what was still to come is for nobody now
    clearTimeout(state.timer);
    state.asked++;
    close();
  });
  return input;
}
