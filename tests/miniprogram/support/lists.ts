import type { ConnectedBackend } from './backend';
import type { Rendered } from './pages';

/** The member comes back to the page (from one it opened): WeChat shows it again. */
export async function comeBack(page: Rendered, backend: ConnectedBackend): Promise<void> {
  // j-component has it at run time; its declarations leave it out.
  (page as unknown as { triggerPageLifeTime(name: 'show'): void }).triggerPageLifeTime('show');
  await backend.settle();
}

/** 下拉刷新, as WeChat calls the page, with the answers applied. */
export async function pullDown(page: Rendered, backend: ConnectedBackend): Promise<void> {
  await (page.instance as unknown as { onPullDownRefresh(): Promise<void> }).onPullDownRefresh();
  await backend.settle();
}

/**
 * How often a page ended WeChat's pull-down animation in each test of this describe block
 * (wx.stopPullDownRefresh, counted from 0).
 */
export function countPullDownStops(): { count: number } {
  const wx = (globalThis as unknown as { wx: Record<string, unknown> }).wx;
  const stops = { count: 0 };
  beforeEach(() => {
    stops.count = 0;
    wx.stopPullDownRefresh = () => {
      stops.count += 1;
    };
  });
  return stops;
}

/** Runs `act` with the network down (its warnings silenced); the network is back after. */
export async function whileOffline<T>(
  backend: ConnectedBackend,
  act: () => Promise<T>,
): Promise<T> {
  backend.setOffline(true);
  const warn = jest.spyOn(console, 'warn').mockImplementation(() => undefined);
  try {
    return await act();
  } finally {
    warn.mockRestore();
    backend.setOffline(false);
  }
}
