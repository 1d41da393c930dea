// The backend suites hash passwords and race dozens of requests on SQLite; on a busy 2-CPU
// machine a few have been seen near jest's 5 s default. The bound is a stall guard, not a
// measure of speed (`npm run bench` measures).
jest.setTimeout(30_000);
