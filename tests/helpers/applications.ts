import { randomUUID } from 'node:crypto';
import type { ApplicationReceipt } from '../../typings';
import type { Caller } from '../../backend/core/context';
import type { TestBackend } from './backend';
import { dataOf } from './backend';
import { uploadAs } from './dues';
import { PDF_BYTES } from './files';

export const APPLICANT_PHONE = '13900001111';
/** GB 11643's own example: a valid check character X. */
export const APPLICANT_ID_NUMBER = '11010519491231002X';

/** A complete 入会申请 form, without its files. */
export function applicationForm(overrides: Record<string, unknown> = {}) {
  return {
    memberType: '个人会员',
    name: '林晓雯',
    gender: '女',
    // The ID number's own: GB 11643's example was born on 1949-12-31, a woman (2 is even).
    birthDate: '1949-12-31',
    phone: APPLICANT_PHONE,
    idNumber: APPLICANT_ID_NUMBER,
    idNumberConsent: true,
    workUnit: '四川大学华西医院',
    department: '心内科',
    title: '主治医师',
    position: null,
    education: '博士',
    specialty: '心血管内科',
    address: '成都市武侯区国学巷37号',
    email: 'lin@example.org',
    personalInfoConsent: true,
    requestId: 'req-00000001',
    ...overrides,
  };
}

/** A fresh upload grant and the signed form uploaded with it, as an applicant's page does. */
export async function applicantUploads(
  t: TestBackend,
  files: Buffer[] = [PDF_BYTES],
): Promise<{ uploadGrant: string; fileIds: string[] }> {
  const { uploadGrant } = dataOf<{ uploadGrant: string }>(
    await t.call('application.uploadGrant', {}),
  );
  const fileIds: string[] = [];
  for (const [i, bytes] of files.entries()) {
    fileIds.push(await uploadAs(t, uploadGrant, bytes, `入会申请表-${i + 1}.pdf`));
  }
  return { uploadGrant, fileIds };
}

/** Submits a whole application (form and one PDF) and answers the receipt. */
export async function submitApplication(
  t: TestBackend,
  overrides: Record<string, unknown> = {},
  caller: Partial<Caller> = {},
): Promise<ApplicationReceipt> {
  const uploads = await applicantUploads(t);
  return dataOf<ApplicationReceipt>(
    await t.call(
      'application.submit',
      applicationForm({ requestId: randomUUID(), ...uploads, ...overrides }),
      caller,
    ),
  );
}
