// Where the baselines live and what they record: the contract as last released, one file per
// level (the protos' buf image, the OpenAPI spec) plus the SDK version it was released as.
// The SDK's API report is the SDK's own (sdk/api-report/), recorded by API Extractor.
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

export const WORKSPACE_ROOT = resolve(__dirname, '../..');
export const BASELINE_DIR = join(WORKSPACE_ROOT, 'contract-gates/baseline');
export const BASELINE = {
  protoImage: join(BASELINE_DIR, 'proto.binpb'),
  spec: join(BASELINE_DIR, 'openapi.json'),
  release: join(BASELINE_DIR, 'release.json'),
};
export const SPEC = join(WORKSPACE_ROOT, 'apps/api-gateway/openapi.json');
export const SDK_MANIFEST = join(WORKSPACE_ROOT, 'sdk/package.json');

/** What a failing gate tells its reader to do when the break is intended. */
export const ACCEPT_A_BREAK = [
  'If this break is intended (pre-1.0: it makes the next SDK release a minor one):',
  '  1. npx changeset                          (a "minor" change for @ecommerce/sdk, saying what broke and why)',
  '  2. npx nx run-many -t update-baseline     (records the new contract as the baseline)',
  '  3. commit both with the contract change. See CONTRIBUTING.md, "Changing a contract".',
].join('\n');

/** The release the baselines record, e.g. "@ecommerce/sdk 0.2.0". */
export function releasedAs(): string {
  const release = JSON.parse(readFileSync(BASELINE.release, 'utf8')) as Record<string, string>;
  return Object.entries(release).map(([name, version]) => `${name} ${version}`).join(', ');
}
