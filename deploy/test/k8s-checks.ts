/**
 * Checks of the generated Kubernetes objects that the JSON schemas cannot make: probes on ports
 * the container declares, a hardened securityContext, a grace period that covers the draining
 * stop, and references (Secrets, ConfigMaps, Services, autoscaling targets) that resolve.
 * The schema validation itself is `validateAll`.
 */
import type { IContainer } from 'kubernetes-models/v1/Container';
import type { IPodSpec } from 'kubernetes-models/v1/PodSpec';
import type { IProbe } from 'kubernetes-models/v1/Probe';

/** The shape every object shares (kubernetes-models instances, or plain objects read from YAML). */
export interface AnyObject {
  apiVersion: string;
  kind: string;
  metadata?: { name?: string; namespace?: string; labels?: Record<string, string> };
  spec?: unknown;
  data?: Record<string, string>;
  stringData?: Record<string, string>;
  validate?: () => void;
}

function id(object: AnyObject): string {
  return `${object.kind}/${object.metadata?.name ?? '?'}`;
}

/** Schema errors of every object, as problems (validate() throws on the first failing object). */
export function validateAll(objects: AnyObject[]): string[] {
  const problems: string[] = [];
  for (const object of objects) {
    if (typeof object.validate !== 'function') {
      problems.push(`${id(object)}: not a kubernetes-models object, cannot be validated`);
      continue;
    }
    try {
      object.validate();
    } catch (error) {
      problems.push(`${id(object)}: ${(error as Error).message}`);
    }
  }
  return problems;
}

const PROBES = ['startupProbe', 'readinessProbe', 'livenessProbe'] as const;

function probePort(probe: IProbe): number | string | undefined {
  return probe.grpc?.port ?? probe.httpGet?.port ?? probe.tcpSocket?.port;
}

function envValue(container: IContainer, name: string): string | undefined {
  return container.env?.find((variable) => variable.name === name)?.value;
}

interface Workload { object: AnyObject; pod: IPodSpec; podLabels: Record<string, string> }

function workloads(objects: AnyObject[]): Workload[] {
  return objects.filter((object) => object.kind === 'Deployment' || object.kind === 'StatefulSet').flatMap((object) => {
    const spec = object.spec as { template?: { metadata?: { labels?: Record<string, string> }; spec?: IPodSpec } } | undefined;
    return spec?.template?.spec ? [{ object, pod: spec.template.spec, podLabels: spec.template.metadata?.labels ?? {} }] : [];
  });
}

function matches(selector: Record<string, string> | undefined, labels: Record<string, string>): boolean {
  return !!selector && Object.keys(selector).length > 0 && Object.entries(selector).every(([key, value]) => labels[key] === value);
}

/** Problems of one app Deployment: probes, their ports, security, resources, grace period. */
function checkDeployment(object: AnyObject, pod: IPodSpec): string[] {
  const problems: string[] = [];
  const where = id(object);
  const podSecurity = pod.securityContext ?? {};
  for (const container of pod.containers) {
    const at = `${where} container ${container.name}`;
    const ports = container.ports ?? [];
    for (const kind of ['readinessProbe', 'livenessProbe'] as const) {
      if (!container[kind]) problems.push(`${at}: no ${kind}`);
    }
    for (const kind of PROBES) {
      const probe = container[kind];
      if (!probe || probe.exec) continue;
      const port = probePort(probe);
      const declared = typeof port === 'number'
        ? ports.some((declaredPort) => declaredPort.containerPort === port)
        : ports.some((declaredPort) => declaredPort.name === port);
      if (!declared) problems.push(`${at}: ${kind} uses port ${String(port)}, which the container does not declare`);
    }
    const security = container.securityContext ?? {};
    if ((security.runAsNonRoot ?? podSecurity.runAsNonRoot) !== true) problems.push(`${at}: may run as root (runAsNonRoot is not true)`);
    if ((security.runAsUser ?? podSecurity.runAsUser) === 0) problems.push(`${at}: runs as uid 0`);
    if (security.readOnlyRootFilesystem !== true) problems.push(`${at}: root filesystem is writable (readOnlyRootFilesystem is not true)`);
    if (security.allowPrivilegeEscalation !== false) problems.push(`${at}: allowPrivilegeEscalation is not false`);
    if (!security.capabilities?.drop?.includes('ALL')) problems.push(`${at}: capabilities are not dropped (drop: [ALL])`);
    for (const bound of ['requests', 'limits'] as const) {
      const resources = container.resources?.[bound];
      if (!resources?.cpu || !resources.memory) problems.push(`${at}: no cpu and memory ${bound}`);
    }
    const grace = Number(envValue(container, 'SHUTDOWN_GRACE_MS'));
    const timeout = Number(envValue(container, 'SHUTDOWN_TIMEOUT_MS'));
    if (!Number.isFinite(grace) || !Number.isFinite(timeout) || envValue(container, 'SHUTDOWN_GRACE_MS') === undefined ||
      envValue(container, 'SHUTDOWN_TIMEOUT_MS') === undefined) {
      problems.push(`${at}: SHUTDOWN_GRACE_MS and SHUTDOWN_TIMEOUT_MS are not set explicitly`);
      continue;
    }
    const period = pod.terminationGracePeriodSeconds ?? 30;
    if (period * 1000 < grace + timeout) {
      problems.push(`${at}: terminationGracePeriodSeconds ${period} is shorter than the drain (${grace} + ${timeout} ms): SIGKILL mid-drain`);
    }
    const live = container.livenessProbe;
    if (live && (live.periodSeconds ?? 10) * (live.failureThreshold ?? 3) * 1000 <= grace) {
      problems.push(`${at}: livenessProbe gives up within SHUTDOWN_GRACE_MS: a draining pod would be restarted`);
    }
  }
  return problems;
}

