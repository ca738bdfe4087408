/**
 * `maxresults` / `nextLink` paging (reference §4). The `$skiptoken` is stateless: it names the
 * last item returned, so a link handed to a caller stays valid after other writes (the JS SDK
 * exposes it as a continuation token).
 */
import { Errors } from '../core/errors';
import { LIMITS } from './validate';

function encodeToken(lastKey: string): string {
  return Buffer.from(JSON.stringify({ after: lastKey }), 'utf8').toString('base64url');
}

function decodeToken(token: string): string {
  try {
    const doc = JSON.parse(Buffer.from(token, 'base64url').toString('utf8')) as { after?: unknown };
    if (typeof doc?.after === 'string') return doc.after;
  } catch {
    // fall through
  }
  throw Errors.badParameter(`The '$skiptoken' parameter is not valid: '${token.slice(0, 64)}'.`);
}

export interface PageRequest<T> {
  /** Items in list order. */
  items: readonly T[];
  /** Stable key of an item (what the skiptoken names). */
  keyOf: (item: T) => string;
  /** True when `items` are sorted by key, so a vanished key still has a place in the order. */
  sortedByKey: boolean;
  skiptoken: string | undefined;
  /** Validated maxresults, or undefined when the caller sent none. */
  maxResults: number | undefined;
  /** Absolute URL of the list (no query), on the caller's origin. */
  baseUrl: string;
  apiVersion: string;
  render: (item: T) => unknown;
}

/** One page of items after the skiptoken's item, with the nextLink of the page after. */
export function pageOf<T>(req: PageRequest<T>): { value: unknown[]; nextLink: string | null } {
  const { items, keyOf } = req;
  const pageSize = req.maxResults ?? LIMITS.pageSizeMax;
  let start = 0;
  if (req.skiptoken !== undefined) {
    const after = decodeToken(req.skiptoken);
    const index = items.findIndex((item) => keyOf(item) === after);
    if (index >= 0) start = index + 1;
    else if (req.sortedByKey) {
      // The item was removed since the link was made: continue with the next key in order.
      start = items.findIndex((item) => keyOf(item) > after);
      if (start < 0) start = items.length;
    } else {
      // Creation-ordered list (versions) whose anchor vanished: the secret itself was removed.
      start = items.length;
    }
  }
  const page = items.slice(start, start + pageSize);
  const more = start + pageSize < items.length;
  let nextLink: string | null = null;
  if (more) {
    // Same shape as the service's links: api-version as received, $skiptoken, maxresults if given.
    const params = new URLSearchParams({ 'api-version': req.apiVersion });
    let link = `${req.baseUrl}?${params.toString()}&$skiptoken=${encodeToken(keyOf(page[page.length - 1]))}`;
    if (req.maxResults !== undefined) link += `&maxresults=${pageSize}`;
    nextLink = link;
  }
  return { value: page.map(req.render), nextLink };
}
