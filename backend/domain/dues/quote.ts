import type { DuesQuote, DuesSettings, Fen } from '../../../typings';
import type { ActionContext, MemberPrincipal } from '../../core/context';
import { calendarDate } from '../../core/dates';
import { AppError } from '../../core/errors';
import { loadOwnMember } from '../members/member-writes';
import type { MemberDoc } from '../members/model';
import { memberStatus } from '../members/status';
import { renewalPeriod } from './period';
import { readDuesSettings } from './settings';

/** Refuses a number of years that is not one of the options, naming the options. */
export function assertYearOption(settings: DuesSettings, years: number): void {
  if (settings.yearOptions.includes(years)) return;
  throw new AppError('INVALID_INPUT', `续费年限只能选择 ${settings.yearOptions.join('、')} 年`, {
    field: 'years',
  });
}

/**
 * The member's fee per year: their type's row, else the default; neither, and the renewal
 * is refused until the secretariat sets one. Without an account there is nowhere to pay.
 */
export function feeFor(settings: DuesSettings, member: MemberDoc): Fen {
  if (!settings.bank.accountNumber) {
    throw new AppError('NOT_CONFIGURED', '学会尚未设置收款账户，请联系学会秘书处');
  }
  const row = settings.fees.find((f) => f.memberType === member.memberType);
  const fee = row ? row.feePerYear : settings.defaultFeePerYear;
  if (fee === null) {
    const type = member.memberType ?? '未填写';
    throw new AppError(
      'NOT_CONFIGURED',
      `您的会员类型（${type}）尚未设置会费标准，请联系学会秘书处`,
      { detail: { memberType: member.memberType } },
    );
  }
  return fee;
}

/**
 * What renewing for `years` would cost and give if confirmed today (Asia/Shanghai); without
 * `years`, for the shortest option the society offers.
 */
export async function quoteRenewal(
  ctx: ActionContext<MemberPrincipal>,
  chosen: number | undefined,
): Promise<DuesQuote> {
  const [member, settings] = await Promise.all([loadOwnMember(ctx), readDuesSettings(ctx.deps)]);
  const years = chosen ?? Math.min(...settings.yearOptions);
  assertYearOption(settings, years);
  const feePerYear = feeFor(settings, member);
  const period = renewalPeriod(member.expiresOn, calendarDate(ctx.now), years);
  return {
    years,
    memberType: member.memberType,
    feePerYear,
    amount: feePerYear * years,
    currentExpiresOn: member.expiresOn,
    firstPayment: memberStatus(member, calendarDate(ctx.now)) === 'awaitingFirstDues',
    periodFrom: period.from,
    periodUntil: period.until,
    bank: settings.bank,
    yearOptions: settings.yearOptions,
  };
}
