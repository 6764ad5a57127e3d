import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { KnownProblemReason as KnownReason, ProblemReason } from './types.js';

type IsLiteralUnion<T> = string extends T ? false : [T] extends [never] ? false : true;

test("the problem's reason is the spec's literal union, kept open for reasons added later", () => {
  const literal: IsLiteralUnion<KnownReason> = true;
  const known: KnownReason[] = ['VALIDATION_FAILED', 'PRODUCT_NOT_FOUND', 'ORDER_NOT_FOUND', 'INTERNAL'];
  // @ts-expect-error a misspelt reason is not one of the known ones
  const typo: KnownReason = 'PRODUCT_NOT_FUOND';
  const later: ProblemReason = 'A_REASON_ADDED_LATER';
  assert.deepEqual([literal, known.length, typeof typo, later], [true, 4, 'string', 'A_REASON_ADDED_LATER']);
});
