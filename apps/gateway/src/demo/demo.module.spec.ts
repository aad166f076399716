import { refuseDemoInProduction } from './demo.module';

describe('demo customer tokens', () => {
  it('a production start refuses them', () => {
    expect(() => refuseDemoInProduction({ DEMO_CUSTOMER_TOKENS: true, NODE_ENV: 'production' })).toThrow(/DEMO_CUSTOMER_TOKENS/);
  });

  it('development may enable them; production without them starts', () => {
    expect(() => refuseDemoInProduction({ DEMO_CUSTOMER_TOKENS: true, NODE_ENV: 'development' })).not.toThrow();
    expect(() => refuseDemoInProduction({ DEMO_CUSTOMER_TOKENS: false, NODE_ENV: 'production' })).not.toThrow();
  });
});
