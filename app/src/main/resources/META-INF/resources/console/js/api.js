// The control plane's API, called with the signed-in person's bearer token (no cookies: see auth.js).
import {currentSession, forget} from './auth.js';

/** An answer that is not a success: status and the RFC 9457 problem details (detail, errors[].path). */
export class ApiProblem extends Error {
  constructor(status, problem) {
    super(problem.detail || problem.title || `HTTP ${status}`);
    this.status = status;
    this.problem = {status, ...problem};
  }
}

/** Thrown when the token has expired or was refused: the console asks to sign in again. */
export class SignInAgain extends Error {}

/** Calls the API; returns {body, etag} on success, throws ApiProblem or SignInAgain otherwise. */
export async function call(method, path, {body, ifMatch, contentType = 'application/json'} = {}) {
  const current = await currentSession();
  if (!current) {
    throw new SignInAgain('your session has ended');
  }
  const headers = {Authorization: `Bearer ${current.token}`, Accept: 'application/json'};
  if (body !== undefined) {
    headers['Content-Type'] = contentType;
  }
  if (ifMatch) {
    headers['If-Match'] = ifMatch;
  }
  const response = await fetch(path, {method, headers, credentials: 'omit',
    body: body === undefined ? undefined : JSON.stringify(body)});
  if (response.status === 401) {
    forget();
    throw new SignInAgain('the control plane no longer accepts your sign-in');
  }
  const text = await response.text();
  let parsed = {};
  try {
    parsed = text ? JSON.parse(text) : {};
  } catch (notJson) {
    parsed = {detail: text};
  }
  if (!response.ok) {
    throw new ApiProblem(response.status, parsed);
  }
  return {body: parsed, etag: response.headers.get('ETag')};
}

export const CA = '/v1.0/identity/conditionalAccess';
