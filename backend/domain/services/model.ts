import type {
  AdminServiceApplication,
  AdminServiceItem,
  ContentFile,
  Instant,
  ServiceApplication,
  ServiceApplicationStatus,
  ServiceApplicationStep,
  ServiceItem,
} from '../../../typings';
import { maskPhone } from '../../core/mask';
import type { Doc } from '../../ports/store';
import type { MemberDoc } from '../members/model';

/** One 服务 of the catalogue. `requestKey` (admin:requestId, unique) makes creation once. */
export interface ServiceDoc extends Doc {
  requestKey: string;
  name: string;
  description: string;
  requirements: string;
  /** Inactive services stay for their applications; members neither see nor apply for them. */
  active: boolean;
  createdAt: Instant;
  createdBy: string;
  /** An edit is guarded on the stamp it read; each save moves it on (see nextStamp). */
  updatedAt: Instant;
}

/**
 * A member's application. `requestKey` (memberId:requestId, unique) makes a double tap one
 * application. `text` is the member's own words: it goes to no log and no audit entry.
 */
export interface ServiceApplicationDoc extends Doc {
  requestKey: string;
  memberId: string;
  /** The member's name and number when applying, for a member since removed. */
  memberName: string;
  memberNo: string | null;
  serviceId: string;
  /** The service's name when applying, for a service since removed. */
  serviceName: string;
  text: string;
  /** PDF, Word, Excel, JPEG or PNG kept under `services/<memberId>/<id>/`. */
  attachments: ContentFile[];
  status: ServiceApplicationStatus;
  /**
   * `open:<memberId>:<serviceId>` while 待受理 or 已受理, `closed:<id>` once 已办结 or 已驳回:
   * unique, so a member has one open application per service however many arrive at once
   * (and a script cannot farm 申请服务 points). Never missing: the cloud's unique index
   * treats missing values as equal.
   */
  openKey: string;
  reply: string | null;
  invalid: boolean;
  /** 申请服务 points of the rules when applying; 0 once withdrawn. */
  points: number;
  createdAt: Instant;
  updatedAt: Instant;
  history: ServiceApplicationStep[];
}

export const SERVICE_NOT_FOUND = '该服务不存在或已停止受理';
export const APPLICATION_OPEN = '您已申请过该服务，正在办理中；办结或驳回后可再次申请';

export const openKeyOf = (memberId: string, serviceId: string) => `open:${memberId}:${serviceId}`;
export const closedKeyOf = (applicationId: string) => `closed:${applicationId}`;
/** The same answer for another member's application and one that never existed. */
export const APPLICATION_NOT_FOUND = '未找到该服务申请';
/** The ledger's reason when an application rejected as invalid loses its 申请服务 point. */
export const INVALID_REASON = '服务申请被驳回（无效申请）';

/** Where each status may move, as the secretariat works an application through. */
export const NEXT_STATUSES: Record<ServiceApplicationStatus, readonly ServiceApplicationStatus[]> =
  {
    submitted: ['accepted', 'rejected'],
    accepted: ['completed', 'rejected'],
    completed: [],
    rejected: [],
  };

/** The statuses as members and the console read them. */
export const STATUS_LABELS: Record<ServiceApplicationStatus, string> = {
  submitted: '待受理',
  accepted: '已受理',
  completed: '已办结',
  rejected: '已驳回',
};

export function toServiceItem(doc: ServiceDoc): ServiceItem {
  return {
    id: doc._id,
    name: doc.name,
    description: doc.description,
    requirements: doc.requirements,
  };
}

export function toAdminServiceItem(doc: ServiceDoc, applications: number): AdminServiceItem {
  return {
    ...toServiceItem(doc),
    active: doc.active,
    createdAt: doc.createdAt,
    updatedAt: doc.updatedAt,
    applications,
  };
}

/** The member's view; `serviceName` is the service's current name when it still exists. */
export function toApplication(
  doc: ServiceApplicationDoc,
  serviceName: string = doc.serviceName,
): ServiceApplication {
  return {
    id: doc._id,
    serviceId: doc.serviceId,
    serviceName,
    text: doc.text,
    attachments: doc.attachments,
    status: doc.status,
    reply: doc.reply,
    invalid: doc.invalid,
    points: doc.points,
    createdAt: doc.createdAt,
    updatedAt: doc.updatedAt,
    history: doc.history,
  };
}

/** The console's row: the member as they are now (phone masked), or as they applied. */
export function toAdminApplication(
  doc: ServiceApplicationDoc,
  member: MemberDoc | null,
  serviceName?: string,
): AdminServiceApplication {
  return {
    ...toApplication(doc, serviceName),
    memberId: doc.memberId,
    memberName: member?.name ?? doc.memberName,
    memberNo: member ? member.memberNo : doc.memberNo,
    phoneMasked: member ? maskPhone(member.phone) : '',
  };
}

/**
 * A stamp later than the one read, even when the clock has not moved (two saves in one
 * millisecond, a fixed clock in tests): a guard on it must see every save as a change.
 */
export function nextStamp(previous: Instant, now: Date): Instant {
  return new Date(Math.max(now.getTime(), Date.parse(previous) + 1)).toISOString();
}
