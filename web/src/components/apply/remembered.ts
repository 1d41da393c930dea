/**
 * The application this tab last submitted or looked up: its phone and reference code, so the
 * status page and the resubmission open filled in. sessionStorage, as the session tokens: a
 * shared desk computer forgets it with the tab, and the phone stays out of every URL.
 */
const KEY = 'portal.apply.last';

export interface RememberedApplication {
  phone: string;
  referenceCode: string;
}

export function rememberApplication(application: RememberedApplication): void {
  sessionStorage.setItem(KEY, JSON.stringify(application));
}

/** The remembered application, or null when none is (or what is stored is not one). */
export function rememberedApplication(): RememberedApplication | null {
  const stored = sessionStorage.getItem(KEY);
  if (!stored) return null;
  try {
    const value = JSON.parse(stored) as Partial<RememberedApplication> | null;
    if (typeof value?.phone === 'string' && typeof value.referenceCode === 'string') {
      return { phone: value.phone, referenceCode: value.referenceCode };
    }
  } catch {
    // Not written by this page (or by an older one): as good as nothing remembered.
  }
  sessionStorage.removeItem(KEY);
  return null;
}
