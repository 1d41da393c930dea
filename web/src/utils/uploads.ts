import { ref, type Ref } from 'vue';
import { uploadFile } from '../api/client';
import type { Realm } from '../api/tokens';
import { errorText } from './errors';

/** An uploaded file as a form lists it: `saved` once what it is attached to holds it. */
export interface ListedAttachment {
  fileId: string;
  name: string;
  size: number;
  saved: boolean;
}

/**
 * A picked file uploaded at once with the `realm`'s session (the server checks its bytes):
 * `upload` first clears the field's message (`report('')`), then reports `refuse`'s words for a
 * file not to send, or the upload's failure; it answers the new file's id, or null. `uploading`
 * is true meanwhile (the caller's ref when given, a v-model's say).
 */
export function useUpload(options: {
  realm: Realm;
  refuse: (file: File) => string | null;
  report: (message: string) => void;
  uploading?: Ref<boolean>;
}) {
  const uploading = options.uploading ?? ref(false);

  async function upload(file: File): Promise<string | null> {
    options.report('');
    const refusal = options.refuse(file);
    if (refusal) {
      options.report(refusal);
      return null;
    }
    uploading.value = true;
    try {
      return (await uploadFile(file, options.realm)).fileId;
    } catch (failure) {
      options.report(errorText(failure));
      return null;
    } finally {
      uploading.value = false;
    }
  }

  return { uploading, upload };
}
