import { assertTestDatabase, databaseName } from './test-database-guard';

describe('test database guard', () => {
  it('reads the database name from a URL', () => {
    expect(databaseName('mongodb://h:1/points_ab12_test?replicaSet=rs0')).toBe('points_ab12_test');
  });

  it('refuses a non-test database under NODE_ENV=test', () => {
    expect(() => assertTestDatabase({ NODE_ENV: 'test', MONGO_URL: 'mongodb://h:1/loyalty_points' })).toThrow('must end in "_test"');
  });

  it('accepts a test database, and anything outside tests', () => {
    expect(() => assertTestDatabase({ NODE_ENV: 'test', MONGO_URL: 'mongodb://h:1/points_x_test' })).not.toThrow();
    expect(() => assertTestDatabase({ NODE_ENV: 'development', MONGO_URL: 'mongodb://h:1/loyalty_points' })).not.toThrow();
  });
});
