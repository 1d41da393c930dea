import { randomUUID } from 'node:crypto';
import type { ActionName } from '../../../typings';
import { setTransport, type TransportRequest } from '../../../miniprogram/services/transport';
import { createTestBackend, type TestBackend } from '../../helpers/backend';
import { writeSociety } from '../../../backend/domain/society/settings';

/** The OPENID WeChat would report for the member's phone; sessions are bound to it. */
export const TEST_OPENID = 'o-test-member-openid';

export interface ConnectedBackend extends TestBackend {
  /** Every action the mini-program sent, in order: to show that a local check saved a call. */
  sent: ActionName[];
  /** Resolves once no call is under way and the pages have applied the answers. */
  settle(): Promise<void>;
  /** While offline, calls fail as an unreachable network does (the transport rejects). */
  setOffline(offline: boolean): void;
}

/**
 * Starts the real backend in-process and makes it the mini-program's transport, as the cloud
 * transport would reach it: callFunction, the token in the body, a fixed OPENID. Calls and
 * answers go through JSON, as they do over the wire.
 */
export function connectBackend(options: { now?: string } = {}): ConnectedBackend {
  const test = createTestBackend(options);
  const sent: ActionName[] = [];
  const inFlight = new Set<Promise<unknown>>();
  let offline = false;

  setTransport((request: TransportRequest) => {
    sent.push(request.action);
    if (offline) return Promise.reject(new Error('request:fail offline'));
    const { action, data, token } = JSON.parse(JSON.stringify(request)) as TransportRequest;
    const answer = test.backend
      .dispatch(
        { action, data, ...(token ? { token } : {}) },
        {
          transport: 'callFunction',
          openid: TEST_OPENID,
          token,
          clientIp: null,
          requestId: randomUUID(),
        },
      )
      .then((envelope) => JSON.parse(JSON.stringify(envelope)) as unknown);
    inFlight.add(answer);
    void answer.finally(() => inFlight.delete(answer));
    return answer;
  });

  async function settle(): Promise<void> {
    // Events travel asynchronously in simulate; a call may start only after the first turn.
    do {
      await tick();
      await Promise.allSettled([...inFlight]);
    } while (inFlight.size > 0);
    await tick();
  }

  return {
    ...test,
    sent,
    settle,
    setOffline(value) {
      offline = value;
    },
    close() {
      setTransport(null);
      test.close();
    },
  };
}

/** Gives the society the profile of the first customer. */
export function seedSociety(backend: TestBackend): Promise<void> {
  const society = {
    name: '四川省性学会',
    shortName: '省性学会',
    intro: '四川省性学会是全省性学工作者自愿结成的学术性社会团体。',
  };
  return writeSociety(backend.deps, society, backend.clock.now());
}

function tick(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, 0));
}
