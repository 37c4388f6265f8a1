import { createHmac, randomBytes, timingSafeEqual } from 'crypto';

/** What a preview link grants: one locale version of one document, draft or published, to one admin user, until exp. */
export type PreviewClaims = {
  uid: string;
  documentId: string;
  locale: string;
  status: 'draft' | 'published';
  /** The admin user the link was made for (id), or null when made outside a request. */
  sub: number | null;
  /** Expiry, seconds since the epoch. */
  exp: number;
};

const b64 = (value: Buffer | string): string => Buffer.from(value).toString('base64url');
const mac = (secret: string, payload: string): Buffer => createHmac('sha256', secret).update(payload).digest();

/**
 * `<payload>.<signature>`: the claims as base64url JSON and their HMAC-SHA256
 * with the preview secret. No library: the token is read only by this CMS
 * (the external frontend asks the CMS to verify it), so JWT's algorithm
 * negotiation and headers would add nothing but ways to get it wrong.
 */
export const signPreviewToken = (claims: PreviewClaims, secret: string): string => {
  const payload = b64(JSON.stringify(claims));
  return `${payload}.${b64(mac(secret, payload))}`;
};

export type VerifyResult =
  { ok: true; claims: PreviewClaims } | { ok: false; reason: 'malformed' | 'signature' | 'expired' };

const isClaims = (value: unknown): value is PreviewClaims => {
  const v = value as Partial<PreviewClaims> | null;
  return (
    typeof v === 'object' &&
    v !== null &&
    typeof v.uid === 'string' &&
    typeof v.documentId === 'string' &&
    typeof v.locale === 'string' &&
    (v.status === 'draft' || v.status === 'published') &&
    typeof v.exp === 'number' &&
    (v.sub === null || typeof v.sub === 'number')
  );
};

/** Checks the signature in constant time, then the expiry against `now` (ms). */
export const verifyPreviewToken = (token: unknown, secret: string, now: number = Date.now()): VerifyResult => {
  if (typeof token !== 'string' || token.length > 2048) return { ok: false, reason: 'malformed' };
  const [payload, signature, extra] = token.split('.');
  if (!payload || !signature || extra !== undefined) return { ok: false, reason: 'malformed' };
  const expected = mac(secret, payload);
  const given = Buffer.from(signature, 'base64url');
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return { ok: false, reason: 'signature' };
  let claims: unknown;
  try {
    claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
  } catch {
    return { ok: false, reason: 'malformed' };
  }
  if (!isClaims(claims)) return { ok: false, reason: 'malformed' };
  if (claims.exp * 1000 <= now) return { ok: false, reason: 'expired' };
  return { ok: true, claims };
};

const processSecret = randomBytes(32).toString('hex');

/** PREVIEW_SECRET, or a key made at start (links then die with the process and are not shared between instances). */
export const previewSecret = (configured: string): string => configured || processSecret;
