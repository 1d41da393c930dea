/**
 * The action contract: the request and response of every backend action, by name.
 * The backend registry, the mini-program service layer and the portal's API client are all
 * typed from this map, so renaming a field here breaks the build of every side that uses it.
 */
import type { AdminRole, MemberStatus, PointEventKind, RosterRowErrorCode } from './enums';
import type { EventActionMap } from './events';
import type { ServiceActionMap } from './services';

/** Calendar date `YYYY-MM-DD` (Asia/Shanghai), never a timestamp. */
export type CalendarDate = string;
/** Instant in ISO 8601, UTC. */
export type Instant = string;

export interface MemberSummary {
  id: string;
  name: string;
  memberNo: string | null;
  memberType: string | null;
}

export interface LoginResult {
  token: string;
  /** True while the member still has the initial password: every other action is refused. */
  mustChangePassword: boolean;
  /** When the session ends unless renewed by a new login. */
  expiresAt: Instant;
  member: MemberSummary;
}

export interface Dashboard {
  name: string;
  memberNo: string | null;
  memberType: string | null;
  expiresOn: CalendarDate | null;
  status: MemberStatus;
  pointsThisYear: number;
  /** The Asia/Shanghai calendar year the points belong to. */
  pointsYear: number;
}

export interface SocietyInfo {
  name: string;
  shortName: string;
  intro: string;
}

export interface AdminProfile {
  username: string;
  displayName: string;
  role: AdminRole;
  disabled: boolean;
  mustChangePassword: boolean;
}

export interface AdminLoginResult {
  token: string;
  expiresAt: Instant;
  admin: AdminProfile;
}

export interface TemporaryPassword {
  username: string;
  /** Shown once to the super-admin; the account must change it at first login. */
  temporaryPassword: string;
}

export interface MemberListItem {
  id: string;
  name: string;
  memberNo: string | null;
  /** Masked as 139****3133: lists never show a whole phone number. */
  phoneMasked: string;
  memberType: string | null;
  expiresOn: CalendarDate | null;
  status: MemberStatus;
}

export interface Page<T> {
  items: T[];
  total: number;
  page: number;
  pageSize: number;
}

export interface RosterRowError {
  /** Excel's own row number, as the secretariat sees it. */
  row: number;
  code: RosterRowErrorCode;
  /** The reason in Chinese. */
  reason: string;
}

export interface RosterConflict {
  row: number;
  phone: string;
  /** The earlier row that already has this phone; it wins, this row is not imported. */
  sameAsRow: number;
}

export interface RosterPlannedRow {
  row: number;
  name: string;
  memberNo: string | null;
  phoneMasked: string;
  expiresOn: CalendarDate | null;
  /** For updates: the fields that change. */
  changedFields?: string[];
}

export interface RosterReport {
  sheet: string;
  headerRow: number;
  imported: number;
  updated: number;
  unchanged: number;
  rowErrors: RosterRowError[];
  conflicts: RosterConflict[];
  /** True when nothing was written (a dry run). */
  dryRun: boolean;
  /**
   * The rows to add and to update. The console's actions list at most
   * `ROSTER_LIST_LIMIT` of each (the counts above are always complete) and then set
   * `listsTruncated`; the command line lists them all.
   */
  adds: RosterPlannedRow[];
  updates: RosterPlannedRow[];
  listsTruncated: boolean;
}

/** Most planned rows a console preview lists, to keep a 10,000-row preview well under 1 MB. */
export const ROSTER_LIST_LIMIT = 500;

/** 基本信息 fields a member edits themself; null means not filled in. */
export interface MemberProfileFields {
  gender: Gender | null;
  birthDate: CalendarDate | null;
  workUnit: string | null;
  department: string | null;
  /** Professional title (职称). */
  title: string | null;
  position: string | null;
  education: string | null;
  specialty: string | null;
  /** Mailing address and its 6-digit postal code. */
  address: string | null;
  postalCode: string | null;
  email: string | null;
  /** The ID photo: an upload of the member's own, JPEG or PNG. */
  photoFileId: string | null;
}

export type Gender = '男' | '女';

/** 基本信息 as the member sees it: the account fields read-only, the ID number only masked. */
export interface MemberProfile extends MemberProfileFields {
  name: string;
  /** Masked as 139****3133. */
  phoneMasked: string;
  memberNo: string | null;
  memberType: string | null;
  /** Masked as 5101**********1234; null when none is stored. */
  idNumberMasked: string | null;
  /** Whether the member agreed to the society storing their ID number. */
  idNumberConsent: boolean;
}

/**
 * A change to 基本信息: only the fields sent change, null clears one. An ID number is stored
 * only with consent (sent here or given before); consent withdrawn removes the stored number.
 */
export type MemberProfileUpdate = Partial<
  MemberProfileFields & { idNumber: string | null; idNumberConsent: boolean }
>;

export type InvoiceTitleType = '个人' | '单位';

/** 开票信息; renewals prefill from it. For 单位 the title and the credit code are required. */
export interface InvoiceInfo {
  titleType: InvoiceTitleType;
  title: string | null;
  /** Unified social credit code (统一社会信用代码), 18 characters. */
  taxNumber: string | null;
  address: string | null;
  phone: string | null;
  bank: string | null;
  bankAccount: string | null;
  /** Where the e-receipt is sent. */
  email: string | null;
}

