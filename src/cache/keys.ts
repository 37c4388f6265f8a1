import { createHash } from 'crypto';
import type { Surface } from '../http/surface';

/**
 * Which requests the response cache may answer, and under which key.
 *
 * Cacheable: anonymous (no `Authorization` header) reads of public content —
 * `GET` under the REST prefix (except the users-permissions account routes),
 * the feeds and sitemaps, and GraphQL queries (`GET ?query=` or `POST` with a
 * JSON body) that contain no mutation. Never: drafts asked for explicitly
 * (`status=draft`, GraphQL `DRAFT`), anything else.
 */
export type RequestShape = {
  method: string;
  query: Record<string, unknown>;
  body?: unknown;
  /** What the request is (src/http/surface.ts). */
  surface: Surface;
  path: string;
};

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** JSON with object keys sorted at every level: `?a=1&b=2` and `?b=2&a=1` are one key. */
export const stableStringify = (value: unknown): string =>
  JSON.stringify(value, (_key, v: unknown) =>
    isRecord(v)
      ? Object.fromEntries(
          Object.keys(v)
            .sort()
            .map((k) => [k, v[k]]),
        )
      : v,
  );

const asksForDraft = (value: unknown): boolean => /\bdraft\b/i.test(stableStringify(value ?? null));

/** Strips comments and string literals, then looks for a `mutation` or `subscription` operation. */
const isReadOnlyGraphql = (query: string): boolean => {
  const code = query
    .replace(/"""[\s\S]*?"""/g, '""')
    .replace(/"(?:\\.|[^"\\])*"/g, '""')
    .replace(/#[^\n]*/g, '');
  return !/(^|[\s{}])(mutation|subscription)\b/.test(code);
};

const graphqlPayload = (req: RequestShape): { query: string; variables?: unknown; operationName?: unknown } | null => {
  const source = req.method === 'GET' ? req.query : isRecord(req.body) ? req.body : null;
  if (!source || typeof source.query !== 'string' || source.query.trim() === '') return null;
  let variables = source.variables;
  if (typeof variables === 'string') {
    try {
      variables = JSON.parse(variables) as unknown;
    } catch {
      return null;
    }
  }
  return { query: source.query, variables: variables ?? null, operationName: source.operationName ?? null };
};

const hash = (text: string): string => createHash('sha256').update(text).digest('base64url');

/** The cache key of a request, or `null` when the cache must not answer it. */
export const cacheKeyFor = (req: RequestShape): string | null => {
  const { surface } = req;
  if (!surface.anonymous) return null;

  if (surface.kind === 'graphql') {
    if (req.method !== 'GET' && req.method !== 'POST') return null;
    const payload = graphqlPayload(req);
    if (
      !payload ||
      !isReadOnlyGraphql(payload.query) ||
      asksForDraft(payload.variables) ||
      /\bDRAFT\b/.test(payload.query)
    ) {
      return null;
    }
    // GET and POST of the same operation share an entry.
    const operation = { q: payload.query.replace(/\s+/g, ' ').trim(), v: payload.variables, o: payload.operationName };
    return `gql:${hash(stableStringify(operation))}`;
  }

  // The content API (not the account routes), the feeds and the sitemaps.
  if (req.method !== 'GET' || !surface.publicRead) return null;
  if (asksForDraft(req.query.status)) return null;
  // The locale is part of the query (`?locale=en`), so it is part of the key.
  return `get:${hash(`${req.path}?${stableStringify(req.query)}`)}`;
};
