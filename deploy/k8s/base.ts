/**
 * The base manifests as typed objects (kubernetes-models classes, validated against the Kubernetes
 * JSON schemas): Deployments, Services, HorizontalPodAutoscalers and PodDisruptionBudgets for the
 * three apps, the ConfigMap, placeholder Secrets, and a PostgreSQL StatefulSet. `production.ts`
 * calls the same builder with other options. Write the YAML with `npx nx run deploy:update-k8s`.
 */
import { Deployment } from 'kubernetes-models/apps/v1/Deployment';
import { StatefulSet } from 'kubernetes-models/apps/v1/StatefulSet';
import { HorizontalPodAutoscaler } from 'kubernetes-models/autoscaling/v2/HorizontalPodAutoscaler';
import { PodDisruptionBudget } from 'kubernetes-models/policy/v1/PodDisruptionBudget';
import { ConfigMap } from 'kubernetes-models/v1/ConfigMap';
import { Namespace } from 'kubernetes-models/v1/Namespace';
import { Secret } from 'kubernetes-models/v1/Secret';
import { Service } from 'kubernetes-models/v1/Service';
import type { IContainer } from 'kubernetes-models/v1/Container';
import type { IContainerPort } from 'kubernetes-models/v1/ContainerPort';
import type { IEnvVar } from 'kubernetes-models/v1/EnvVar';
import type { IPodSecurityContext } from 'kubernetes-models/v1/PodSecurityContext';
import type { ISecurityContext } from 'kubernetes-models/v1/SecurityContext';
import type { IServicePort } from 'kubernetes-models/v1/ServicePort';
import type { IVolumeMount } from 'kubernetes-models/v1/VolumeMount';
import {
  API_KEYS_DIR, API_KEYS_FILE, APPS, APP_SPECS, CONFIG_MAP, SECRETS, imageNamed,
  type AppName, type PlatformOptions,
} from './options.js';

/** Any object the builder emits. */
export type Manifest = Deployment | StatefulSet | HorizontalPodAutoscaler | PodDisruptionBudget | ConfigMap | Namespace | Secret | Service;

/** Marks what must be replaced before anyone else can reach the cluster. */
export const PLACEHOLDER = 'CHANGE-ME';
const PLACEHOLDER_ANNOTATION = { 'ecommerce.example/placeholder': 'replace every CHANGE-ME value before use' };

const POSTGRES = { name: 'postgres', port: 5432, user: 'ecommerce', database: 'ecommerce', password: `${PLACEHOLDER}-postgres-password` };

export const BASE_OPTIONS: PlatformOptions = {
  namespace: 'ecommerce',
  image: imageNamed('ghcr.io/example', '0.1.0'),
  apps: {
    'product-service': {
      resources: { requests: { cpu: '100m', memory: '128Mi' }, limits: { cpu: '500m', memory: '256Mi' } },
      autoscaling: { minReplicas: 1, maxReplicas: 3, cpuUtilization: 70 },
    },
    'order-service': {
      resources: { requests: { cpu: '100m', memory: '128Mi' }, limits: { cpu: '500m', memory: '256Mi' } },
      autoscaling: { minReplicas: 1, maxReplicas: 3, cpuUtilization: 70 },
    },
    'api-gateway': {
      resources: { requests: { cpu: '100m', memory: '128Mi' }, limits: { cpu: '500m', memory: '256Mi' } },
      autoscaling: { minReplicas: 1, maxReplicas: 3, cpuUtilization: 70 },
    },
  },
  database: {
    kind: 'statefulset',
    image: 'postgres:16-bookworm',
    storage: '10Gi',
    resources: { requests: { cpu: '250m', memory: '256Mi' }, limits: { cpu: '1', memory: '1Gi' } },
  },
  placeholderSecrets: true,
  config: {
    LOG_LEVEL: 'info',
    PRODUCT_CALL_TIMEOUT_MS: '2000',
    GRPC_TIMEOUT_MS: '5000',
    RATE_LIMIT_MAX: '600',
    RATE_LIMIT_WINDOW_MS: '60000',
    CORS_ORIGINS: '',
  },
  // The apps' defaults, set explicitly so that terminationGracePeriodSeconds can be checked against them.
  shutdown: { graceMs: 5000, timeoutMs: 10000 },
};

function labels(name: string, component: string): Record<string, string> {
  return { 'app.kubernetes.io/name': name, 'app.kubernetes.io/part-of': 'ecommerce', 'app.kubernetes.io/component': component };
}

function selector(name: string): Record<string, string> {
  return { 'app.kubernetes.io/name': name };
}

