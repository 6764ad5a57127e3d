import { stringify } from 'yaml';
import { baseManifests, type Manifest } from './base.js';
import { productionManifests } from './production.js';

export const OVERLAYS = {
  base: { file: 'deploy/k8s/generated/base.yaml', build: baseManifests },
  production: { file: 'deploy/k8s/generated/production.yaml', build: productionManifests },
} as const;

export type Overlay = keyof typeof OVERLAYS;

/** The objects as a multi-document YAML stream (what `kubectl apply -f` reads). */
export function renderYaml(manifests: Manifest[], overlay: Overlay): string {
  const header = `# Generated from deploy/k8s/${overlay === 'base' ? 'base' : 'production'}.ts: do not edit.\n` +
    '# Regenerate with `npx nx run deploy:update-k8s` and commit the result.\n';
  // Plain JSON first: drops undefined fields and the models' class identity.
  const documents = manifests.map((manifest) => stringify(JSON.parse(JSON.stringify(manifest)), { lineWidth: 0 }));
  return header + documents.map((document) => `---\n${document}`).join('');
}

export function renderOverlay(overlay: Overlay): string {
  return renderYaml(OVERLAYS[overlay].build(), overlay);
}
