import { readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { METHOD_METADATA, PATH_METADATA } from '@nestjs/common/constants';
import { RequestMethod } from '@nestjs/common';
import { INTERNAL_METADATA, PERMISSION_METADATA, PERMISSIONS, type Permission } from '@app/access';
import { DOWNSTREAM_SERVICES } from '../downstream/downstream-services';
import { ROUTE_TABLE } from './route-table';

/**
 * One catalogue, read by both sides: every public handler of every service is routed by the
 * gateway under the same permission, the gateway routes nothing no service serves, and handlers
 * only services call are marked internal. Reads the controllers' own decorators; no I/O.
 */
interface Handler {
  app: string;
  method: string;
  path: string;
  permission?: Permission;
  internal: boolean;
  where: string;
}

const ROOT = join(__dirname, '../../../..');
const APPS_DIR = join(ROOT, 'apps');

function controllerFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = join(dir, name);
    if (statSync(full).isDirectory()) return name === 'node_modules' || name === 'dist' ? [] : controllerFiles(full);
    return name.endsWith('.controller.ts') ? [full] : [];
  });
}

const joinPath = (...parts: string[]): string =>
  `/${parts
    .flatMap((p) => p.split('/'))
    .filter(Boolean)
    .join('/')}`;
/** `:memberId` and `:id` are the same route. */
const shape = (path: string): string => path.replace(/:[^/]+/g, ':');

function collectHandlers(): Handler[] {
  const handlers: Handler[] = [];
  for (const file of controllerFiles(APPS_DIR)) {
    const app = relative(APPS_DIR, file).split('/')[0];
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const exported = require(file) as Record<string, unknown>;
    for (const value of Object.values(exported)) {
      if (typeof value !== 'function') continue;
      const base = Reflect.getMetadata(PATH_METADATA, value) as string | string[] | undefined;
      if (base === undefined) continue;
      const proto = (value as { prototype: Record<string, unknown> }).prototype;
      for (const name of Object.getOwnPropertyNames(proto)) {
        const fn = proto[name];
        if (name === 'constructor' || typeof fn !== 'function') continue;
        const sub = Reflect.getMetadata(PATH_METADATA, fn) as string | undefined;
        const verb = Reflect.getMetadata(METHOD_METADATA, fn) as RequestMethod | undefined;
        if (sub === undefined || verb === undefined) continue;
        const permission = (Reflect.getMetadata(PERMISSION_METADATA, fn) ?? Reflect.getMetadata(PERMISSION_METADATA, value)) as Permission | undefined;
        const internal = (Reflect.getMetadata(INTERNAL_METADATA, fn) ?? Reflect.getMetadata(INTERNAL_METADATA, value) ?? false) as boolean;
        for (const b of Array.isArray(base) ? base : [base]) {
          handlers.push({ app, method: RequestMethod[verb], path: joinPath(b, sub), permission, internal, where: `${relative(ROOT, file)}#${name}` });
        }
      }
    }
  }
  return handlers.filter((h) => h.path.startsWith('/v1/'));
}

describe('one permission catalogue for the gateway and every service', () => {
  const handlers = collectHandlers();
  const key = (method: string, path: string) => `${method} ${shape(path)}`;

  it("finds the services' handlers", () => {
    expect(handlers.length).toBeGreaterThan(40);
    expect([...new Set(handlers.map((h) => h.app))]).toEqual(expect.arrayContaining(['gateway', 'members', 'points', 'segments']));
  });

  it('every /v1 handler declares a catalogue permission or is internal', () => {
    const undeclared = handlers.filter((h) => !h.permission && !h.internal).map((h) => h.where);
    expect(undeclared).toEqual([]);
    const unknown = handlers.filter((h) => h.permission && !(h.permission in PERMISSIONS)).map((h) => `${h.where}: ${h.permission}`);
    expect(unknown).toEqual([]);
  });

  it('every public handler of a service is routed by the gateway, to that service, under the same permission', () => {
    const routes = new Map(ROUTE_TABLE.map((r) => [key(r.method, r.path), r]));
    const problems: string[] = [];
    for (const h of handlers) {
      if (!h.permission) continue;
      const r = routes.get(key(h.method, h.path));
      if (!r) problems.push(`${h.method} ${h.path} (${h.where}) is not routed by the gateway: route it or mark it @InternalRoute()`);
      else if (r.owner !== h.app) problems.push(`${h.method} ${h.path}: the gateway sends it to ${r.owner}, ${h.app} serves it`);
      else if (r.permission !== h.permission) problems.push(`${h.method} ${h.path}: gateway says ${r.permission}, ${h.where} says ${h.permission}`);
    }
    expect(problems).toEqual([]);
  });

  it('the gateway routes no path that no service serves', () => {
    const served = new Map(handlers.filter((h) => h.permission).map((h) => [key(h.method, h.path), h]));
    const missing = ROUTE_TABLE.filter((r) => !served.has(key(r.method, r.path))).map((r) => `${r.method} ${r.path} -> ${r.owner}`);
    expect(missing).toEqual([]);
  });

  it('internal handlers are not routed', () => {
    const routes = new Set(ROUTE_TABLE.map((r) => key(r.method, r.path)));
    const exposed = handlers.filter((h) => h.internal && !h.permission && routes.has(key(h.method, h.path))).map((h) => h.where);
    expect(exposed).toEqual([]);
  });

  it('every catalogue permission is used by some route', () => {
    const used = new Set(ROUTE_TABLE.map((r) => r.permission));
    expect(Object.keys(PERMISSIONS).filter((p) => !used.has(p as Permission))).toEqual([]);
  });

  it("every service answers for its part of a member's data export (an internal personal-data route)", () => {
    const serving = handlers
      .filter((h) => h.internal && h.method === 'GET' && shape(h.path) === shape('/v1/internal/members/:memberId/personal-data'))
      .map((h) => h.app);
    expect([...new Set(serving)].sort()).toEqual([...DOWNSTREAM_SERVICES].sort());
  });
});
