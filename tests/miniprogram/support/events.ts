import type { AdminEvent, EventCheckinCode, EventTimes } from '../../../typings';
import { dataOf } from '../../helpers/backend';
import type { DuesAdmin } from '../../helpers/dues';

const DAY = 24 * 60 * 60 * 1000;

/**
 * An event on 20 June 2026 in Beijing, or `days` later: 09:00-17:00, registrations until 18:00
 * the day before, check-in 08:30-12:00.
 */
export function eventTimes(days = 0): EventTimes {
  const at = (iso: string) => new Date(Date.parse(iso) + days * DAY).toISOString();
  return {
    startsAt: at('2026-06-20T01:00:00Z'),
    endsAt: at('2026-06-20T09:00:00Z'),
    registrationDeadline: at('2026-06-19T10:00:00Z'),
    checkinStartsAt: at('2026-06-20T00:30:00Z'),
    checkinEndsAt: at('2026-06-20T04:00:00Z'),
  };
}

export interface EventFields {
  title?: string;
  html?: string;
  capacity?: number;
  /** Days after 20 June; `times` instead sets every time. */
  days?: number;
  times?: EventTimes;
}

export type EventConsole = ReturnType<typeof eventConsole>;

/** What the secretariat does in the console for the event pages: publish, show the code. */
export function eventConsole(secretariat: DuesAdmin) {
  let requests = 0;
  return {
    /** An event saved and published, 2026年学术年会 for 50 unless told. */
    async published(fields: EventFields = {}): Promise<AdminEvent> {
      const draft = dataOf<AdminEvent>(
        await secretariat.call('admin.events.save', {
          ...(fields.times ?? eventTimes(fields.days)),
          title: fields.title ?? '2026年学术年会',
          html: fields.html ?? '<p>年会定于<strong>6月20日</strong>在成都召开。</p>',
          place: '成都市锦江宾馆',
          capacity: fields.capacity ?? 50,
          requestId: `event-save-${(requests += 1)}`,
        }),
      );
      return dataOf<AdminEvent>(
        await secretariat.call('admin.events.publish', { eventId: draft.id }),
      );
    },

    /** The code the venue's screen shows now. */
    async venueCode(eventId: string): Promise<string> {
      const answer = await secretariat.call('admin.events.checkinCode', { eventId });
      return dataOf<EventCheckinCode>(answer).code;
    },
  };
}

/** What the member's camera reads at the next scan; 'cancelled' closes the scanner. */
export type ScanAnswer = { result: string } | 'cancelled';

/**
 * WeChat's scanner for the tests of this describe block: `answer` is what the next scan reads
 * (reset to 'cancelled' before each test), `scans` what the page asked for.
 */
export function fakeScanner() {
  const wx = (globalThis as unknown as { wx: Record<string, unknown> }).wx;
  const scanner = {
    answer: 'cancelled' as ScanAnswer,
    scans: [] as WechatMiniprogram.ScanCodeOption[],
  };
  beforeEach(() => {
    scanner.answer = 'cancelled';
    scanner.scans.length = 0;
    wx.scanCode = (options: WechatMiniprogram.ScanCodeOption) => {
      scanner.scans.push(options);
      const answer = scanner.answer;
      void Promise.resolve().then(() =>
        answer === 'cancelled'
          ? options.fail?.({ errMsg: 'scanCode:fail cancel' })
          : options.success?.({ errMsg: 'scanCode:ok', ...answer } as never),
      );
    };
  });
  afterEach(() => {
    delete wx.scanCode;
  });
  return scanner;
}
