// JSON merge patches (RFC 7396) between policy documents, and the fields two documents differ in.

function isObject(value) {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

function same(a, b) {
  return JSON.stringify(a) === JSON.stringify(b);
}

/** The merge patch that turns from into to: changed members, and null for the ones to remove. */
export function mergePatch(from, to) {
  const patch = {};
  for (const [key, value] of Object.entries(to)) {
    if (same(from[key], value)) {
      continue;
    }
    patch[key] = isObject(value) && isObject(from[key]) ? mergePatch(from[key], value) : value;
  }
  for (const key of Object.keys(from)) {
    if (!(key in to)) {
      patch[key] = null;
    }
  }
  return patch;
}

/** The document a merge patch makes of doc, as the control plane applies it. */
export function applyMergePatch(doc, patch) {
  if (!isObject(patch)) {
    return patch;
  }
  const result = isObject(doc) ? {...doc} : {};
  for (const [key, value] of Object.entries(patch)) {
    if (value === null) {
      delete result[key];
    } else {
      result[key] = applyMergePatch(result[key], value);
    }
  }
  return result;
}

/** Each field (a path such as conditions.users.includeUsers; lists whole) with its value; null, [] and absent alike. */
function fields(doc, prefix = '', into = new Map()) {
  for (const [key, value] of Object.entries(doc || {})) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (key.startsWith('@odata')) {
      continue;
    }
    if (isObject(value)) {
      fields(value, path, into);
    } else if (value !== null && !(Array.isArray(value) && value.length === 0)) {
      into.set(path, value);
    }
  }
  return into;
}

/** The fields in which two documents differ: [{path, mine, theirs}], undefined where one has none. */
export function differences(mine, theirs) {
  const a = fields(mine);
  const b = fields(theirs);
  const paths = [...new Set([...a.keys(), ...b.keys()])].sort();
  return paths.filter(path => !same(a.get(path), b.get(path)))
      .map(path => ({path, mine: a.get(path), theirs: b.get(path)}));
}

/** A field's value as a line of text: lists joined by commas, objects as JSON. */
export function written(value) {
  return Array.isArray(value) ? value.map(v => (typeof v === 'object' ? JSON.stringify(v) : v)).join(', ')
    : typeof value === 'object' ? JSON.stringify(value) : String(value);
}
