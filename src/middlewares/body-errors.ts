import type { Context, Next } from 'koa';
import { sendError } from '../http/errors';

/**
 * Just inside `strapi::body` (config/middlewares.ts): a multipart body that
 * formidable (koa-body's parser, behind Strapi's body middleware) cannot read
 * is the client's fault, but Strapi rethrows the parser's error, which becomes
 * a 500 — only `maxFileSize` is mapped (to 413). This answers every parser
 * refusal with a JSON 4xx on every route that takes a body (the upload routes
 * first): a malformed or truncated body or a missing boundary → 400, too many
 * or too large fields or files → 413.
 *
 * formidable 2.x marks its own errors with a numeric `code` (1000–1099, its
 * FormidableError constants) and an `httpCode`; nothing downstream uses formidable.
 */
type FormidableError = Error & { code: number; httpCode: number };

// formidable's constants maxFieldsSizeExceeded, maxFieldsExceeded and biggerThanMaxFileSize.
const TOO_LARGE = new Set([1006, 1007, 1009]);

const isFormidableError = (error: unknown): error is FormidableError =>
  error instanceof Error &&
  typeof (error as Partial<FormidableError>).code === 'number' &&
  typeof (error as Partial<FormidableError>).httpCode === 'number' &&
  (error as FormidableError).code >= 1000 &&
  (error as FormidableError).code < 1100;

export default () => async (ctx: Context, next: Next) => {
  try {
    await next();
  } catch (error) {
    if (!isFormidableError(error)) throw error;
    const tooLarge = TOO_LARGE.has(error.code) || error.httpCode === 413;
    sendError(
      ctx,
      tooLarge ? 413 : 400,
      tooLarge ? 'The multipart body is too large' : 'The multipart body could not be read (malformed or truncated)',
      { reason: error.message.replace(/\s*\(.*$/, '') },
    );
  }
};
