import { randomUUID } from 'node:crypto';
import type {
  ActionRequest,
  ApplicationFile,
  ApplicationReceipt,
  ApplicationStatusAnswer,
} from '../../../typings';
import type { ActionContext } from '../../core/context';
import { AppError } from '../../core/errors';
import { StoreConflictError, type Write } from '../../ports/store';
import { COLLECTIONS } from '../../schema/collections';
import { auditWrite } from '../audit/audit';
import { hashOpenid } from '../auth/sessions';
import {
  prepareAttachments,
  removeStoredFiles,
  type PreparedAttachment,
} from '../files/attachments';
import { calendarDate } from '../../core/dates';
import { blankToNull } from '../members/input-fields';
import { idBirthDate } from '../members/id-number';
import {
  APPLICATION_NOT_FOUND,
  newReferenceCode,
  normalizeReferenceCode,
  openKeyOf,
  toStatusAnswer,
  type ApplicationDoc,
  type StoredForm,
} from './model';
import { acceptanceWrite } from './notify';
import { offeredMemberTypes } from './settings';
import { limitApplicantRate } from './rate';
import { grantOwner, isUploadGrant } from './upload-grant';

type SubmitInput = ActionRequest<'application.submit'>;
type ResubmitInput = ActionRequest<'application.resubmit'>;

export const ALREADY_MEMBER = '该手机号已是会员，请直接登录（初始密码为手机号）';
export const ALREADY_UNDER_REVIEW = '该手机号已有一份入会申请正在审核中，请耐心等待结果';
const FORM_TYPE_MESSAGE = '入会申请表只能是 PDF 或照片（JPG/PNG）';
const NEEDS_GRANT = '请重新上传签字的入会申请表';
const FILE_TAKEN = '上传的文件已用于另一份申请，请重新上传';
const NOT_REJECTED = '该申请不是“未通过”状态，不能重新提交';

async function findOne(ctx: ActionContext, where: Record<string, string>) {
  const [found] = await ctx.deps.store.find<ApplicationDoc>(COLLECTIONS.applications, { where });
  return found ?? null;
}

function receiptOf(doc: ApplicationDoc): ApplicationReceipt {
  return { applicationId: doc._id, referenceCode: doc.referenceCode, status: doc.status };
}

/** The form as stored: blanks as null, the ID number only with its consent. */
function storedForm(input: SubmitInput | ResubmitInput, idNumber: string | null): StoredForm {
  return {
    memberType: input.memberType,
    name: input.name,
    gender: input.gender,
    birthDate: input.birthDate,
    phone: input.phone,
    idNumber,
    idNumberConsent: idNumber !== null,
    workUnit: input.workUnit,
    department: blankToNull(input.department),
    title: blankToNull(input.title),
    position: blankToNull(input.position),
    education: blankToNull(input.education),
    specialty: blankToNull(input.specialty),
    address: blankToNull(input.address),
    email: blankToNull(input.email),
  };
}

/** The earliest birth date the form takes; a later one than today is refused as well. */
const EARLIEST_BIRTH_DATE = '1900-01-01';

/**
 * What the form's rules cannot see alone: a member type the society offers, a birth date
 * that has been, and an ID number that agrees with the birth date and gender typed beside it
 * (GB 11643: positions 7-14 the birth date, the 17th digit odd for men, even for women).
 */
async function checkForm(
  ctx: ActionContext,
  form: { memberType: string; birthDate: string; gender: '男' | '女' },
  idNumber: string | null,
): Promise<void> {
  if (!(await offeredMemberTypes(ctx.deps)).includes(form.memberType)) {
    throw new AppError('INVALID_INPUT', '请从列表中选择会员类型', { field: 'memberType' });
  }
  if (form.birthDate < EARLIEST_BIRTH_DATE || form.birthDate > calendarDate(ctx.now)) {
    throw new AppError('INVALID_INPUT', '出生日期不正确，请核对', { field: 'birthDate' });
  }
  if (idNumber === null) return;
  if (idBirthDate(idNumber) !== form.birthDate) {
    throw new AppError('INVALID_INPUT', '身份证号中的出生日期与所填出生日期不一致，请核对', {
      field: 'idNumber',
    });
  }
  const idGender = Number(idNumber[16]) % 2 === 1 ? '男' : '女';
  if (idGender !== form.gender) {
    throw new AppError('INVALID_INPUT', '身份证号与所填性别不一致，请核对', { field: 'idNumber' });
  }
}

