import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import { WebSocket, WebSocketServer } from 'ws';
import { OcppWebSocket } from './ocpp-web-socket.js';

// A ws server built with OcppWebSocket, as ocpp-rpc's is: what the server sends is read by a
// plain ws client, so the frames asserted are the frames on the wire.
describe('OcppWebSocket', () => {
  let server: WebSocketServer;
  const clients: WebSocket[] = [];

  beforeEach(async () => {
    server = new WebSocketServer({
      host: '127.0.0.1',
      port: 0,
      WebSocket: OcppWebSocket as unknown as typeof WebSocket,
    });
    await once(server, 'listening');
  });

  afterEach(async () => {
    clients.forEach((c) => c.terminate());
    clients.length = 0;
    await new Promise((resolve) => server.close(resolve));
  });

  /** Connects with `protocol`; resolves with the server's socket and the client's. */
  async function connect(protocol: string) {
    const { port } = server.address() as AddressInfo;
    const client = new WebSocket(`ws://127.0.0.1:${port}/ocpp/CP_1`, protocol);
    clients.push(client);
    const [[serverSide]] = await Promise.all([
      once(server, 'connection') as Promise<[OcppWebSocket]>,
      once(client, 'open'),
    ]);
    return { serverSide, client };
  }

  async function received(client: WebSocket, send: () => void): Promise<unknown[]> {
    const message = once(client, 'message');
    send();
    const [data] = await Promise.race([
      message,
      new Promise<never>((_, reject) =>
        setTimeout(() => reject(new Error('no frame within 2 s')), 2000).unref(),
      ),
    ]);
    return JSON.parse(String(data)) as unknown[];
  }

  const callError = (code: string) => JSON.stringify([4, 'msg-1', code, 'bad', {}]);

  it('spells a 1.6 connection’s CALLERROR codes as OCPP 1.6 does', async () => {
    const { serverSide, client } = await connect('ocpp1.6');

    expect(await received(client, () => serverSide.send(callError('FormatViolation')))).toEqual([
      4,
      'msg-1',
      'FormationViolation',
      'bad',
      {},
    ]);
  });

  it('spells a 2.0.1 connection’s CALLERROR codes as OCPP 2.0.1 does', async () => {
    const { serverSide, client } = await connect('ocpp2.0.1');

    expect(
      await received(client, () => serverSide.send(callError('OccurenceConstraintViolation'))),
    ).toEqual([4, 'msg-1', 'OccurrenceConstraintViolation', 'bad', {}]);
  });

  it('leaves other frames, and other protocols, as they are; calls back either way', async () => {
    const { serverSide, client } = await connect('ocpp1.6');
    const result = JSON.stringify([3, 'msg-2', { status: 'Accepted' }]);

    let sent = false;
    expect(await received(client, () => serverSide.send(result, () => (sent = true)))).toEqual([
      3,
      'msg-2',
      { status: 'Accepted' },
    ]);
    expect(sent).toBe(true);

    const other = await connect('mqtt');
    expect(
      await received(other.client, () =>
        other.serverSide.send(callError('FormatViolation'), { binary: false }),
      ),
    ).toEqual([4, 'msg-1', 'FormatViolation', 'bad', {}]);
  });
});
