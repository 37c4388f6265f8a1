type EnvReader = (key: string, fallback?: string) => string | undefined;

/**
 * Values that ship in templates, tutorials and Strapi's own starters
 * (`toBeModified1,toBeModified2`, `tobemodified`, `myKeyA,myKeyB`, `someSecret`…)
 * and therefore are no secret. Compared case-insensitively, per comma-separated part.
 */
const KNOWN_PLACEHOLDERS = new Set([
  '',
  'tobemodified',
  'changeme',
  'change-me',
  'change_me',
  'changethis',
  'secret',
  'mysecret',
  'somesecret',
  'placeholder',
  'mykeya',
  'mykeyb',
  'mykeyc',
  'mykeyd',
  'key1',
  'key2',
  'password',
  'default',
  'example',
  'test',
  'token',
  'salt',
  'replaceme',
  'replace-me',
  'xxx',
  'todo',
]);

/** In production every secret (each APP_KEYS part) must be at least this long. */
export const MIN_SECRET_LENGTH = 16;

const isPlaceholder = (value: string): boolean =>
  value
    .split(',')
    .map((part) => part.trim().toLowerCase())
    .some((part) => KNOWN_PLACEHOLDERS.has(part) || part.startsWith('tobemodified') || /^(.)\1*$/.test(part));

const isTooShort = (value: string): boolean =>
  value
    .split(',')
    .map((part) => part.trim())
    .some((part) => part.length < MIN_SECRET_LENGTH);

/**
 * Reads a secret from the environment. A missing secret stops the process with
 * a message naming it (`npm run setup:env` writes fresh ones into .env); in
 * production a known placeholder value, or one shorter than 16 characters, is
 * refused as well.
 */
export const readSecret = (env: EnvReader, key: string): string => {
  const value = env(key);
  if (value === undefined || value.trim() === '') {
    throw new Error(`Missing secret ${key}: set it in the environment or run "npm run setup:env" to create .env`);
  }
  if (env('NODE_ENV') === 'production' && isPlaceholder(value)) {
    throw new Error(`Secret ${key} still holds a placeholder value: set a random one before starting in production`);
  }
  if (env('NODE_ENV') === 'production' && isTooShort(value)) {
    throw new Error(
      `Secret ${key} is shorter than ${MIN_SECRET_LENGTH} characters: set a random one before starting in production`,
    );
  }
  return value;
};

export const readSecretList = (env: EnvReader, key: string): string[] =>
  readSecret(env, key)
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
