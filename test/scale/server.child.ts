/**
 * One Gongfu server process for the multi-server tests (test/scale/servers.ts starts it): the same start as
 * `gongfu serve` (src/server/lifecycle.ts: the port at once, migrations under the start-up lock, SIGTERM drains),
 * with two things a test needs and a deployment must not have — a clock that starts at GONGFU_TEST_NOW and runs
 * from there, and the demo accounts' passwords set to GONGFU_TEST_PASSWORD when this server loads the default data.
 * Prints `GONGFU_STARTING <port>` when the port first answers and `GONGFU_LISTENING <port>` once the app serves.
 */
import { loadConfig } from '../../src/server/config.ts';
import { runServer } from '../../src/server/lifecycle.ts';
import { demoAccountSpecs } from '../../src/server/seed/load.ts';

const startAt = process.env.GONGFU_TEST_NOW ? new Date(process.env.GONGFU_TEST_NOW).getTime() : Date.now();
const startedAt = Date.now();
const clock = { now: () => new Date(startAt + (Date.now() - startedAt)) };
const password = process.env.GONGFU_TEST_PASSWORD;
const passwords = password ? Object.fromEntries(demoAccountSpecs().map((a) => [a.username, password])) : undefined;

const onStarting = (port: number) => process.stdout.write(`GONGFU_STARTING ${port}\n`);
runServer(loadConfig(), { clock, onStarting, ...(passwords ? { passwords } : {}) }).then(
  ({ port }) => process.stdout.write(`GONGFU_LISTENING ${port}\n`),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