/** Whether the member's account has a WeChat account bound for 微信一键登录. */
export interface WechatStatus {
  bound: boolean;
  boundAt: Instant | null;
}

/** 扫码登录, as the PC portal sees it: the code to show and what it polls with. */
export interface QrLoginTicket {
  /** One-time id; it is the mini-program code's scene (at most 32 characters). */
  loginId: string;
  /** Held only by the PC that started the login: polling needs it, scanning does not see it. */
  pollToken: string;
  expiresAt: Instant;
  /** `miniProgramCode` in the cloud (wxacode.getUnlimited), `qrCode` of `confirmUrl` locally. */
  codeKind: 'miniProgramCode' | 'qrCode';
  /** The code as a PNG `data:` URL, ready for an <img>. */
  image: string;
  /** Locally, the URL the QR code holds; null for a mini-program code. */
  confirmUrl: string | null;
}

/**
 * pending: shown, not scanned; scanned: a member opened it in the mini-program; confirmed:
 * the member said yes (the next poll collects the session); used: collected already;
 * cancelled: the member said no; expired: past `expiresAt`.
 */
export type QrLoginStatus = 'pending' | 'scanned' | 'confirmed' | 'used' | 'cancelled' | 'expired';

/** What the member confirms in the mini-program: enough to recognise their own PC's request. */
export interface QrLoginRequest {
  loginId: string;
  status: QrLoginStatus;
  expiresAt: Instant;
  /** The PC's address as the backend saw it, masked (e.g. 171.88.*.*); null when unknown. */
  fromAddressMasked: string | null;
  requestedAt: Instant;
}

/** 会员证书: everything the certificate shows. */
export interface Certificate {
  name: string;
  memberNo: string | null;
  memberType: string | null;
  /** Valid period: from the join date (null when the roster has none) to the dues' last day. */
  validFrom: CalendarDate | null;
  validUntil: CalendarDate;
  societyName: string;
  /** Stable for the member: a printed certificate keeps its number. */
  certificateNo: string;
  /** Stable, unguessable; the QR code's URL carries it. */
  verifyCode: string;
  /** The public verification page for this certificate (the QR code's content). */
  verifyUrl: string;
  /** The QR code of `verifyUrl`, a PNG `data:` URL. */
  qrImage: string;
  /** The society's seal, a PNG `data:` URL; null until the secretariat uploads one. */
  sealImage: string | null;
  /** The day this answer was drawn up (Asia/Shanghai). */
  issuedOn: CalendarDate;
}

/** Why a member sees no certificate: dues lapsed, or the roster has no expiry date. */
export type CertificateUnavailableReason = 'expired' | 'noExpiry';

export type CertificateAnswer =
  | { available: true; certificate: Certificate }
  | {
      available: false;
      reason: CertificateUnavailableReason;
      /** The dues' last day when known. */
      expiresOn: CalendarDate | null;
      /** In Chinese: why, and the way to renew. */
      message: string;
    };

/** The public verification page shows this and nothing else. */
export interface CertificateVerification {
  /** E.g. 张*三. */
  nameMasked: string;
  memberType: string | null;
  /** Whether the membership is valid today (Asia/Shanghai). */
  validToday: boolean;
}

/** Money is integer fen (分) everywhere; clients format it as 元. */
export type Fen = number;

/** The society's account for 公账支付 (corporate bank transfer). */
export interface BankAccount {
  accountName: string;
  bankName: string;
  accountNumber: string;
}

/** 会费设置: fees per member type per year, the account, which numbers of years may be chosen. */
export interface DuesSettings {
  /** One row per member type as the roster names it (个人会员, 理事, ...). */
  fees: { memberType: string; feePerYear: Fen }[];
  /** For members whose type has no row; null refuses their renewal (NOT_CONFIGURED). */
  defaultFeePerYear: Fen | null;
  bank: BankAccount;
  /** Ascending, distinct, each 1-10: the 续费年限 a member may choose. */
  yearOptions: number[];
}

/** What a renewal of `years` would cost and give, before any order exists. */
export interface DuesQuote {
  years: number;
  memberType: string | null;
  feePerYear: Fen;
  amount: Fen;
  /** The dues' current last day, null when the roster has none or none was paid yet. */
  currentExpiresOn: CalendarDate | null;
  /** A member approved through 入会申请 paying for the first time (no expiry yet). */
  firstPayment: boolean;
  /** The period a confirmation today would give (the actual one is fixed at confirmation). */
  periodFrom: CalendarDate;
  periodUntil: CalendarDate;
  bank: BankAccount;
  yearOptions: number[];
}

/**
 * awaitingPayment: created, no voucher yet; awaitingReview: voucher uploaded, finance to
 * decide; rejected: finance refused the voucher (reason given), the member uploads again;
 * confirmed: paid, the expiry extended; cancelled: the member withdrew it.
 */
export type DuesOrderStatus =
  'awaitingPayment' | 'awaitingReview' | 'rejected' | 'confirmed' | 'cancelled';

