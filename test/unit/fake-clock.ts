// Fake timers for tests of code that waits for time to pass: while the test runs, setTimeout and
// setInterval fire only when it moves the clock (clock.tickAsync), so it sleeps for nothing and
// does not depend on how busy the machine is. Real I/O (setImmediate, sockets) is left alone.
import { type Clock,install } from "@sinonjs/fake-timers";

export type { Clock };

/** The test, run with the fake clock installed. */
export function withFakeClock(test: (assert: Assert, clock: Clock) => Promise<void>): (assert: Assert) => Promise<void> {
    return async assert => {
        const clock = install({ toFake: ["setTimeout", "clearTimeout", "setInterval", "clearInterval"] });
        try {
            await test(assert, clock);
        } finally {
            clock.uninstall();
        }
    };
}
