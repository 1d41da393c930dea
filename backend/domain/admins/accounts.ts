import { randomBytes, randomUUID } from 'node:crypto';
import type { AdminLoginResult, AdminRole, TemporaryPassword } from '../../../typings';
import type { ActionContext, AdminPrincipal, BackendDeps, Principal } from '../../core/context';
import { AppError } from '../../core/errors';
import { COLLECTIONS } from '../../schema/collections';
import { StoreConflictError } from '../../ports/store';
import { PASSWORD_CHANGED_MEANWHILE } from '../auth/credentials';
import { auditWrite } from '../audit/audit';
import { assertNotLocked, assertRateLimit, clearFailures, recordFailure } from '../auth/guards';
import { checkNewPassword, hashPassword, spendDecoyHash, verifyPassword } from '../auth/passwords';
import { closeOtherSessions, closeSession, openSession } from '../auth/sessions';
import { toProfile, type AdminDoc } from './model';

const SCOPE = 'admin';
/**
 * Admin logins have their own per-address budget: a flood of member logins from a shared
 * hospital address must not lock the secretariat out.
 */
const RATE_SCOPE = 'adminLogin';
export const FIRST_ADMIN = 'admin';

/** A temporary password: 12 characters from an alphabet without look-alikes. */
function temporaryPassword(): string {
  const alphabet = 'ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnpqrstuvwxyz23456789';
  return Array.from(randomBytes(12), (byte) => alphabet[byte % alphabet.length]).join('');
}

/** Usernames are compared in lower case: `Sec1` and `sec1` are one account. */
export async function findAdminByUsername(
  deps: BackendDeps,
  username: string,
): Promise<AdminDoc | null> {
  const [doc] = await deps.store.find<AdminDoc>(
    COLLECTIONS.admins,
    { where: { username: username.toLowerCase() } },
    { limit: 1 },
  );
  return doc ?? null;
}

/**
 * Creates the first super-admin `admin` when there is no admin at all. Answers the password
 * when it was generated (to be printed once, and to be changed at first login), null when
 * given or when admins exist already. A given password shorter than 8 characters is refused.
 */
export async function ensureFirstAdmin(
  deps: BackendDeps,
  password: string | undefined,
  now: Date,
): Promise<{ created: boolean; generatedPassword: string | null }> {
  if ((await deps.store.count(COLLECTIONS.admins)) > 0) {
    return { created: false, generatedPassword: null };
  }
  if (password) {
    // The rules every later change keeps: at least 8 characters, not the username, not common.
    try {
      checkNewPassword(password, { current: null, forbidden: [FIRST_ADMIN] });
    } catch (error) {
      const reason = error instanceof AppError ? error.message.replace(/^新密码/, '') : '';
      throw new Error(`ADMIN_PASSWORD 不符合密码规则：${reason || String(error)}`);
    }
  }
  const chosen = password && password.length > 0 ? password : temporaryPassword();
  const doc: AdminDoc = {
    _id: randomUUID(),
    username: FIRST_ADMIN,
    displayName: '超级管理员',
    role: 'superAdmin',
    passwordHash: await hashPassword(chosen),
    disabled: false,
    // A generated password has been printed to a terminal and perhaps a log: replace it.
    mustChangePassword: !password,
    createdAt: now.toISOString(),
    updatedAt: now.toISOString(),
  };
  try {
    await deps.store.insert(COLLECTIONS.admins, doc);
  } catch (error) {
    if (error instanceof StoreConflictError) return { created: false, generatedPassword: null };
    throw error;
  }
  return { created: true, generatedPassword: password ? null : chosen };
}

