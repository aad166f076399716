export * from './envelope';
export * from './event-definition';
export * from './catalog';
// members
export * from './members/member-enrolled.v1';
export * from './members/member-tier-changed.v1';
export * from './members/member-birthday.v1';
export * from './members/member-erased.v1';
export * from './members/member-consent-changed.v1';
// points
export * from './points/purchase-recorded.v1';
export * from './points/purchase-returned.v1';
