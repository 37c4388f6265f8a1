/**
 * Strapi's JSON error body, `{ data: null, error: { status, name, message, details } }`,
 * made in one place for every answer the project itself refuses (rate limit,
 * request guard, error shaping, the publishing controller). GraphQL refusals
 * keep GraphQL's own `{ errors: [...] }` shape (src/middlewares/graphql-guard.ts).
 */
const NAMES: Record<number, string> = {
  400: 'BadRequestError',
  401: 'UnauthorizedError',
  403: 'ForbiddenError',
  404: 'NotFoundError',
  405: 'MethodNotAllowedError',
  413: 'PayloadTooLargeError',
  415: 'UnsupportedMediaTypeError',
  429: 'TooManyRequestsError',
};

export type ErrorBody = {
  data: null;
  error: { status: number; name: string; message: string; details: Record<string, unknown> };
};

export const errorBody = (
  status: number,
  message: string,
  details: Record<string, unknown> = {},
  name: string = NAMES[status] ?? 'ClientError',
): ErrorBody => ({ data: null, error: { status, name, message, details } });

/** Answers the request with `status` and the error body (`name` defaults to Strapi's name for the status). */
export const sendError = (
  ctx: { status: number; body: unknown },
  status: number,
  message: string,
  details?: Record<string, unknown>,
  name?: string,
): void => {
  ctx.status = status;
  ctx.body = errorBody(status, message, details, name);
};