/**
 * Copies the named uploads of the grant into the application's folder, each checked by its
 * bytes. One bad file and nothing is kept: the copies made so far are removed.
 */
async function prepareFiles(
  ctx: ActionContext,
  applicationId: string,
  fileIds: string[],
  uploadGrant: string | undefined,
): Promise<PreparedAttachment[]> {
  if (fileIds.length === 0) return [];
  if (!isUploadGrant(uploadGrant ?? null)) {
    throw new AppError('INVALID_INPUT', NEEDS_GRANT, { field: 'fileIds' });
  }
  return prepareAttachments(
    ctx.deps,
    grantOwner(uploadGrant!),
    fileIds,
    { folder: 'applications', applicationId },
    FORM_TYPE_MESSAGE,
  );
}

/**
 * 提交入会申请. A repeat of the same `requestId` from the same phone answers the first
 * receipt, even when both arrive at once: the unique `requestKey` lets one insert win.
 * The signed form's files must be uploads of the grant sent along; they move to the
 * application's folder in the same batch that records it.
 */
export async function submitApplication(
  ctx: ActionContext,
  input: SubmitInput,
): Promise<ApplicationReceipt> {
  await limitApplicantRate(ctx, 'applicationSubmit');
  const requestKey = `${input.phone}:${input.requestId}`;
  const repeat = await findOne(ctx, { requestKey });
  if (repeat) return receiptOf(repeat);

  const idNumber = input.idNumberConsent === true ? blankToNull(input.idNumber) : null;
  await checkForm(ctx, input, idNumber);
  const id = randomUUID();
  // Then the files, then the phone: a member logs in, a pending applicant waits. Only a whole
  // form with real files gets this far, so the answer is no cheap way to learn who is a
  // member. A refusal may mean the same request won meanwhile: then its receipt is the answer.
  let prepared: PreparedAttachment[] = [];
  try {
    prepared = await prepareFiles(ctx, id, input.fileIds, input.uploadGrant);
    await assertPhoneFree(ctx, input.phone);
  } catch (error) {
    await removeStoredFiles(
      ctx.deps,
      prepared.map((p) => p.copy),
    );
    const winner = await findOne(ctx, { requestKey });
    if (winner) return receiptOf(winner);
    throw error;
  }
  const { store } = ctx.deps;
  const doc = draft(ctx, id, input, requestKey, idNumber, prepared);
  const notice = await acceptanceWrite(ctx, id, input.resultMessageAccepted);
  try {
    await store.batch([
      { op: 'insert', collection: COLLECTIONS.applications, doc },
      ...prepared.map((p) => p.write),
      ...(notice ? [notice] : []),
      auditWrite(ctx.principal, ctx.now, 'application.submit', doc._id, {
        fields: ['application'],
        summary: { referenceCode: doc.referenceCode, files: prepared.length },
      }),
    ]);
  } catch (error) {
    await removeStoredFiles(
      ctx.deps,
      prepared.map((p) => p.copy),
    );
    if (!(error instanceof StoreConflictError)) throw error;
    // The same request won elsewhere, this phone has an application under review, or the
    // files went to another application.
    const winner = await findOne(ctx, { requestKey });
    if (winner) return receiptOf(winner);
    if (await findOne(ctx, { openKey: openKeyOf(input.phone) })) {
      throw new AppError('CONFLICT', ALREADY_UNDER_REVIEW, {
        field: 'phone',
        reason: 'underReview',
      });
    }
    if (error.collection === COLLECTIONS.files) {
      throw new AppError('CONFLICT', FILE_TAKEN, { field: 'fileIds' });
    }
    throw error;
  }
  await removeStoredFiles(
    ctx.deps,
    prepared.map((p) => p.original),
  );
  return receiptOf(doc);
}

