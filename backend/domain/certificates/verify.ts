import type { CertificateVerification } from '../../../typings';
import type { ActionContext } from '../../core/context';
import { calendarDate } from '../../core/dates';
import { AppError } from '../../core/errors';
import { COLLECTIONS } from '../../schema/collections';
import { assertRateLimit } from '../auth/guards';
import type { MemberDoc } from '../members/model';
import { memberStatus } from '../members/status';
import type { CertificateDoc } from './issue';
import { maskName } from './mask-name';

/**
 * Look-ups one address may make per minute: a front desk checking a queue of certificates
 * stays well under it, while enumerating 60-bit codes at this pace is hopeless.
 */
export const VERIFY_PER_MINUTE_PER_ADDRESS = 60;

const NOT_FOUND = '未找到该证书，请核对二维码';

/**
 * The public answer for a certificate's code: the masked name, the member type and whether
 * the dues cover today, nothing else (no number, no dates, no contact). An unknown code and
 * a code whose member is gone get the same answer.
 */
export async function verifyCertificate(
  ctx: ActionContext,
  code: string,
): Promise<CertificateVerification> {
  const { deps, caller, now } = ctx;
  await assertRateLimit(
    deps,
    'certVerify',
    caller.clientIp,
    VERIFY_PER_MINUTE_PER_ADDRESS,
    now,
    '查询过于频繁，请一分钟后再试',
  );

  const [certificate] = await deps.store.find<CertificateDoc>(
    COLLECTIONS.certificates,
    { where: { verifyCode: code } },
    { limit: 1 },
  );
  // Only the first characters reach the log: enough to match a complaint, useless to a reader.
  const detail = { codePrefix: code.slice(0, 3) };
  if (!certificate) throw new AppError('NOT_FOUND', NOT_FOUND, { detail });
  const member = await deps.store.get<MemberDoc>(COLLECTIONS.members, certificate._id);
  if (!member) throw new AppError('NOT_FOUND', NOT_FOUND, { detail });

  const status = memberStatus(member, calendarDate(now));
  return {
    nameMasked: maskName(member.name),
    memberType: member.memberType,
    validToday: status === 'active' || status === 'expiring',
  };
}
