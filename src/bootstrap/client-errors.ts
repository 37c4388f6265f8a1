import type { Socket } from 'net';
import type { Core } from '@strapi/strapi';

/**
 * Requests Node's HTTP parser refuses never reach Koa: headers larger than
 * Node's `maxHeaderSize` (16 KB by default), or bytes that are not HTTP.
 * Node would answer `431`/`400` with an empty body; this answers them with the
 * same status and the API's JSON error shape, then closes the connection.
 */
const STATUS_BY_CODE: Record<string, [number, string, string]> = {
  HPE_HEADER_OVERFLOW: [431, 'Request Header Fields Too Large', 'The request headers are too large'],
  HPE_URI_TOO_LONG: [414, 'URI Too Long', 'The request target is too long'],
};

export const answerClientErrorsAsJson = (strapi: Core.Strapi): void => {
  strapi.server.httpServer.on('clientError', (error: Error & { code?: string }, socket: Socket) => {
    if (!socket.writable || (socket as Socket & { _httpMessage?: unknown })._httpMessage) {
      socket.destroy();
      return;
    }
    const [status, reason, message] = STATUS_BY_CODE[error.code ?? ''] ?? [
      400,
      'Bad Request',
      'Malformed HTTP request',
    ];
    const body = JSON.stringify({ data: null, error: { status, name: 'BadRequestError', message, details: {} } });
    socket.end(
      `HTTP/1.1 ${status} ${reason}\r\nContent-Type: application/json; charset=utf-8\r\n` +
        `Content-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
    );
  });
};
