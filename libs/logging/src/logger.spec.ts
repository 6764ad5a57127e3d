import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Writable } from 'node:stream';
import { createLogger } from './logger.js';

function capture(): { stream: Writable; lines: Record<string, unknown>[] } {
  const lines: Record<string, unknown>[] = [];
  const stream = new Writable({ write(chunk: Buffer, _encoding, done) { lines.push(JSON.parse(chunk.toString())); done(); } });
  return { stream, lines };
}

test('JSON lines carry the service, an ISO time and the message; LOG_LEVEL filters', () => {
  const { stream, lines } = capture();
  const logger = createLogger('product-service', { LOG_LEVEL: 'warn' }, stream);
  logger.info('hidden');
  logger.warn({ port: 1 }, 'shown');
  assert.equal(lines.length, 1);
  assert.deepEqual([lines[0]?.['service'], lines[0]?.['msg'], lines[0]?.['port']], ['product-service', 'shown', 1]);
  assert.match(String(lines[0]?.['time']), /^\d{4}-\d\d-\d\dT/);
});
