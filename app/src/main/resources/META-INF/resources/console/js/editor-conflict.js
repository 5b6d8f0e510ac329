// A save refused with 412 (someone changed the policy since the editor read it): both versions side
// by side, field by field, and the administrator chooses. Nothing is overwritten without asking.
import {alert, el} from './dom.js';
import {differences, mergePatch, written} from './merge.js';
import {STATES} from './policies.js';

function shown(path, value) {
  if (value === undefined) {
    return '—';
  }
  if (path === 'state') {
    return STATES[value] || value;
  }
  return written(value);
}

/** The conflict: which fields differ, "keep mine" (saved over the current version's ETag) or "take the current one". */
export function conflictView(editor, current) {
  const mine = editor.mine();
  const theirs = editor.current(current.body);
  const rows = differences(mine, theirs);
  const head = ['Field', 'Your version', 'The current version'];
  const keep = el('button', {className: 'pf-v5-c-button pf-m-primary', type: 'button', id: 'editor-keep-mine'},
      'Keep my version');
  const take = el('button', {className: 'pf-v5-c-button pf-m-secondary', type: 'button', id: 'editor-take-current'},
      'Take the current version');
  keep.addEventListener('click', async () => {
    keep.disabled = true;
    take.disabled = true;
    try {
      await editor.patch(mergePatch(theirs, mine), current.etag);
    } catch (error) {
      await editor.refused(error);
    }
  });
  take.addEventListener('click', () => editor.again(alert('info', 'The editor shows the current version;'
      + ' your changes were dropped.'), current.body, current.etag));
  return el('div', {id: 'editor-conflict', className: 'console-stack'},
      alert('warning', 'Someone else changed this policy while you were editing it',
          el('p', {}, 'Nothing was saved. Compare the two versions, then keep yours (it replaces the current one) or take'
              + ' the current one (your changes are dropped).')),
      el('table', {className: 'pf-v5-c-table pf-m-compact pf-m-grid-md', 'aria-label': 'Your version and the current version',
        id: 'editor-conflict-table'},
      el('thead', {className: 'pf-v5-c-table__thead'}, el('tr', {className: 'pf-v5-c-table__tr'},
          ...head.map(h => el('th', {className: 'pf-v5-c-table__th pf-m-wrap', scope: 'col'}, h)))),
      el('tbody', {className: 'pf-v5-c-table__tbody'}, ...rows.map(row =>
        el('tr', {className: 'pf-v5-c-table__tr', 'data-field': row.path},
            el('td', {className: 'pf-v5-c-table__td', 'data-label': head[0]}, el('code', {}, row.path)),
            el('td', {className: 'pf-v5-c-table__td', 'data-label': head[1]}, shown(row.path, row.mine)),
            el('td', {className: 'pf-v5-c-table__td', 'data-label': head[2]}, shown(row.path, row.theirs)))))),
      el('div', {className: 'pf-v5-c-form__actions'}, keep, take));
}