/** Seconds Kubernetes waits after SIGTERM before SIGKILL: the whole drain plus 5 s of margin. */
export function terminationGracePeriodSeconds(options: PlatformOptions): number {
  return Math.ceil((options.shutdown.graceMs + options.shutdown.timeoutMs) / 1000) + 5;
}

/** In-cluster address of a gRPC service: its headless Service's DNS name, which lists every ready pod. */
function grpcAddress(app: AppName, namespace: string): string {
  // dns:/// makes grpc-js resolve every address of the headless Service; the clients' round_robin
  // policy (libs/grpc-kit/src/client.ts) spreads calls over them.
  return `dns:///${app}.${namespace}.svc.cluster.local:${APP_SPECS[app].port}`;
}

const POD_SECURITY: IPodSecurityContext = {
  runAsNonRoot: true,
  // The image's USER 1000:1000 (Dockerfile).
  runAsUser: 1000,
  runAsGroup: 1000,
  fsGroup: 1000,
  seccompProfile: { type: 'RuntimeDefault' },
};

const CONTAINER_SECURITY: ISecurityContext = {
  runAsNonRoot: true,
  readOnlyRootFilesystem: true,
  allowPrivilegeEscalation: false,
  capabilities: { drop: ['ALL'] },
};

function fromConfig(name: keyof PlatformOptions['config']): IEnvVar {
  return { name, valueFrom: { configMapKeyRef: { name: CONFIG_MAP, key: name } } };
}

function fromSecret(name: string, secret: string, key: string): IEnvVar {
  return { name, valueFrom: { secretKeyRef: { name: secret, key } } };
}

function appEnv(app: AppName, options: PlatformOptions): IEnvVar[] {
  const spec = APP_SPECS[app];
  const env: IEnvVar[] = [
    fromConfig('LOG_LEVEL'),
    { name: spec.hostVar, value: '0.0.0.0' },
    { name: spec.portVar, value: String(spec.port) },
    { name: 'SHUTDOWN_GRACE_MS', value: String(options.shutdown.graceMs) },
    { name: 'SHUTDOWN_TIMEOUT_MS', value: String(options.shutdown.timeoutMs) },
  ];
  if (spec.metrics) env.push({ name: spec.metrics.portVar, value: String(spec.metrics.port) });
  if (spec.databaseUrlVar) {
    env.push(fromSecret(spec.databaseUrlVar, SECRETS.database, spec.databaseUrlVar));
    env.push(fromSecret('PAGE_TOKEN_SECRET', SECRETS.pageTokens, app));
  }
  if (app === 'order-service') {
    env.push({ name: 'PRODUCT_SERVICE_ADDR', value: grpcAddress('product-service', options.namespace) });
    env.push(fromConfig('PRODUCT_CALL_TIMEOUT_MS'));
  }
  if (app === 'api-gateway') {
    env.push(
      { name: 'PRODUCT_SERVICE_ADDR', value: grpcAddress('product-service', options.namespace) },
      { name: 'ORDER_SERVICE_ADDR', value: grpcAddress('order-service', options.namespace) },
      fromConfig('GRPC_TIMEOUT_MS'),
      { name: 'API_KEYS_FILE', value: API_KEYS_FILE },
      fromConfig('RATE_LIMIT_MAX'),
      fromConfig('RATE_LIMIT_WINDOW_MS'),
      fromConfig('CORS_ORIGINS'),
    );
  }
  return env;
}

function appContainer(app: AppName, options: PlatformOptions): IContainer {
  const spec = APP_SPECS[app];
  const ports: IContainerPort[] = [{ name: spec.portName, containerPort: spec.port, protocol: 'TCP' }];
  if (spec.metrics) ports.push({ name: 'metrics', containerPort: spec.metrics.port, protocol: 'TCP' });
  // The gRPC probe (Kubernetes 1.24+) asks grpc.health.v1.Health/Check for service "", which the
  // services report SERVING until a draining stop begins; it needs a port number, not a name.
  const check = spec.health === 'grpc'
    ? { ready: { grpc: { port: spec.port } }, live: { grpc: { port: spec.port } } }
    : { ready: { httpGet: { path: '/readyz', port: spec.portName } }, live: { httpGet: { path: '/healthz', port: spec.portName } } };
  const volumeMounts: IVolumeMount[] = [{ name: 'tmp', mountPath: '/tmp' }];
  if (app === 'api-gateway') volumeMounts.push({ name: 'api-keys', mountPath: API_KEYS_DIR, readOnly: true });
  return {
    name: app,
    image: options.image(app),
    imagePullPolicy: 'IfNotPresent',
    ports,
    env: appEnv(app, options),
    resources: options.apps[app].resources,
    // Migrations run at start: liveness waits for the first success.
    startupProbe: { ...check.live, periodSeconds: 2, failureThreshold: 60, timeoutSeconds: 2 },
    // Readiness turns false as soon as a draining stop begins (health NOT_SERVING, /readyz 503).
    readinessProbe: { ...check.ready, periodSeconds: 5, failureThreshold: 2, timeoutSeconds: 2 },
    // Three misses 10 s apart: longer than SHUTDOWN_GRACE_MS, so a draining pod is not restarted.
    livenessProbe: { ...check.live, periodSeconds: 10, failureThreshold: 3, timeoutSeconds: 2 },
    securityContext: CONTAINER_SECURITY,
    volumeMounts,
  };
}

