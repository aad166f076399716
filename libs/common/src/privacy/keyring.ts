/** Parse `k1:base64,k2:base64` into key id -> 32-byte key; throws naming the bad entry. */
export function parseKeyring(spec: string): Map<string, Buffer> {
  const keys = new Map<string, Buffer>();
  const entries = spec.split(',').map((s) => s.trim()).filter(Boolean);
  if (entries.length === 0) throw new Error('no keys');
  for (const entry of entries) {
    const sep = entry.indexOf(':');
    const id = sep > 0 ? entry.slice(0, sep) : '';
    if (!/^[A-Za-z0-9_-]{1,16}$/.test(id)) throw new Error(`bad key id in entry #${keys.size + 1}`);
    if (keys.has(id)) throw new Error(`duplicate key id ${id}`);
    const key = Buffer.from(entry.slice(sep + 1), 'base64');
    if (key.length !== 32) throw new Error(`key ${id} is ${key.length} bytes, not 32`);
    keys.set(id, key);
  }
  return keys;
}
