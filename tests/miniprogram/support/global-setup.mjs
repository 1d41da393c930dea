import { prepareMiniprogramNpm } from '../../../scripts/prepare-miniprogram-npm.mjs';

/** Pages load tdesign from miniprogram_npm, as in DevTools: make sure it is there and fresh. */
export default function globalSetup() {
  prepareMiniprogramNpm();
}