/** One step of an order's timeline. */
export interface DuesOrderEvent {
  at: Instant;
  kind: 'created' | 'voucherAttached' | 'rejected' | 'confirmed' | 'cancelled' | 'invoiceIssued';
  by: 'member' | 'finance';
  /** The rejection's reason; the invoice number when issued. */
  note: string | null;
}

/** A payment voucher (缴费凭证) or e-receipt file as lists show it. */
export interface DuesFile {
  fileId: string;
  name: string;
  contentType: string;
  size: number;
}

/** The invoice (发票/收据) a member asked for, and once issued, its number and file. */
export interface DuesInvoice {
  info: InvoiceInfo;
  status: 'pending' | 'issued';
  invoiceNo: string | null;
  file: DuesFile | null;
  issuedAt: Instant | null;
}

export interface DuesOrder {
  id: string;
  /** Short and unique, e.g. HF2612040815: the remittance note carries it. */
  orderNo: string;
  status: DuesOrderStatus;
  years: number;
  feePerYear: Fen;
  amount: Fen;
  /** What to write in the transfer's 附言/用途 so that finance can match it. */
  remittanceNote: string;
  bank: BankAccount;
  /** Null when no invoice was asked for. */
  invoice: DuesInvoice | null;
  vouchers: DuesFile[];
  rejectionReason: string | null;
  /** Set at confirmation: the period the payment bought. */
  periodFrom: CalendarDate | null;
  periodUntil: CalendarDate | null;
  createdAt: Instant;
  updatedAt: Instant;
  timeline: DuesOrderEvent[];
}

/** The finance queue's row: the order and who it is for (phone masked). */
export interface AdminDuesOrder extends DuesOrder {
  memberId: string;
  memberName: string;
  memberNo: string | null;
  phoneMasked: string;
  memberType: string | null;
}

/** Which reminder: 30 or 7 days before the expiry, or the day after it. */
export type ReminderKind = 'in30Days' | 'in7Days' | 'expiredYesterday';
/** The result of an 入会申请, told to the applicant. */
export type ApplicationResultKind = 'applicationApproved' | 'applicationRejected';

/** One message in the outbox, sent or not: a dues reminder or an application's result. */
export interface ReminderOutboxItem {
  id: string;
  /** The member reminded, or the member an approval created; null for a rejection. */
  memberId: string | null;
  /** The member's or the applicant's name when it was recorded. */
  memberName: string;
  kind: ReminderKind | ApplicationResultKind;
  /** The expiry a reminder is about; null for an application's result. */
  expiresOn: CalendarDate | null;
  /** The application a result is about; null for a reminder. */
  applicationId: string | null;
  /** sent; noSubscription: no acceptance left; failed: WeChat refused; local: not on WeChat. */
  status: 'sent' | 'noSubscription' | 'failed' | 'local';
  /** WeChat's error code when failed. */
  errorCode: string | null;
  createdAt: Instant;
}

/** 入会申请: 审核中, 已通过, 未通过. */
export type ApplicationStatus = 'underReview' | 'approved' | 'rejected';

/**
 * The 入会申请 form as the applicant fills it in. Phone and ID number are checked as a
 * member's are (the ID number by its check digit, kept only with `idNumberConsent`).
 */
export interface ApplicationForm {
  memberType: string;
  name: string;
  gender: '男' | '女';
  birthDate: CalendarDate;
  phone: string;
  idNumber?: string | null;
  idNumberConsent?: boolean;
  workUnit: string;
  department?: string | null;
  title?: string | null;
  position?: string | null;
  education?: string | null;
  specialty?: string | null;
  address?: string | null;
  email?: string | null;
}

/** What a submit or a resubmit sends besides the form. */
export interface ApplicationSubmission {
  /** A separate consent to the handling of personal information: must be true. */
  personalInfoConsent: true;
  /** A fresh random id per tap of 提交 (8-64 characters). */
  requestId: string;
  /** The grant the signed form's pages were uploaded with (`application.uploadGrant`). */
  uploadGrant?: string;
  /**
   * The signed application form: 1-9 files, a PDF or photos (JPEG/PNG), each at most 10 MB.
   * On submit, uploads made with `uploadGrant`; on resubmit, also the application's own
   * earlier files, which are kept when listed and dropped when not.
   */
  fileIds: string[];
  /**
   * Mini-program only: the applicant accepted the 入会审核结果 subscription message just
   * before submitting, so the result may be sent to the calling WeChat account.
   */
  resultMessageAccepted?: boolean;
}

/** A file of an application: the signed form's PDF or one of its photos. */
export interface ApplicationFile {
  fileId: string;
  name: string;
  contentType: string;
  size: number;
}

/** What the applicant is told at submission; `referenceCode` looks the status up later. */
export interface ApplicationReceipt {
  applicationId: string;
  /** 8 characters of Crockford base32, shown to the applicant. */
  referenceCode: string;
  status: ApplicationStatus;
}

/** The form as the applicant reads it back: the ID number masked, blanks as null. */
export type ApplicationFormView = Required<{
  [K in Exclude<keyof ApplicationForm, 'idNumber'>]: Exclude<ApplicationForm[K], undefined>;
}> & { idNumberMasked: string | null };

