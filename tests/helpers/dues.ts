import { randomUUID } from 'node:crypto';
import type { AdminRole, DuesOrder, InvoiceInfo } from '../../typings';
import { openSession } from '../../backend/domain/auth/sessions';
import { demoDuesSettings, writeDuesSettings } from '../../backend/domain/dues/settings';
import type { TestBackend, SeedMember } from './backend';
import { dataOf } from './backend';
import { callerWith, JPEG_BYTES } from './files';

/** The demo fees and account, as a fresh local data folder has them. */
export async function withDemoSettings(t: TestBackend): Promise<void> {
  await writeDuesSettings(t.deps, demoDuesSettings('示范省医学学会'), t.clock.now());
}

/** Uploads bytes through the upload gate for this token (a session or an upload grant), as `POST /api/files` does. */
export async function uploadAs(t: TestBackend, token: string, bytes: Buffer, name: string) {
  const gate = await t.backend.openUpload(callerWith(token));
  if (!gate.ok) throw new Error(`upload refused: ${gate.code}`);
  const stored = await gate.store({ name, bytes });
  if (!stored.ok) throw new Error(`upload failed: ${stored.code}`);
  return stored.data.fileId;
}

/** A seeded member with a session: calls, uploads, and a whole 立即续费 in one step. */
export async function duesMember(t: TestBackend, seed: Partial<SeedMember> & { phone: string }) {
  const id = await t.seedMember({ name: '张明', memberNo: `M${seed.phone.slice(-4)}`, ...seed });
  const { token } = await openSession(t.deps, callerWith(null), t.clock.now(), {
    subjectKind: 'member',
    subjectId: id,
    mustChangePassword: false,
  });
  const call = (action: Parameters<TestBackend['call']>[0], data: object = {}) =>
    t.call(action, data as Record<string, unknown>, { token });
  return {
    id,
    token,
    call,
    upload: (bytes: Buffer = JPEG_BYTES, name = '转账凭证.jpg') => uploadAs(t, token, bytes, name),
    async order(years = 1, invoice: InvoiceInfo | null = null): Promise<DuesOrder> {
      return dataOf<DuesOrder>(
        await call('dues.createOrder', { years, invoice, requestId: randomUUID() }),
      );
    },
    /** An order with a voucher, awaiting finance. */
    async orderInReview(years = 1, invoice: InvoiceInfo | null = null): Promise<DuesOrder> {
      const order = await this.order(years, invoice);
      const fileId = await this.upload();
      return dataOf<DuesOrder>(
        await call('dues.attachVoucher', { orderId: order.id, fileIds: [fileId] }),
      );
    },
  };
}

export type DuesMember = Awaited<ReturnType<typeof duesMember>>;

/** An admin session of `role`; `call` acts as them. */
export async function duesAdmin(t: TestBackend, role: AdminRole, username: string = role) {
  const adminId = `admin-${username}`;
  const { token } = await openSession(t.deps, callerWith(null), t.clock.now(), {
    subjectKind: 'admin',
    subjectId: adminId,
    mustChangePassword: false,
    username,
    role,
  });
  return {
    id: adminId,
    token,
    call: (action: Parameters<TestBackend['call']>[0], data: object = {}) =>
      t.call(action, data as Record<string, unknown>, { token }),
    upload: (bytes: Buffer, name = '电子发票.pdf') => uploadAs(t, token, bytes, name),
  };
}

export type DuesAdmin = Awaited<ReturnType<typeof duesAdmin>>;
