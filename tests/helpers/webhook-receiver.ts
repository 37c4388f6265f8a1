import http from 'http';
import type { AddressInfo } from 'net';

export type WebhookDelivery = { headers: http.IncomingHttpHeaders; body: Record<string, unknown> };

export type WebhookReceiver = {
  url: string;
  deliveries: WebhookDelivery[];
  /** Resolves with the first delivery (already received or to come) that matches, or rejects after `ms`. */
  waitFor: (match: (d: WebhookDelivery) => boolean, ms?: number) => Promise<WebhookDelivery>;
  close: () => Promise<void>;
};

/** An HTTP server on 127.0.0.1 that records every JSON POST, as a frontend's revalidation endpoint would get it. */
export const startWebhookReceiver = async (): Promise<WebhookReceiver> => {
  const deliveries: WebhookDelivery[] = [];
  const server = http.createServer((req, res) => {
    let text = '';
    req.on('data', (chunk: Buffer) => (text += chunk.toString()));
    req.on('end', () => {
      try {
        deliveries.push({ headers: req.headers, body: JSON.parse(text) as Record<string, unknown> });
      } catch {
        deliveries.push({ headers: req.headers, body: { unparsed: text } });
      }
      res.writeHead(200, { 'content-type': 'application/json' }).end('{"revalidated":true}');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const waitFor = async (match: (d: WebhookDelivery) => boolean, ms = 15000): Promise<WebhookDelivery> => {
    const deadline = Date.now() + ms;
    for (;;) {
      const found = deliveries.find(match);
      if (found) return found;
      if (Date.now() > deadline) throw new Error(`no matching webhook within ${ms} ms (got ${deliveries.length})`);
      await new Promise((r) => setTimeout(r, 100));
    }
  };
  return {
    url: `http://127.0.0.1:${port}/revalidate`,
    deliveries,
    waitFor,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
};