export interface ApplicationStatusAnswer {
  status: ApplicationStatus;
  referenceCode: string;
  /** The reviewer's reason when rejected. */
  reason: string | null;
  /** The latest submission: the first submit, or the last resubmission. */
  submittedAt: Instant;
  reviewedAt: Instant | null;
  /** The new member's number once approved. */
  memberNo: string | null;
  /** What was submitted, so a rejected applicant corrects it rather than typing it again. */
  form: ApplicationFormView;
  files: ApplicationFile[];
}

/** What an applicant needs before filling in the form. */
export interface ApplicationOptions {
  /** The member types one may apply for: those the dues settings name a fee for. */
  memberTypes: string[];
  /** The blank form to print, sign and upload; null when the society has none. */
  template: { name: string } | null;
  /** The 入会审核结果 subscription message template; null when none is configured. */
  resultTemplateId: string | null;
}

/** The review queue's row: the form with phone and ID number masked. */
export interface AdminApplication {
  id: string;
  referenceCode: string;
  status: ApplicationStatus;
  memberType: string;
  name: string;
  gender: '男' | '女';
  birthDate: CalendarDate;
  phoneMasked: string;
  idNumberMasked: string | null;
  workUnit: string;
  department: string | null;
  title: string | null;
  position: string | null;
  education: string | null;
  specialty: string | null;
  address: string | null;
  email: string | null;
  submittedAt: Instant;
  reviewedAt: Instant | null;
  reason: string | null;
  memberNo: string | null;
  files: ApplicationFile[];
  /** Earlier rejections of this application, oldest first (a resubmission keeps them). */
  history: { reason: string; reviewedAt: Instant }[];
}

/** 入会申请 settings of the console. */
export interface ApplicationSettings {
  /**
   * The member number of an approved applicant: `{YYYY}` the year, `{YY}` its last two
   * digits, `{NNNN}` the year's running number padded to as many digits as Ns (3-8 Ns),
   * other characters as they are (letters, digits and -). E.g. SQ{YYYY}{NNNN}.
   */
  memberNoPattern: string;
  /** The number the next approval this year would get (read-only). */
  nextMemberNo: string;
  /** The blank form applicants download: a PDF or Word (.docx) file; null for none. */
  template: { name: string; contentType: string; size: number } | null;
}

/** The 入会申请 code the console downloads. */
export interface ApplicationQrCode {
  /** `wxacode`: WeChat's mini-program code; `qr`: a QR code of the portal's address. */
  kind: 'wxacode' | 'qr';
  /** What the code opens: the mini-program page, or the portal URL. */
  target: string;
  /** The PNG, as a data URL. */
  image: string;
}

/** The awards the points rules give values to; 管理员调整 is typed by the admin each time. */
export type PointsAwardKind = Exclude<PointEventKind, 'adminAdjust'>;

/** 积分规则: points per award, and the year's threshold with what it earns. */
export interface PointsRules {
  /** Points per award, 0-100 each; 0 switches an award off. */
  values: Record<PointsAwardKind, number>;
  /** Points in one Asia/Shanghai calendar year that earn the reward (1-1000). */
  threshold: number;
  /** What reaching the threshold earns, as members read it (2-100 characters). */
  reward: string;
}

/** The rules as the console shows them: with each award's name. */
export interface PointsRulesView extends PointsRules {
  labels: Record<PointsAwardKind, string>;
}

/** The member's 积分 page: this year's total, the way to the threshold, and the rules. */
export interface PointsSummary {
  /** The Asia/Shanghai calendar year. */
  year: number;
  total: number;
  threshold: number;
  /** Points still missing to the threshold; 0 once reached. */
  remaining: number;
  reached: boolean;
  reward: string;
  /** The rules as members read them, in the order of PRODUCT's table; 0-point awards left out. */
  rules: { kind: PointsAwardKind; label: string; points: number; note: string }[];
}

/** One ledger entry as a member or an admin reads it. */
export interface PointsEntry {
  id: string;
  kind: PointEventKind;
  /** 查看通知, 会员续费, 管理员调整, ... */
  label: string;
  /** Negative for a withdrawal. */
  points: number;
  at: Instant;
  /** The admin's reason of an adjustment, or why an award was withdrawn; null for awards. */
  reason: string | null;
}

/** A row of the console's 积分管理: a member and their total of the year. */
export interface AdminPointsMember {
  memberId: string;
  name: string;
  memberNo: string | null;
  memberType: string | null;
  phoneMasked: string;
  /** For the birthday gift. */
  birthDate: CalendarDate | null;
  total: number;
  reached: boolean;
}

/** A member of a year's reward lists. */
export interface PointsYearlyRow {
  memberId: string;
  name: string;
  memberNo: string | null;
  memberType: string | null;
  phoneMasked: string;
  birthDate: CalendarDate | null;
  /** 1-12, or null when the birth date is unknown. */
  birthMonth: number | null;
  total: number;
}

/**
 * The year's rewards: every member at or above the threshold, twice over. The threshold is the
 * one set now (积分规则), also for an earlier year: the rules keep no history. `gift` (生日礼物)
 * by birthday month and day, then name, unknown birthdays last; `eligible` (优秀会员评选资格) by
 * total, highest first, then member number, then name.
 */
