import { ref } from 'vue';
import type { SocietyInfo } from '../../../typings';
import { callAction } from '../api/client';

const society = ref<SocietyInfo | null>(null);
let pending: Promise<void> | null = null;

// The page's own title (index.html), read once: every society name is put in front of it.
const portalTitle = document.title;

/**
 * The society's name for headers and titles, fetched once per page load. A failure leaves the
 * generic title in place and is retried on the next call: the name is decoration, not data.
 */
export function useSociety(): typeof society {
  if (!society.value && !pending) {
    pending = callAction('society.info', {})
      // A profile saved meanwhile in the console is newer than this answer.
      .then((info) => {
        if (!society.value) showSociety(info);
      })
      .catch(() => {
        pending = null;
      });
  }
  return society;
}

/** Shows a profile just saved in the console at once, without waiting for the next load. */
export function showSociety(info: SocietyInfo): void {
  society.value = info;
  document.title = `${info.shortName || info.name} · ${portalTitle}`;
}
