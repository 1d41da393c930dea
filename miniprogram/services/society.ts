import type { SocietyInfo } from '../../typings/actions';
import { callAction } from './transport';

/** The society's name and introduction, from its settings (no login needed). */
export function getSocietyInfo(): Promise<SocietyInfo> {
  return callAction('society.info', {});
}