export interface PointsYearlyLists {
  year: number;
  threshold: number;
  reward: string;
  gift: PointsYearlyRow[];
  eligible: PointsYearlyRow[];
}

/** What a notice asks of its readers: nothing, one of some choices, or a free text. */
export interface NoticeReplyForm {
  kind: 'none' | 'choice' | 'text';
  /** For `choice`: 2-6 options of 1-20 characters (e.g. 参加, 不参加); empty otherwise. */
  options: string[];
  /** Replies are taken (and changed) until then; null: no deadline. */
  deadline: Instant | null;
}

/** A file attached to a notice: members open it through files.link. */
export interface ContentFile {
  fileId: string;
  name: string;
  contentType: string;
  size: number;
}

/** A member's reply to a notice. */
export interface NoticeReply {
  choice: string | null;
  text: string | null;
  repliedAt: Instant;
  updatedAt: Instant;
}

/** A row of the member's 通知 list. */
export interface NoticeSummary {
  id: string;
  title: string;
  publishedAt: Instant;
  read: boolean;
  replyKind: NoticeReplyForm['kind'];
  replied: boolean;
  deadline: Instant | null;
  attachmentCount: number;
}

/** A notice as a member opens it. `html` is sanitised: only harmless tags and attributes. */
export interface NoticeDetail extends NoticeSummary {
  html: string;
  attachments: ContentFile[];
  reply: NoticeReplyForm;
  myReply: NoticeReply | null;
  /** A reply is asked and the deadline has not passed. */
  canReply: boolean;
}

export type ContentStatus = 'draft' | 'published' | 'withdrawn';

/** A notice in the console. */
export interface AdminNotice {
  id: string;
  title: string;
  html: string;
  attachments: ContentFile[];
  reply: NoticeReplyForm;
  status: ContentStatus;
  createdAt: Instant;
  updatedAt: Instant;
  publishedAt: Instant | null;
  /** Members who opened it, and who replied; per choice for a `choice` form. */
  stats: { readers: number; replies: number; byChoice: { choice: string; count: number }[] };
}

/** One member's reading and reply of a notice, for the console. */
export interface NoticeReaderRow {
  memberId: string;
  name: string;
  memberNo: string | null;
  phoneMasked: string;
  readAt: Instant;
  reply: NoticeReply | null;
}

/** A news item (机构动态) as anyone reads it; `html` sanitised. */
export interface NewsSummary {
  id: string;
  title: string;
  /** A short link to the cover image (valid for minutes), or null. */
  coverUrl: string | null;
  publishedAt: Instant;
  /** The first characters of the text, without tags. */
  excerpt: string;
}

export interface NewsDetail extends NewsSummary {
  html: string;
}

export interface AdminNews {
  id: string;
  title: string;
  html: string;
  cover: ContentFile | null;
  status: ContentStatus;
  createdAt: Instant;
  updatedAt: Instant;
  publishedAt: Instant | null;
  /** Members who opened it while logged in. */
  viewers: number;
}

/**
 * 意见建议. `check`: `passed` by WeChat's content check (in the cloud, from the mini-program),
 * `unchecked` where no check could run (locally, or from the portal: the check needs the
 * writer's OPENID), `review` when WeChat asks for a person to look at it.
 */
export interface FeedbackItem {
  id: string;
  text: string;
  pictures: ContentFile[];
  contact: string | null;
  createdAt: Instant;
  check: 'passed' | 'review' | 'unchecked';
  reply: { text: string; repliedAt: Instant } | null;
  /** The member has not opened the reply yet. */
  replyUnread: boolean;
}

export interface AdminFeedback extends Omit<FeedbackItem, 'replyUnread'> {
  memberId: string;
  memberName: string;
  memberNo: string | null;
  phoneMasked: string;
}

type Empty = Record<string, never>;

/** Every action: its request (`req`) and its response (`res`). */
export interface ActionMap extends ServiceActionMap, EventActionMap {
  'society.info': { req: Empty; res: SocietyInfo };

  'auth.login': { req: { phone: string; password: string }; res: LoginResult };
  'auth.changePassword': {
    req: { currentPassword: string; newPassword: string };
    res: { mustChangePassword: false };
  };
  'auth.logout': { req: Empty; res: { loggedOut: true } };
  /** Mini-program only: logs in the member bound to the caller's OPENID. */
  'auth.wechatLogin': { req: Empty; res: LoginResult };
  /** 忘记密码, mini-program only: the caller's WeChat binding stands in for the old password. */
  'auth.resetPasswordByWechat': { req: { newPassword: string }; res: { reset: true } };

  /** 扫码登录 on the PC: a one-time code, valid for minutes. */
  'auth.qrLogin.start': { req: Empty; res: QrLoginTicket };
  /** The PC asks how its code is doing; `login` comes once, with the `confirmed` status. */
  'auth.qrLogin.poll': {
    req: { loginId: string; pollToken: string };
    res: { status: QrLoginStatus; login: LoginResult | null };
  };
  /** Mini-program, member with this WeChat bound: opens the request (pending → scanned). */
  'account.qrLogin.scan': { req: { loginId: string }; res: QrLoginRequest };
  'account.qrLogin.confirm': { req: { loginId: string }; res: QrLoginRequest };
  'account.qrLogin.cancel': { req: { loginId: string }; res: QrLoginRequest };

