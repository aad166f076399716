import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { isConsolePath, resolveConsoleAsset } from './console-assets';

describe('console assets', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'console-assets-'));
  fs.mkdirSync(path.join(dir, 'assets'));
  fs.writeFileSync(path.join(dir, 'index.html'), '<!doctype html>');
  fs.writeFileSync(path.join(dir, 'assets', 'index-abc123.js'), 'x');
  fs.writeFileSync(path.join(dir, 'favicon.svg'), '<svg/>');
  fs.writeFileSync(path.join(dir, 'notes.md'), 'not served');
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('recognises the console paths and nothing else', () => {
    expect(['/console', '/console/', '/console/members/m_1'].every(isConsolePath)).toBe(true);
    expect(['/consoles', '/v1/console', '/'].some(isConsolePath)).toBe(false);
  });

  it('serves hashed assets as immutable and other files as revalidated', () => {
    expect(resolveConsoleAsset(dir, '/console/assets/index-abc123.js')).toEqual({
      kind: 'file',
      file: path.join(dir, 'assets', 'index-abc123.js'),
      contentType: 'text/javascript; charset=utf-8',
      immutable: true,
    });
    expect(resolveConsoleAsset(dir, '/console/favicon.svg')).toMatchObject({ kind: 'file', contentType: 'image/svg+xml', immutable: false });
  });

  it('answers every page of the app with index.html and redirects the bare prefix', () => {
    expect(resolveConsoleAsset(dir, '/console/')).toMatchObject({ kind: 'file', file: path.join(dir, 'index.html') });
    expect(resolveConsoleAsset(dir, '/console/members/m_123')).toMatchObject({ kind: 'file', file: path.join(dir, 'index.html'), immutable: false });
    expect(resolveConsoleAsset(dir, '/console')).toEqual({ kind: 'redirect', location: '/console/' });
  });

  it('never serves outside the directory, unknown types or missing files', () => {
    for (const p of [
      '/console/../package.json',
      '/console/%2e%2e/secret.js',
      '/console/assets/..%2f..%2fx.js',
      '/console/notes.md',
      '/console/assets/missing.js',
      '/console/%E0%A4%A',
    ]) {
      expect(resolveConsoleAsset(dir, p)).toEqual({ kind: 'not_found' });
    }
  });
});
