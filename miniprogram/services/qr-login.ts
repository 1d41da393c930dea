import type { QrLoginRequest } from '../../typings/actions';
import { callAction } from './transport';

/**
 * 扫码登录电脑端: the member's side of a PC's code. The backend checks that this WeChat (from
 * the call's context) is bound to the logged-in member; only the code's id is sent.
 */
export function scanQrLogin(loginId: string): Promise<QrLoginRequest> {
  return callAction('account.qrLogin.scan', { loginId });
}

/** 确认登录: the PC's next poll is logged in as this member. */
export function confirmQrLogin(loginId: string): Promise<QrLoginRequest> {
  return callAction('account.qrLogin.confirm', { loginId });
}

/** 取消: the PC shows that the member said no. */
export function cancelQrLogin(loginId: string): Promise<QrLoginRequest> {
  return callAction('account.qrLogin.cancel', { loginId });
}
