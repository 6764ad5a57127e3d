import { createServer, type AddressInfo, type Server } from 'node:net';

/**
 * `count` distinct free loopback ports (all held open at once, then released). Another process
 * could take one before its user binds it; on loopback, in a test run, that window is small.
 */
export async function freePorts(count: number): Promise<number[]> {
  const servers = await Promise.all(
    Array.from({ length: count }, () => new Promise<Server>((done, fail) => {
      const server = createServer();
      server.once('error', fail);
      server.listen(0, '127.0.0.1', () => done(server));
    })),
  );
  const ports = servers.map((server) => (server.address() as AddressInfo).port);
  await Promise.all(servers.map((server) => new Promise((done) => server.close(done))));
  return ports;
}
