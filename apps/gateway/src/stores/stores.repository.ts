import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import type { Model } from 'mongoose';
import { ConflictError } from '@app/common';
import { API_KEY_MODEL, STORE_MODEL, type ApiKey, type Store } from './stores.schema';

export type ApiKeyView = Omit<ApiKey, 'hash'>;

function isDuplicateKey(err: unknown): boolean {
  return typeof err === 'object' && err !== null && (err as { code?: unknown }).code === 11000;
}

@Injectable()
export class StoresRepository {
  constructor(@InjectModel(STORE_MODEL) private readonly stores: Model<Store>) {}

  async create(store: Store): Promise<Store> {
    try {
      await this.stores.create(store);
    } catch (err) {
      if (isDuplicateKey(err)) throw new ConflictError('STORES.ALREADY_EXISTS', 'A store with this id exists', { storeId: store._id });
      throw err;
    }
    return store;
  }

  find(storeId: string): Promise<Store | null> {
    return this.stores.findById(storeId).lean<Store>().exec();
  }

  list(): Promise<Store[]> {
    return this.stores.find().sort({ _id: 1 }).limit(5000).lean<Store[]>().exec();
  }

  /** The ids among `storeIds` that are not stores. */
  async missing(storeIds: string[]): Promise<string[]> {
    if (!storeIds.length) return [];
    const found = await this.stores
      .find({ _id: { $in: storeIds } })
      .select('_id')
      .lean<Array<{ _id: string }>>()
      .exec();
    const known = new Set(found.map((s) => s._id));
    return storeIds.filter((id) => !known.has(id));
  }
}

@Injectable()
export class ApiKeysRepository {
  constructor(@InjectModel(API_KEY_MODEL) private readonly keys: Model<ApiKey>) {}

  async create(key: ApiKey): Promise<ApiKeyView> {
    await this.keys.create(key);
    const { hash: _hidden, ...view } = key;
    return view;
  }

  /** An active (not revoked) key by its hash. */
  findActiveByHash(hash: string): Promise<ApiKeyView | null> {
    return this.keys.findOne({ hash, revokedAt: null }).lean<ApiKeyView>().exec();
  }

  listForStore(storeId: string): Promise<ApiKeyView[]> {
    return this.keys.find({ storeId }).sort({ createdAt: 1 }).limit(1000).lean<ApiKeyView[]>().exec();
  }

  /** Revoke once; the store id is part of the filter so a key is revoked only through its store. */
  async revoke(storeId: string, keyId: string, at: Date): Promise<ApiKeyView | null> {
    await this.keys.updateOne({ _id: keyId, storeId, revokedAt: null }, { $set: { revokedAt: at } }).exec();
    return this.keys.findOne({ _id: keyId, storeId }).lean<ApiKeyView>().exec();
  }

  /** Record use, at most once per `minIntervalMs` per key (one cheap conditional write). */
  async touch(keyId: string, at: Date, minIntervalMs: number): Promise<void> {
    const before = new Date(at.getTime() - minIntervalMs);
    await this.keys.updateOne({ _id: keyId, $or: [{ lastUsedAt: null }, { lastUsedAt: { $lt: before } }] }, { $set: { lastUsedAt: at } }).exec();
  }
}
