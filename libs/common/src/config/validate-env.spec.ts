import { BaseEnv } from './base.env';
import { InvalidEnvironmentError, validateEnv } from './validate-env';

const good = {
  PORT: '3002',
  MONGO_URL: 'mongodb://127.0.0.1:27017/loyalty_points',
  KAFKA_BROKERS: '127.0.0.1:9092,127.0.0.1:9093',
  INTERNAL_TOKEN: 'a-long-enough-internal-token',
};

describe('validateEnv', () => {
  it('parses numbers and applies defaults', () => {
    const env = validateEnv(BaseEnv, good);
    expect(env.PORT).toBe(3002);
    expect(env.LOG_LEVEL).toBe('info');
    expect(env.CONSUMER_MAX_ATTEMPTS).toBe(3);
  });

  it.each([
    ['MONGO_URL', { MONGO_URL: 'mongodb://127.0.0.1:27017' }, 'MONGO_URL must be a mongodb:// URL that names a database'],
    ['KAFKA_BROKERS', { KAFKA_BROKERS: 'localhost' }, 'KAFKA_BROKERS must be a comma-separated list of host:port'],
    ['PORT', { PORT: 'eighty' }, 'PORT must be an integer number'],
    ['LOG_LEVEL', { LOG_LEVEL: 'loud' }, 'LOG_LEVEL must be one of the following values'],
    ['INTERNAL_TOKEN', { INTERNAL_TOKEN: 'short' }, 'INTERNAL_TOKEN must be 16-256 URL-safe characters'],
  ])('refuses a bad %s and names it', (_name, override, message) => {
    expect(() => validateEnv(BaseEnv, { ...good, ...override })).toThrow(message);
  });

  it('names every missing required variable at once', () => {
    try {
      validateEnv(BaseEnv, {});
      throw new Error('expected a failure');
    } catch (err) {
      expect(err).toBeInstanceOf(InvalidEnvironmentError);
      const text = (err as Error).message;
      for (const name of ['PORT', 'MONGO_URL', 'KAFKA_BROKERS', 'INTERNAL_TOKEN']) expect(text).toContain(name);
    }
  });

  it('treats an empty value as missing', () => {
    expect(() => validateEnv(BaseEnv, { ...good, MONGO_URL: '' })).toThrow('MONGO_URL');
  });
});
