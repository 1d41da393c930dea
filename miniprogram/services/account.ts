import type { LoginResult, WechatStatus } from '../../typings/actions';
import { callAction } from './transport';
import { clearSession, saveSession } from './session';

/**
 * Binds the WeChat account the call comes from: the backend takes the OPENID from the call's
 * context (callFunction), never from the body, so nothing is sent.
 */
export function bindWechat(): Promise<WechatStatus> {
  return callAction('account.bindWechat', {});
}

/** Removes the member's WeChat binding; afterwards only the password login works. */
export function unbindWechat(): Promise<WechatStatus> {
  return callAction('account.unbindWechat', {});
}

/** Whether the member's account has a WeChat account bound. */
export function wechatStatus(): Promise<WechatStatus> {
  return callAction('account.wechatStatus', {});
}

/** 微信一键登录: logs in the member bound to this WeChat and keeps the session. */
export async function wechatLogin(): Promise<LoginResult> {
  const result = await callAction('auth.wechatLogin', {});
  saveSession(result);
  return result;
}

/**
 * 忘记密码: sets a new password for the member bound to this WeChat, without the old one.
 * The backend ends every session, so a token kept on this device is forgotten too.
 */
export async function resetPasswordByWechat(newPassword: string): Promise<void> {
  await callAction('auth.resetPasswordByWechat', { newPassword });
  clearSession();
}
