import { randomUUID } from 'node:crypto';
import { EcommerceClient, type ClientOptions } from '@ecommerce/sdk';
import { GATEWAY_URL } from './endpoints.js';

/** An SDK client of the platform under test, configured the way a client app would configure it. */
export function platformClient(options: Partial<ClientOptions> = {}): EcommerceClient {
  return new EcommerceClient({ baseUrl: GATEWAY_URL, ...options });
}

/** A short random tag, so a spec can find its own rows among those other specs create. */
export function uniqueTag(): string {
  return randomUUID().slice(0, 8);
}

/** RFC 4122 UUID, as the platform's ids are. */
export const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** Where the gateway's problem `type` URIs live (docs/conventions.md, "REST contract"). */
export const PROBLEM_BASE = 'https://ecommerce.example.com/problems/';

/**
 * Awaits a call that must fail and returns its error, so a spec can assert on the error's class
 * and fields (`expect(...).rejects` checks only one property at a time).
 */
export async function failureOf(call: Promise<unknown>): Promise<unknown> {
  try {
    await call;
  } catch (error) {
    return error;
  }
  throw new Error('expected the call to fail, but it succeeded');
}
