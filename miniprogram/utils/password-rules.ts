import { zhCN } from '../locales/zh-CN';

/** The backend enforces the same floor; checking here saves a round trip and a lockout count. */
export const MIN_PASSWORD_LENGTH = 8;

export interface PasswordChangeForm {
  current: string;
  next: string;
  confirm: string;
}

/** 忘记密码's form: no current password, so only the length and the repeat are checked. */
export function newPasswordProblem(form: Omit<PasswordChangeForm, 'current'>): string | null {
  const text = zhCN.password;
  if (form.next.length < MIN_PASSWORD_LENGTH) return text.tooShort;
  if (form.next !== form.confirm) return text.mismatch;
  return null;
}

/** The first reason the form cannot be sent, or null. Common passwords are the backend's call. */
export function passwordFormProblem(form: PasswordChangeForm): string | null {
  const text = zhCN.password;
  if (form.current === '') return text.currentMissing;
  if (form.next.length < MIN_PASSWORD_LENGTH) return text.tooShort;
  if (form.next !== form.confirm) return text.mismatch;
  if (form.next === form.current) return text.sameAsCurrent;
  return null;
}
