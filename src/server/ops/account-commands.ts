/**
 * The account commands of the server's command line (the staff admin gets the same later):
 * create-user, disable-user, enable-user, reset-password, revoke-sessions. Passwords come from a
 * prompt or standard input (read-password.ts), never from the command line, except `create-user
 * --password`, kept for the demo and scripts, with a warning. Each change is audited (actor `cli`).
 * A running server closes the sockets of ended sessions within its sweep (about a second).
 */
import {
  AccountError,
  createUser,
  revokeUserSessions,
  setPassword,
  setUserDisabled,
} from '../auth/accounts.js';
import { auditAccount } from '../auth/account-audit.js';
import { openConfiguredDb } from '../store/open-store.js';
import { readPassword, type PasswordIo } from './read-password.js';

export const ACCOUNT_COMMANDS = [
  'create-user',
  'disable-user',
  'enable-user',
  'reset-password',
  'revoke-sessions',
] as const;
export type AccountCommand = (typeof ACCOUNT_COMMANDS)[number];

export const isAccountCommand = (c: string | undefined): c is AccountCommand =>
  (ACCOUNT_COMMANDS as readonly string[]).includes(c ?? '');

export interface AccountValues {
  data: string;
  username?: string | undefined;
  password?: string | undefined;
  role?: string | undefined;
  name?: string | undefined;
  residents: string;
}

export interface CommandIo {
  out: (line: string) => void;
  warn: (line: string) => void;
  password?: PasswordIo;
}

const SWEEP_NOTE = 'a running server closes their connections within a second.';

/** Runs an account command; the exit code (1: no such user). Bad input throws AccountError. */
export async function runAccountCommand(
  command: AccountCommand,
  values: AccountValues,
  io: CommandIo,
): Promise<number> {
  if (command === 'create-user') return createUserCommand(values, io);
  const username = needUsername(command, values);
  if (command === 'reset-password' && values.password !== undefined)
    throw new AccountError(
      'invalid',
      'reset-password takes no --password (others on the machine could read it): type it at the prompt, or pipe it on standard input.',
    );
  // Asked for before the database opens, so a cancelled prompt leaves nothing half done.
  const password =
    command === 'reset-password'
      ? await readPassword(`New password for ${username}`, io.password)
      : null;
  const db = await openConfiguredDb(values.data);
  const now = new Date();
  try {
    if (command === 'disable-user' || command === 'enable-user') {
      const disabled = command === 'disable-user';
      const r = await setUserDisabled(db, username, disabled);
      await auditAccount(db, now, {
        action: disabled ? 'user.disable' : 'user.enable',
        userId: r.id,
        detail: { username, sessions: r.sessions },
      });
      io.out(
        disabled
          ? `Disabled "${username}"; ${sessions(r.sessions)} ended, and ${SWEEP_NOTE}`
          : `Enabled "${username}"; they can log in again.`,
      );
    } else if (command === 'revoke-sessions') {
      const r = await revokeUserSessions(db, username);
      await auditAccount(db, now, {
        action: 'user.sessions_revoked',
        userId: r.id,
        detail: { username, sessions: r.sessions },
      });
      io.out(`Ended ${sessions(r.sessions)} of "${username}"; ${SWEEP_NOTE}`);
    } else {
      await setPassword(db, username, password ?? '');
      // A reset is often because the password got out: whoever used it is logged out too.
      const r = await revokeUserSessions(db, username);
      await auditAccount(db, now, {
        action: 'user.password_reset',
        userId: r.id,
        detail: { username, sessions: r.sessions },
      });
      io.out(`New password set for "${username}"; ${sessions(r.sessions)} ended.`);
    }
    return 0;
  } catch (err) {
    if (err instanceof AccountError && err.code === 'not_found') {
      io.out(err.message);
      return 1;
    }
    throw err;
  } finally {
    await db.destroy();
  }
}

const sessions = (n: number): string => (n === 1 ? '1 session' : `${n} sessions`);

function needUsername(command: AccountCommand, values: AccountValues): string {
  if (!values.username) throw new AccountError('invalid', `${command} needs --username U.`);
  return values.username;
}

async function createUserCommand(values: AccountValues, io: CommandIo): Promise<number> {
  const role = values.role;
  if (role !== 'staff' && role !== 'admin' && role !== 'relative')
    throw new AccountError('invalid', 'create-user needs --role staff, admin or relative.');
  const username = needUsername('create-user', values);
  const residentIds = values.residents
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  if (role === 'relative' && residentIds.length === 0)
    throw new AccountError(
      'invalid',
      'A relative needs --residents with the ids of their residents.',
    );
  let password = values.password;
  if (password === undefined)
    password = await readPassword(`Password for ${username}`, io.password);
  else
    io.warn(
      'Warning: a password given with --password can be read by other users of this machine (in the process list) and stays in your shell history. Leave --password out to be asked for it.',
    );
  const db = await openConfiguredDb(values.data);
  try {
    const id = await createUser(db, {
      username,
      password,
      displayName: values.name ?? username,
      role,
      residentIds,
    });
    await auditAccount(db, new Date(), {
      action: 'user.create',
      userId: id,
      detail: { username, role },
    });
    io.out(`Created ${role} "${username}" (id ${id}).`);
  } finally {
    await db.destroy();
  }
  return 0;
}
