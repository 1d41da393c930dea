import dayjs from 'dayjs';
import { SOCIETY_TZ } from '../../core/dates';

// Times as members and the secretariat read them: China time, whatever the server's zone
// (core/dates.ts extends dayjs with its utc and timezone plugins).

const china = (at: string | Date) => dayjs(at).tz(SOCIETY_TZ);

/** 14:05 */
export const chinaClock = (at: string | Date) => china(at).format('HH:mm');

/** 6月20日 09:00 */
export const chinaMoment = (at: string | Date) => china(at).format('M月D日 HH:mm');

/** 2026-06-20 09:00, for the workbook. */
export const chinaDateTime = (at: string | Date) => china(at).format('YYYY-MM-DD HH:mm');
