import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { WORKSPACE_ROOT } from '@ecommerce/testing';
import { Deployment } from 'kubernetes-models/apps/v1/Deployment';
import { StatefulSet } from 'kubernetes-models/apps/v1/StatefulSet';
import { HorizontalPodAutoscaler } from 'kubernetes-models/autoscaling/v2/HorizontalPodAutoscaler';
import { PodDisruptionBudget } from 'kubernetes-models/policy/v1/PodDisruptionBudget';
import { ConfigMap } from 'kubernetes-models/v1/ConfigMap';
import { Namespace } from 'kubernetes-models/v1/Namespace';
import { Secret } from 'kubernetes-models/v1/Secret';
import { Service } from 'kubernetes-models/v1/Service';
import type { IContainer } from 'kubernetes-models/v1/Container';
import { parseAllDocuments } from 'yaml';
import { PLACEHOLDER, baseManifests, type Manifest } from '../k8s/base.js';
import { API_KEYS_FILE, APP_SPECS, SECRETS } from '../k8s/options.js';
import { productionManifests } from '../k8s/production.js';
import { OVERLAYS, renderOverlay, type Overlay } from '../k8s/render.js';
import { checkManifests, validateAll, type AnyObject } from './k8s-checks.js';
import { workspaceFile } from './workspace-files.js';

const BASE = baseManifests();
const PRODUCTION = productionManifests();
/** What the production overlay expects to exist already (deploy/k8s/README.md says how to create them). */
const OUT_OF_BAND = [SECRETS.database, SECRETS.pageTokens, SECRETS.apiKeys];

/** The model class of each apiVersion/kind the generated files may hold. */
const MODELS: Record<string, new (data: never) => Manifest> = {
  'v1/Namespace': Namespace, 'v1/ConfigMap': ConfigMap, 'v1/Secret': Secret, 'v1/Service': Service,
  'apps/v1/Deployment': Deployment, 'apps/v1/StatefulSet': StatefulSet,
  'autoscaling/v2/HorizontalPodAutoscaler': HorizontalPodAutoscaler, 'policy/v1/PodDisruptionBudget': PodDisruptionBudget,
};

/** The committed YAML file, read back into kubernetes-models objects. */
function committed(overlay: Overlay): Manifest[] {
  return parseAllDocuments(workspaceFile(OVERLAYS[overlay].file)).map((document) => {
    assert.deepEqual(document.errors, []);
    const data = document.toJS() as AnyObject;
    const model = MODELS[`${data.apiVersion}/${data.kind}`];
    assert.ok(model, `${data.apiVersion}/${data.kind} has no model here`);
    return new model(data as never);
  });
}

/** A deep copy of a generated object (as a model again), for mutation. */
function copy<T extends Manifest>(manifest: T): T {
  const model = MODELS[`${manifest.apiVersion}/${manifest.kind}`] as new (data: never) => T;
  return new model(JSON.parse(JSON.stringify(manifest)) as never);
}

function ofKind<T extends Manifest>(objects: Manifest[], type: abstract new (...args: never[]) => T): T[] {
  return objects.filter((object): object is T => object instanceof type);
}

function container(deployment: Deployment): IContainer {
  const [only] = deployment.spec?.template.spec?.containers ?? [];
  assert.ok(only);
  return only;
}

function named(objects: Manifest[], kind: string, name: string): Manifest {
  const found = objects.find((object) => object.kind === kind && object.metadata?.name === name);
  assert.ok(found, `${kind}/${name} missing`);
  return found;
}

