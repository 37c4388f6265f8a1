import type { Settings } from '../config/settings';
import { surfaceOf, type SurfaceState } from '../http/surface';
import { Kind, parse, type DocumentNode, type FragmentDefinitionNode, type SelectionSetNode } from 'graphql';

/**
 * Guards the GraphQL endpoint before Apollo sees a request, and gives answers
 * that hold nothing but errors the HTTP status of their error.
 *
 * Before: the JSON body is read here (at most `maxBodyBytes`; koa-bodyparser
 * then leaves it alone) and must be one operation `{ query, variables?,
 * operationName? }` with the right types: no batches. The query is parsed and
 * refused with a 400 when it has more than `maxAliases` aliases, more than
 * `maxFields` field selections or `maxDirectives` directives (alias and field
 * bombs), fragment cycles or unknown fragments (the depth-limit rule would
 * recurse on a cycle forever), or a subscription (not served).
 *
 * After: an answer with `errors` and no data at all (every top-level field
 * null) gets the status of its first error's code: FORBIDDEN 403,
 * UNAUTHENTICATED 401, NOT_FOUND 404, bad input and pagination errors 400.
 * Partial answers (some data) stay 200, as GraphQL defines.
 */
export type GraphqlGuardConfig = Pick<Settings['graphql'], 'maxAliases' | 'maxFields'> & {
  maxBodyBytes?: number;
  maxDirectives?: number;
};

type Ctx = {
  path: string;
  state: SurfaceState;
  method: string;
  query: Record<string, unknown>;
  status: number;
  body: unknown;
  type: string;
  req: NodeJS.ReadableStream;
  request: { body?: unknown; length?: number };
  get: (header: string) => string;
  set: (header: string, value: string) => void;
};
type Next = () => Promise<unknown>;

class GraphqlRejected extends Error {
  constructor(
    message: string,
    readonly status = 400,
  ) {
    super(message);
  }
}

const STATUS_BY_CODE: Record<string, number> = {
  FORBIDDEN: 403,
  UNAUTHENTICATED: 401,
  NOT_FOUND: 404,
  BAD_USER_INPUT: 400,
  GRAPHQL_VALIDATION_FAILED: 400,
  GRAPHQL_PARSE_FAILED: 400,
  STRAPI_PAGINATION_ERROR: 400,
};

const readBody = async (ctx: Ctx, limit: number): Promise<string> => {
  const declared = Number(ctx.get('content-length') || 0);
  if (declared > limit) throw new GraphqlRejected(`Request body is larger than ${limit} bytes`, 413);
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of ctx.req) {
    const buffer = Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk);
    size += buffer.length;
    if (size > limit) throw new GraphqlRejected(`Request body is larger than ${limit} bytes`, 413);
    chunks.push(buffer);
  }
  const bytes = Buffer.concat(chunks);
  const text = bytes.toString('utf8');
  if (!Buffer.from(text, 'utf8').equals(bytes)) throw new GraphqlRejected('Request body is not valid UTF-8');
  return text;
};

const checkShape = (body: unknown): { query: string } => {
  if (Array.isArray(body))
    throw new GraphqlRejected('Batched operations are not supported: send one operation per request');
  if (typeof body !== 'object' || body === null)
    throw new GraphqlRejected('The body must be a JSON object with a "query" string');
  const { query, variables, operationName } = body as Record<string, unknown>;
  if (typeof query !== 'string' || query.trim() === '') throw new GraphqlRejected('"query" must be a non-empty string');
  if (variables !== undefined && variables !== null && (typeof variables !== 'object' || Array.isArray(variables))) {
    throw new GraphqlRejected('"variables" must be an object');
  }
  if (operationName !== undefined && operationName !== null && typeof operationName !== 'string') {
    throw new GraphqlRejected('"operationName" must be a string');
  }
  return { query };
};

const checkFragments = (fragments: Map<string, FragmentDefinitionNode>, document: DocumentNode): void => {
  const spreadsOf = (set: SelectionSetNode | undefined, out: string[] = []): string[] => {
    for (const selection of set?.selections ?? []) {
      if (selection.kind === Kind.FRAGMENT_SPREAD) out.push(selection.name.value);
      else spreadsOf(selection.selectionSet, out);
    }
    return out;
  };
  const visiting = new Set<string>();
  const done = new Set<string>();
  const visit = (name: string): void => {
    if (done.has(name)) return;
    const fragment = fragments.get(name);
    if (!fragment) throw new GraphqlRejected(`Unknown fragment "${name}"`);
    if (visiting.has(name)) throw new GraphqlRejected(`Fragment "${name}" spreads itself (a fragment cycle)`);
    visiting.add(name);
    spreadsOf(fragment.selectionSet).forEach(visit);
    visiting.delete(name);
    done.add(name);
  };
  for (const definition of document.definitions) {
    if (definition.kind === Kind.OPERATION_DEFINITION) spreadsOf(definition.selectionSet).forEach(visit);
  }
  fragments.forEach((_, name) => visit(name));
};

