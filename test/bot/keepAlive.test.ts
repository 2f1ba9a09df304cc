/**
 * A kept-alive connection left idle longer than Node's default 5 s still carries the next request:
 * with the default, the server closed it, and a request sent at that moment got "socket hang up".
 * And a stop does not wait those 65 s for a connection whose request was still running.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { closeServer, keepIdleConnectionsOpen } from '../../bot/keepAlive';

function get(port: number, agent: http.Agent): Promise<{ status: number; reusedSocket: boolean }> {
  return new Promise((resolve, reject) => {
    const req = http.get({ host: '127.0.0.1', port, path: '/', agent }, (res) => {
      res.resume();
      res.on('end', () => resolve({ status: res.statusCode ?? 0, reusedSocket: req.reusedSocket }));
    });
    req.on('error', reject);
  });
}

it('keeps an idle connection open past 5 s, so the next request on it is answered', async () => {
  const server = http.createServer((_req, res) => res.end('ok'));
  keepIdleConnectionsOpen(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const { port } = server.address() as AddressInfo;
  const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
  try {
    expect((await get(port, agent)).status).toBe(200);
    await new Promise((r) => setTimeout(r, 5_500));
    expect(await get(port, agent)).toEqual({ status: 200, reusedSocket: true });
  } finally {
    agent.destroy();
    await new Promise((r) => server.close(r));
  }
}, 15_000);

it('a stop lets a running request answer, then closes its kept-alive connection at once, not after 65 s', async () => {
  let requestArrived!: () => void;
  const arrived = new Promise<void>((resolve) => (requestArrived = resolve));
  const server = http.createServer((_req, res) => {
    requestArrived();
    setTimeout(() => res.end('ok'), 300);
  });
  keepIdleConnectionsOpen(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const { port } = server.address() as AddressInfo;
  const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
  try {
    const answer = get(port, agent);
    await arrived;
    const started = Date.now();
    // Before closeServer, plain server.close() waited here for the whole keep-alive time.
    await closeServer(server);
    expect(await answer).toEqual({ status: 200, reusedSocket: false });
    expect(Date.now() - started).toBeLessThan(5_000);
  } finally {
    agent.destroy();
  }
}, 15_000);