describe('the Kubernetes manifests (deploy/k8s)', () => {
  for (const [overlay, objects] of [['base', BASE], ['production', PRODUCTION]] as const) {
    test(`${overlay}: every object validates against the Kubernetes schemas, as built and as committed`, () => {
      assert.deepEqual(validateAll(objects), []);
      const read = committed(overlay);
      assert.equal(read.length, objects.length);
      assert.deepEqual(validateAll(read), []);
    });
  }

  test('the generated files are current', () => {
    for (const overlay of Object.keys(OVERLAYS) as Overlay[]) {
      const stale = `${OVERLAYS[overlay].file} is stale: run \`npx nx run deploy:update-k8s\` and commit the result`;
      assert.equal(workspaceFile(OVERLAYS[overlay].file), renderOverlay(overlay), stale);
    }
  });

  test('base: the checks pass (probes on declared ports, non-root and read-only, grace period >= drain, references resolve)', () => {
    assert.deepEqual(checkManifests(committed('base')), []);
  });

  test('production: the checks pass, with only the documented Secrets expected out of band', () => {
    assert.deepEqual(checkManifests(committed('production'), { externalSecrets: OUT_OF_BAND }), []);
    // Without them, every reference is reported: the check really looks.
    const missing = checkManifests(PRODUCTION);
    assert.ok(missing.length >= 5, missing.join('\n'));
    for (const problem of missing) assert.match(problem, /is neither defined nor external/);
  });

  test('each app: probes of the right kind, named metrics ports, the drain set explicitly', () => {
    for (const deployment of ofKind(BASE, Deployment)) {
      const spec = APP_SPECS[deployment.metadata?.name as keyof typeof APP_SPECS];
      const app = container(deployment);
      const env = new Map((app.env ?? []).map((variable) => [variable.name, variable.value]));
      assert.equal(env.get('SHUTDOWN_GRACE_MS'), '5000');
      assert.equal(env.get('SHUTDOWN_TIMEOUT_MS'), '10000');
      assert.ok((deployment.spec?.template.spec?.terminationGracePeriodSeconds ?? 0) >= 15);
      assert.equal(env.get(spec.hostVar), '0.0.0.0');
      if (spec.health === 'grpc') {
        assert.deepEqual(app.readinessProbe?.grpc, { port: spec.port });
        assert.deepEqual(app.livenessProbe?.grpc, { port: spec.port });
        assert.deepEqual(app.ports?.find((port) => port.name === 'metrics')?.containerPort, spec.metrics?.port);
      } else {
        assert.deepEqual(app.readinessProbe?.httpGet, { path: '/readyz', port: 'http' });
        assert.deepEqual(app.livenessProbe?.httpGet, { path: '/healthz', port: 'http' });
        assert.equal(env.get('API_KEYS_FILE'), API_KEYS_FILE);
        assert.ok(app.volumeMounts?.some((mount) => API_KEYS_FILE.startsWith(`${mount.mountPath}/`) && mount.readOnly));
      }
    }
    // The paths are the gateway's own routes.
    const routes = workspaceFile('apps/api-gateway/src/health/health-controller.ts');
    assert.match(routes, /@Get\('readyz'\)/);
    assert.match(routes, /@Get\('healthz'\)/);
  });

  test("every variable an app is given is one its code reads (a typo'd name would be silently ignored)", () => {
    const sources = (folder: string) => readdirSync(join(WORKSPACE_ROOT, folder), { recursive: true, encoding: 'utf8' })
      .filter((file) => file.endsWith('.ts') && !file.endsWith('.spec.ts')).map((file) => workspaceFile(join(folder, file)));
    const libs = readdirSync(join(WORKSPACE_ROOT, 'libs')).filter((lib) => lib !== 'testing').flatMap((lib) => sources(`libs/${lib}/src`));
    for (const object of [...BASE, ...PRODUCTION]) {
      if (!(object instanceof Deployment)) continue;
      const app = object.metadata?.name ?? '';
      const code = [...sources(`apps/${app}/src`), ...libs];
      for (const variable of container(object).env ?? []) {
        const read = new RegExp(`['"\`]${variable.name}['"\`]`);
        assert.ok(code.some((text) => read.test(text)), `${app} is given ${variable.name}, which neither its code nor a library reads`);
      }
    }
  });

  test('Services: headless for the gRPC services (DNS balancing), ClusterIP for the gateway; clients dial dns:///', () => {
    for (const service of ofKind(BASE, Service)) {
      const name = service.metadata?.name ?? '';
      if (name === 'api-gateway') assert.equal(service.spec?.type, 'ClusterIP');
      else assert.equal(service.spec?.clusterIP, 'None', name);
    }
    const gateway = container(named(BASE, 'Deployment', 'api-gateway') as Deployment);
    const addr = gateway.env?.find((variable) => variable.name === 'ORDER_SERVICE_ADDR')?.value;
    assert.equal(addr, 'dns:///order-service.ecommerce.svc.cluster.local:50052');
  });

  test('base runs PostgreSQL (StatefulSet, claim template, headless Service) with placeholder Secrets that agree', () => {
    const [postgres] = ofKind(BASE, StatefulSet);
    assert.ok(postgres?.spec?.volumeClaimTemplates?.length === 1);
    assert.equal((named(BASE, 'Service', 'postgres') as Service).spec?.clusterIP, 'None');
    const password = (named(BASE, 'Secret', SECRETS.postgres) as Secret).stringData?.POSTGRES_PASSWORD ?? '';
    const urls = (named(BASE, 'Secret', SECRETS.database) as Secret).stringData ?? {};
    assert.ok(password.includes(PLACEHOLDER));
    assert.ok(urls.PRODUCT_DATABASE_URL?.includes(`:${password}@postgres.`));
    for (const secret of ofKind(BASE, Secret)) {
      assert.ok(Object.values(secret.stringData ?? {}).every((value) => value.includes(PLACEHOLDER)), `${secret.metadata?.name} holds a real-looking value`);
    }
  });

  test('production: external database, no Secrets in the file, more replicas and resources than base', () => {
    assert.deepEqual(ofKind(PRODUCTION, StatefulSet), []);
    assert.deepEqual(ofKind(PRODUCTION, Secret), []);
    assert.ok(!PRODUCTION.some((object) => object.metadata?.name === 'postgres'));
    for (const hpa of ofKind(PRODUCTION, HorizontalPodAutoscaler)) {
      const base = named(BASE, 'HorizontalPodAutoscaler', hpa.metadata?.name ?? '') as HorizontalPodAutoscaler;
      assert.ok((hpa.spec?.minReplicas ?? 0) >= 2 && (hpa.spec?.minReplicas ?? 0) > (base.spec?.minReplicas ?? 0));
      assert.ok((hpa.spec?.maxReplicas ?? 0) > (base.spec?.maxReplicas ?? 0));
    }
  });
});