  /** Binds the calling WeChat account (its OPENID from the call's context, never the body). */
  'account.bindWechat': { req: Empty; res: WechatStatus };
  'account.unbindWechat': { req: Empty; res: WechatStatus };
  'account.wechatStatus': { req: Empty; res: WechatStatus };

  'member.dashboard': { req: Empty; res: Dashboard };
  'member.profile.get': { req: Empty; res: MemberProfile };
  'member.profile.update': { req: MemberProfileUpdate; res: MemberProfile };
  'member.certificate': { req: Empty; res: CertificateAnswer };
  /** Public: the verification page of a certificate's QR code. */
  'cert.verify': { req: { code: string }; res: CertificateVerification };
  /** Public: member types, the blank form template and the result message's template. */
  'application.options': { req: Empty; res: ApplicationOptions };
  /**
   * Public: a link to download the blank form template (a fresh one per call, valid for
   * minutes). NOT_FOUND when the society has none.
   */
  'application.template': { req: Empty; res: { url: string; name: string; expiresAt: Instant } };
  /**
   * Public: a grant to upload the signed form without a session. Sent as the bearer token
   * of `POST /api/files` or with `files.claimCloudUpload`; valid 2 hours, for 20 files.
   */
  'application.uploadGrant': { req: Empty; res: { uploadGrant: string; expiresAt: Instant } };
  /**
   * Public 入会申请, once per `requestId` (a repeat answers the same receipt). Refused when
   * the phone is a member's already or has an application under review.
   */
  'application.submit': { req: ApplicationForm & ApplicationSubmission; res: ApplicationReceipt };
  /** Public: the application of the phone with this reference code. */
  'application.status': {
    req: { phone: string; referenceCode: string };
    res: ApplicationStatusAnswer;
  };
  /**
   * Mini-program: the latest application submitted from the calling WeChat account (its
   * OPENID from the call's context), with its phone for a resubmission; null for none.
   */
  'application.mine': {
    req: Empty;
    res: { application: (ApplicationStatusAnswer & { phone: string }) | null };
  };
  /**
   * A rejected application corrected and sent again: same reference code, back to 审核中.
   * `phone` and `referenceCode` identify it (the phone cannot change); the ID number, when
   * left out with `idNumberConsent` true, stays as stored. Once per `requestId`.
   */
  'application.resubmit': {
    req: ApplicationForm & ApplicationSubmission & { referenceCode: string };
    res: ApplicationReceipt;
  };
  'member.invoiceInfo.get': { req: Empty; res: { invoiceInfo: InvoiceInfo | null } };
  /** Replaces the whole 开票信息: a missing optional field is cleared. */
  'member.invoiceInfo.update': {
    req: Partial<InvoiceInfo> & { titleType: InvoiceTitleType };
    res: { invoiceInfo: InvoiceInfo };
  };

  /**
   * Mini-program on WeChat Cloud: takes over a file the member put in cloud storage with
   * wx.cloud.uploadFile (under `incoming/`), with the same type and size checks as an HTTP
   * upload, and answers the upload's file id; the incoming copy is removed.
   */
  'files.claimCloudUpload': {
    req: { cloudFileId: string; uploadGrant?: string };
    res: { fileId: string };
  };
  /**
   * A short-lived link to a file the caller may read (a member: their own vouchers and
   * receipts; finance and the super-admin: any order's; the secretariat and the super-admin:
   * any application's signed form). In the cloud a temporary storage
   * URL; locally a one-time ticket URL of the local server. Valid for minutes.
   */
  'files.link': { req: { fileId: string }; res: { url: string; expiresAt: Instant } };

  /**
   * What renewing for `years` costs and gives; years must be one of the options. Without
   * `years`, the quote for the shortest option (how a renewal page opens).
   */
  'dues.quote': { req: { years?: number }; res: DuesQuote };
  /**
   * 立即续费: the order, once per `requestId` (a repeat answers the same order); one open
   * order (awaiting payment or review, or rejected) per member. With `saveInvoiceInfo`, the
   * invoice details are also saved as the member's 开票信息.
   */
  'dues.createOrder': {
    req: {
      years: number;
      invoice: InvoiceInfo | null;
      saveInvoiceInfo?: boolean;
      /** A fresh random id per tap of 立即续费 (8-64 characters). */
      requestId: string;
    };
    res: DuesOrder;
  };
  /** 上传缴费凭证: the member's own uploads (images or PDF), 1-5; replaces earlier vouchers. */
  'dues.attachVoucher': { req: { orderId: string; fileIds: string[] }; res: DuesOrder };
  'dues.cancelOrder': { req: { orderId: string }; res: DuesOrder };
  /** The member's orders, newest first. */
  'dues.orders': { req: Empty; res: { items: DuesOrder[] } };
  /** Mini-program: one accepted subscription message (each acceptance allows one send). */
  'dues.reminders.accept': { req: { templateId: string }; res: { credits: number } };
  'dues.reminders.status': { req: Empty; res: { credits: number; templateId: string | null } };

