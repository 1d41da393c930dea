import { ref } from 'vue';
import { errorText } from './errors';

/**
 * The state of a form's one submit: `busy` while it runs (a second tap does nothing) and the
 * backend's message in `error` when it fails.
 */
export function useSubmission() {
  const busy = ref(false);
  const error = ref('');

  async function run(task: () => Promise<void>): Promise<void> {
    if (busy.value) return;
    busy.value = true;
    error.value = '';
    try {
      await task();
    } catch (failure) {
      error.value = errorText(failure);
    } finally {
      busy.value = false;
    }
  }

  return { busy, error, run };
}
