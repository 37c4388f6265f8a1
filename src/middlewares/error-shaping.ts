/**
 * Gives every error answer outside the admin panel Strapi's JSON error shape,
 * `{ data: null, error: { status, name, message, details } }`:
 * - the router's bare-text `405 Method Not Allowed`, and `501 Not Implemented`
 *   for methods no route knows (TRACE, PROPFIND…), which is the client's
 *   mistake and therefore answered 405 as well, with an `Allow`-style message;
 * - other 4xx answers whose body is text or empty (e.g. from static files).
 * Errors thrown with a 4xx status (http-errors from koa-static's path checks,
 * `expose: true`) are answered here as JSON without a stack-trace log line.
 * JSON bodies (Strapi's own errors, GraphQL answers) are left untouched.
 */
import { sendError } from '../http/errors';
import { surfaceOf, type SurfaceState } from '../http/surface';

type Ctx = {
  path: string;
  state: SurfaceState;
  get: (name: string) => string;
  method: string;
  status: number;
  body: unknown;
  type: string;
  response: { get: (header: string) => string };
};
type Next = () => Promise<unknown>;

type HttpError = Error & { status?: number; statusCode?: number; expose?: boolean };

const errorShaping =
  () =>
  async (ctx: Ctx, next: Next): Promise<void> => {
    if (surfaceOf(ctx).kind === 'admin') {
      await next();
      if (ctx.status === 405 || ctx.status === 501)
        sendError(ctx, 405, `Method ${ctx.method} is not allowed on ${ctx.path}`);
      return;
    }
    try {
      await next();
    } catch (error) {
      const status = (error as HttpError).status ?? (error as HttpError).statusCode;
      if (typeof status === 'number' && status >= 400 && status < 500 && (error as HttpError).expose !== false) {
        sendError(ctx, status, (error as Error).message || 'Bad request');
        return;
      }
      throw error;
    }
    if (ctx.status === 501 || (ctx.status === 405 && typeof ctx.body !== 'object')) {
      sendError(ctx, 405, `Method ${ctx.method} is not allowed on ${ctx.path}`);
      return;
    }
    const textual = ctx.body === undefined || ctx.body === null || typeof ctx.body === 'string';
    if (ctx.status >= 400 && ctx.status < 500 && textual && !ctx.type.includes('json')) {
      sendError(ctx, ctx.status, typeof ctx.body === 'string' && ctx.body ? ctx.body : 'Request refused');
    }
  };

export default errorShaping;
