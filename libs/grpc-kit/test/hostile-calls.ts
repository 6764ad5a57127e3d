// Hostile gRPC calls for property suites: raw request bytes (well-formed messages with hostile
// values, malformed protobuf, oversized messages) with hostile metadata, sent over real gRPC.
import fc from 'fast-check';
import { Client, Metadata, credentials, status, type ServiceDefinition, type ServiceError } from '@grpc/grpc-js';
import { checkSample, propertySeed } from '@ecommerce/testing';
import { decodeServiceError } from '../src/index.js';

/** One unary call as it goes on the wire. */
export interface HostileCall {
  method: string;
  path: string;
  bytes: Buffer;
  metadata: Record<string, string>;
}

/** How the server answered: its status, and the reason and field violations of a failure. */
export interface CallOutcome {
  code: status;
  message: string;
  reason?: string;
  fieldViolations: number;
}

/** What to send to one method. `poisons`: bytes appended to every request (the last value of a field wins). */
export interface MethodCases {
  /** The request object, encoded with the method's own serializer. */
  request: fc.Arbitrary<object>;
  /**
   * For methods that write: each poison makes any request invalid (an id that is not a UUID, a
   * negative quantity ...), so a well-formed request never gets through and changes data.
   */
  poisons?: Buffer[];
}

/** Field `field` of wire type 2 (a string, bytes or message) holding `value`. */
export function lengthDelimited(field: number, value: Buffer | string): Buffer {
  const bytes = typeof value === 'string' ? Buffer.from(value, 'utf8') : value;
  return Buffer.concat([varint((field << 3) | 2), varint(bytes.length), bytes]);
}

/** Field `field` of wire type 0 holding `value` (negative numbers take ten bytes, as int32/int64 do). */
export function varintField(field: number, value: number): Buffer {
  return Buffer.concat([varint(field << 3), varint(value)]);
}

function varint(value: number): Buffer {
  let rest = BigInt.asUintN(64, BigInt(value));
  const bytes: number[] = [];
  do {
    const low = Number(rest & 0x7fn);
    rest >>= 7n;
    bytes.push(rest > 0n ? low | 0x80 : low);
  } while (rest > 0n);
  return Buffer.from(bytes);
}

/** Text hostile input likes: controls, NUL, escapes, bidi overrides, emoji, lengths past every limit. */
export const hostileText: fc.Arbitrary<string> = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.constantFrom('', ' ', '\u0000', 'a\u0000b', '\u0007', '\u001b[31m', '\u007f', '\u0085', '\u202e', '🎧', 'é', 'x'.repeat(250), 'x'.repeat(2500)),
);

/** An id: one that exists, an unknown UUID (any case), or text that is no UUID at all. */
export function hostileId(known: readonly string[]): fc.Arbitrary<string> {
  return fc.oneof(
    ...(known.length > 0 ? [fc.constantFrom(...known)] : []),
    fc.uuid(),
    fc.uuid().map((id) => id.toUpperCase()),
    hostileText,
  );
}

/** Any int32 (what the wire can carry), and any int64 as ts-proto writes it (a decimal string). */
export const anyInt32 = fc.oneof(fc.integer({ min: -(2 ** 31), max: 2 ** 31 - 1 }), fc.constantFrom(0, -1, 1, 2 ** 31 - 1));
export const anyInt64 = fc.bigInt({ min: -(2n ** 63n), max: 2n ** 63n - 1n }).map(String);

/** Entity-tag lists: valid, weak, malformed, too many. */
export const hostileEtags = fc.array(fc.oneof(fc.constantFrom('*', '"1"', 'W/"1"', '"x', '""'), hostileText), { maxLength: 25 });

/** Protobuf that cannot be decoded, or decodes into strings that are not UTF-8. */
const MALFORMED = [
  [0x0a, 0x02, 0xff, 0xfe], // field 1: invalid UTF-8
  [0x0a, 0x03, 0xed, 0xa0, 0x80], // field 1: an encoded surrogate half
  [0x08, 0xff], // a truncated varint
  [0x0a, 0x7f, 0x41], // a length beyond the end
  [0x0d, 0x00], // a truncated fixed32
  [0x00, 0x01], // field number 0
  [0x0b, 0x0c], // a group (wire type 3), long deprecated
  [0x0f], // wire type 7 does not exist
  [0x12, 0x02, 0x0a, 0xff], // a nested message that is cut short
].map((bytes) => Buffer.from(bytes));

const validRequestId = fc.string({ unit: 'grapheme-ascii', minLength: 1, maxLength: 40 }).filter((id) => /^[\x21-\x7e]+$/.test(id));

/**
 * Metadata a careless or hostile direct caller sends: odd request ids and deadlines, filler up to
 * past 8 KB. Four calls in five carry acceptable metadata, so that their messages are judged too.
 */
