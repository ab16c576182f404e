export const PROTOCOL_VERSION = 1;
/** socket.io namespace of the sync protocol. */
export const SYNC_NAMESPACE = '/sync';
/** Largest single event payload (serialised JSON) the server accepts; bigger is `invalid`. */
export const MAX_EVENT_BYTES = 256 * 1024;
/** socket.io transport cap: above this the engine drops the offending connection (only it). */
export const MAX_TRANSPORT_BYTES = 4 * 1024 * 1024;
export const PULL_DEFAULT_LIMIT = 500;
export const PULL_MAX_LIMIT = 1000;
/** How long the server remembers a mutation id and its first answer. */
export const MUTATION_RETENTION_DAYS = 30;
