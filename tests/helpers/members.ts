import type { AuditDoc } from '../../backend/domain/audit/audit';
import type { MemberDoc } from '../../backend/domain/members/model';
import { COLLECTIONS } from '../../backend/schema/collections';
import type { TestBackend } from './backend';
import { callerWith, openTestSession } from './files';

/** A seeded member with an open session, and the ways a test acts as them. */
export async function loggedInMember(t: TestBackend, phone: string, name: string) {
  const id = await t.seedMember({ phone, name, memberNo: `M${phone.slice(-4)}` });
  const token = await openTestSession(t.deps, { kind: 'member', id });
  return {
    id,
    token,
    call: (action: Parameters<TestBackend['call']>[0], data: object) =>
      t.call(action, data as Record<string, unknown>, { token }),
    /** Uploads bytes as this member, as the HTTP transport does, answering the file id. */
    async upload(bytes: Buffer): Promise<string> {
      const gate = await t.backend.openUpload(callerWith(token));
      if (!gate.ok) throw new Error(`upload refused: ${gate.code}`);
      const stored = await gate.store({ name: 'photo', bytes });
      if (!stored.ok) throw new Error(`upload failed: ${stored.code}`);
      return stored.data.fileId;
    },
    stored: async () => (await t.store.get<MemberDoc>(COLLECTIONS.members, id))!,
  };
}

export type TestMember = Awaited<ReturnType<typeof loggedInMember>>;

export function auditEntries(t: TestBackend): Promise<AuditDoc[]> {
  return t.store.find<AuditDoc>(COLLECTIONS.auditLog);
}
