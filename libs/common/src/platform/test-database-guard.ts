import type { BaseEnv } from '../config/base.env';

/** The database name in a mongodb:// URL. */
export function databaseName(mongoUrl: string): string {
  const path = mongoUrl.replace(/^mongodb(\+srv)?:\/\/[^/]+\//, '');
  return path.split('?')[0] ?? '';
}

/** Under NODE_ENV=test, refuse any database whose name does not end in `_test`. */
export function assertTestDatabase(env: Pick<BaseEnv, 'NODE_ENV' | 'MONGO_URL'>): void {
  if (env.NODE_ENV !== 'test') return;
  const name = databaseName(env.MONGO_URL);
  if (!name.endsWith('_test')) {
    throw new Error(`Refusing to run tests against database "${name}": test database names must end in "_test"`);
  }
}