export interface CheckOptions {
  /** Secrets the manifests may reference without defining (created out of band). */
  externalSecrets?: readonly string[];
}

/** Every problem of a list of objects beyond the schema (see validateAll for that). */
export function checkManifests(objects: AnyObject[], options: CheckOptions = {}): string[] {
  const problems: string[] = [];
  const named = (kind: string) => new Map(objects.filter((object) => object.kind === kind).map((object) => [object.metadata?.name ?? '', object]));
  const secrets = named('Secret');
  const configMaps = named('ConfigMap');
  const deployments = named('Deployment');
  const all = workloads(objects);
  for (const { object, pod } of all) {
    if (object.kind === 'Deployment') problems.push(...checkDeployment(object, pod));
    const secretKnown = (name: string) => secrets.has(name) || (options.externalSecrets ?? []).includes(name);
    for (const container of pod.containers) {
      for (const variable of container.env ?? []) {
        const secret = variable.valueFrom?.secretKeyRef;
        if (secret) {
          const defined = secrets.get(secret.name ?? '');
          if (!secretKnown(secret.name ?? '')) problems.push(`${id(object)}: ${variable.name} reads Secret ${secret.name}, which is neither defined nor external`);
          else if (defined && !(secret.key in { ...defined.data, ...defined.stringData })) problems.push(`${id(object)}: ${variable.name} reads key ${secret.key} missing from Secret ${secret.name}`);
        }
        const config = variable.valueFrom?.configMapKeyRef;
        if (config && !(config.key in (configMaps.get(config.name ?? '')?.data ?? {}))) {
          problems.push(`${id(object)}: ${variable.name} reads ConfigMap ${config.name} key ${config.key}, which is not defined`);
        }
      }
    }
    for (const volume of pod.volumes ?? []) {
      if (volume.secret?.secretName && !secretKnown(volume.secret.secretName)) {
        problems.push(`${id(object)}: volume ${volume.name} mounts Secret ${volume.secret.secretName}, which is neither defined nor external`);
      }
    }
  }
  for (const object of objects) {
    const spec = object.spec as Record<string, never> | undefined;
    if (object.kind === 'Service') {
      const service = spec as unknown as { selector?: Record<string, string>; ports?: { name?: string; targetPort?: number | string }[] };
      const targets = all.filter((workload) => matches(service.selector, workload.podLabels));
      if (targets.length === 0) problems.push(`${id(object)}: its selector matches no pods`);
      for (const port of service.ports ?? []) {
        const served = targets.some((workload) => workload.pod.containers.some((container) => (container.ports ?? []).some((declared) =>
          typeof port.targetPort === 'string' ? declared.name === port.targetPort : declared.containerPort === port.targetPort)));
        if (!served) problems.push(`${id(object)}: port ${port.name ?? '?'} targets ${String(port.targetPort)}, which its pods do not declare`);
      }
    }
    if (object.kind === 'HorizontalPodAutoscaler') {
      const target = (spec as unknown as { scaleTargetRef: { kind: string; name: string } }).scaleTargetRef;
      if (target.kind !== 'Deployment' || !deployments.has(target.name)) problems.push(`${id(object)}: scales ${target.kind}/${target.name}, which is not defined`);
      const target2 = deployments.get(target.name)?.spec as { replicas?: number } | undefined;
      if (target2?.replicas !== undefined) problems.push(`${id(object)}: Deployment ${target.name} also fixes replicas (reset on every apply)`);
    }
    if (object.kind === 'PodDisruptionBudget') {
      const labels = (spec as unknown as { selector?: { matchLabels?: Record<string, string> } }).selector?.matchLabels;
      if (!all.some((workload) => matches(labels, workload.podLabels))) problems.push(`${id(object)}: its selector matches no pods`);
    }
  }
  return problems;
}
