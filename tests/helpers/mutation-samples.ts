/**
 * One valid sample of every mutation's args, for tests that must try every mutation (the
 * authorisation matrix). Typed over the catalogue, so adding a mutation without a sample here
 * fails the type check. Ids refer to the fixture centre the matrix test seeds (see
 * `seedMatrixCentre` there): `res-1`, `act-1`, `meal-1`, `res-book`, `grp-1`, …
 */
import type { MutationArgs, MutationName } from '../../src/protocol/index.js';

export type MutationSamples = { [N in MutationName]: MutationArgs<N> };

const FUTURE = '2099-03-02T10:00:00.000Z';
const FUTURE_END = '2099-03-02T11:00:00.000Z';
/** A wall message lasts at most 7 days from now (wallnotice.put): an hour after this file loads. */
const SOON = new Date(Date.now() + 60 * 60_000).toISOString();

export const mutationSamples: MutationSamples = {
  'signup.add': { activityId: 'act-1', residentId: 'res-1' },
  'signup.cancel': { activityId: 'act-1', residentId: 'res-1' },
  'booking.add': {
    bookingId: 'book-sample',
    resourceId: 'res-book',
    residentId: 'res-1',
    start: FUTURE,
    end: FUTURE_END,
  },
  'booking.cancel': { bookingId: 'book-sample' },
  'booking.start': { bookingId: 'book-sample' },
  'booking.release': { bookingId: 'book-sample' },
  'meal.attend': { mealId: 'meal-1', residentId: 'res-1', attending: true },
  'news.put': {
    id: 'news-sample',
    title: 'Sample',
    body: 'Text',
    media: [],
    publishAt: FUTURE,
    expiresAt: null,
    audience: { kind: 'all' },
  },
  'news.del': { id: 'news-sample' },
  'album.put': {
    id: 'album-sample',
    title: 'Udflugt',
    photos: [{ hash: 'a'.repeat(64), caption: 'Ved stranden' }],
    audience: { kind: 'groups', groupIds: ['grp-1'] },
    consentConfirmed: true,
  },
  'album.del': { id: 'album-sample' },
  'meal.put': {
    id: 'meal-sample',
    date: '2099-03-02',
    slot: 'lunch',
    dish: 'Soup',
    description: '',
    allergens: [],
    photo: null,
    pictogram: null,
  },
  'meal.del': { id: 'meal-sample' },
  'meal.copyWeek': { fromWeek: '2099-03-02', toWeek: '2099-03-09', replace: true },
  'meal.import': {
    rows: [{ line: 2, date: '2099-03-03', slot: 'frokost', dish: 'Suppe', allergens: 'selleri' }],
  },
  'activity.put': {
    id: 'act-sample',
    title: 'Walk',
    description: '',
    pictogram: null,
    place: 'Garden',
    start: FUTURE,
    end: FUTURE_END,
    capacity: null,
    waitlist: false,
    signupDeadline: null,
    audience: { kind: 'all' },
    recurrence: null,
  },
  'activity.del': { id: 'act-sample' },
  'activity.putSeries': {
    seriesId: 'act-1',
    from: '2099-03-02',
    scope: 'all',
    changes: { title: 'Walk', startTime: '10:00' },
  },
  'dayitem.put': {
    id: 'day-sample',
    residentId: null,
    groupId: 'grp-1',
    date: '2099-03-02',
    start: '09:00',
    end: null,
    title: 'Breakfast',
    pictogram: null,
    changedOn: null,
  },
  'dayitem.del': { id: 'day-sample' },
  'daytemplate.put': {
    id: 'tpl-sample',
    residentId: null,
    groupId: 'grp-1',
    weekday: 1,
    start: '08:00',
    end: '09:00',
    title: 'Breakfast',
    pictogram: null,
  },
  'daytemplate.del': { id: 'tpl-sample' },
  'dayitem.applyTemplates': { weekStart: '2099-03-02', residentId: null, groupId: 'grp-1' },
  'dayitem.copyWeek': {
    fromWeek: '2099-03-02',
    toWeek: '2099-03-09',
    residentId: null,
    groupId: 'grp-1',
  },
  'shift.put': {
    id: 'shift-sample',
    staffName: 'Mette',
    photo: null,
    start: FUTURE,
    end: FUTURE_END,
    groupId: null,
  },
  'shift.del': { id: 'shift-sample' },
  'shift.copyWeek': { fromWeek: '2099-03-02', toWeek: '2099-03-09' },
  'resource.put': {
    id: 'res-book-sample',
    name: 'Washer',
    pictogram: null,
    slotMinutes: 60,
    opening: [],
    maxActivePerResident: 2,
    audience: { kind: 'all' },
  },
  'resource.del': { id: 'res-book-sample' },
  'resident.put': {
    id: 'res-sample',
    displayName: 'Sample',
    photo: null,
    pictogram: null,
    groupIds: [],
    wallConsent: false,
    consent: {
      wall: { given: false, by: 'resident' },
      relatives: { given: true, by: 'guardian' },
    },
    mealSignUp: false,
  },
  'group.put': { id: 'grp-sample', name: 'House C' },
  'centre.put': { name: 'Sample centre', timeZone: 'Europe/Copenhagen' },
  'attendance.set': { activityId: 'act-1', residentId: 'res-1', present: true },
  'device.revoke': { deviceId: 'device-sample' },
  // The matrix's res-1 needs relatives' consent for the invitation to apply (else no_consent).
  'relative.invite': {
    inviteId: 'invite-sample',
    residentIds: ['res-1'],
    name: 'Sample Relative',
    email: null,
    token: 'sample-token-sample-token-sample-token-samp',
  },
  'invitation.revoke': { inviteId: 'invite-sample' },
  'relative.revoke': { userId: 'relative-sample' },
  'resident.erase': { residentId: 'res-sample' },
  // res-1 has no calendar consent in the matrix: refused with a reason (no_consent), not for role.
  'feed.create': {
    feedId: 'feed-sample',
    residentId: 'res-1',
    token: 'feed-token-sample-feed-token-sample-feed-to',
  },
  'feed.revoke': { feedId: 'feed-sample' },
  'device.put': { deviceId: 'device-sample', name: 'Hall', location: 'By the door', groupIds: [] },
  'wallnotice.put': {
    id: 'notice-sample',
    text: 'The bus is late.',
    pictogram: null,
    kioskIds: null,
    until: SOON,
  },
  'wallnotice.del': { id: 'notice-sample' },
  'user.create': {
    userId: 'user-sample',
    username: 'sample.staff',
    displayName: 'Sample Staff',
    role: 'staff',
    password: 'sample-password-1',
  },
  'user.disable': { userId: 'user-sample' },
  'user.enable': { userId: 'user-sample' },
  'user.resetPassword': { userId: 'user-sample', password: 'sample-password-2' },
  'user.revokeSessions': { userId: 'user-sample' },
};