  'admin.dues.settings.get': { req: Empty; res: DuesSettings };
  'admin.dues.settings.update': { req: DuesSettings; res: DuesSettings };
  /** The finance queue: by status (all when absent), oldest first for awaitingReview. */
  'admin.dues.orders': {
    req: { status?: DuesOrderStatus; query?: string; page?: number; pageSize?: number };
    res: Page<AdminDuesOrder>;
  };
  /** awaitingReview → confirmed: extends the expiry once, awards 会员续费 once. */
  'admin.dues.confirm': { req: { orderId: string }; res: AdminDuesOrder };
  /** awaitingReview → rejected, with a reason the member sees (2-200 characters). */
  'admin.dues.reject': { req: { orderId: string; reason: string }; res: AdminDuesOrder };
  /** A confirmed order's invoice: its number and the e-receipt file (an upload, PDF or image). */
  'admin.dues.issueInvoice': {
    req: { orderId: string; invoiceNo: string; fileId: string };
    res: AdminDuesOrder;
  };
  'admin.reminders.outbox': {
    req: { page?: number; pageSize?: number };
    res: Page<ReminderOutboxItem>;
  };

  'admin.login': { req: { username: string; password: string }; res: AdminLoginResult };
  'admin.logout': { req: Empty; res: { loggedOut: true } };
  'admin.me': { req: Empty; res: AdminProfile };
  'admin.changePassword': {
    req: { currentPassword: string; newPassword: string };
    res: { mustChangePassword: false };
  };
  'admin.accounts.list': { req: Empty; res: { items: AdminProfile[] } };
  'admin.accounts.create': {
    req: { username: string; displayName: string; role: AdminRole };
    res: TemporaryPassword;
  };
  'admin.accounts.setDisabled': {
    req: { username: string; disabled: boolean };
    res: AdminProfile;
  };
  'admin.accounts.resetPassword': { req: { username: string }; res: TemporaryPassword };

  'admin.society.get': { req: Empty; res: SocietyInfo };
  /** Plain text, trimmed: name 2-50 characters, shortName 1-20, intro up to 2000. */
  'admin.society.update': { req: SocietyInfo; res: SocietyInfo };

  /**
   * The seal drawn on every certificate: the file id of an upload of the admin's own (PNG,
   * transparent background, at most 256 KB), or null to remove it.
   */
  'admin.society.setSeal': { req: { fileId: string | null }; res: { hasSeal: boolean } };
  'admin.society.seal': { req: Empty; res: { hasSeal: boolean; sealImage: string | null } };

  /**
   * The 入会审核 queue: by status (all when absent) and a query (name, phone, reference
   * code); under review oldest first, the others newest first.
   */
  'admin.applications.list': {
    req: { status?: ApplicationStatus; query?: string; page?: number; pageSize?: number };
    res: Page<AdminApplication>;
  };
  'admin.applications.get': { req: { applicationId: string }; res: AdminApplication };
  /**
   * underReview → approved (creates the member, phone = initial password) or rejected, with
   * a reason the applicant sees (2-200 characters, required for a rejection).
   */
  'admin.applications.review': {
    req: { applicationId: string; decision: 'approve' | 'reject'; reason?: string };
    res: AdminApplication;
  };
  'admin.applications.settings.get': { req: Empty; res: ApplicationSettings };
  /** Super-admin. `templateFileId`: an upload of the admin's own; null removes; absent keeps. */
  'admin.applications.settings.update': {
    req: { memberNoPattern: string; templateFileId?: string | null };
    res: ApplicationSettings;
  };
  /** The 入会申请 code to print or share. */
  'admin.applications.qrCode': { req: Empty; res: ApplicationQrCode };
  /** 积分: this year's total, the progress to the threshold, the rules. */
  'points.summary': { req: Empty; res: PointsSummary };
  /** The member's own entries, newest first, of one year (this year when absent). */
  'points.history': {
    req: { year?: number; page?: number; pageSize?: number };
    res: Page<PointsEntry>;
  };
  /** The rules, and each award's name as members read it. */
  'admin.points.rules.get': { req: Empty; res: PointsRulesView };
  /** Super-admin. Changes apply to awards from now on; entries already made stay. */
  'admin.points.rules.update': { req: PointsRules; res: PointsRulesView };
  /**
   * Members with points in a year (this year when absent), highest first; `reached` only
   * those at or above the threshold: the lists of the birthday gift and the selection.
   */
  'admin.points.members': {
    req: { year?: number; reached?: boolean; page?: number; pageSize?: number };
    res: Page<AdminPointsMember> & { year: number; threshold: number };
  };
  /**
   * The year's reward lists (the threshold as set now). A year after this one is refused.
   * Super-admin and secretariat.
   */
  'admin.points.yearly': { req: { year: number }; res: PointsYearlyLists };
  /** The same lists as an Excel workbook (.xlsx, sheets 生日礼物 and 评选资格), base64. */
  'admin.points.yearlyExport': {
    req: { year: number };
    res: { fileName: string; contentBase64: string };
  };
  /** One member's entries of a year (this year when absent), newest first. */
  'admin.points.history': {
    req: { memberId: string; year?: number; page?: number; pageSize?: number };
    res: Page<PointsEntry>;
  };
  /**
   * Adds (points > 0) or withdraws (points < 0) points with a reason (2-200 characters),
   * counted in this year; once per `requestId`. A withdrawal may not take the year's total
   * below 0. Super-admin and secretariat; audited.
   */
  'admin.points.adjust': {
    req: { memberId: string; points: number; reason: string; requestId: string };
    res: { total: number; entry: PointsEntry };
  };
  /** 通知: published notices, newest first, with this member's read and reply marks. */
  'notices.list': {
    req: { page?: number; pageSize?: number };
    res: Page<NoticeSummary> & { unread: number };
  };
  /** Opens a notice: 查看通知 points once, however often. */
  'notices.view': { req: { noticeId: string }; res: NoticeDetail };
  /**
   * Replies (a `choice` of the options, or a `text` of 1-500 characters) until the deadline;
   * a later reply replaces the earlier one. 反馈通知 points once.
   */
  'notices.feedback': {
    req: { noticeId: string; choice?: string; text?: string };
    res: NoticeDetail;
  };
  /** Drafts, published and withdrawn notices, newest first. Secretariat and super-admin. */
  'admin.notices.list': {
    req: { status?: ContentStatus; page?: number; pageSize?: number };
    res: Page<AdminNotice>;
  };
  'admin.notices.get': { req: { noticeId: string }; res: AdminNotice };
  /**
   * Creates a draft (no `noticeId`; once per `requestId`) or edits one. A published notice
   * may be edited too, except its reply form's kind and options once replies exist.
   * `html` is sanitised on the way in; attachments are the admin's own uploads (≤ 9).
   */
  'admin.notices.save': {
    req: {
      noticeId?: string;
      title: string;
      html: string;
      attachmentFileIds: string[];
      reply: NoticeReplyForm;
      requestId: string;
    };
    res: AdminNotice;
  };
  'admin.notices.publish': { req: { noticeId: string }; res: AdminNotice };
  /** Members no longer see it; points already given stay. */
  'admin.notices.withdraw': { req: { noticeId: string }; res: AdminNotice };
  /** Who read the notice and what they replied, newest first. */
  'admin.notices.readers': {
    req: { noticeId: string; repliedOnly?: boolean; page?: number; pageSize?: number };
    res: Page<NoticeReaderRow>;
  };
  /** The readers and replies as an Excel workbook (.xlsx), base64. */
  'admin.notices.export': {
    req: { noticeId: string };
    res: { fileName: string; contentBase64: string };
  };

