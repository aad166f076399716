import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseAllDocuments } from 'yaml';
import { ConfigMap, Service } from 'kubernetes-models/v1';
import { Deployment, StatefulSet } from 'kubernetes-models/apps/v1';
import { PodDisruptionBudget } from 'kubernetes-models/policy/v1';
import { HorizontalPodAutoscaler } from 'kubernetes-models/autoscaling/v2';

/**
 * deploy/k8s against the Kubernetes API schemas, offline: kubernetes-models ships the OpenAPI
 * schemas of every kind compiled into validators (nothing is downloaded). Plus the rules the
 * platform needs: probes on the health endpoints, resource requests, secrets from a Secret,
 * more than one replica for every service.
 */
const DIR = join(__dirname, '../../deploy/k8s');
const SERVICES = ['members', 'points', 'segments', 'feedback', 'gateway'];
const SECRET_VARIABLES = ['INTERNAL_TOKEN', 'GATEWAY_TOKEN_SECRET', 'MEMBERS_ENCRYPTION_KEYS', 'MEMBERS_ACTIVE_KEY_ID', 'MEMBERS_HASH_KEY'];

type Manifest = { apiVersion: string; kind: string; metadata: { name: string }; [k: string]: unknown };
const MODELS: Record<string, new (data: never) => { validate(): void }> = {
  'v1/ConfigMap': ConfigMap,
  'v1/Service': Service,
  'apps/v1/Deployment': Deployment,
  'apps/v1/StatefulSet': StatefulSet,
  'policy/v1/PodDisruptionBudget': PodDisruptionBudget,
  'autoscaling/v2/HorizontalPodAutoscaler': HorizontalPodAutoscaler,
};

const files = readdirSync(DIR).filter((f) => f.endsWith('.yaml') && f !== 'kustomization.yaml');
const manifests: Array<{ file: string; doc: Manifest }> = files.flatMap((file) =>
  parseAllDocuments(readFileSync(join(DIR, file), 'utf8'))
    .map((d) => {
      if (d.errors.length) throw new Error(`${file}: ${d.errors[0].message}`);
      return d.toJS() as Manifest | null;
    })
    .filter((doc): doc is Manifest => doc !== null)
    .map((doc) => ({ file, doc })),
);
const deployment = (name: string) => manifests.find((m) => m.doc.kind === 'Deployment' && m.doc.metadata.name === name)?.doc as unknown as Deployment;

describe('Kubernetes manifests (deploy/k8s)', () => {
  it.each(manifests.map((m) => [`${m.file}: ${m.doc.kind} ${m.doc.metadata?.name}`, m.doc] as const))(
    '%s is valid against the Kubernetes API schema',
    (_label, doc) => {
      const Model = MODELS[`${doc.apiVersion}/${doc.kind}`];
      expect(Model).toBeDefined();
      expect(() => new Model(doc as never).validate()).not.toThrow();
    },
  );

  it('the schema check catches a mistake (a probe port of the wrong type)', () => {
    const broken = JSON.parse(JSON.stringify(deployment('points'))) as {
      spec: { template: { spec: { containers: Array<{ readinessProbe: { httpGet: { port: unknown } } }> } } };
    };
    broken.spec.template.spec.containers[0].readinessProbe.httpGet.port = { not: 'a port' };
    expect(() => new Deployment(broken as never).validate()).toThrow();
  });

  it('kustomization.yaml lists every manifest', () => {
    const kustomization = parseAllDocuments(readFileSync(join(DIR, 'kustomization.yaml'), 'utf8'))[0].toJS() as { resources: string[] };
    expect([...kustomization.resources].sort()).toEqual([...files].sort());
  });

  it.each(SERVICES)(
    '%s: more than one replica, readiness on /health/ready, liveness on /health, resource requests, a Service and a disruption budget',
    (name) => {
      const d = deployment(name);
      expect(d).toBeDefined();
      expect(d.spec!.replicas).toBeGreaterThan(1);
      const container = d.spec!.template.spec!.containers[0];
      expect(container.readinessProbe?.httpGet?.path).toBe('/health/ready');
      expect(container.livenessProbe?.httpGet?.path).toBe('/health');
      expect(container.resources?.requests).toMatchObject({ cpu: expect.any(String), memory: expect.any(String) });
      expect(manifests.some((m) => m.doc.kind === 'Service' && m.doc.metadata.name === name)).toBe(true);
      expect(manifests.some((m) => m.doc.kind === 'PodDisruptionBudget' && m.doc.metadata.name === name)).toBe(true);
    },
  );

  it.each(SERVICES)('%s: secrets come from the loyalty-secrets Secret, never as literal values', (name) => {
    const env = deployment(name).spec!.template.spec!.containers[0].env ?? [];
    for (const variable of env.filter((e) => SECRET_VARIABLES.includes(e.name))) {
      expect(variable.value).toBeUndefined();
      expect(variable.valueFrom?.secretKeyRef).toEqual({ name: 'loyalty-secrets', key: variable.name });
    }
    expect(env.some((e) => e.name === 'INTERNAL_TOKEN')).toBe(true);
  });

  it('the broker and the database keep their data on persistent volumes', () => {
    for (const name of ['kafka', 'mongo']) {
      const set = manifests.find((m) => m.doc.kind === 'StatefulSet' && m.doc.metadata.name === name)?.doc as unknown as StatefulSet;
      expect(set.spec!.volumeClaimTemplates?.[0]?.spec?.resources?.requests?.storage).toBeDefined();
      expect(set.spec!.template.spec!.containers[0].readinessProbe).toBeDefined();
    }
  });
});
