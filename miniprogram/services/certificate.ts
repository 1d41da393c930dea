import type { CertificateAnswer } from '../../typings/actions';
import { callAction } from './transport';

/** 会员证书: the certificate when dues are current, else why not and how to renew. */
export function getCertificate(): Promise<CertificateAnswer> {
  return callAction('member.certificate', {});
}
