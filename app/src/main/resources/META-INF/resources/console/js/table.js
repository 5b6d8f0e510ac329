// The lists every log and inventory page shows: a PatternFly table of columns, a pager that asks the
// API for one page at a time, and the way their values are written (times, lists, yes/no).
import {el} from './dom.js';

/**
 * A table: columns are [{title, cell(item) → text or element}]; attributes(item) gives each row's
 * attributes (data-* for tests and links). An empty list says so in one row.
 */
export function dataTable(id, label, columns, items, attributes = () => ({})) {
  const body = items.length ? items.map(item => el('tr', {className: 'pf-v5-c-table__tr', ...attributes(item)},
      ...columns.map(c => el('td', {className: 'pf-v5-c-table__td', 'data-label': c.title}, c.cell(item) ?? ''))))
    : [el('tr', {className: 'pf-v5-c-table__tr console-empty'},
        el('td', {className: 'pf-v5-c-table__td', colspan: String(columns.length)}, 'Nothing to show.'))];
  return el('table', {className: 'pf-v5-c-table pf-m-compact pf-m-grid-md', 'aria-label': label, id},
      el('thead', {className: 'pf-v5-c-table__thead'}, el('tr', {className: 'pf-v5-c-table__tr'},
          ...columns.map(c => el('th', {className: 'pf-v5-c-table__th pf-m-wrap', scope: 'col'}, c.title)))),
      el('tbody', {className: 'pf-v5-c-table__tbody'}, ...body));
}

/**
 * Previous and next page: page is 0-based, more says whether a next page exists (the API was asked
 * for one row more than a page holds), go(page) shows another page.
 */
export function pager(id, label, page, more, go) {
  const previous = el('button', {className: 'pf-v5-c-button pf-m-secondary', type: 'button', id: `${id}-previous`,
    disabled: page === 0, 'aria-label': `Previous page of ${label}`}, 'Previous');
  const next = el('button', {className: 'pf-v5-c-button pf-m-secondary', type: 'button', id: `${id}-next`,
    disabled: !more, 'aria-label': `Next page of ${label}`}, 'Next');
  previous.addEventListener('click', () => go(page - 1));
  next.addEventListener('click', () => go(page + 1));
  return el('nav', {className: 'pf-v5-c-pagination console-pager', 'aria-label': `Pages of ${label}`, id},
      previous, el('span', {id: `${id}-page`}, `Page ${page + 1}`), next);
}

/**
 * A list the API answers whole, shown size rows at a time (a page of rows renders sooner than all of
 * them): renders the first page into results, with a pager.
 */
export function pagedTable(results, id, label, columns, items, attributes, size) {
  const render = page => results.replaceChildren(dataTable(id, label, columns, items.slice(page * size, (page + 1) * size),
      attributes), pager(`${id.replace(/-table$/, '')}-pager`, label, page, items.length > (page + 1) * size, render));
  render(0);
}

/** One page of a list the API pages with $top and $skip: {items, more}, asking for one row more than size. */
export async function pageOf(call, path, page, size) {
  const separator = path.includes('?') ? '&' : '?';
  const {body} = await call('GET', `${path}${separator}$top=${size + 1}&$skip=${page * size}`);
  return {items: body.value.slice(0, size), more: body.value.length > size};
}

/** A time as the reader's locale writes it, machine-readable in <time>. */
export function when(iso) {
  return iso ? el('time', {datetime: iso}, new Date(iso).toLocaleString()) : '—';
}

/** A list of strings (reasons, combinations) as a bulleted list, or a dash. */
export function bullets(values) {
  return values && values.length
    ? el('ul', {className: 'pf-v5-c-list pf-m-plain'}, ...values.map(v => el('li', {}, String(v)))) : '—';
}

export function yesNo(value) {
  return value ? 'Yes' : 'No';
}

/** A PatternFly label: colour is green, red, orange, blue or grey. */
export function label(text, colour) {
  return el('span', {className: `pf-v5-c-label pf-m-${colour}`}, el('span', {className: 'pf-v5-c-label__content'}, text));
}

/** A description list of [term, value] pairs (a detail view). */
export function details(id, pairs) {
  return el('dl', {className: 'pf-v5-c-description-list pf-m-horizontal pf-m-compact', id},
      ...pairs.map(([term, value]) => el('div', {className: 'pf-v5-c-description-list__group'},
          el('dt', {className: 'pf-v5-c-description-list__term'}, el('span', {className: 'pf-v5-c-description-list__text'}, term)),
          el('dd', {className: 'pf-v5-c-description-list__description'},
              el('div', {className: 'pf-v5-c-description-list__text'}, value ?? '—')))));
}