const checkDocument = (
  query: string,
  limits: { maxAliases: number; maxFields: number; maxDirectives: number },
): void => {
  let document: DocumentNode;
  try {
    document = parse(query, { maxTokens: 20000 });
  } catch (error) {
    throw new GraphqlRejected(`Syntax error: ${(error as Error).message}`);
  }
  let aliases = 0;
  let fields = 0;
  let directives = 0;
  const fragments = new Map<string, FragmentDefinitionNode>();
  const walk = (set: SelectionSetNode | undefined): void => {
    for (const selection of set?.selections ?? []) {
      directives += selection.directives?.length ?? 0;
      if (selection.kind === Kind.FIELD) {
        fields += 1;
        if (selection.alias) aliases += 1;
      }
      if (selection.kind !== Kind.FRAGMENT_SPREAD) walk(selection.selectionSet);
    }
  };
  for (const definition of document.definitions) {
    if (definition.kind === Kind.OPERATION_DEFINITION) {
      if (definition.operation === 'subscription') throw new GraphqlRejected('Subscriptions are not supported');
      walk(definition.selectionSet);
    } else if (definition.kind === Kind.FRAGMENT_DEFINITION) {
      if (fragments.has(definition.name.value))
        throw new GraphqlRejected(`Fragment "${definition.name.value}" is defined twice`);
      fragments.set(definition.name.value, definition);
      walk(definition.selectionSet);
    }
  }
  if (aliases > limits.maxAliases)
    throw new GraphqlRejected(`The query uses ${aliases} aliases; at most ${limits.maxAliases} are allowed`);
  if (fields > limits.maxFields)
    throw new GraphqlRejected(`The query selects ${fields} fields; at most ${limits.maxFields} are allowed`);
  if (directives > limits.maxDirectives) {
    throw new GraphqlRejected(`The query uses ${directives} directives; at most ${limits.maxDirectives} are allowed`);
  }
  checkFragments(fragments, document);
};

/** 403/401/404/400 for an answer that holds errors and no data; undefined to keep 200. */
const statusOfErrorOnlyAnswer = (text: string): number | undefined => {
  let answer: { data?: Record<string, unknown> | null; errors?: { extensions?: { code?: string } }[] };
  try {
    answer = JSON.parse(text) as typeof answer;
  } catch {
    return undefined;
  }
  if (!Array.isArray(answer.errors) || answer.errors.length === 0) return undefined;
  const noData =
    answer.data === null || answer.data === undefined || Object.values(answer.data).every((v) => v === null);
  if (!noData) return undefined;
  return STATUS_BY_CODE[answer.errors[0]?.extensions?.code ?? ''];
};

const graphqlGuard = (config: GraphqlGuardConfig) => {
  const maxBodyBytes = config.maxBodyBytes ?? 1024 * 1024;
  const limits = {
    maxAliases: config.maxAliases,
    maxFields: config.maxFields,
    maxDirectives: config.maxDirectives ?? 50,
  };

  return async (ctx: Ctx, next: Next): Promise<unknown> => {
    if (surfaceOf(ctx).kind !== 'graphql') return next();
    try {
      if (ctx.method === 'POST') {
        const type = ctx.get('content-type');
        if (!/^application\/(graphql-response\+)?json\b/i.test(type)) {
          throw new GraphqlRejected('Send the operation as JSON (content-type: application/json)', 415);
        }
        const text = await readBody(ctx, maxBodyBytes);
        let body: unknown;
        try {
          body = JSON.parse(text);
        } catch {
          throw new GraphqlRejected('The body is not valid JSON');
        }
        checkDocument(checkShape(body).query, limits);
        ctx.request.body = body;
      } else if (ctx.method === 'GET' && typeof ctx.query.query === 'string') {
        checkDocument(ctx.query.query, limits);
      }
    } catch (error) {
      if (!(error instanceof GraphqlRejected)) throw error;
      ctx.status = error.status;
      ctx.body = { errors: [{ message: error.message, extensions: { code: 'BAD_REQUEST' } }] };
      return undefined;
    }

    await next();
    if (ctx.status === 200 && typeof ctx.body === 'string') {
      const status = statusOfErrorOnlyAnswer(ctx.body);
      if (status) ctx.status = status;
    }
    return undefined;
  };
};

export default graphqlGuard;
