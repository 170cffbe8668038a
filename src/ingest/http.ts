// Fetching a URL politely and safely: a timeout, a size cap, a few redirects at most, a
// User-Agent that says who we are, and no loopback or private addresses unless allowed (see address.ts).
// The address check runs in the socket's DNS lookup, so the address checked is the one used.
import http from 'node:http';
import https from 'node:https';
import { lookup as dnsLookup, type LookupAddress } from 'node:dns';
import { isIP } from 'node:net';
import { createBrotliDecompress, createGunzip, createInflate } from 'node:zlib';
import type { Readable } from 'node:stream';
import { isPrivateAddress } from './address.js';

export { isPrivateAddress };

export interface FetchOptions {
  readonly timeoutMs: number;
  readonly maxBytes: number;
  readonly maxRedirects: number;
  readonly allowPrivateNetwork: boolean;
  readonly userAgent: string;
  /**
   * Validators of a copy already held (conditional GET, RFC 9110 section 13): a server that has
   * nothing newer answers 304, returned as `notModified` with no bytes.
   */
  readonly conditional?: { readonly etag: string | null; readonly lastModified: string | null };
  /** The Accept header; pages by default. */
  readonly accept?: string;
}

export type FetchResult =
  | {
      readonly ok: true;
      readonly url: string;
      readonly bytes: Uint8Array;
      readonly contentType: string;
      readonly fetchedAt: string;
      /** True for a 304 answer to a conditional GET: the copy held is current, `bytes` is empty. */
      readonly notModified?: boolean;
      /** The validators to send next time, when the server gave them. */
      readonly etag?: string;
      readonly lastModified?: string;
    }
  | {
      readonly ok: false;
      readonly code: 'network' | 'refused' | 'too-large' | 'not-found';
      readonly reason: string;
      /** The HTTP status, when the server answered with an error. */
      readonly status?: number;
    };

class RefusedAddress extends Error {}

function guardedLookup(allowPrivate: boolean) {
  return (hostname: string, options: object, callback: (...args: unknown[]) => void) => {
    dnsLookup(hostname, { ...options, all: true }, (error, addresses: LookupAddress[]) => {
      if (error) return callback(error);
      const refused = addresses.find((a) => !allowPrivate && isPrivateAddress(a.address));
      if (refused) return callback(new RefusedAddress(`${hostname} resolves to the private or loopback address ${refused.address}`));
      if ((options as { all?: boolean }).all) return callback(null, addresses);
      callback(null, addresses[0]!.address, addresses[0]!.family);
    });
  };
}

function decoded(response: http.IncomingMessage): Readable {
  const encoding = (response.headers['content-encoding'] ?? '').toLowerCase();
  if (encoding === 'gzip' || encoding === 'x-gzip') return response.pipe(createGunzip());
  if (encoding === 'deflate') return response.pipe(createInflate());
  if (encoding === 'br') return response.pipe(createBrotliDecompress());
  return response;
}

function once(url: URL, options: FetchOptions): Promise<FetchResult | { redirect: string }> {
  return new Promise((resolve) => {
    const client = url.protocol === 'https:' ? https : http;
    // An address written in the URL is connected to without a DNS lookup: check it here.
    const literal = url.hostname.replace(/^\[|\]$/g, '');
    if (!options.allowPrivateNetwork && isIP(literal) && isPrivateAddress(literal)) {
      resolve({
        ok: false,
        code: 'refused',
        reason: `${url.hostname} is a private or loopback address (allow it with --allow-private-network)`,
      });
      return;
    }
    let settled = false;
    const finish = (result: FetchResult | { redirect: string }) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      request.destroy();
      resolve(result);
    };
    const request = client.get(
      url,
      {
        headers: {
          'user-agent': options.userAgent,
          accept: options.accept ?? 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8',
          'accept-encoding': 'gzip, deflate, br',
          ...(options.conditional?.etag ? { 'if-none-match': options.conditional.etag } : {}),
          ...(options.conditional?.lastModified ? { 'if-modified-since': options.conditional.lastModified } : {}),
        },
        lookup: guardedLookup(options.allowPrivateNetwork) as never,
      },
      (response) => readResponse(response, url, options, finish),
    );
    const timer = setTimeout(
      () => finish({ ok: false, code: 'network', reason: `no complete answer within ${options.timeoutMs} ms` }),
      options.timeoutMs,
    );
    request.on('error', (error) =>
      finish(
        error instanceof RefusedAddress
          ? { ok: false, code: 'refused', reason: `${error.message} (allow it with --allow-private-network)` }
          : { ok: false, code: 'network', reason: error.message },
      ),
    );
  });
}

/** What an answer to one request comes to: a page, a redirect to follow, or why there is none. */
function readResponse(
  response: http.IncomingMessage,
  url: URL,
  options: FetchOptions,
  finish: (result: FetchResult | { redirect: string }) => void,
): void {
  const status = response.statusCode ?? 0;
  const validators = {
    ...(typeof response.headers.etag === 'string' ? { etag: response.headers.etag } : {}),
    ...(typeof response.headers['last-modified'] === 'string' ? { lastModified: response.headers['last-modified'] } : {}),
  };
  if (status === 304 && options.conditional) {
    finish({
      ok: true,
      url: url.toString(),
      bytes: new Uint8Array(0),
      contentType: '',
      fetchedAt: new Date().toISOString(),
      notModified: true,
      ...validators,
    });
    return;
  }
  if (status >= 300 && status < 400 && response.headers.location) {
    finish({ redirect: new URL(response.headers.location, url).toString() });
    return;
  }
  if (status >= 400) {
    finish({
      ok: false,
      code: status === 404 || status === 410 ? 'not-found' : 'network',
      reason: `the server answered HTTP ${status}`,
      status,
    });
    return;
  }
  const declared = Number(response.headers['content-length'] ?? NaN);
  if (declared > options.maxBytes) {
    finish({ ok: false, code: 'too-large', reason: `the page is ${declared} bytes, over the ${options.maxBytes}-byte cap` });
    return;
  }
  const chunks: Buffer[] = [];
  let size = 0;
  const body = decoded(response);
  body.on('data', (chunk: Buffer) => {
    size += chunk.length;
    if (size > options.maxBytes) finish({ ok: false, code: 'too-large', reason: `the page is over the ${options.maxBytes}-byte cap` });
    else chunks.push(chunk);
  });
  body.on('error', (error) => finish({ ok: false, code: 'network', reason: `the response could not be read: ${error.message}` }));
  body.on('end', () =>
    finish({
      ok: true,
      url: url.toString(),
      bytes: Buffer.concat(chunks),
      contentType: String(response.headers['content-type'] ?? ''),
      fetchedAt: new Date().toISOString(),
      ...validators,
    }),
  );
}

/** GETs a URL, following at most `maxRedirects` redirects. Never throws. */
export async function fetchUrl(input: string, options: FetchOptions): Promise<FetchResult> {
  let url: URL;
  try {
    url = new URL(input);
  } catch {
    return { ok: false, code: 'network', reason: 'not a valid URL' };
  }
  for (let hop = 0; hop <= options.maxRedirects; hop++) {
    if (url.protocol !== 'http:' && url.protocol !== 'https:')
      return { ok: false, code: 'refused', reason: `redirected to a ${url.protocol} URL` };
    const result = await once(url, options);
    if (!('redirect' in result)) return result;
    url = new URL(result.redirect);
  }
  return { ok: false, code: 'network', reason: `more than ${options.maxRedirects} redirects` };
}
