// The JSON API as seen from the page: every failure becomes an Error carrying the server's message.
export class ApiFailure extends Error {
  constructor(status, message) {
    super(message);
    this.status = status;
  }
}

export async function getJson(path) {
  return request(path, { headers: { Accept: 'application/json' } });
}

export async function postJson(path, body) {
  return request(path, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
    body: JSON.stringify(body),
  });
}

export async function deleteResource(path) {
  return request(path, { method: 'DELETE', headers: { Accept: 'application/json' } });
}

export async function postForm(path, form) {
  return request(path, { method: 'POST', headers: { Accept: 'application/json' }, body: form });
}

async function request(path, init) {
  let response;
  try {
    response = await fetch(path, { ...init, credentials: 'same-origin' });
  } catch {
    throw new ApiFailure(0, 'The server cannot be reached. Is `corroborate serve` still running?');
  }
  let body = null;
  try {
    body = await response.json();
  } catch {
    body = null;
  }
  // The server asks for its access token (a new one since the last login): log in again.
  if (response.status === 401) window.location.assign('/login');
  if (!response.ok) {
    const message = body?.error && typeof body.error.message === 'string' ? body.error.message : `The server answered ${response.status}.`;
    throw new ApiFailure(response.status, message);
  }
  return body;
}
