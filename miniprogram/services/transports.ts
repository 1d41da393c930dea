import { config } from '../config';
import type { Transport, TransportRequest } from './transport';

/** The cloud function every action goes through (see ARCHITECTURE: one backend function). */
const CLOUD_FUNCTION = 'api';
/** Milliseconds before a local request counts as failed; the cloud one has its own limit. */
const LOCAL_TIMEOUT_MS = 15000;
/** Where this install keeps its simulated OPENID, so it stays the same across restarts. */
const SIMULATED_OPENID_KEY = 'simulate.openid';

/** This install's stand-in OPENID for a SIMULATE_WECHAT=1 server: `sim-` and 24 random hex. */
export function simulatedOpenid(): string {
  const kept: unknown = wx.getStorageSync(SIMULATED_OPENID_KEY);
  if (typeof kept === 'string' && kept !== '') return kept;
  let id = 'sim-';
  for (let i = 0; i < 24; i += 1) id += Math.floor(Math.random() * 16).toString(16);
  wx.setStorageSync(SIMULATED_OPENID_KEY, id);
  return id;
}

function localHeaders(token: string | null): Record<string, string> {
  const header: Record<string, string> = token ? { authorization: `Bearer ${token}` } : {};
  if (config.simulateWechat) header['x-wx-openid'] = simulatedOpenid();
  return header;
}

/**
 * Through WeChat Cloud: WeChat adds the caller's OPENID itself, the session token rides in
 * the body because callFunction has no headers.
 */
export const cloudTransport: Transport = async ({ action, data, token }: TransportRequest) => {
  const response = await wx.cloud.callFunction({
    name: CLOUD_FUNCTION,
    data: token ? { action, data, token } : { action, data },
  });
  return response.result;
};

/**
 * Over HTTP to the local server (or CloudBase's HTTP access). Any status answers the envelope,
 * so the body is passed on whatever the status; only a request that never completed rejects.
 */
export const localTransport: Transport = ({ action, data, token }: TransportRequest) =>
  new Promise((resolve, reject) => {
    wx.request({
      url: `${config.localBaseUrl}/api`,
      method: 'POST',
      data: { action, data },
      header: localHeaders(token),
      timeout: LOCAL_TIMEOUT_MS,
      success: (response) => resolve(response.data),
      fail: reject,
    });
  });

/** The transport the config selects. */
export function createDefaultTransport(): Transport {
  return config.backend === 'cloud' ? cloudTransport : localTransport;
}
