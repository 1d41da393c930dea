import { config } from './config';

/**
 * The app itself holds nothing: pages reach the backend through services/, which pick the
 * transport from config. Cloud calls need wx.cloud initialised once, before the first call.
 */
App({
  onLaunch() {
    if (config.backend === 'cloud') {
      wx.cloud.init({ env: config.cloudEnvId, traceUser: true });
    }
  },
});