export async function loginAdmin(
  ctx: ActionContext,
  username: string,
  password: string,
): Promise<AdminLoginResult> {
  const { deps, caller, now } = ctx;
  const perMinute = deps.config.loginAttemptsPerMinutePerAddress;
  await assertRateLimit(deps, RATE_SCOPE, caller.clientIp, perMinute, now);
  await assertNotLocked(deps, SCOPE, username, now);

  const admin = await findAdminByUsername(deps, username);
  const valid = admin ? await verifyPassword(password, admin.passwordHash) : false;
  if (!admin) await spendDecoyHash(password);
  if (!admin || !valid || admin.disabled) {
    const { locked } = await recordFailure(deps, SCOPE, username, now);
    if (locked) await assertNotLocked(deps, SCOPE, username, now);
    throw new AppError(
      'UNAUTHENTICATED',
      admin?.disabled && valid ? '该管理员账号已停用' : '账号或密码错误',
    );
  }
  await clearFailures(deps, SCOPE, username);

  const session = await openSession(deps, caller, now, {
    subjectKind: 'admin',
    subjectId: admin._id,
    username: admin.username,
    role: admin.role,
    mustChangePassword: admin.mustChangePassword,
  });
  // A disable, reset or password change that ran while this login was hashing has ended the
  // account's sessions already, perhaps before this one existed: check again.
  const after = await deps.store.get<AdminDoc>(COLLECTIONS.admins, admin._id);
  if (!after || after.disabled || after.passwordHash !== admin.passwordHash) {
    await closeSession(deps, session.sessionId);
    throw new AppError('UNAUTHENTICATED', '账号刚刚已被修改，请重新登录');
  }
  await deps.store.insert(COLLECTIONS.auditLog, auditDoc(ctx, admin, 'admin.login'));
  return {
    token: session.token,
    expiresAt: session.expiresAt.toISOString(),
    admin: toProfile(admin),
  };
}

function auditDoc(ctx: ActionContext, admin: AdminDoc, action: string) {
  const principal: AdminPrincipal = {
    kind: 'admin',
    adminId: admin._id,
    username: admin.username,
    role: admin.role,
    sessionId: '',
    mustChangePassword: admin.mustChangePassword,
  };
  const write = auditWrite(principal, ctx.now, action, admin._id);
  if (write.op !== 'insert') throw new Error('audit write must be an insert');
  return write.doc;
}

export async function logoutAdmin(ctx: ActionContext<AdminPrincipal>) {
  await closeSession(ctx.deps, ctx.principal.sessionId);
  return { loggedOut: true as const };
}

export async function changeAdminPassword(
  ctx: ActionContext<AdminPrincipal>,
  currentPassword: string,
  newPassword: string,
): Promise<{ mustChangePassword: false }> {
  const { deps, principal, now } = ctx;
  const admin = await deps.store.get<AdminDoc>(COLLECTIONS.admins, principal.adminId);
  if (!admin) throw new AppError('UNAUTHENTICATED', '请重新登录');
  await assertNotLocked(deps, SCOPE, admin.username, now);
  if (!(await verifyPassword(currentPassword, admin.passwordHash))) {
    await recordFailure(deps, SCOPE, admin.username, now);
    throw new AppError('INVALID_INPUT', '当前密码不正确', { field: 'currentPassword' });
  }
  checkNewPassword(newPassword, { current: currentPassword, forbidden: [admin.username] });
  const passwordHash = await hashPassword(newPassword);
  try {
    await deps.store.batch([
      {
        op: 'update',
        collection: COLLECTIONS.admins,
        id: admin._id,
        patch: { set: { passwordHash, mustChangePassword: false, updatedAt: now.toISOString() } },
        // Of two racing changes only the first lands: the second checked the old password.
        expect: { passwordHash: admin.passwordHash },
      },
      {
        op: 'update',
        collection: COLLECTIONS.sessions,
        id: principal.sessionId,
        patch: { set: { mustChangePassword: false } },
      },
      auditWrite(principal, now, 'admin.changePassword', admin._id),
    ]);
  } catch (error) {
    if (error instanceof StoreConflictError) throw PASSWORD_CHANGED_MEANWHILE();
    throw error;
  }
  await closeOtherSessions(deps, admin._id, principal.sessionId);
  return { mustChangePassword: false };
}

