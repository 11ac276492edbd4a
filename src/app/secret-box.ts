/**
 * Encryption of the secrets the database must hold (the SMTP password): AES-256-GCM with a key
 * kept outside the database, so that a copy of the database alone does not give them away.
 * The key is DJBOOKER_SECRET_KEY (base64 of 32 bytes) or, for the embedded database, the file
 * `secret.key` created beside it with mode 0600.
 */
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { AppError } from './errors';

export const SECRET_KEY_ENV = 'DJBOOKER_SECRET_KEY';
export const SECRET_KEY_FILE = 'secret.key';

export interface SecretBox {
  /** `context` binds the ciphertext to where it is stored (e.g. one workspace's settings). */
  seal(plain: string, context: string): string;
  /** Throws AppError('invalid_input') when the key changed or the text was altered. */
  open(sealed: string, context: string): string;
}

const VERSION = 'v1';

export function secretBoxFromKey(key: Buffer): SecretBox {
  if (key.length !== 32) throw new Error('the secret key must be 32 bytes');
  return {
    seal(plain, context) {
      const iv = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', key, iv);
      cipher.setAAD(Buffer.from(context, 'utf8'));
      const data = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
      return [VERSION, iv.toString('base64'), cipher.getAuthTag().toString('base64'), data.toString('base64')].join(':');
    },
    open(sealed, context) {
      const [version, iv, tag, data] = sealed.split(':');
      try {
        if (version !== VERSION || !iv || !tag || data === undefined) throw new Error('format');
        const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(iv, 'base64'));
        decipher.setAAD(Buffer.from(context, 'utf8'));
        decipher.setAuthTag(Buffer.from(tag, 'base64'));
        return Buffer.concat([decipher.update(Buffer.from(data, 'base64')), decipher.final()]).toString('utf8');
      } catch {
        throw AppError.worded('invalid_input', 'error.secret.undecryptable', { env: SECRET_KEY_ENV, file: SECRET_KEY_FILE });
      }
    },
  };
}

/** The key a DJBOOKER_SECRET_KEY value gives, or null when it is not the base64 of 32 bytes. */
function keyFromText(value: string): Buffer | null {
  const key = Buffer.from(value.trim(), 'base64');
  return key.length === 32 && key.toString('base64') === value.trim() ? key : null;
}

export function isSecretKeyText(value: string): boolean {
  return keyFromText(value) !== null;
}

function keyFromEnv(value: string): Buffer {
  const key = keyFromText(value);
  if (!key) throw AppError.worded('invalid_input', 'error.secret.badEnv', { env: SECRET_KEY_ENV });
  return key;
}

/**
 * The key: DJBOOKER_SECRET_KEY (parsed by ./env), else from `dataDir/secret.key` (created at first use, readable by
 * its owner only). Without a data directory (PostgreSQL), the environment variable is required.
 */
export function loadSecretKey(options: { secretKey: string | undefined; dataDir: string | null }): Buffer {
  if (options.secretKey) return keyFromEnv(options.secretKey);
  if (options.dataDir === null) {
    throw AppError.worded('invalid_input', 'error.secret.postgres', { env: SECRET_KEY_ENV });
  }
  const path = join(options.dataDir, SECRET_KEY_FILE);
  try {
    writeFileSync(path, randomBytes(32).toString('base64') + '\n', { mode: 0o600, flag: 'wx' });
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
  }
  const text = readFileSync(path, 'utf8').trim();
  const key = Buffer.from(text, 'base64');
  if (key.length !== 32) throw AppError.worded('invalid_input', 'error.secret.badFile', { path });
  return key;
}

export function openSecretBox(options: { secretKey: string | undefined; dataDir: string | null }): SecretBox {
  return secretBoxFromKey(loadSecretKey(options));
}
