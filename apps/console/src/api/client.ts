import type { paths } from './schema';

/**
 * The console's only way to the platform: the public gateway API on this same origin, typed from
 * the gateway's OpenAPI document (`schema.d.ts`, made by `npm run console:api`). A renamed path,
 * body field or response field breaks the type check of the page that uses it.
 */
export type Method = 'get' | 'post' | 'put' | 'patch' | 'delete';

export type PathWith<M extends Method> = { [P in keyof paths]: paths[P][M] extends undefined ? never : P }[keyof paths];
type OperationOf<P extends keyof paths, M extends Method> = Exclude<paths[P][M], undefined>;
type JsonOf<R> = R extends { content: { 'application/json': infer J } } ? J : unknown;
type SuccessOf<R> = R extends Record<200, infer A> ? JsonOf<A> : R extends Record<201, infer B> ? JsonOf<B> : unknown;

/** The JSON a successful call answers with. */
export type ResponseOf<P extends keyof paths, M extends Method> = OperationOf<P, M> extends { responses: infer R } ? SuccessOf<R> : unknown;
/** The JSON body an operation takes. */
export type BodyOf<P extends keyof paths, M extends Method> =
  OperationOf<P, M> extends { requestBody: { content: { 'application/json': infer B } } }
    ? B
    : OperationOf<P, M> extends { requestBody?: { content: { 'application/json': infer B } } }
      ? B
      : never;

export interface CallInit<B> {
  /** Values of the `{name}` segments of the path. */
  params?: Record<string, string>;
  query?: Record<string, string | number | undefined>;
  body?: B;
  headers?: Record<string, string>;
}

/** One broken field rule of a validation error. */
export interface FieldProblem {
  field: string;
  rule?: string;
  message?: string;
}

/** A failed call as the user should read it: the problem+json detail, the fields, the correlation id. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    readonly detail: string,
    readonly fields: FieldProblem[] = [],
    readonly correlationId?: string,
  ) {
    super(detail);
  }
}

type TokenSource = () => string | null;
type ExpiredHandler = () => void;
let tokenOf: TokenSource = () => null;
let onExpired: ExpiredHandler = () => undefined;

/** The session tells the client which token to send and what to do when it is refused. */
export function configureClient(token: TokenSource, expired: ExpiredHandler): void {
  tokenOf = token;
  onExpired = expired;
}

export function buildUrl(path: string, params: Record<string, string> = {}, query: Record<string, string | number | undefined> = {}): string {
  const filled = path.replace(/\{([A-Za-z0-9_]+)\}/g, (_, name: string) => {
    const value = params[name];
    if (value === undefined) throw new Error(`missing path parameter ${name} for ${path}`);
    return encodeURIComponent(value);
  });
  const search = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) if (v !== undefined && v !== '') search.set(k, String(v));
  const qs = search.toString();
  return qs ? `${filled}?${qs}` : filled;
}

/** Reads a problem+json body (or anything else) into an ApiError. */
export function toApiError(status: number, body: unknown, correlationId?: string): ApiError {
  const b = (typeof body === 'object' && body !== null ? body : {}) as Record<string, unknown>;
  const fields = Array.isArray(b.errors)
    ? (b.errors as unknown[]).flatMap((e) => (typeof e === 'object' && e !== null && typeof (e as FieldProblem).field === 'string' ? [e as FieldProblem] : []))
    : [];
  const detail = typeof b.detail === 'string' ? b.detail : typeof b.title === 'string' ? b.title : `HTTP ${status}`;
  const code = typeof b.code === 'string' ? b.code : `HTTP.${status}`;
  return new ApiError(status, code, detail, fields, typeof b.correlationId === 'string' ? b.correlationId : correlationId);
}

export async function call<M extends Method, P extends PathWith<M>>(method: M, path: P, init: CallInit<BodyOf<P, M>> = {}): Promise<ResponseOf<P, M>> {
  const token = tokenOf();
  const headers: Record<string, string> = { accept: 'application/json', ...(init.headers ?? {}) };
  if (token) headers.authorization = `Bearer ${token}`;
  if (init.body !== undefined) headers['content-type'] = 'application/json';
  let res: Response;
  try {
    res = await fetch(buildUrl(path, init.params, init.query), { method: method.toUpperCase(), headers, body: init.body === undefined ? undefined : JSON.stringify(init.body) });
  } catch (err) {
    throw new ApiError(0, 'NETWORK', err instanceof Error ? err.message : String(err));
  }
  const text = await res.text();
  let body: unknown = undefined;
  try {
    body = text ? JSON.parse(text) : undefined;
  } catch {
    body = undefined;
  }
  if (res.ok) return body as ResponseOf<P, M>;
  const error = toApiError(res.status, body, res.headers.get('x-correlation-id') ?? undefined);
  if (res.status === 401 && token) onExpired();
  throw error;
}
