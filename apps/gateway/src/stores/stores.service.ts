import { createHash, randomBytes } from 'node:crypto';
import { Injectable, Logger } from '@nestjs/common';
import { Clock, DomainError, ExpiringMap, NotFoundError, type Actor } from '@app/common';
import type { CreateStoreDto, IssueApiKeyDto } from './dto/create-store.dto';
import { ApiKeysRepository, StoresRepository, type ApiKeyView } from './stores.repository';
import type { Store } from './stores.schema';
import { GatewayEnv } from '../config/gateway.env';

const KEY_PREFIX = 'lpk_';
/** lastUsedAt is written at most this often per key. */
const TOUCH_INTERVAL_MS = 60_000;
/** Keys kept in memory at most (the oldest are dropped first). */
const CACHE_ENTRIES = 10_000;

export function hashApiKey(key: string): string {
  return createHash('sha256').update(key, 'utf8').digest('hex');
}

/** Stores and their POS API keys (issue once, store hashed, revoke, authenticate). */
@Injectable()
export class StoresService {
  private readonly logger = new Logger(StoresService.name);
  /** Keys that authenticated, by hash, for API_KEY_CACHE_MS: a till's every sale comes with its key. */
  private readonly trusted: ExpiringMap<string, Actor>;
  /** Keys whose use this instance recorded within TOUCH_INTERVAL_MS. */
  private readonly touched = new ExpiringMap<string, true>(TOUCH_INTERVAL_MS, CACHE_ENTRIES);

  constructor(
    private readonly stores: StoresRepository,
    private readonly keys: ApiKeysRepository,
    private readonly clock: Clock,
    env: GatewayEnv,
  ) {
    this.trusted = new ExpiringMap(env.API_KEY_CACHE_MS, CACHE_ENTRIES);
  }

  createStore(dto: CreateStoreDto): Promise<Store> {
    return this.stores.create({ _id: dto.storeId, name: dto.name, active: true, createdAt: this.clock.now() });
  }

  listStores(): Promise<Store[]> {
    return this.stores.list();
  }

  /** The plain key is in the answer once and never stored. */
  async issueKey(storeId: string, dto: IssueApiKeyDto, createdBy: string): Promise<ApiKeyView & { apiKey: string }> {
    await this.requireStore(storeId);
    const apiKey = `${KEY_PREFIX}${randomBytes(32).toString('base64url')}`;
    const view = await this.keys.create({
      _id: `key_${randomBytes(8).toString('hex')}`,
      storeId,
      hash: hashApiKey(apiKey),
      prefix: apiKey.slice(0, 10),
      label: dto.label ?? 'POS',
      createdAt: this.clock.now(),
      createdBy,
      revokedAt: null,
      lastUsedAt: null,
    });
    this.logger.log({ msg: 'POS API key issued', keyId: view._id, storeId, by: createdBy });
    return { ...view, apiKey };
  }

  async listKeys(storeId: string): Promise<ApiKeyView[]> {
    await this.requireStore(storeId);
    return this.keys.listForStore(storeId);
  }

  async revokeKey(storeId: string, keyId: string, revokedBy: string): Promise<ApiKeyView> {
    const key = await this.keys.revoke(storeId, keyId, this.clock.now());
    this.trusted.clear();
    if (!key) throw new NotFoundError('API_KEYS.NOT_FOUND', 'No such API key for this store', { storeId, keyId });
    this.logger.log({ msg: 'POS API key revoked', keyId, storeId, by: revokedBy });
    return key;
  }

  /** The POS actor of a presented key, or null when the key is unknown, revoked or its store closed. */
  async authenticate(presented: string): Promise<Actor | null> {
    if (!presented.startsWith(KEY_PREFIX) || presented.length > 200) return null;
    const hash = hashApiKey(presented);
    const cached = this.trusted.get(hash);
    if (cached) {
      this.touch(cached.id);
      return cached;
    }
    const key = await this.keys.findActiveByHash(hash);
    if (!key) return null;
    const store = await this.stores.find(key.storeId);
    if (!store?.active) return null;
    const actor: Actor = { id: key._id, role: 'pos', storeIds: [key.storeId] };
    this.trusted.set(hash, actor);
    this.touch(key._id);
    return actor;
  }

  /** Record a key's use (lastUsedAt), at most once per TOUCH_INTERVAL_MS per key from this instance. */
  private touch(keyId: string): void {
    if (this.touched.get(keyId)) return;
    this.touched.set(keyId, true);
    this.keys
      .touch(keyId, this.clock.now(), TOUCH_INTERVAL_MS)
      .catch((err: unknown) => this.logger.warn({ msg: 'could not record API key use', keyId, error: String(err) }));
  }

  private async requireStore(storeId: string): Promise<Store> {
    const store = await this.stores.find(storeId);
    if (!store) throw new NotFoundError('STORES.NOT_FOUND', 'No such store', { storeId });
    if (!store.active) throw new DomainError('STORES.INACTIVE', 'unprocessable', 'The store is closed', { storeId });
    return store;
  }
}