  /** Public: published news, newest first (the landing page shows them without a login). */
  'news.list': { req: { page?: number; pageSize?: number }; res: Page<NewsSummary> };
  /** Public; a logged-in member earns 查看机构动态 once per item. */
  'news.view': { req: { newsId: string }; res: NewsDetail };
  'admin.news.list': {
    req: { status?: ContentStatus; page?: number; pageSize?: number };
    res: Page<AdminNews>;
  };
  'admin.news.get': { req: { newsId: string }; res: AdminNews };
  /** Creates a draft (once per `requestId`) or edits one; the cover is a JPEG/PNG upload. */
  'admin.news.save': {
    req: {
      newsId?: string;
      title: string;
      html: string;
      coverFileId: string | null;
      requestId: string;
    };
    res: AdminNews;
  };
  'admin.news.publish': { req: { newsId: string }; res: AdminNews };
  'admin.news.withdraw': { req: { newsId: string }; res: AdminNews };

  /**
   * 意见建议: text of 5-500 characters, up to 3 pictures (the member's uploads, JPEG/PNG), a
   * contact of up to 50 characters; once per `requestId`. In the cloud, from the
   * mini-program, the text passes WeChat's content check first (a risky text is refused).
   */
  'feedback.submit': {
    req: { text: string; pictureFileIds: string[]; contact?: string | null; requestId: string };
    res: FeedbackItem;
  };
  /** The member's own suggestions, newest first, with the count of unread replies. */
  'feedback.list': {
    req: { page?: number; pageSize?: number };
    res: Page<FeedbackItem> & { unreadReplies: number };
  };
  /** Opens one: its reply counts as read. */
  'feedback.view': { req: { feedbackId: string }; res: FeedbackItem };
  'admin.feedback.list': {
    req: { replied?: boolean; page?: number; pageSize?: number };
    res: Page<AdminFeedback>;
  };
  /** The secretariat's reply (2-500 characters); a second reply replaces the first. */
  'admin.feedback.reply': { req: { feedbackId: string; reply: string }; res: AdminFeedback };
  'admin.members.list': {
    req: { query?: string; page?: number; pageSize?: number };
    res: Page<MemberListItem>;
  };
  /** Back to the initial password (the phone number); ends the member's sessions. */
  'admin.members.resetPassword': { req: { memberId: string }; res: { reset: true } };
  'admin.roster.preview': { req: { fileId: string }; res: RosterReport };
  'admin.roster.commit': { req: { fileId: string }; res: RosterReport };
}

export type ActionName = keyof ActionMap;
export type ActionRequest<N extends ActionName> = ActionMap[N]['req'];
export type ActionResponse<N extends ActionName> = ActionMap[N]['res'];