export const hostileMetadata: fc.Arbitrary<Record<string, string>> = fc.oneof(
  { weight: 4, arbitrary: fc.record({ 'x-request-id': validRequestId }, { requiredKeys: [] }) },
  {
    weight: 1,
    arbitrary: fc.record({
      'x-request-id': fc.oneof(validRequestId, fc.constantFrom('', ' ', 'has space', 'r'.repeat(129), 'r'.repeat(4000), '<script>')),
      'x-deadline-ms': fc.oneof(
        fc.constantFrom('', '-1', '0', 'NaN', 'Infinity', '1e400', '9007199254740993', 'soon'),
        fc.integer({ min: 0, max: 2 ** 31 }).map(String),
      ),
      'x-filler': fc.constantFrom('f'.repeat(100), 'f'.repeat(8300)),
    }, { requiredKeys: [] }),
  },
);

/**
 * Hostile calls to every method of `definition` named in `cases`: a message from the method's
 * request arbitrary, raw random bytes, malformed protobuf or an oversized message, each followed
 * by one of the method's poisons, with hostile metadata.
 */
export function hostileCalls(definition: ServiceDefinition, cases: Record<string, MethodCases>): fc.Arbitrary<HostileCall> {
  return fc.oneof(...Object.entries(cases).map(([method, { request, poisons }]) => {
    const rpc = definition[method];
    if (!rpc) throw new Error(`no method ${method} in the service definition`);
    const message = fc.oneof(
      { weight: 6, arbitrary: request.map((value) => rpc.requestSerialize(value)) },
      { weight: 2, arbitrary: fc.uint8Array({ maxLength: 120 }).map((bytes) => Buffer.from(bytes)) },
      { weight: 1, arbitrary: fc.constantFrom(...MALFORMED) },
      { weight: 1, arbitrary: fc.constant(lengthDelimited(2, 'x'.repeat(70 * 1024))) },
    );
    const poison = poisons ? fc.constantFrom(...poisons) : fc.constant(Buffer.alloc(0));
    return fc.record({ message, poison, metadata: hostileMetadata }).map(({ message, poison, metadata }) => ({
      method, path: rpc.path, bytes: Buffer.concat([message, poison]), metadata,
    }));
  }));
}

/** Sends raw calls to one server. */
export class RawCaller {
  private readonly client: Client;

  constructor(address: string) {
    this.client = new Client(address, credentials.createInsecure());
  }

  call(call: HostileCall, timeoutMs = 10_000): Promise<CallOutcome> {
    const metadata = new Metadata();
    for (const [key, value] of Object.entries(call.metadata)) metadata.set(key, value);
    return new Promise((resolve) => {
      this.client.makeUnaryRequest(
        call.path, (bytes: Buffer) => bytes, (bytes: Buffer) => bytes, call.bytes, metadata, { deadline: Date.now() + timeoutMs },
        (error: ServiceError | null) => {
          if (!error) return resolve({ code: status.OK, message: '', fieldViolations: 0 });
          const decoded = decodeServiceError(error);
          resolve({
            code: decoded.code, message: decoded.message, fieldViolations: decoded.fieldViolations.length,
            ...(decoded.reason ? { reason: decoded.reason } : {}),
          });
        },
      );
    });
  }

  close(): void {
    this.client.close();
  }
}

/** Codes that mean the server broke, not that the caller erred. */
const BROKEN = new Set([status.INTERNAL, status.UNKNOWN, status.UNAVAILABLE, status.DEADLINE_EXCEEDED, status.UNIMPLEMENTED, status.DATA_LOSS]);

/**
 * Why an answer to a hostile call breaks the contract, or undefined: a failure must be a caller's
 * error with its reason (grpc-js's own message-size limit has none), a validation failure must
 * list its fields, and a method that writes must not succeed.
 */
export function contractBreach(outcome: CallOutcome, writes: boolean): string | undefined {
  if (outcome.code === status.OK) return writes ? 'succeeded: a hostile write got through' : undefined;
  if (BROKEN.has(outcome.code)) return `answered ${status[outcome.code]}: ${outcome.message}`;
  if (outcome.code !== status.RESOURCE_EXHAUSTED && !outcome.reason) return `answered ${status[outcome.code]} without a reason: ${outcome.message}`;
  if (outcome.reason === 'VALIDATION_FAILED' && outcome.fieldViolations === 0) return 'VALIDATION_FAILED without field violations';
  return undefined;
}

/**
 * Sends `runs` hostile calls drawn from `calls` (seed printed; FC_SEED replays), 8 at a time, and
 * prints the answers seen by method and reason. Resolves with the calls that broke the contract.
 * @param writes the methods (as the definition names them) that must never succeed
 */
export async function sendHostileCalls(caller: RawCaller, calls: fc.Arbitrary<HostileCall>, run: { suite: string; runs: number; writes: ReadonlySet<string> }): Promise<string[]> {
  const answers: Record<string, number> = {};
  const failures = await checkSample(calls, {
    seed: propertySeed(run.suite),
    runs: run.runs,
    concurrency: 8,
    describe: (call) => `${call.method} ${call.bytes.toString('hex').slice(0, 80)} ${JSON.stringify(call.metadata).slice(0, 120)}`,
    check: async (call) => {
      const outcome = await caller.call(call);
      const key = `${call.method} ${outcome.reason ?? status[outcome.code]}`;
      answers[key] = (answers[key] ?? 0) + 1;
      return contractBreach(outcome, run.writes.has(call.method));
    },
  });
  console.log(`answers seen: ${JSON.stringify(answers)}`);
  return failures;
}
