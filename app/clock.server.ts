/**
 * The server's idea of "now" for deadlines (calls for cases). Normally the wall clock. When the
 * server is started with PILOT_TEST_CLOCK=1 (the e2e server only; never in production), the
 * /test-clock route may move it, so a browser test can let a call's deadline pass without
 * waiting. Domain functions take `now` as a parameter; routes pass `serverNow()`.
 */
let offsetMs = 0;

export function testClockEnabled() {
  return process.env.PILOT_TEST_CLOCK === "1";
}

export function serverNow(): Date {
  return new Date(Date.now() + offsetMs);
}

export function setTestClock(at: Date) {
  if (!testClockEnabled()) throw new Error("the test clock is disabled");
  offsetMs = at.getTime() - Date.now();
}
