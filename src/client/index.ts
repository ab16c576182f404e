/** The client sync engine's public API: every front end (kiosk, staff, relatives) uses this. */
export {
  CacheDb,
  cacheSchemaVersions,
  clearCache,
  readCursor,
  readLastSyncedAt,
  requestPersistentStorage,
  type CacheSchemaVersion,
  type MetaRow,
  type OutboxEntry,
  type Rejection,
} from './db.js';
export {
  SyncEngine,
  type KioskShell,
  type SocketFactory,
  type SyncEngineOptions,
  type SyncSocket,
} from './engine.js';
export { InvalidMutationError } from './sender.js';
export {
  attendanceOfActivities,
  mealAnswersOfMeals,
  mealAnswersOfResident,
  signUpsOfActivities,
  signUpsOfResident,
} from './relations.js';
export type {
  AppliedEvent,
  ConnectionState,
  SyncedEvent,
  SyncEvents,
  SyncStatus,
} from './types.js';
export {
  overlayBookings,
  overlayMealAttendance,
  overlaySignUps,
  pendingBookingId,
  pendingFor,
  type BookingFilter,
  type MealAttendanceFilter,
  type OverlaidBooking,
  type OverlaidMealAttendance,
  type OverlaidSignUp,
  type PendingMark,
  type PendingOf,
  type PendingSignUp,
  type SignUpFilter,
} from './overlay.js';
export type { Backoff, Logger } from './util.js';
export { enrolDevice, renewDeviceCookie, type EnrolOutcome } from './enrol.js';
export { parseUnlockResult, type UnlockResult, type UnlockResultCode } from './unlock.js';
export {
  overlayEntities,
  withoutPending,
  type EditableKind,
  type EditMark,
  type Overlaid,
} from './overlay-entities.js';
