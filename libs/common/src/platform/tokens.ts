/** Injection tokens of the platform module. */
export const SERVICE_NAME = Symbol('SERVICE_NAME');
export const OUTBOX_RELAY_ENABLED = Symbol('OUTBOX_RELAY_ENABLED');
export const READINESS_CHECKS = Symbol('READINESS_CHECKS');