/** A member's phone, or one with an application under review, is refused. */
async function assertPhoneFree(ctx: ActionContext, phone: string): Promise<void> {
  if ((await ctx.deps.store.count(COLLECTIONS.members, { where: { phone } })) > 0) {
    throw new AppError('CONFLICT', ALREADY_MEMBER, { field: 'phone', reason: 'alreadyMember' });
  }
  if (await findOne(ctx, { openKey: openKeyOf(phone) })) {
    throw new AppError('CONFLICT', ALREADY_UNDER_REVIEW, {
      field: 'phone',
      reason: 'underReview',
    });
  }
}

function draft(
  ctx: ActionContext,
  id: string,
  input: SubmitInput,
  requestKey: string,
  idNumber: string | null,
  prepared: PreparedAttachment[],
): ApplicationDoc {
  const at = ctx.now.toISOString();
  return {
    _id: id,
    requestKey,
    resubmitKey: null,
    openKey: openKeyOf(input.phone),
    openidHash: ctx.caller.openid ? hashOpenid(ctx.caller.openid) : null,
    referenceCode: newReferenceCode(),
    status: 'underReview',
    reason: null,
    history: [],
    files: prepared.map((p) => p.file),
    ...storedForm(input, idNumber),
    createdAt: at,
    submittedAt: at,
    updatedAt: at,
    reviewedAt: null,
    reviewedBy: null,
    memberId: null,
    memberNo: null,
  };
}

/** The phone's application with this reference code; NOT_FOUND tells neither which is wrong. */
async function findByReference(
  ctx: ActionContext,
  phone: string,
  referenceCode: string,
): Promise<ApplicationDoc> {
  const found = await findOne(ctx, {
    phone,
    referenceCode: normalizeReferenceCode(referenceCode),
  });
  if (!found) throw new AppError('NOT_FOUND', APPLICATION_NOT_FOUND);
  return found;
}

/**
 * The phone's application with this reference code. A wrong code and an unknown phone get
 * the same NOT_FOUND, so the look-up tells nothing about who has applied.
 */
export async function applicationStatus(
  ctx: ActionContext,
  input: { phone: string; referenceCode: string },
): Promise<ApplicationStatusAnswer> {
  await limitApplicantRate(ctx, 'applicationStatus');
  return toStatusAnswer(await findByReference(ctx, input.phone, input.referenceCode));
}

/** The latest application sent from the calling WeChat account. */
export async function myApplication(
  ctx: ActionContext,
): Promise<{ application: (ApplicationStatusAnswer & { phone: string }) | null }> {
  const openid = ctx.caller.openid;
  if (!openid) throw new AppError('FORBIDDEN', '请在微信小程序中查看，或用手机号和申请编号查询');
  const [latest] = await ctx.deps.store.find<ApplicationDoc>(
    COLLECTIONS.applications,
    { where: { openidHash: hashOpenid(openid) } },
    { orderBy: [{ field: 'createdAt', direction: 'desc' }], limit: 1 },
  );
  return { application: latest ? { ...toStatusAnswer(latest), phone: latest.phone } : null };
}

/**
 * 修改后重新提交: a rejected application, corrected, goes back to 审核中 with the same
 * reference code. Earlier files listed in `fileIds` are kept; the others are dropped, and
 * new uploads of the grant join. The rejection moves to `history`. Once per `requestId`:
 * the update is guarded on the state read, so of two at once one lands and the other
 * answers its receipt.
 */
