// The services' own code, compiled by the benchmark into .local/bench/dist, for the scale loader:
// sealing and blind indexes (members), tier rules, earning rules (points), profile evaluation
// (segments). Loaded through the same path mapping the services run with, so the loaded documents
// are computed by the code that would have written them, not by a copy of it.
import { createRequire } from 'node:module';
import path from 'node:path';

export function serviceModules(root, buildDir) {
  const require = createRequire(path.join(root, 'package.json'));
  const tsconfigPaths = require('tsconfig-paths');
  const config = tsconfigPaths.loadConfig(root);
  if (config.resultType !== 'success') throw new Error(`tsconfig paths: ${config.message}`);
  tsconfigPaths.register({ baseUrl: buildDir, paths: config.paths });
  const load = (rel) => require(path.join(buildDir, rel));
  const common = load('libs/common/src/index.js');
  return {
    common,
    members: {
      ...load('apps/members/src/members/personal-data.codec.js'),
      ...load('apps/members/src/members/card-number.js'),
      ...load('apps/members/src/tiers/tier-rules.js'),
      ...load('apps/members/src/tiers/default-tiers.js'),
      ...load('apps/members/src/config/members.env.js'),
      SETTLE_AFTER: load('apps/members/src/tiers/tier-qualification.service.js').SETTLE_AFTER,
    },
    points: {
      ...load('apps/points/src/rules/calculate-earning.js'),
      ...load('apps/points/src/rules/earning-rules.js'),
      ...load('apps/points/src/pos/usecases/record-sale.usecase.js'),
      ...load('apps/points/src/pos/purchase-crediting.service.js'),
      ...load('apps/points/src/config/points.env.js'),
      APPLIED_KEPT: load('apps/points/src/ledger/ledger.repository.js').APPLIED_KEPT,
    },
    segments: {
      ...load('apps/segments/src/profiles/profile-state.js'),
      ...load('apps/segments/src/profiles/profile-config.js'),
      ...load('apps/segments/src/config/segments.env.js'),
    },
  };
}
