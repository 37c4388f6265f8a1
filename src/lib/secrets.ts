type EnvReader = (key: string, fallback?: string) => string | undefined;

/** Values that ship in templates and tutorials and therefore are no secret. */
const KNOWN_PLACEHOLDERS = new Set(['', 'tobemodified', 'changeme', 'change-me', 'secret', 'placeholder']);

const isPlaceholder = (value: string): boolean =>
  value
    .split(',')
    .map((part) => part.trim().toLowerCase())
    .some((part) => KNOWN_PLACEHOLDERS.has(part) || part.startsWith('tobemodified'));

/**
 * Reads a secret from the environment. A missing secret stops the process with
 * a message naming it (`npm run setup:env` writes fresh ones into .env); in
 * production a known placeholder value is refused as well.
 */
export const readSecret = (env: EnvReader, key: string): string => {
  const value = env(key);
  if (value === undefined || value.trim() === '') {
    throw new Error(`Missing secret ${key}: set it in the environment or run "npm run setup:env" to create .env`);
  }
  if (env('NODE_ENV') === 'production' && isPlaceholder(value)) {
    throw new Error(`Secret ${key} still holds a placeholder value: set a random one before starting in production`);
  }
  return value;
};

export const readSecretList = (env: EnvReader, key: string): string[] =>
  readSecret(env, key)
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
