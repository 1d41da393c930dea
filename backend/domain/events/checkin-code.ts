import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

/**
 * The on-site check-in code: `E1.<eventId>.<slot>.<mac>`, where the slot is the minute
 * (epoch ms / 60000, base 36) and the mac the first 16 base64url characters (96 bits) of
 * HMAC-SHA256(event secret, `eventId.slot`). A photo of the screen is of no use a few minutes
 * later, and nobody without the secret can make one. `E1` leaves room for another format.
 */

const VERSION = 'E1';
export const SLOT_MS = 60_000;
const MAC_LENGTH = 16;
const PATTERN = /^E1\.([A-Za-z0-9-]{1,64})\.([0-9a-z]{1,11})\.([A-Za-z0-9_-]{16})$/;

export interface CheckinCodeParts {
  eventId: string;
  slot: number;
  mac: string;
}

/** A fresh secret for a new event: 256 random bits. */
export const newCheckinSecret = () => randomBytes(32).toString('base64url');

/** The minute an instant lies in. */
export const slotOf = (at: Date) => Math.floor(at.getTime() / SLOT_MS);

export const slotStart = (slot: number) => new Date(slot * SLOT_MS);

function macOf(secret: string, eventId: string, slot: number): string {
  return createHmac('sha256', secret)
    .update(`${eventId}.${slot}`)
    .digest('base64url')
    .slice(0, MAC_LENGTH);
}

export function makeCheckinCode(secret: string, eventId: string, slot: number): string {
  return `${VERSION}.${eventId}.${slot.toString(36)}.${macOf(secret, eventId, slot)}`;
}

/** The parts of a well-formed code, or null; says nothing yet about whether it is genuine. */
export function parseCheckinCode(code: string): CheckinCodeParts | null {
  const match = PATTERN.exec(code.trim());
  if (!match) return null;
  const slot = parseInt(match[2]!, 36);
  if (!Number.isSafeInteger(slot)) return null;
  return { eventId: match[1]!, slot, mac: match[3]! };
}

/** Whether the code was made with this secret; compared in constant time. */
export function codeIsGenuine(secret: string, parts: CheckinCodeParts): boolean {
  const expected = Buffer.from(macOf(secret, parts.eventId, parts.slot));
  const given = Buffer.from(parts.mac);
  return expected.length === given.length && timingSafeEqual(expected, given);
}
