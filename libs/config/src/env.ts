import { join } from 'node:path';
import { z } from 'zod';

/**
 * Typed reads of the environment, shared by every deployable so that a setting is parsed the same
 * way everywhere and a typo stops start-up with the variable's name instead of becoming NaN.
 * Empty strings count as unset (compose files pass `VAR=` for "use the default").
 */
type Env = NodeJS.ProcessEnv;

const port = z.coerce.number().int().min(0).max(65535);
const positive = z.coerce.number().int().positive().max(2_147_483_647);

function read<T>(env: Env, name: string, schema: z.ZodType<T>, fallback: T, expected: string): T {
  const raw = env[name];
  if (raw === undefined || raw.trim() === '') return fallback;
  const parsed = schema.safeParse(raw.trim());
  if (!parsed.success) throw new Error(`${name} must be ${expected}, got "${raw}"`);
  return parsed.data;
}

/** A string setting; `fallback` when unset or empty. */
export function envString(env: Env, name: string, fallback: string): string {
  const raw = env[name];
  return raw === undefined || raw.trim() === '' ? fallback : raw.trim();
}

/** An optional string setting (e.g. a database URL); undefined when unset or empty. */
export function envOptional(env: Env, name: string): string | undefined {
  const raw = env[name];
  return raw === undefined || raw.trim() === '' ? undefined : raw.trim();
}

/**
 * A secret (a key, a password) of at least `minLength` characters; undefined when unset. Too
 * short stops start-up naming the variable (never its value).
 */
export function envSecret(env: Env, name: string, minLength: number): string | undefined {
  const value = envOptional(env, name);
  if (value !== undefined && value.length < minLength) throw new Error(`${name} must be at least ${minLength} characters long`);
  return value;
}

/** A TCP port, 0-65535 (0 = let the OS pick a free one). */
export function envPort(env: Env, name: string, fallback: number): number {
  return read(env, name, port, fallback, 'a port number from 0 to 65535');
}

/** A TCP port as envPort, or `off`: undefined (the feature it serves is switched off). */
export function envPortOrOff(env: Env, name: string, fallback: number): number | undefined {
  const raw = env[name];
  if (raw !== undefined && raw.trim().toLowerCase() === 'off') return undefined;
  return read(env, name, port, fallback, 'a port number from 0 to 65535, or off');
}

/** A positive whole number, e.g. a timeout in milliseconds. */
export function envPositiveInt(env: Env, name: string, fallback: number): number {
  return read(env, name, positive, fallback, 'a positive whole number');
}

const whole = z.coerce.number().int().min(0).max(2_147_483_647);

/** A whole number, 0 or more, e.g. a grace period that may be switched off. */
export function envWholeNumber(env: Env, name: string, fallback: number): number {
  return read(env, name, whole, fallback, 'a whole number, 0 or more');
}

/** One of `choices` (case-insensitive in the environment, returned as written in `choices`). */
export function envChoice<T extends string>(env: Env, name: string, choices: readonly T[], fallback: T): T {
  const raw = env[name];
  if (raw === undefined || raw.trim() === '') return fallback;
  const found = choices.find((choice) => choice.toLowerCase() === raw.trim().toLowerCase());
  if (!found) throw new Error(`${name} must be one of ${choices.join(', ')}, got "${raw}"`);
  return found;
}

/** DATA_DIR (default ./data) joined with a service's SQLite file name. */
export function sqliteFile(env: Env, fileName: string): string {
  return join(envString(env, 'DATA_DIR', './data'), fileName);
}
