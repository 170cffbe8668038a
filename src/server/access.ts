// Who may talk to the server. Three checks, in this order, on every request:
//  1. Host: only names this server is known by (--allowed-host, this machine's names and
//     addresses). A web page elsewhere that re-points its own name at this server (DNS
//     rebinding) sends its own name, and is refused.
//  2. Origin: a request a browser makes for another site's page (a form posted from elsewhere)
//     names that site; only this server's own origin is let in.
//  3. The access token, when the server has one (always on a non-loopback bind): sent as
//     `Authorization: Bearer TOKEN` by programs, and by the browser as a cookie that /login sets
//     (HttpOnly, SameSite=Strict, so no other site's page can send it). The web app's own files
//     hold no data and are served without it; its page sends a browser without the cookie to /login.
import { createHash, timingSafeEqual } from 'node:crypto';
import type { Context, Hono, MiddlewareHandler } from 'hono';
import { ApiError } from './errors.js';

/** How long the browser keeps the login: a working month; a server given a new token asks again. */
const LOGIN_COOKIE_SECONDS = 30 * 24 * 60 * 60;
/** Longer than any token a person pastes; a longer field is not a token. */
const MAX_TOKEN_CHARS = 512;

export const LOOPBACK_NAMES = ['localhost', '127.0.0.1', '[::1]'];

export interface AccessOptions {
  /** The token every request must carry (but /login and the web app's files); null: none asked for. */
  readonly token: string | null;
  /** Host names (no port, lower case) the Host header may carry; null accepts any. */
  readonly allowedHosts: readonly string[] | null;
}

/** The three checks above, as one middleware; /login (addLoginRoutes) is the door. */
export function accessControl({ token, allowedHosts }: AccessOptions): MiddlewareHandler {
  return async (c, next) => {
    checkHost(c, allowedHosts);
    checkOrigin(c);
    if (token !== null && c.req.path !== '/login' && !hasToken(c, token)) {
      if (c.req.path.startsWith('/api/')) {
        c.header('WWW-Authenticate', 'Bearer realm="corroborate"');
        throw new ApiError(401, 'This server asks for its access token: send "Authorization: Bearer TOKEN", or log in at /login.');
      }
      // The page itself leads to the login; its scripts, styles and icon are the same for everyone.
      if (c.req.path === '/' || c.req.path === '/index.html') return c.redirect('/login', 303);
    }
    await next();
  };
}

/** The Host header's name, without port, lower case, without a trailing dot. */
export function hostName(header: string): string {
  return header.trim().toLowerCase().replace(/:\d+$/, '').replace(/\.$/, '');
}

/** Browsers send the name in the address bar; a name not served here is DNS rebinding or a mistake. */
function checkHost(c: Context, allowed: readonly string[] | null): void {
  if (!allowed) return;
  const host = hostName(c.req.header('host') ?? '');
  if (!allowed.includes(host)) {
    throw new ApiError(
      403,
      `Host '${host.slice(0, 100)}' is not served here; open the URL the server printed, or start it with --allowed-host ${host.slice(0, 100) || 'NAME'}.`,
    );
  }
}

/**
 * A browser names the page a request comes from in Origin (on every POST, and on cross-site
 * reads); only pages of this server may act on it. Programs send no Origin.
 */
function checkOrigin(c: Context): void {
  const origin = c.req.header('origin');
  if (origin === undefined) return;
  let originHost: string;
  try {
    originHost = new URL(origin).host.toLowerCase();
  } catch {
    throw new ApiError(403, 'The Origin header is not a valid origin.');
  }
  if (originHost !== (c.req.header('host') ?? '').trim().toLowerCase()) {
    throw new ApiError(403, 'Requests from pages of another site are refused.');
  }
}

function hasToken(c: Context, token: string): boolean {
  const authorization = c.req.header('authorization') ?? '';
  const bearer = /^Bearer\s+(\S+)$/i.exec(authorization)?.[1];
  if (bearer !== undefined) return sameToken(bearer, token);
  const cookie = readCookie(c.req.header('cookie') ?? '', cookieName(c));
  return cookie !== null && sameToken(cookie, token);
}

/** Compared as hashes, in constant time: how long the check takes says nothing of the token. */
function sameToken(given: string, token: string): boolean {
  const digest = (value: string) => createHash('sha256').update(value).digest();
  return given.length <= MAX_TOKEN_CHARS && timingSafeEqual(digest(given), digest(token));
}

/** Cookies ignore ports, so two servers on one machine each keep their own by port. */
function cookieName(c: Context): string {
  const port = /:(\d+)$/.exec(c.req.header('host') ?? '')?.[1];
  return port ? `corroborate_token_${port}` : 'corroborate_token';
}

function readCookie(header: string, name: string): string | null {
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === name) {
      try {
        return decodeURIComponent(part.slice(eq + 1).trim());
      } catch {
        return null;
      }
    }
  }
  return null;
}

/**
 * GET /login shows a form (or takes ?token= from a link the server printed); POST /login checks
 * it. Registered after accessControl, so the Host and Origin checks guard the door too.
 */
export function addLoginRoutes(app: Hono, token: string): void {
  const logIn = (c: Context, given: string | undefined) => {
    if (given === undefined) return c.html(loginPage(null));
    if (!sameToken(given.trim(), token)) return c.html(loginPage('That is not this server’s access token.'), 401);
    const secure = new URL(c.req.url).protocol === 'https:' ? '; Secure' : '';
    c.header(
      'Set-Cookie',
      `${cookieName(c)}=${encodeURIComponent(given.trim())}; Path=/; HttpOnly; SameSite=Strict; Max-Age=${LOGIN_COOKIE_SECONDS}${secure}`,
    );
    return c.redirect('/', 303);
  };
  app.get('/login', (c) => logIn(c, c.req.query('token')));
  app.post('/login', async (c) => {
    const type = c.req.header('content-type') ?? '';
    if (!type.startsWith('application/x-www-form-urlencoded'))
      throw new ApiError(415, 'Post the login form (application/x-www-form-urlencoded).');
    const form = await c.req.parseBody();
    return logIn(c, typeof form.token === 'string' ? form.token : '');
  });
}

/** Plain HTML, no script: the strict content security policy holds here too. */
function loginPage(problem: string | null): string {
  return `<!doctype html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <title>Log in · Corroborate</title>
  <link rel="stylesheet" href="/style.css">
  <link rel="icon" href="/favicon.svg" type="image/svg+xml">
</head>
<body>
  <main id="main" class="login">
    <h1>Corroborate</h1>
    <p>This server asks for its access token. It was printed where the server was started, or set with
    <code>--token</code> or <code>CORROBORATE_TOKEN</code>.</p>
    ${problem ? `<p class="error" role="alert">${problem}</p>` : ''}
    <form method="post" action="/login">
      <label for="token">Access token</label>
      <input id="token" name="token" type="password" autocomplete="current-password" required autofocus>
      <button type="submit">Log in</button>
    </form>
  </main>
</body>
</html>
`;
}
