/**
 * 13997373133 → 139****3133, as lists show phone numbers. A value that is already masked, or
 * is not 11 digits, is returned as it is rather than mangled.
 */
export function maskPhone(phone: string): string {
  if (!/^\d{11}$/.test(phone)) return phone;
  return `${phone.slice(0, 3)}****${phone.slice(-4)}`;
}
