// Writes deploy/k8s/generated/{base,production}.yaml from the typed objects, each validated first
// against the Kubernetes schemas: npx nx run deploy:update-k8s
import { writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { OVERLAYS, renderOverlay, type Overlay } from './render.js';

const root = resolve(__dirname, '../..');
for (const overlay of Object.keys(OVERLAYS) as Overlay[]) {
  for (const manifest of OVERLAYS[overlay].build()) manifest.validate();
  const file = join(root, OVERLAYS[overlay].file);
  writeFileSync(file, renderOverlay(overlay));
  console.log(`generated ${file}`);
}
