/**
 * Where uploaded media live: the local folder (public/uploads, the default) or
 * an S3-compatible bucket (AWS S3, Cloudflare R2, MinIO, …) through Strapi's
 * official provider, @strapi/provider-upload-aws-s3, when S3_BUCKET is set.
 * Several instances behind a load balancer need the bucket: a file uploaded
 * through one is then served to all. Read by config/plugins.ts (the provider),
 * config/middlewares.ts (CSP img-src/media-src) and scripts/media-migrate.ts.
 */

/** The part of Strapi's `env` helper these settings use (config files get it; scripts pass a stand-in). */
export type EnvReader = {
  (name: string, fallback: string): string;
  bool: (name: string, fallback: boolean) => boolean;
};

export type S3Storage = {
  bucket: string;
  region: string;
  /** Empty for AWS itself; e.g. `https://<account>.r2.cloudflarestorage.com` or `http://minio:9000`. */
  endpoint: string;
  accessKeyId: string;
  secretAccessKey: string;
  /** Base of the public file URLs (a CDN or the bucket's public domain); empty: the URL S3 returns. */
  publicUrl: string;
  /** `https://endpoint/bucket/key` instead of `https://bucket.endpoint/key` (MinIO, most self-hosted stores). */
  forcePathStyle: boolean;
  /** Key prefix inside the bucket. */
  rootPath: string;
  /** Canned ACL sent with each object; empty sends none (R2, buckets with ACLs disabled). */
  acl: string;
};

export const s3Storage = (env: EnvReader): S3Storage | null => {
  const bucket = env('S3_BUCKET', '').trim();
  if (!bucket) return null;
  const acl = env('S3_ACL', 'public-read').trim();
  return {
    bucket,
    region: env('S3_REGION', 'us-east-1'),
    endpoint: env('S3_ENDPOINT', '').replace(/\/+$/, ''),
    accessKeyId: env('S3_ACCESS_KEY_ID', ''),
    secretAccessKey: env('S3_SECRET_ACCESS_KEY', ''),
    publicUrl: env('S3_PUBLIC_URL', '').replace(/\/+$/, ''),
    forcePathStyle: env.bool('S3_FORCE_PATH_STYLE', false),
    rootPath: env('S3_ROOT_PATH', '').replace(/^\/+|\/+$/g, ''),
    acl: acl === 'none' ? '' : acl,
  };
};

/**
 * The origin browsers load media from, for the Content-Security-Policy: the
 * public base URL when set, else the bucket's own address (path-style or
 * virtual-hosted, on the endpoint or on AWS).
 */
export const mediaOrigin = (s3: S3Storage): string => {
  if (s3.publicUrl) return new URL(s3.publicUrl).origin;
  if (s3.endpoint) {
    const url = new URL(s3.endpoint);
    return s3.forcePathStyle ? url.origin : `${url.protocol}//${s3.bucket}.${url.host}`;
  }
  return s3.forcePathStyle
    ? `https://s3.${s3.region}.amazonaws.com`
    : `https://${s3.bucket}.s3.${s3.region}.amazonaws.com`;
};

/** The upload plugin's configuration (`config/plugins.ts` → `upload.config`). */
export const uploadProviderConfig = (s3: S3Storage) => ({
  provider: 'aws-s3',
  providerOptions: {
    ...(s3.publicUrl ? { baseUrl: s3.publicUrl } : {}),
    ...(s3.rootPath ? { rootPath: s3.rootPath } : {}),
    s3Options: {
      region: s3.region,
      ...(s3.endpoint ? { endpoint: s3.endpoint } : {}),
      forcePathStyle: s3.forcePathStyle,
      ...(s3.accessKeyId ? { credentials: { accessKeyId: s3.accessKeyId, secretAccessKey: s3.secretAccessKey } } : {}),
      // AWS SDK ≥ 3.729 adds CRC32 checksums (and aws-chunked bodies for streams) to every upload by default;
      // many S3-compatible stores reject or mis-store those. Only where an operation requires one.
      requestChecksumCalculation: 'WHEN_REQUIRED',
      responseChecksumValidation: 'WHEN_REQUIRED',
      // The provider sends params.ACL, and public-read when the key is absent: undefined sends none.
      params: { Bucket: s3.bucket, ACL: s3.acl || undefined },
    },
  },
});
