import fs from 'fs';
import os from 'os';
import path from 'path';
import { freePort } from './cms-process';

/**
 * A real S3 API on loopback for the media tests: s3rver (npm, a widely used
 * S3-compatible server in Node.js, used by serverless-offline for the same
 * purpose). It speaks the S3 REST protocol over HTTP — SigV4-signed PUT/GET/
 * DELETE/HEAD, ListObjects, path-style addressing — and checks the signature
 * against its credentials (S3RVER / S3RVER), so the CMS talks to it exactly
 * as to AWS S3, R2 or MinIO, through the official AWS SDK in Strapi's provider.
 * It is untyped: the part used here.
 */
type S3rverInstance = { run(): Promise<unknown>; close(): Promise<void> };
type S3rverOptions = {
  port: number;
  address: string;
  directory: string;
  silent: boolean;
  configureBuckets: { name: string }[];
};
// eslint-disable-next-line @typescript-eslint/no-require-imports
const S3rver = require('s3rver') as new (options: S3rverOptions) => S3rverInstance;

export type S3Server = {
  endpoint: string;
  /** The S3_* variables of a CMS (or script) storing its media in `bucket`. */
  env: (bucket: string) => Record<string, string>;
  /** The objects stored in a bucket (their keys), read from the server's own folder. */
  keys: (bucket: string) => string[];
  stop: () => Promise<void>;
};

export const startS3Server = async (buckets: string[]): Promise<S3Server> => {
  const directory = fs.mkdtempSync(path.join(os.tmpdir(), 'newsroom-s3-'));
  const port = await freePort();
  const server = new S3rver({
    port,
    address: '127.0.0.1',
    directory,
    silent: true,
    configureBuckets: buckets.map((name) => ({ name })),
  });
  await server.run();
  const endpoint = `http://127.0.0.1:${port}`;
  return {
    endpoint,
    env: (bucket) => ({
      S3_BUCKET: bucket,
      S3_REGION: 'us-east-1',
      S3_ENDPOINT: endpoint,
      S3_ACCESS_KEY_ID: 'S3RVER',
      S3_SECRET_ACCESS_KEY: 'S3RVER',
      S3_FORCE_PATH_STYLE: 'true',
    }),
    keys: (bucket) => {
      const dir = path.join(directory, bucket);
      if (!fs.existsSync(dir)) return [];
      // s3rver keeps each object as <key>._S3rver_object beside its metadata files.
      const walk = (d: string): string[] =>
        fs.readdirSync(d, { withFileTypes: true }).flatMap((e) => {
          const p = path.join(d, e.name);
          if (e.isDirectory()) return walk(p);
          return e.name.endsWith('._S3rver_object') ? [path.relative(dir, p).replace(/\._S3rver_object$/, '')] : [];
        });
      return walk(dir).sort();
    },
    stop: async () => {
      await server.close();
      fs.rmSync(directory, { recursive: true, force: true });
    },
  };
};
