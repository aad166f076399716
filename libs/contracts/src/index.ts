export * from './envelope';
export * from './event-definition';
export * from './catalog';
export * from './members/member-enrolled.v1';
export * from './points/purchase-recorded.v1';