export async function resubmitApplication(
  ctx: ActionContext,
  input: ResubmitInput,
): Promise<ApplicationReceipt> {
  await limitApplicantRate(ctx, 'applicationSubmit');
  const resubmitKey = `${input.phone}:${input.requestId}`;
  const doc = await findByReference(ctx, input.phone, input.referenceCode);
  if (doc.resubmitKey === resubmitKey) return receiptOf(doc);
  if (doc.status !== 'rejected') throw new AppError('CONFLICT', NOT_REJECTED);
  if ((await ctx.deps.store.count(COLLECTIONS.members, { where: { phone: doc.phone } })) > 0) {
    throw new AppError('CONFLICT', ALREADY_MEMBER, { field: 'phone', reason: 'alreadyMember' });
  }

  // Left out with its consent still given, the ID number stays as stored.
  const idNumber =
    input.idNumberConsent !== true
      ? null
      : input.idNumber === undefined
        ? doc.idNumber
        : blankToNull(input.idNumber);
  await checkForm(ctx, input, idNumber);

  const earlier = new Map(doc.files.map((f) => [f.fileId, f]));
  const kept = input.fileIds.filter((id) => earlier.has(id));
  const fresh = input.fileIds.filter((id) => !earlier.has(id));
  const dropped = doc.files.filter((f) => !input.fileIds.includes(f.fileId));
  const prepared = await prepareFiles(ctx, doc._id, fresh, input.uploadGrant);
  const byId = new Map<string, ApplicationFile>([
    ...kept.map((id) => [id, earlier.get(id)!] as const),
    ...prepared.map((p) => [p.file.fileId, p.file] as const),
  ]);

  const at = ctx.now.toISOString();
  const changes: Partial<ApplicationDoc> = {
    ...storedForm({ ...input, phone: doc.phone }, idNumber),
    status: 'underReview',
    openKey: openKeyOf(doc.phone),
    resubmitKey,
    reason: null,
    history: [...doc.history, { reason: doc.reason ?? '', reviewedAt: doc.reviewedAt ?? at }],
    files: input.fileIds.map((id) => byId.get(id)!),
    reviewedAt: null,
    reviewedBy: null,
    submittedAt: at,
    updatedAt: at,
  };
  const droppedRecords = await Promise.all(
    dropped.map((f) =>
      ctx.deps.store.get<{ _id: string; storedFileId: string }>(COLLECTIONS.files, f.fileId),
    ),
  );
  const notice = await acceptanceWrite(ctx, doc._id, input.resultMessageAccepted);
  const writes: Write[] = [
    {
      op: 'update',
      collection: COLLECTIONS.applications,
      id: doc._id,
      patch: { set: changes },
      expect: { status: 'rejected', updatedAt: doc.updatedAt },
    },
    ...prepared.map((p) => p.write),
    ...dropped.map((f): Write => ({ op: 'remove', collection: COLLECTIONS.files, id: f.fileId })),
    ...(notice ? [notice] : []),
    auditWrite(ctx.principal, ctx.now, 'application.resubmit', doc._id, {
      fields: ['application'],
      summary: { referenceCode: doc.referenceCode, kept: kept.length, added: prepared.length },
    }),
  ];
  try {
    await ctx.deps.store.batch(writes);
  } catch (error) {
    await removeStoredFiles(
      ctx.deps,
      prepared.map((p) => p.copy),
    );
    if (!(error instanceof StoreConflictError)) throw error;
    const now = await findByReference(ctx, input.phone, input.referenceCode);
    if (now.resubmitKey === resubmitKey) return receiptOf(now);
    if (error.collection === COLLECTIONS.applications && now.status === 'rejected') {
      // The phone has another application under review (openKey is taken).
      throw new AppError('CONFLICT', ALREADY_UNDER_REVIEW, {
        field: 'phone',
        reason: 'underReview',
      });
    }
    if (error.collection === COLLECTIONS.files) {
      throw new AppError('CONFLICT', FILE_TAKEN, { field: 'fileIds' });
    }
    throw new AppError('CONFLICT', NOT_REJECTED);
  }
  await removeStoredFiles(ctx.deps, [
    ...prepared.map((p) => p.original),
    ...droppedRecords.flatMap((r) => (r ? [r.storedFileId] : [])),
  ]);
  return { applicationId: doc._id, referenceCode: doc.referenceCode, status: 'underReview' };
}
