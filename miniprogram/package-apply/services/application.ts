import type {
  ActionRequest,
  ApplicationOptions,
  ApplicationReceipt,
  ApplicationStatusAnswer,
} from '../../../typings/actions';
import { config } from '../../config';
import { callAction } from '../../services/transport';

/** An application as the status page shows it, with the phone it was made with. */
export type MyApplication = ApplicationStatusAnswer & { phone: string };

export type SubmitRequest = ActionRequest<'application.submit'>;
export type ResubmitRequest = ActionRequest<'application.resubmit'>;

/** What the form needs first: member types, the blank template, the result message's template. */
export function getApplicationOptions(): Promise<ApplicationOptions> {
  return callAction('application.options', {});
}

/**
 * A fresh link to the blank form template, valid for minutes. The local server may answer a
 * path of its own; it is made absolute so wx.downloadFile can fetch it.
 */
export async function templateLink(): Promise<{ url: string; name: string }> {
  const { url, name } = await callAction('application.template', {});
  return { url: url.startsWith('/') ? `${config.localBaseUrl}${url}` : url, name };
}

/** A grant to upload the signed form without a session (valid 2 hours, for 20 files). */
export async function requestUploadGrant(): Promise<string> {
  return (await callAction('application.uploadGrant', {})).uploadGrant;
}

/** 提交入会申请; a repeat with the same requestId answers the same receipt. */
export function submitApplication(request: SubmitRequest): Promise<ApplicationReceipt> {
  return callAction('application.submit', request);
}

/** A rejected application corrected and sent again: same reference code, back to 审核中. */
export function resubmitApplication(request: ResubmitRequest): Promise<ApplicationReceipt> {
  return callAction('application.resubmit', request);
}

/** The latest application submitted from this WeChat account, or null. */
export async function myApplication(): Promise<MyApplication | null> {
  return (await callAction('application.mine', {})).application;
}

/** The application of `phone` with this reference code (NOT_FOUND when either is wrong). */
export async function lookUpApplication(
  phone: string,
  referenceCode: string,
): Promise<MyApplication> {
  const answer = await callAction('application.status', { phone, referenceCode });
  return { ...answer, phone };
}

/**
 * The rejected application 修改后重新提交 hands to the form. Pages share one JS context, so it
 * travels in memory rather than in the page's query (which would carry the phone number).
 */
let resubmitDraft: MyApplication | null = null;

/** Keeps `application` for the form the status page opens next. */
export function handOverForResubmit(application: MyApplication): void {
  resubmitDraft = application;
}

/** The application handed over, once: a later form starts empty. */
export function takeResubmitDraft(): MyApplication | null {
  const draft = resubmitDraft;
  resubmitDraft = null;
  return draft;
}
