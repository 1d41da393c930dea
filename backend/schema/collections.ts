/**
 * Every collection of the store and its indexes, declared once. The SQLite adapter creates
 * them; `npm run cloud:setup` and the deploy guide create them in the cloud database.
 * An index is declared for every field a query filters or sorts on.
 */

export const COLLECTIONS = {
  settings: 'settings',
  members: 'members',
  accounts: 'accounts',
  admins: 'admins',
  sessions: 'sessions',
  loginGuards: 'login_guards',
  rateWindows: 'rate_windows',
  files: 'files',
  pointsLedger: 'points_ledger',
  pointsTotals: 'points_totals',
  auditLog: 'audit_log',
  importRuns: 'import_runs',
  wechatBindings: 'wechat_bindings',
  qrLogins: 'qr_logins',
  certificates: 'certificates',
  duesOrders: 'dues_orders',
  reminderOutbox: 'reminder_outbox',
  reminderSubscriptions: 'reminder_subscriptions',
  downloadTickets: 'download_tickets',
  applications: 'applications',
  uploadGrants: 'upload_grants',
  applicationNotices: 'application_notices',
  notices: 'notices',
  noticeReads: 'notice_reads',
  news: 'news',
  newsViews: 'news_views',
  feedback: 'feedback',
  services: 'services',
  serviceApplications: 'service_applications',
  events: 'events',
  eventRegistrations: 'event_registrations',
} as const;

export type CollectionName = (typeof COLLECTIONS)[keyof typeof COLLECTIONS];

export interface IndexSpec {
  name: string;
  fields: { field: string; direction: 'asc' | 'desc' }[];
  unique?: boolean;
}

const asc = (field: string) => ({ field, direction: 'asc' as const });
const desc = (field: string) => ({ field, direction: 'desc' as const });

