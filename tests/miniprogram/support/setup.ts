/**
 * Runs before each test file: installs the fake `wx`, `getApp` and `getCurrentPages` (which
 * miniprogram-simulate does not provide) and resets them before every test.
 */
import { TextEncoder as NodeTextEncoder } from 'node:util';
import { deserialize, serialize } from 'node:v8';
import { wxFake } from './wx-fake';

// jsdom's global lacks Node's structuredClone, which the in-process backend uses; v8's
// serializer implements the same structured clone algorithm.
globalThis.structuredClone ??= <T>(value: T): T => deserialize(serialize(value)) as T;
// Nor has it TextEncoder, which the backend's QR code encoder (qrcode) uses.
globalThis.TextEncoder ??= NodeTextEncoder as typeof TextEncoder;

const globals = globalThis as Record<string, unknown>;
globals.wx = { ...(globals.wx as object | undefined), ...wxFake.api };
globals.getApp = () => ({ globalData: {} });
globals.getCurrentPages = wxFake.getCurrentPages;

// Pages render in jsdom against the whole backend; on a busy 2-CPU machine a hook that makes
// an event with members and admins has been seen to pass jest's 5 s default. The bound is a
// stall guard, not a measure of speed (`npm run bench` measures).
jest.setTimeout(30_000);

beforeEach(() => wxFake.reset());
