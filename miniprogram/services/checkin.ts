import type { EventDetail } from '../../typings/events';
import { fill, zhCN } from '../locales/zh-CN';
import { errorText } from '../utils/error-text';
import { checkInWithCode } from './events';
import type { PageView } from './page-view';
import { scanQrCode } from './scanner';
import { followSessionError } from './session-flow';

/** How a page shows 扫码签到: under way, 签到成功：…, or why not. */
export interface CheckinData {
  scanning: boolean;
  checkinResult: string;
  checkinError: string;
}

/**
 * 扫码签到 on the list and on an event: the scanner, then the code to the backend, which
 * checks in at whichever event the code names; `checkedIn` hears that event, which may be
 * another than the one on screen. Closing the scanner says nothing; a refusal (the camera, an
 * expired code, not registered) is shown as the backend words it. One scan at a time.
 */
export async function scanToCheckIn(
  view: PageView<CheckinData>,
  checkedIn: (event: EventDetail) => void,
): Promise<void> {
  if (view.data.scanning) return;
  view.setData({ scanning: true, checkinResult: '', checkinError: '' });
  try {
    const scan = await scanQrCode();
    if (scan.kind === 'cancelled') return;
    if (scan.kind === 'refused') {
      view.setData({ checkinError: scan.message });
      return;
    }
    const event = await checkInWithCode(scan.text);
    view.setData({ checkinResult: fill(zhCN.events.checkinDone, { title: event.title }) });
    checkedIn(event);
  } catch (error) {
    if (!followSessionError(error)) view.setData({ checkinError: errorText(error) });
  } finally {
    view.setData({ scanning: false });
  }
}
