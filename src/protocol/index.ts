export * from './errors.js';
export * from './events.js';
export * from './kiosk-health.js';
export * from './mutations.js';
export * from './payload.js';
export * from './unlock.js';
export * from './version.js';
export * from './rest.js';
