// Runs the whole platform from the built bundles (what `npm start` runs after building):
// product-service, order-service and api-gateway, side by side with prefixed output. Ctrl-C stops
// all three gracefully; when one of them exits, the others are stopped too. On a terminal the JSON
// log lines are pretty-printed (pino-pretty); piped, they stay JSON, one per line.
// Usage: node tools/start.mjs   (every setting from the environment; see the README's table)
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { Transform } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { LogError, LogExit, LogOutput, Logger, createConcurrently } from 'concurrently';
import { prettyFactory } from 'pino-pretty';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const APPS = [
  { name: 'product', app: 'product-service', prefixColor: 'blue' },
  { name: 'order  ', app: 'order-service', prefixColor: 'magenta' },
  { name: 'gateway', app: 'api-gateway', prefixColor: 'green' },
];

const missing = APPS.filter(({ app }) => !existsSync(resolve(ROOT, `dist/apps/${app}/main.js`)));
if (missing.length > 0) {
  console.error(`missing bundles: ${missing.map(({ app }) => `dist/apps/${app}/main.js`).join(', ')}`);
  console.error('build them first: npx nx run-many -t build -p product-service order-service api-gateway');
  process.exit(1);
}

/** Where a service that binds host:port is dialled: 0.0.0.0 (containers) is reached on loopback. */
const dial = (host, port) => `${!host || host === '0.0.0.0' ? '127.0.0.1' : host}:${port}`;
const env = process.env;
// Moving a service's port moves the address its clients dial, unless that address is set itself.
// An empty store gets the demo catalog, so Swagger UI's examples work on a first run; DEMO_DATA=off
// starts empty. No balancer stands in front of a local run, so Ctrl-C stops without a grace period.
const shared = {
  SHUTDOWN_GRACE_MS: env.SHUTDOWN_GRACE_MS || '0',
  PRODUCT_SERVICE_ADDR: env.PRODUCT_SERVICE_ADDR || dial(env.PRODUCT_SERVICE_HOST, env.PRODUCT_SERVICE_PORT || 50051),
  ORDER_SERVICE_ADDR: env.ORDER_SERVICE_ADDR || dial(env.ORDER_SERVICE_HOST, env.ORDER_SERVICE_PORT || 50052),
  DEMO_DATA: env.DEMO_DATA || 'on',
};

/** Prints the URLs once all three services log that they listen (on the ports they really got). */
const listening = new Map();
function announce(line) {
  if (!line.includes('"msg":"listening"') || listening.size === APPS.length) return;
  try {
    const { service, port } = JSON.parse(line.slice(line.indexOf('{')));
    listening.set(service, port);
    if (listening.size < APPS.length) return;
    const base = `http://${dial(env.GATEWAY_HOST, listening.get('api-gateway'))}`;
    process.stdout.write(`\n  API:        ${base}/\n  Swagger UI: ${base}/docs\n  Stop:       Ctrl-C\n\n`);
  } catch {
    // not a log line after all
  }
}

/** Splits the prefixed output into lines; pretty-prints JSON log lines when `pretty`. */
function output(pretty) {
  const prettify = pretty ? prettyFactory({ colorize: true, translateTime: 'SYS:HH:MM:ss.l', ignore: 'pid,hostname,service' }) : undefined;
  let partial = '';
  return new Transform({
    transform(chunk, _encoding, done) {
      const lines = (partial + chunk.toString()).split('\n');
      partial = lines.pop() ?? '';
      let text = '';
      for (const line of lines) {
        announce(line);
        const json = line.indexOf(' {');
        text += prettify && json > 0 && line.endsWith('}')
          ? `${line.slice(0, json + 1)}${prettify(line.slice(json + 1))}`
          : `${line}\n`;
      }
      done(null, text);
    },
  });
}

const outputStream = output(process.stdout.isTTY === true);
outputStream.pipe(process.stdout);

// concurrently's core API, so that each service gets its own process group: a terminal's Ctrl-C
// then reaches only this script, which stops each service with exactly one SIGTERM (a second
// signal would cut a graceful shutdown short). The price: `kill -9` of this script leaves them
// running; stop it with Ctrl-C or a plain kill.
const logger = new Logger({ prefixFormat: 'name' });
const { commands, result } = createConcurrently(
  APPS.map(({ name, app, prefixColor }) => ({ name, prefixColor, command: `exec node dist/apps/${app}/main.js`, env: shared })),
  {
    cwd: ROOT,
    logger,
    outputStream,
    controllers: [
      new LogError({ logger }),
      new LogOutput({ logger }),
      new LogExit({ logger }),
    ],
    spawn: (command, options) => spawn('/bin/sh', ['-c', command], { ...options, detached: true }),
  },
);

/** Stops every service still running, once: SIGTERM, or SIGKILL when asked a second time. */
let stopping = false;
function stopAll(signal = 'SIGTERM') {
  for (const command of commands) {
    if (!command.exited && (signal === 'SIGKILL' || !command.killed)) command.kill(signal);
  }
}
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
  process.on(signal, () => {
    stopAll(stopping ? 'SIGKILL' : 'SIGTERM');
    stopping = true;
  });
}
// One service down means the platform is down: stop the others (unless already stopping).
for (const command of commands) {
  command.close.subscribe(({ exitCode }) => {
    if (stopping) return;
    stopping = true;
    console.error(`${command.name.trim()} exited (${exitCode}); stopping the others`);
    stopAll();
  });
}

// exitCode rather than exit(): the last log lines may still be on their way through the pipe.
result.then(
  () => {
    process.exitCode = 0;
  },
  (events) => {
    const failed = events.filter((event) => event.exitCode !== 0).map((event) => `${event.command.name.trim()} (${event.exitCode})`);
    console.error(`stopped: ${failed.join(', ') || 'a service failed'}`);
    process.exitCode = 1;
  },
);
