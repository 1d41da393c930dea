import type { CalendarDate, InvoiceInfo, Instant } from '../../../typings';
import type { Doc } from '../../ports/store';

/**
 * A member's record, as the roster and the member keep it. `phone` is the login account
 * (11 digits, normalised) and unique. Dates are Asia/Shanghai calendar dates.
 */
export interface MemberDoc extends Doc {
  phone: string;
  name: string;
  memberNo: string | null;
  memberType: string | null;
  gender: string | null;
  birthDate: CalendarDate | null;
  workUnit: string | null;
  title: string | null;
  position: string | null;
  email: string | null;
  joinedOn: CalendarDate | null;
  /** Last day the dues cover; null when the roster does not say. */
  expiresOn: CalendarDate | null;
  notes: string | null;
  /** The 入会申请 whose approval created the member; absent for roster members. */
  applicationId?: string;
  createdAt: Instant;
  updatedAt: Instant;
  /** Set once, by the first successful login; guards the 新会员登录 award. */
  firstLoginAt: Instant | null;
  /**
   * What the roster last said for each field it filled, so that a re-import changes only
   * what the roster itself changed (see roster/plan.ts). Missing on members imported before
   * it was kept.
   */
  rosterValues?: Partial<Record<RosterField, string>>;

  // Kept by the member (基本信息, 开票信息), never by the roster: missing until first saved.
  department?: string | null;
  education?: string | null;
  specialty?: string | null;
  address?: string | null;
  postalCode?: string | null;
  photoFileId?: string | null;
  /** 18 characters, check digit verified; present only while `idNumberConsent` is true. */
  idNumber?: string | null;
  idNumberConsent?: boolean;
  invoice?: InvoiceInfo | null;
}

/** The roster fields a re-import may change; everything else belongs to the member. */
export const ROSTER_FIELDS = [
  'name',
  'memberNo',
  'memberType',
  'gender',
  'birthDate',
  'workUnit',
  'title',
  'position',
  'email',
  'joinedOn',
  'expiresOn',
  'notes',
] as const;
export type RosterField = (typeof ROSTER_FIELDS)[number];

/**
 * A member's credentials, kept apart from the record so that no profile read carries a hash.
 * `_id` is the member's id. No document means the initial password (the phone number) is in
 * force: importing 10,000 members then costs no key derivation at all.
 */
export interface AccountDoc extends Doc {
  /** scrypt hash (see auth/passwords.ts); null after a reset to the initial password. */
  passwordHash: string | null;
  mustChangePassword: boolean;
  passwordChangedAt: Instant | null;
}
