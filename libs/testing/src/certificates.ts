import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { OPENSSL, requireTool } from './system-packages.js';
import { tempDataDir } from './stores.js';

/** PEM files made for one test run: a CA, what it issued, and a stranger's CA and client certificate. */
export interface TestCertificates {
  dir: string;
  /** The CA that issued `server` and `client`. */
  ca: string;
  /** For 127.0.0.1 and localhost (serverAuth). */
  server: { cert: string; key: string };
  /** A client certificate the CA issued (clientAuth). */
  client: { cert: string; key: string };
  /** A client certificate from another, untrusted CA. */
  stranger: { cert: string; key: string };
  cleanup(): void;
}

/**
 * Makes certificates with openssl (EC P-256, valid one day) in a temporary folder. Nothing is
 * committed: every run has its own keys.
 */
export function makeTestCertificates(): TestCertificates {
  const [openssl = 'openssl', ...prefix] = requireTool(OPENSSL);
  const temp = tempDataDir('ecommerce-tls-');
  const path = (name: string) => join(temp.dir, name);
  const run = (...args: string[]) => execFileSync(openssl, [...prefix, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  const key = (name: string) => run('genpkey', '-algorithm', 'EC', '-pkeyopt', 'ec_paramgen_curve:P-256', '-out', path(`${name}.key`));
  const authority = (name: string) => {
    key(name);
    run('req', '-x509', '-new', '-key', path(`${name}.key`), '-subj', `/CN=${name}`, '-days', '1', '-out', path(`${name}.crt`),
      '-addext', 'basicConstraints=critical,CA:TRUE', '-addext', 'keyUsage=critical,keyCertSign,cRLSign');
  };
  const issue = (name: string, ca: string, extensions: string) => {
    key(name);
    run('req', '-new', '-key', path(`${name}.key`), '-subj', `/CN=${name}`, '-out', path(`${name}.csr`));
    writeFileSync(path(`${name}.ext`), extensions);
    run('x509', '-req', '-in', path(`${name}.csr`), '-CA', path(`${ca}.crt`), '-CAkey', path(`${ca}.key`), '-CAcreateserial',
      '-days', '1', '-extfile', path(`${name}.ext`), '-out', path(`${name}.crt`));
  };
  authority('test-ca');
  authority('stranger-ca');
  issue('server', 'test-ca', 'subjectAltName=IP:127.0.0.1,DNS:localhost\nextendedKeyUsage=serverAuth\nbasicConstraints=CA:FALSE\n');
  issue('client', 'test-ca', 'extendedKeyUsage=clientAuth\nbasicConstraints=CA:FALSE\n');
  issue('stranger', 'stranger-ca', 'extendedKeyUsage=clientAuth\nbasicConstraints=CA:FALSE\n');
  const pair = (name: string) => ({ cert: path(`${name}.crt`), key: path(`${name}.key`) });
  return { dir: temp.dir, ca: path('test-ca.crt'), server: pair('server'), client: pair('client'), stranger: pair('stranger'), cleanup: temp.cleanup };
}