function appObjects(app: AppName, options: PlatformOptions): Manifest[] {
  const spec = APP_SPECS[app];
  const metadata = { name: app, namespace: options.namespace, labels: labels(app, spec.health === 'grpc' ? 'grpc-service' : 'gateway') };
  const volumes: NonNullable<NonNullable<Deployment['spec']>['template']['spec']>['volumes'] = [{ name: 'tmp', emptyDir: { sizeLimit: '64Mi' } }];
  if (app === 'api-gateway') {
    volumes.push({ name: 'api-keys', secret: { secretName: SECRETS.apiKeys, items: [{ key: 'api-keys.json', path: 'api-keys.json' }] } });
  }
  const { autoscaling } = options.apps[app];
  const servicePorts: IServicePort[] = [{ name: spec.portName, port: spec.port, targetPort: spec.portName, protocol: 'TCP' }];
  if (spec.metrics) servicePorts.push({ name: 'metrics', port: spec.metrics.port, targetPort: 'metrics', protocol: 'TCP' });
  return [
    new Deployment({
      metadata,
      spec: {
        // No `replicas`: the HorizontalPodAutoscaler owns the count (a fixed one would be reset on
        // every apply); it starts at minReplicas.
        selector: { matchLabels: selector(app) },
        strategy: { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: 0, maxSurge: 1 } },
        template: {
          metadata: { labels: metadata.labels },
          spec: {
            automountServiceAccountToken: false,
            securityContext: POD_SECURITY,
            terminationGracePeriodSeconds: terminationGracePeriodSeconds(options),
            containers: [appContainer(app, options)],
            volumes,
          },
        },
      },
    }),
    new Service({
      metadata,
      spec: spec.health === 'grpc'
        // Headless: DNS answers every ready pod's address, so clients (dns:///) can balance per call
        // instead of per connection, which a ClusterIP's virtual address would pin to one pod.
        ? { clusterIP: 'None', selector: selector(app), ports: servicePorts }
        : { type: 'ClusterIP', selector: selector(app), ports: servicePorts },
    }),
    new HorizontalPodAutoscaler({
      metadata,
      spec: {
        scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: app },
        minReplicas: autoscaling.minReplicas,
        maxReplicas: autoscaling.maxReplicas,
        metrics: [{ type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: autoscaling.cpuUtilization } } }],
      },
    }),
    new PodDisruptionBudget({
      metadata,
      // One pod at a time: never blocks a node drain, even at one replica.
      spec: { maxUnavailable: 1, selector: { matchLabels: selector(app) } },
    }),
  ];
}

/** The in-cluster PostgreSQL's URL, with the placeholder password of the Secret ecommerce-postgres. */
function postgresUrl(namespace: string): string {
  return `postgres://${POSTGRES.user}:${POSTGRES.password}@${POSTGRES.name}.${namespace}.svc.cluster.local:${POSTGRES.port}/${POSTGRES.database}`;
}

function placeholderSecrets(options: PlatformOptions): Manifest[] {
  const meta = (name: string) => ({ name, namespace: options.namespace, labels: labels(name, 'secret'), annotations: PLACEHOLDER_ANNOTATION });
  // With an external database these placeholders stand for its URLs.
  const url = postgresUrl(options.namespace);
  const secrets: Manifest[] = [
    new Secret({
      metadata: meta(SECRETS.database),
      type: 'Opaque',
      // Both services may share one database: each keeps its tables in its own schema.
      stringData: { PRODUCT_DATABASE_URL: url, ORDER_DATABASE_URL: url },
    }),
    new Secret({
      metadata: meta(SECRETS.pageTokens),
      type: 'Opaque',
      // 32 characters or more each; every replica of a service must get the same one.
      stringData: { 'product-service': `${PLACEHOLDER}-product-page-token-key-32-chars-min`, 'order-service': `${PLACEHOLDER}-order-page-token-key-32-chars-minimum` },
    }),
    new Secret({
      metadata: meta(SECRETS.apiKeys),
      type: 'Opaque',
      // A key nobody holds (the sha256 of no known secret): every request is 401 until it is replaced.
      stringData: { 'api-keys.json': `${JSON.stringify([{ id: PLACEHOLDER, sha256: '0'.repeat(64), scopes: ['orders:read'] }], null, 2)}\n` },
    }),
  ];
  if (options.database.kind === 'statefulset') {
    secrets.push(new Secret({ metadata: meta(SECRETS.postgres), type: 'Opaque', stringData: { POSTGRES_PASSWORD: POSTGRES.password } }));
  }
  return secrets;
}

