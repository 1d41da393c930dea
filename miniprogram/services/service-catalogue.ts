import type { Page } from '../../typings/actions';
import type { ServiceApplication, ServiceItem } from '../../typings/services';
import { callAction } from './transport';

/** Applications per 加载更多; the backend takes 1-100. */
export const APPLICATIONS_PAGE_SIZE = 20;

/** What 提交申请 sends: the text, the uploaded attachments' ids, once per `requestId`. */
export interface ServiceApplicationRequest {
  serviceId: string;
  text: string;
  attachmentFileIds: string[];
  /** Made once per form: a double tap, or a retry after a lost answer, stores one. */
  requestId: string;
}

/** 服务: the services members may apply for now, in the order the secretariat made them. */
export async function listServices(): Promise<ServiceItem[]> {
  return (await callAction('services.list', {})).items;
}

/** 申请 → 提交申请. Answers the stored application (the first one for a repeated requestId). */
export function applyForService(request: ServiceApplicationRequest): Promise<ServiceApplication> {
  return callAction('services.apply', request);
}

/** One page (from 1) of 我的申请, newest first. */
export function listServiceApplications(page: number): Promise<Page<ServiceApplication>> {
  return callAction('services.applications', { page, pageSize: APPLICATIONS_PAGE_SIZE });
}
