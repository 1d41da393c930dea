import { errorText } from '../utils/error-text';
import { isApiError } from './api-error';
import { goBackTo, type PageName } from './navigation';
import type { PageView } from './page-view';
import { randomHex } from './random';
import { followSessionError } from './session-flow';

/** 16 random bytes: the requestId of one form (the backend takes 8-64 characters). */
const REQUEST_ID_BYTES = 16;

/** How a form shows its state: one error, on the field it is about ('' under the form). */
export interface FormData {
  submitting: boolean;
  requestId: string;
  error: string;
  errorField: string;
}

/** A form's state without an error (typing or removing a file clears it). */
export function noFormError() {
  return { error: '', errorField: '' as const };
}

export function showFormError(view: PageView<unknown>, field: string, message: string): void {
  view.setData({ errorField: field, error: message });
}

export interface SubmitOptions<F extends string> {
  /** What the form itself would refuse, with its field; null when it may go. */
  problem(): { field: F; message: string } | null;
  /** Sends the form with its requestId. */
  send(requestId: string): Promise<unknown>;
  /** The form field a refusal of the backend names, or null (shown under the form). */
  fieldOf(field: string | null): F | null;
  /** The toast once it is in, and the page the form goes back to. */
  submitted: string;
  backTo: PageName;
}

/**
 * 提交: checked here first, then sent. The form makes one requestId, at its first 提交, and
 * keeps it: a double tap, or a retry after a lost answer, stores one. A refusal of the backend
 * shows on the field it names.
 */
export async function submitOnce<F extends string>(
  view: PageView<FormData>,
  options: SubmitOptions<F>,
): Promise<void> {
  if (view.data.submitting) return;
  const problem = options.problem();
  if (problem) {
    showFormError(view, problem.field, problem.message);
    return;
  }

  view.setData({ submitting: true, ...noFormError() });
  try {
    const requestId = view.data.requestId || (await randomHex(REQUEST_ID_BYTES));
    view.setData({ requestId });
    await options.send(requestId);
    // Stays `submitting` on the way back: the form is in, nothing more to tap.
    wx.showToast({ title: options.submitted, icon: 'success' });
    goBackTo(options.backTo);
  } catch (error) {
    if (followSessionError(error)) return;
    const field = isApiError(error) ? options.fieldOf(error.field) : null;
    view.setData({ submitting: false, error: errorText(error), errorField: field ?? '' });
  }
}