export async function createAdmin(
  ctx: ActionContext<AdminPrincipal>,
  input: { username: string; displayName: string; role: AdminRole },
): Promise<TemporaryPassword> {
  const { deps, principal, now } = ctx;
  const password = temporaryPassword();
  const doc: AdminDoc = {
    _id: randomUUID(),
    username: input.username.toLowerCase(),
    displayName: input.displayName,
    role: input.role,
    passwordHash: await hashPassword(password),
    disabled: false,
    mustChangePassword: true,
    createdAt: now.toISOString(),
    updatedAt: now.toISOString(),
  };
  try {
    await deps.store.batch([
      { op: 'insert', collection: COLLECTIONS.admins, doc },
      auditWrite(principal, now, 'admin.accounts.create', doc._id, {
        summary: { username: doc.username, role: doc.role },
      }),
    ]);
  } catch (error) {
    if (error instanceof StoreConflictError) throw new AppError('CONFLICT', '该账号名已存在');
    throw error;
  }
  return { username: doc.username, temporaryPassword: password };
}

async function requireOther(ctx: ActionContext<AdminPrincipal>, username: string) {
  const admin = await findAdminByUsername(ctx.deps, username);
  if (!admin) throw new AppError('NOT_FOUND', '管理员账号不存在');
  if (admin._id === ctx.principal.adminId) {
    throw new AppError('FORBIDDEN', '不能对自己的账号执行此操作');
  }
  return admin;
}

export async function setAdminDisabled(
  ctx: ActionContext<AdminPrincipal>,
  username: string,
  disabled: boolean,
) {
  const { deps, principal, now } = ctx;
  const admin = await requireOther(ctx, username);
  await deps.store.batch([
    {
      op: 'update',
      collection: COLLECTIONS.admins,
      id: admin._id,
      patch: { set: { disabled, updatedAt: now.toISOString() } },
    },
    auditWrite(
      principal,
      now,
      disabled ? 'admin.accounts.disable' : 'admin.accounts.enable',
      admin._id,
    ),
  ]);
  if (disabled) await closeOtherSessions(deps, admin._id, null);
  return toProfile({ ...admin, disabled });
}

export async function resetAdminPassword(
  ctx: ActionContext<AdminPrincipal>,
  username: string,
): Promise<TemporaryPassword> {
  const admin = await requireOther(ctx, username);
  return issueTemporaryPassword(ctx.deps, admin, ctx.principal, ctx.now);
}

/**
 * Gives an admin account a new temporary password, to be changed at its next login, ends its
 * sessions and lifts a login lock. `actor` is the super-admin in the console, null for the operator's command
 * line (which also re-enables the account: it is the way back in when no admin can log in).
 */
export async function issueTemporaryPassword(
  deps: BackendDeps,
  admin: AdminDoc,
  actor: Principal | null,
  now: Date,
  options: { enable?: boolean } = {},
): Promise<TemporaryPassword> {
  const password = temporaryPassword();
  const set: Record<string, unknown> = {
    passwordHash: await hashPassword(password),
    mustChangePassword: true,
    updatedAt: now.toISOString(),
  };
  if (options.enable) set.disabled = false;
  await deps.store.batch([
    { op: 'update', collection: COLLECTIONS.admins, id: admin._id, patch: { set } },
    auditWrite(actor, now, 'admin.accounts.resetPassword', admin._id, {
      summary: { via: actor ? 'console' : 'cli' },
    }),
  ]);
  await closeOtherSessions(deps, admin._id, null);
  // The new password is the way back in: a lock earned by the old one must not bar it.
  await clearFailures(deps, SCOPE, admin.username);
  return { username: admin.username, temporaryPassword: password };
}

export async function listAdmins(deps: BackendDeps) {
  const docs = await deps.store.find<AdminDoc>(
    COLLECTIONS.admins,
    {},
    {
      orderBy: [{ field: 'username', direction: 'asc' }],
      limit: 1000,
    },
  );
  return { items: docs.map(toProfile) };
}

export async function currentAdmin(ctx: ActionContext<AdminPrincipal>) {
  const admin = await ctx.deps.store.get<AdminDoc>(COLLECTIONS.admins, ctx.principal.adminId);
  if (!admin) throw new AppError('UNAUTHENTICATED', '请重新登录');
  return toProfile(admin);
}
