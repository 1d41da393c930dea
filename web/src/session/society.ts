import { ref } from 'vue';
import type { SocietyInfo } from '../../../typings';
import { callAction } from '../api/client';

const society = ref<SocietyInfo | null>(null);
let pending: Promise<void> | null = null;

/**
 * The society's name for headers and titles, fetched once per page load. A failure leaves the
 * generic title in place and is retried on the next call: the name is decoration, not data.
 */
export function useSociety(): typeof society {
  if (!society.value && !pending) {
    pending = callAction('society.info', {})
      .then((info) => {
        society.value = info;
        document.title = `${info.shortName || info.name} · ${document.title}`;
      })
      .catch(() => {
        pending = null;
      });
  }
  return society;
}