export const INDEXES: Record<CollectionName, IndexSpec[]> = {
  settings: [],
  members: [
    { name: 'phone_unique', fields: [asc('phone')], unique: true },
    { name: 'member_no', fields: [asc('memberNo')] },
    // Not unique: most members keep no ID number. Approvals look for one already held.
    { name: 'id_number', fields: [asc('idNumber')] },
    { name: 'name', fields: [asc('name')] },
    { name: 'expires_on', fields: [asc('expiresOn')] },
    { name: 'created_at', fields: [desc('createdAt')] },
  ],
  accounts: [],
  admins: [{ name: 'username_unique', fields: [asc('username')], unique: true }],
  sessions: [
    { name: 'subject', fields: [asc('subjectId')] },
    { name: 'expires_at', fields: [asc('expiresAt')] },
  ],
  login_guards: [],
  rate_windows: [{ name: 'expires_at', fields: [asc('expiresAt')] }],
  files: [
    { name: 'owner', fields: [asc('ownerId')] },
    { name: 'expires_at', fields: [asc('expiresAt')] },
  ],
  points_ledger: [
    { name: 'member_time', fields: [asc('memberId'), desc('at')] },
    { name: 'member_year_time', fields: [asc('memberId'), asc('year'), desc('at')] },
  ],
  points_totals: [{ name: 'year_total', fields: [asc('year'), desc('total')] }],
  audit_log: [
    { name: 'at', fields: [desc('at')] },
    { name: 'actor', fields: [asc('actorId')] },
  ],
  import_runs: [{ name: 'at', fields: [desc('at')] }],
  // `_id` is the OPENID's hash; the unique memberId holds a member to one WeChat account.
  wechat_bindings: [{ name: 'member_unique', fields: [asc('memberId')], unique: true }],
  // `_id` is the one-time scene; the purge job removes them past `expiresAt`.
  qr_logins: [{ name: 'expires_at', fields: [asc('expiresAt')] }],
  // `_id` is the member's id: one certificate per member, its number and code stable.
  certificates: [
    { name: 'number_unique', fields: [asc('certificateNo')], unique: true },
    { name: 'code_unique', fields: [asc('verifyCode')], unique: true },
  ],
  // `requestKey` (memberId:requestId) makes 立即续费 idempotent. `openKey` holds a member to
  // one open order: `open:<memberId>` while open, `closed:<orderId>` after. It is never
  // missing, since the cloud's unique index treats missing values as equal.
  dues_orders: [
    { name: 'order_no_unique', fields: [asc('orderNo')], unique: true },
    { name: 'request_unique', fields: [asc('requestKey')], unique: true },
    { name: 'open_unique', fields: [asc('openKey')], unique: true },
    { name: 'member_created', fields: [asc('memberId'), desc('createdAt')] },
    { name: 'status_created', fields: [asc('status'), asc('createdAt')] },
  ],
  // `_id` is member:kind:expiresOn, so a job run twice on a day records one reminder.
  reminder_outbox: [{ name: 'created_at', fields: [desc('createdAt')] }],
  // `_id` is the member's id.
  reminder_subscriptions: [],
  download_tickets: [{ name: 'expires_at', fields: [asc('expiresAt')] }],
  // `requestKey` (phone:requestId) makes 提交 idempotent; `openKey` holds a phone to one
  // application under review (`open:<phone>`, then `closed:<id>`), never missing.
  applications: [
    { name: 'request_unique', fields: [asc('requestKey')], unique: true },
    { name: 'open_unique', fields: [asc('openKey')], unique: true },
    { name: 'phone_status', fields: [asc('phone'), asc('status')] },
    { name: 'status_submitted', fields: [asc('status'), asc('submittedAt')] },
    { name: 'submitted_at', fields: [desc('submittedAt')] },
    { name: 'openid_created', fields: [asc('openidHash'), desc('createdAt')] },
  ],
  // `_id` is the SHA-256 of the grant token an applicant uploads with; purged when expired.
  upload_grants: [{ name: 'expires_at', fields: [asc('expiresAt')] }],
  // `_id` is the application's id: the applicant's acceptance of the result message.
  application_notices: [],
  // `requestKey` makes a draft's creation idempotent.
  notices: [
    { name: 'request_unique', fields: [asc('requestKey')], unique: true },
    { name: 'status_published', fields: [asc('status'), desc('publishedAt')] },
    { name: 'created_at', fields: [desc('createdAt')] },
  ],
  // `_id` is noticeId:memberId: one reading (and reply) per member and notice.
  notice_reads: [
    { name: 'notice_read', fields: [asc('noticeId'), desc('readAt')] },
    { name: 'notice_replied', fields: [asc('noticeId'), asc('replied'), desc('readAt')] },
    { name: 'member', fields: [asc('memberId')] },
  ],
  // `requestKey` (admin:requestId) makes a draft's creation idempotent; the public list is
  // the published ones by `publishedAt`, the console's all or one status by `createdAt`.
  news: [
    { name: 'request_unique', fields: [asc('requestKey')], unique: true },
    { name: 'status_published', fields: [asc('status'), desc('publishedAt')] },
    { name: 'status_created', fields: [asc('status'), desc('createdAt')] },
    { name: 'created_at', fields: [desc('createdAt')] },
  ],
  // `_id` is newsId:memberId: a member's first view, counted once; read by id only.
  news_views: [],
  // `requestKey` (memberId:requestId) makes 提交 idempotent. Members list their own and
  // count unread replies; the console lists all, or the replied or unreplied ones.
  feedback: [
    { name: 'request_unique', fields: [asc('requestKey')], unique: true },
    { name: 'member_created', fields: [asc('memberId'), desc('createdAt')] },
    { name: 'member_unread', fields: [asc('memberId'), asc('replyUnread')] },
    { name: 'replied_created', fields: [asc('replied'), desc('createdAt')] },
    { name: 'created_at', fields: [desc('createdAt')] },
  ],
  // 服务: `requestKey` (admin:requestId) makes a service's creation idempotent; members list
  // the active ones in the order they were created.
  services: [
    { name: 'request_unique', fields: [asc('requestKey')], unique: true },
    { name: 'active_created', fields: [asc('active'), asc('createdAt')] },
    { name: 'created_at', fields: [asc('createdAt')] },
  ],
  // `requestKey` (memberId:requestId) makes 提交 idempotent; members list their own, the
  // console all, one status or one service.
  service_applications: [
    { name: 'request_unique', fields: [asc('requestKey')], unique: true },
    // `open:<memberId>:<serviceId>` while under way, `closed:<id>` after: one open per service.
    { name: 'open_unique', fields: [asc('openKey')], unique: true },
    { name: 'member_created', fields: [asc('memberId'), desc('createdAt')] },
    { name: 'status_created', fields: [asc('status'), desc('createdAt')] },
    { name: 'service_created', fields: [asc('serviceId'), desc('createdAt')] },
    { name: 'created_at', fields: [desc('createdAt')] },
  ],
  // 会内活动: `requestKey` (admin:requestId) makes a draft's creation idempotent; members list
  // the published ones by start, the console all or one status.
  events: [
    { name: 'request_unique', fields: [asc('requestKey')], unique: true },
    { name: 'status_starts', fields: [asc('status'), desc('startsAt')] },
    { name: 'starts_at', fields: [desc('startsAt')] },
  ],
  // `_id` is eventId:memberId: one registration per member and event, cancelled or standing.
  event_registrations: [
    { name: 'event_registered', fields: [asc('eventId'), desc('registeredAt')] },
    { name: 'event_status', fields: [asc('eventId'), asc('status'), desc('registeredAt')] },
    { name: 'event_checked_in', fields: [asc('eventId'), desc('checkedInAt')] },
    { name: 'member', fields: [asc('memberId')] },
  ],
};
