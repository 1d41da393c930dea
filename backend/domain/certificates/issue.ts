import QRCode from 'qrcode';
import type { Certificate, CertificateAnswer } from '../../../typings';
import type { ActionContext, MemberPrincipal } from '../../core/context';
import { calendarDate, calendarYear, chineseDate } from '../../core/dates';
import { AppError } from '../../core/errors';
import { StoreConflictError, type Doc } from '../../ports/store';
import { COLLECTIONS } from '../../schema/collections';
import { auditWrite } from '../audit/audit';
import { loadOwnMember } from '../members/member-writes';
import type { MemberDoc } from '../members/model';
import { memberStatus } from '../members/status';
import { readSociety } from '../society/settings';
import { newCertificateNo, newVerifyCode } from './codes';
import { readSealImage } from './seal';

/** One member's certificate: `_id` is the member's id; number and code never change. */
export interface CertificateDoc extends Doc {
  certificateNo: string;
  verifyCode: string;
  createdAt: string;
}

/** Fresh number and code pairs tried before giving up; a clash is already rare. */
const ISSUE_ATTEMPTS = 5;

/** Pixels of the QR code's side: sharp when printed at about 3 cm. */
const QR_WIDTH = 300;

/**
 * 会员证书 of the calling member. Only current dues show one; the certificate's record is
 * created on the first request of a current member, so a lapsed member who never had one
 * gets no number until they renew.
 */
export async function ownCertificate(
  ctx: ActionContext<MemberPrincipal>,
): Promise<CertificateAnswer> {
  const member = await loadOwnMember(ctx);
  const status = memberStatus(member, calendarDate(ctx.now));
  if (status === 'awaitingFirstDues') {
    return {
      available: false,
      reason: 'noExpiry',
      expiresOn: null,
      message: '您的入会申请已通过，缴纳首期会费并经财务确认后即可查看会员证书。',
    };
  }
  if (status === 'unknown' || !member.expiresOn) {
    return {
      available: false,
      reason: 'noExpiry',
      expiresOn: null,
      message: '会员名册中尚无您的会费有效期，暂时无法生成证书。请联系学会秘书处核实。',
    };
  }
  if (status === 'expired') {
    return {
      available: false,
      reason: 'expired',
      expiresOn: member.expiresOn,
      message: `您的会费已于 ${chineseDate(member.expiresOn)} 到期，证书暂不可用。续费后即可查看和下载会员证书。`,
    };
  }

  const portalUrl = ctx.deps.config.portalUrl;
  if (!portalUrl) {
    throw new AppError('NOT_CONFIGURED', '学会尚未配置门户网址，暂时无法生成证书');
  }
  const doc = await issuedCertificate(ctx, member);
  const current = { ...member, expiresOn: member.expiresOn };
  return { available: true, certificate: await drawUp(ctx, current, doc, portalUrl) };
}

/** Everything the certificate shows, from the record, the society and the seal. */
async function drawUp(
  ctx: ActionContext<MemberPrincipal>,
  member: MemberDoc & { expiresOn: string },
  doc: CertificateDoc,
  portalUrl: string,
): Promise<Certificate> {
  const verifyUrl = `${portalUrl}/verify/${doc.verifyCode}`;
  const [society, sealImage, qrImage] = await Promise.all([
    readSociety(ctx.deps),
    readSealImage(ctx.deps),
    QRCode.toDataURL(verifyUrl, { margin: 1, errorCorrectionLevel: 'M', width: QR_WIDTH }),
  ]);
  return {
    name: member.name,
    memberNo: member.memberNo,
    memberType: member.memberType,
    validFrom: member.joinedOn,
    validUntil: member.expiresOn,
    societyName: society.name,
    certificateNo: doc.certificateNo,
    verifyCode: doc.verifyCode,
    verifyUrl,
    qrImage,
    sealImage,
    issuedOn: calendarDate(ctx.now),
  };
}

/**
 * The member's certificate record, created with its audit entry on the first request. An
 * insert that collides is either a concurrent first request (the record now exists: read it)
 * or a number or code another member already holds (try new ones).
 */
async function issuedCertificate(
  ctx: ActionContext<MemberPrincipal>,
  member: MemberDoc,
): Promise<CertificateDoc> {
  const { deps, now } = ctx;
  const existing = await deps.store.get<CertificateDoc>(COLLECTIONS.certificates, member._id);
  if (existing) return existing;

  for (let attempt = 0; attempt < ISSUE_ATTEMPTS; attempt += 1) {
    const doc: CertificateDoc = {
      _id: member._id,
      certificateNo: newCertificateNo(calendarYear(now)),
      verifyCode: newVerifyCode(),
      createdAt: now.toISOString(),
    };
    try {
      await deps.store.batch([
        { op: 'insert', collection: COLLECTIONS.certificates, doc },
        auditWrite(ctx.principal, now, 'member.certificate.issue', member._id, {
          fields: ['certificateNo', 'verifyCode'],
        }),
      ]);
      return doc;
    } catch (error) {
      if (!(error instanceof StoreConflictError)) throw error;
      const raced = await deps.store.get<CertificateDoc>(COLLECTIONS.certificates, member._id);
      if (raced) return raced;
    }
  }
  throw new AppError('CONFLICT', '证书编号生成失败，请稍后重试', {
    detail: { attempts: ISSUE_ATTEMPTS },
  });
}
