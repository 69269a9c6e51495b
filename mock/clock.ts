// The mock's notion of "now": real time (or an injected source) plus an offset that tests and
// e2e runs push forward to expire passcodes, conversion tokens, sessions and rate-limit windows
// without waiting.

export interface MockClock {
  now(): number;
  advance(ms: number): void;
  reset(): void;
}

export function createClock(source: () => number = Date.now): MockClock {
  let offset = 0;
  return {
    now: () => source() + offset,
    advance(ms) {
      if (!Number.isFinite(ms) || ms < 0) throw new RangeError("The clock only moves forward.");
      offset += ms;
    },
    reset() {
      offset = 0;
    },
  };
}
