import fs from 'node:fs';
import path from 'node:path';

/** Where the web console is served: `/console` and everything below it. */
export const CONSOLE_PREFIX = '/console';

export function isConsolePath(urlPath: string): boolean {
  return urlPath === CONSOLE_PREFIX || urlPath.startsWith(`${CONSOLE_PREFIX}/`);
}

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.txt': 'text/plain; charset=utf-8',
};

export type ConsoleAsset =
  { kind: 'file'; file: string; contentType: string; immutable: boolean } | { kind: 'redirect'; location: string } | { kind: 'not_found' };

/**
 * Which file answers a console path. Hashed build output under `assets/` is cached for good; any
 * other path without a file extension is a page of the single-page app and gets `index.html`
 * (the app's router shows the page). A path that leaves the directory is never served.
 */
export function resolveConsoleAsset(dir: string, urlPath: string): ConsoleAsset {
  if (urlPath === CONSOLE_PREFIX) return { kind: 'redirect', location: `${CONSOLE_PREFIX}/` };
  let rel: string;
  try {
    rel = decodeURIComponent(urlPath.slice(CONSOLE_PREFIX.length + 1));
  } catch {
    return { kind: 'not_found' };
  }
  if (rel.includes('\0') || rel.split('/').some((s) => s === '..' || s === '.') || rel.includes('\\')) return { kind: 'not_found' };
  const root = path.resolve(dir);
  const file = path.resolve(root, rel || 'index.html');
  if (file !== root && !file.startsWith(`${root}${path.sep}`)) return { kind: 'not_found' };
  const ext = path.extname(file);
  if (ext && isFile(file) && CONTENT_TYPES[ext]) return { kind: 'file', file, contentType: CONTENT_TYPES[ext], immutable: rel.startsWith('assets/') };
  if (ext) return { kind: 'not_found' };
  const index = path.join(root, 'index.html');
  return isFile(index) ? { kind: 'file', file: index, contentType: CONTENT_TYPES['.html'], immutable: false } : { kind: 'not_found' };
}

function isFile(file: string): boolean {
  try {
    return fs.statSync(file).isFile();
  } catch {
    return false;
  }
}
