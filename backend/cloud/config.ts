import { DEFAULT_CONFIG, type BackendConfig } from '../core/context';

const ENV_VERSIONS: readonly BackendConfig['miniProgramEnvVersion'][] = [
  'release',
  'trial',
  'develop',
];

/**
 * The cloud function's config from its environment variables (云开发控制台 → 云函数 → 配置):
 * `PORTAL_URL`, the portal's public address (a trailing slash is dropped), and
 * `MINIPROGRAM_ENV_VERSION`, which build a 扫码登录 code opens (`release` when unset). A
 * value that is not one of the three fails the start, rather than codes that open nothing.
 * `REMINDER_TEMPLATE_ID` is the 会费到期提醒 subscription template; unset, reminders are off.
 * `APPLICATION_RESULT_TEMPLATE_ID` is the 入会审核结果 one; unset, applicants are not asked.
 */
export function cloudConfig(env: Record<string, string | undefined>): BackendConfig {
  const portalUrl = env.PORTAL_URL?.trim().replace(/\/+$/, '') || null;
  if (portalUrl !== null && !/^https?:\/\/[^/\s]+/.test(portalUrl)) {
    throw new Error(`PORTAL_URL must be an http(s) address, got ${portalUrl}`);
  }
  const version = env.MINIPROGRAM_ENV_VERSION?.trim() || 'release';
  const miniProgramEnvVersion = ENV_VERSIONS.find((v) => v === version);
  if (!miniProgramEnvVersion) {
    throw new Error(`MINIPROGRAM_ENV_VERSION must be release, trial or develop, got ${version}`);
  }
  const reminderTemplateId = env.REMINDER_TEMPLATE_ID?.trim() || null;
  const applicationResultTemplateId = env.APPLICATION_RESULT_TEMPLATE_ID?.trim() || null;
  return {
    ...DEFAULT_CONFIG,
    portalUrl,
    miniProgramEnvVersion,
    reminderTemplateId,
    applicationResultTemplateId,
  };
}
