// The one public entry of @app/testing: infrastructure bootstrap for tests and data helpers.
export * from './test-env';
export * from './test-service';
export * from './kafka-helpers';
export * from './http-helpers';
export * from './mailpit';
export * from './webhook-receiver';
