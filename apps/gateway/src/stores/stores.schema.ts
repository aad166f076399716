import { Schema } from 'mongoose';

/** A store of the retailer: what POS API keys and store managers are scoped to. */
export interface Store {
  /** Chosen by the admin (`store-001`); used in every POS request as `storeId`. */
  _id: string;
  name: string;
  active: boolean;
  createdAt: Date;
}

export const STORE_MODEL = 'Store';
export const StoreSchema = new Schema<Store>(
  {
    _id: { type: String, required: true },
    name: { type: String, required: true },
    active: { type: Boolean, default: true },
    createdAt: { type: Date, required: true },
  },
  { collection: 'stores', versionKey: false },
);

/** A POS API key: only its SHA-256 hash is stored; the key itself is shown once at issue. */
export interface ApiKey {
  /** Key id (`key_...`): the POS actor's id, shown in lists and logs. */
  _id: string;
  storeId: string;
  /** hex SHA-256 of the full key; unique. */
  hash: string;
  /** First characters of the key, to recognise it in a list. */
  prefix: string;
  label: string;
  createdAt: Date;
  createdBy: string;
  revokedAt: Date | null;
  lastUsedAt: Date | null;
}

export const API_KEY_MODEL = 'ApiKey';
export const ApiKeySchema = new Schema<ApiKey>(
  {
    _id: { type: String, required: true },
    storeId: { type: String, required: true, index: true },
    hash: { type: String, required: true, unique: true, select: false },
    prefix: { type: String, required: true },
    label: { type: String, required: true },
    createdAt: { type: Date, required: true },
    createdBy: { type: String, required: true },
    revokedAt: { type: Date, default: null },
    lastUsedAt: { type: Date, default: null },
  },
  { collection: 'api_keys', versionKey: false },
);