function postgresObjects(options: PlatformOptions): Manifest[] {
  if (options.database.kind !== 'statefulset') return [];
  const { database } = options;
  const metadata = { name: POSTGRES.name, namespace: options.namespace, labels: labels(POSTGRES.name, 'database') };
  const ready = { exec: { command: ['pg_isready', '-h', '127.0.0.1', '-U', POSTGRES.user, '-d', POSTGRES.database] } };
  return [
    new Service({
      metadata,
      // Headless: the StatefulSet's governing Service (stable name postgres-0.postgres).
      spec: { clusterIP: 'None', selector: selector(POSTGRES.name), ports: [{ name: 'postgres', port: POSTGRES.port, targetPort: 'postgres' }] },
    }),
    new StatefulSet({
      metadata,
      spec: {
        serviceName: POSTGRES.name,
        replicas: 1,
        selector: { matchLabels: selector(POSTGRES.name) },
        template: {
          metadata: { labels: metadata.labels },
          spec: {
            automountServiceAccountToken: false,
            // The image's postgres user (uid/gid 999); the entrypoint runs initdb as it directly.
            securityContext: { runAsNonRoot: true, runAsUser: 999, runAsGroup: 999, fsGroup: 999, seccompProfile: { type: 'RuntimeDefault' } },
            terminationGracePeriodSeconds: 60,
            containers: [{
              name: POSTGRES.name,
              image: database.image,
              ports: [{ name: 'postgres', containerPort: POSTGRES.port }],
              env: [
                { name: 'POSTGRES_USER', value: POSTGRES.user },
                { name: 'POSTGRES_DB', value: POSTGRES.database },
                fromSecret('POSTGRES_PASSWORD', SECRETS.postgres, 'POSTGRES_PASSWORD'),
                // A subfolder: the volume's root may hold lost+found, which initdb refuses.
                { name: 'PGDATA', value: '/var/lib/postgresql/data/pgdata' },
              ],
              resources: database.resources,
              readinessProbe: { ...ready, periodSeconds: 5, timeoutSeconds: 3, failureThreshold: 3 },
              livenessProbe: { ...ready, initialDelaySeconds: 30, periodSeconds: 10, timeoutSeconds: 5, failureThreshold: 6 },
              securityContext: CONTAINER_SECURITY,
              volumeMounts: [
                { name: 'data', mountPath: '/var/lib/postgresql/data' },
                { name: 'run', mountPath: '/var/run/postgresql' },
                { name: 'tmp', mountPath: '/tmp' },
                { name: 'shm', mountPath: '/dev/shm' },
              ],
            }],
            volumes: [
              { name: 'run', emptyDir: {} },
              { name: 'tmp', emptyDir: {} },
              { name: 'shm', emptyDir: { medium: 'Memory', sizeLimit: '256Mi' } },
            ],
          },
        },
        volumeClaimTemplates: [{
          metadata: { name: 'data', labels: labels(POSTGRES.name, 'database') },
          spec: {
            accessModes: ['ReadWriteOnce'],
            ...(database.storageClassName ? { storageClassName: database.storageClassName } : {}),
            resources: { requests: { storage: database.storage } },
          },
        }],
      },
    }),
  ];
}

/** Every object of a deployment with these options, in apply order. */
export function platformManifests(options: PlatformOptions): Manifest[] {
  return [
    new Namespace({ metadata: { name: options.namespace, labels: { 'app.kubernetes.io/part-of': 'ecommerce' } } }),
    new ConfigMap({ metadata: { name: CONFIG_MAP, namespace: options.namespace, labels: labels(CONFIG_MAP, 'config') }, data: { ...options.config } }),
    ...(options.placeholderSecrets ? placeholderSecrets(options) : []),
    ...postgresObjects(options),
    ...APPS.flatMap((app) => appObjects(app, options)),
  ];
}

/** The base: everything in one namespace, PostgreSQL included, placeholder Secrets. */
export function baseManifests(options: PlatformOptions = BASE_OPTIONS): Manifest[] {
  return platformManifests(options);
}
