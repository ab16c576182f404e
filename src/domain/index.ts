/** The pure domain: the model (zod schemas and types) and the rules that act on it. */
export * from './model.js';
export * from './rules/violation.js';
export * from './rules/capacity.js';
export * from './rules/days.js';
export * from './rules/recurrence.js';
export * from './rules/booking.js';
export * from './rules/day-structure.js';
export * from './rules/audience.js';