describe('broken manifests fail validation', () => {
  const gateway = () => copy(named(BASE, 'Deployment', 'api-gateway') as Deployment);
  const service = () => copy(named(BASE, 'Deployment', 'order-service') as Deployment);

  test('a wrong type (replicas: "two") throws from validate(), and validateAll reports it', () => {
    const broken = gateway();
    (broken.spec as unknown as { replicas: unknown }).replicas = 'two';
    assert.throws(() => broken.validate(), /replicas/);
    const problems = validateAll([...BASE.filter((object) => object.metadata?.name !== 'api-gateway' || object.kind !== 'Deployment'), broken]);
    assert.equal(problems.length, 1);
    assert.match(problems[0] ?? '', /^Deployment\/api-gateway: .*replicas/);
  });

  test('a missing required field (a container without a name) throws from validate()', () => {
    const broken = service();
    delete (container(broken) as { name?: string }).name;
    assert.throws(() => broken.validate(), /name/);
  });

  test('an object that cannot be validated is reported, not skipped', () => {
    const plain = JSON.parse(JSON.stringify(named(BASE, 'Deployment', 'api-gateway'))) as AnyObject;
    assert.deepEqual(validateAll([plain]), ['Deployment/api-gateway: not a kubernetes-models object, cannot be validated']);
  });

  test('a probe on a port the container does not declare passes the schema but fails the checks', () => {
    const broken = service();
    container(broken).readinessProbe = { grpc: { port: 50051 } }; // product-service's port, copy-pasted
    broken.validate();
    assert.deepEqual(checkManifests([...BASE.filter((object) => object.metadata?.name !== 'order-service' || object.kind !== 'Deployment'), broken]),
      ['Deployment/order-service container order-service: readinessProbe uses port 50051, which the container does not declare']);
    const named2 = gateway();
    container(named2).livenessProbe = { httpGet: { path: '/healthz', port: 'web' } };
    named2.validate();
    assert.match(checkManifests([named2]).join('\n'), /livenessProbe uses port web, which the container does not declare/);
  });

  /** Mutations of a generated Deployment the schema accepts, and what the checks must say. */
  const MUTATIONS: [string, (deployment: Deployment) => void, RegExp][] = [
    ['no readiness probe', (d) => { delete container(d).readinessProbe; }, /no readinessProbe/],
    ['no liveness probe', (d) => { delete container(d).livenessProbe; }, /no livenessProbe/],
    ['runAsNonRoot dropped', (d) => {
      delete container(d).securityContext?.runAsNonRoot;
      delete d.spec?.template.spec?.securityContext?.runAsNonRoot;
    }, /may run as root/],
    ['writable root filesystem', (d) => { container(d).securityContext = { ...container(d).securityContext, readOnlyRootFilesystem: false }; }, /root filesystem is writable/],
    ['privilege escalation allowed', (d) => { container(d).securityContext = { ...container(d).securityContext, allowPrivilegeEscalation: true }; }, /allowPrivilegeEscalation/],
    ['capabilities kept', (d) => { container(d).securityContext = { ...container(d).securityContext, capabilities: {} }; }, /capabilities are not dropped/],
    ['the default grace period (30 s) under a longer drain', (d) => {
      delete d.spec?.template.spec?.terminationGracePeriodSeconds;
      container(d).env?.forEach((variable) => { if (variable.name === 'SHUTDOWN_TIMEOUT_MS') variable.value = '30000'; });
    }, /terminationGracePeriodSeconds 30 is shorter than the drain \(5000 \+ 30000 ms\)/],
    ['grace period shorter than the default drain', (d) => { if (d.spec?.template.spec) d.spec.template.spec.terminationGracePeriodSeconds = 10; }, /shorter than the drain/],
    ['the drain left implicit', (d) => { container(d).env = container(d).env?.filter((variable) => variable.name !== 'SHUTDOWN_GRACE_MS'); }, /not set explicitly/],
    ['no resource limits', (d) => { delete container(d).resources?.limits; }, /no cpu and memory limits/],
    ['a Secret that is not defined', (d) => {
      container(d).env?.push({ name: 'PAGE_TOKEN_SECRET', valueFrom: { secretKeyRef: { name: 'typo', key: 'x' } } });
    }, /reads Secret typo, which is neither defined nor external/],
  ];
  for (const [what, edit, pattern] of MUTATIONS) {
    test(`caught by the checks: ${what}`, () => {
      const broken = service();
      edit(broken);
      broken.validate();
      const objects = BASE.map((object) => (object.kind === 'Deployment' && object.metadata?.name === 'order-service' ? broken : object));
      const problems = checkManifests(objects);
      assert.ok(problems.length > 0 && problems.every((problem) => pattern.test(problem)), problems.join('\n'));
    });
  }
});
