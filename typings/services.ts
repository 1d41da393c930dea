/**
 * 服务: the society's catalogue of services members may ask for, and their applications.
 * Part of the action contract (`ActionMap` extends `ServiceActionMap`).
 */
import type { ContentFile, Instant, Page } from './actions';
import type { ServiceApplicationStatus } from './enums';

/** One service of the catalogue, as members read it. Texts are plain, not rich text. */
export interface ServiceItem {
  id: string;
  /** 2-50 characters. */
  name: string;
  /** What the service is, up to 1000 characters. */
  description: string;
  /** What an application must contain, as the secretariat words it; up to 500 characters. */
  requirements: string;
}

/** A service in the console: inactive ones stay for their applications, hidden from members. */
export interface AdminServiceItem extends ServiceItem {
  active: boolean;
  createdAt: Instant;
  updatedAt: Instant;
  /** Applications ever made for it. */
  applications: number;
}

/** One step of an application's history, oldest first. */
export interface ServiceApplicationStep {
  status: ServiceApplicationStatus;
  /** The secretariat's words with the step; null for the submission. */
  reply: string | null;
  at: Instant;
}

/** A member's application for a service, as the member reads it. */
export interface ServiceApplication {
  id: string;
  serviceId: string;
  serviceName: string;
  /** 5-1000 characters. */
  text: string;
  /** The member's uploads (PDF, Word, Excel, JPEG or PNG; at most 9). */
  attachments: ContentFile[];
  status: ServiceApplicationStatus;
  /** The secretariat's latest reply, or null. */
  reply: string | null;
  /** Rejected as invalid: the 申请服务 point it earned was withdrawn. */
  invalid: boolean;
  /** The points it earned (0 once withdrawn, or when the rules give none). */
  points: number;
  createdAt: Instant;
  updatedAt: Instant;
  history: ServiceApplicationStep[];
}

/** An application in the console, with its member. */
export interface AdminServiceApplication extends ServiceApplication {
  memberId: string;
  memberName: string;
  memberNo: string | null;
  phoneMasked: string;
}

/** The actions of 服务. Members: `services.*`; secretariat and super-admin: `admin.services.*`. */
export interface ServiceActionMap {
  /** The active services, in the order they were created. */
  'services.list': { req: Record<string, never>; res: { items: ServiceItem[] } };
  /**
   * Applies for an active service: text, attachments (the member's own uploads), once per
   * `requestId`. Awards 申请服务 once per application. One application per service is under
   * way at a time: another is taken once it is 已办结 or 已驳回.
   */
  'services.apply': {
    req: { serviceId: string; text: string; attachmentFileIds: string[]; requestId: string };
    res: ServiceApplication;
  };
  /** The member's own applications, newest first. */
  'services.applications': {
    req: { page?: number; pageSize?: number };
    res: Page<ServiceApplication>;
  };
  /** Every service, active first, then in the order they were created. */
  'admin.services.list': { req: Record<string, never>; res: { items: AdminServiceItem[] } };
  /** Creates a service (no `serviceId`; once per `requestId`) or edits one; audited. */
  'admin.services.save': {
    req: {
      serviceId?: string;
      name: string;
      description: string;
      requirements: string;
      active: boolean;
      requestId: string;
    };
    res: AdminServiceItem;
  };
  /** Applications, newest first, of one status or service when asked. */
  'admin.services.applications': {
    req: {
      status?: ServiceApplicationStatus;
      serviceId?: string;
      page?: number;
      pageSize?: number;
    };
    res: Page<AdminServiceApplication>;
  };
  /**
   * Moves an application on: submitted → accepted | rejected, accepted → completed |
   * rejected. `reply` (2-500 characters) is required for completed and rejected, optional for
   * accepted. `invalid` (only with rejected) withdraws its 申请服务 point. Audited.
   */
  'admin.services.process': {
    req: {
      applicationId: string;
      status: 'accepted' | 'completed' | 'rejected';
      reply?: string;
      invalid?: boolean;
    };
    res: AdminServiceApplication;
  };
}
