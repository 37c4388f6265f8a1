import http from 'http';
import type { AddressInfo } from 'net';
import { createPurgeHook } from '../../src/cache/purge-hook';

/**
 * The CDN purge hook POSTs each purge's keys as JSON, retries a failed POST
 * with backoff and never throws into the caller (the editor's write).
 */
describe('CDN purge hook', () => {
  let server: http.Server;
  let url: string;
  const received: { keys: string[] }[] = [];
  let failuresLeft = 0;
  let notify: (() => void) | undefined;

  beforeAll(async () => {
    server = http.createServer((req, res) => {
      let body = '';
      req.on('data', (chunk: Buffer) => (body += chunk.toString()));
      req.on('end', () => {
        if (failuresLeft > 0) {
          failuresLeft -= 1;
          res.writeHead(503).end();
          return;
        }
        expect(req.method).toBe('POST');
        expect(req.headers['content-type']).toBe('application/json');
        received.push(JSON.parse(body) as { keys: string[] });
        res.writeHead(204).end();
        notify?.();
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/purge`;
  });
  afterAll(async () => new Promise<void>((resolve) => server.close(() => resolve())));

  const delivered = () => new Promise<void>((resolve) => (notify = resolve));

  test('posts the keys, and retries after failures until the receiver accepts', async () => {
    const warnings: string[] = [];
    const hook = createPurgeHook({ url, backoffMs: 10, log: { warn: (m) => warnings.push(m) } });
    failuresLeft = 2;
    const arrived = delivered();
    expect(hook(['doc:abc', 'list:api::article.article:id'])).toBeUndefined();
    await arrived;
    expect(received.at(-1)).toEqual({ keys: ['doc:abc', 'list:api::article.article:id'] });
    expect(failuresLeft).toBe(0);
    expect(warnings).toEqual([]);
  });

  test('gives up after its attempts with a warning, without throwing', async () => {
    const warnings: string[] = [];
    const done = new Promise<void>((resolve) => {
      const hook = createPurgeHook({
        url: 'http://127.0.0.1:1/unreachable',
        attempts: 2,
        backoffMs: 5,
        log: {
          warn: (m) => {
            warnings.push(m);
            resolve();
          },
        },
      });
      hook(['*']);
    });
    await done;
    expect(warnings[0]).toMatch(/CDN purge of 1 key\(s\) failed after 2 attempts/);
  });
});
