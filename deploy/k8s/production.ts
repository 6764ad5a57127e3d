/**
 * The production overlay: the base builder with production options. More replicas and wider
 * HorizontalPodAutoscaler bounds, larger resources, pods spread over nodes, and an external
 * PostgreSQL: no StatefulSet, and no Secrets in the output. The Secrets (database URLs, page-token
 * keys, API keys) are created out of band before `kubectl apply` (deploy/k8s/README.md).
 */
import { Deployment } from 'kubernetes-models/apps/v1/Deployment';
import { BASE_OPTIONS, platformManifests, type Manifest } from './base.js';
import { imageNamed, type AppOptions, type PlatformOptions } from './options.js';

const SERVICE: AppOptions = {
  resources: { requests: { cpu: '250m', memory: '256Mi' }, limits: { cpu: '1', memory: '512Mi' } },
  autoscaling: { minReplicas: 2, maxReplicas: 6, cpuUtilization: 70 },
};

export const PRODUCTION_OPTIONS: PlatformOptions = {
  ...BASE_OPTIONS,
  image: imageNamed('ghcr.io/example', '0.1.0'),
  apps: {
    'product-service': SERVICE,
    'order-service': SERVICE,
    'api-gateway': {
      resources: { requests: { cpu: '250m', memory: '256Mi' }, limits: { cpu: '1', memory: '512Mi' } },
      autoscaling: { minReplicas: 3, maxReplicas: 10, cpuUtilization: 65 },
    },
  },
  database: { kind: 'external' },
  placeholderSecrets: false,
  config: { ...BASE_OPTIONS.config, LOG_LEVEL: 'info' },
};

/** Spreads a Deployment's pods over nodes when it can (a node's loss takes one replica, not all). */
function spreadOverNodes(manifest: Manifest): Manifest {
  if (!(manifest instanceof Deployment) || !manifest.spec?.template.spec) return manifest;
  manifest.spec.template.spec.topologySpreadConstraints = [{
    maxSkew: 1,
    topologyKey: 'kubernetes.io/hostname',
    whenUnsatisfiable: 'ScheduleAnyway',
    labelSelector: { matchLabels: manifest.spec.selector.matchLabels ?? {} },
  }];
  return manifest;
}

export function productionManifests(options: PlatformOptions = PRODUCTION_OPTIONS): Manifest[] {
  return platformManifests(options).map(spreadOverNodes);
}
