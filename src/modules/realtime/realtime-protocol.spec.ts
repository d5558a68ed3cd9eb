import { BadRequest, CLOSE, parseClientMessage, readableId } from './realtime-protocol.js';

const frame = (message: unknown) => JSON.stringify(message);

function expectBadRequest(text: string, message?: RegExp): void {
  let thrown: unknown;
  try {
    parseClientMessage(text);
  } catch (err) {
    thrown = err;
  }
  expect(thrown).toBeInstanceOf(BadRequest);
  if (message) expect((thrown as Error).message).toMatch(message);
}

describe('parseClientMessage', () => {
  describe('valid messages', () => {
    it('reads subscribe with an id', () => {
      expect(
        parseClientMessage(frame({ action: 'subscribe', chargePointId: 'CP_BKK_001', id: '1' })),
      ).toEqual({ action: 'subscribe', chargePointId: 'CP_BKK_001', id: '1' });
    });

    it('reads subscribe without an id, adding no id key', () => {
      const message = parseClientMessage(frame({ action: 'subscribe', chargePointId: 'CP_1' }));

      expect(message).toEqual({ action: 'subscribe', chargePointId: 'CP_1' });
      expect(message).not.toHaveProperty('id');
      expect(message).not.toHaveProperty('sinceSeq');
    });

    it('reads subscribe with sinceSeq, 0 included', () => {
      expect(
        parseClientMessage(frame({ action: 'subscribe', chargePointId: 'CP_1', sinceSeq: 40 })),
      ).toEqual({ action: 'subscribe', chargePointId: 'CP_1', sinceSeq: 40 });
      expect(
        parseClientMessage(
          frame({ action: 'subscribe', chargePointId: 'CP_1', sinceSeq: 0, id: 'r' }),
        ),
      ).toEqual({ action: 'subscribe', chargePointId: 'CP_1', sinceSeq: 0, id: 'r' });
    });

    it('reads subscribe with the largest safe sinceSeq', () => {
      const sinceSeq = Number.MAX_SAFE_INTEGER;

      expect(
        parseClientMessage(frame({ action: 'subscribe', chargePointId: 'A', sinceSeq })),
      ).toEqual({ action: 'subscribe', chargePointId: 'A', sinceSeq });
    });

    it('reads unsubscribe with and without an id', () => {
      expect(
        parseClientMessage(frame({ action: 'unsubscribe', chargePointId: 'CP_1', id: 'x' })),
      ).toEqual({ action: 'unsubscribe', chargePointId: 'CP_1', id: 'x' });
      const message = parseClientMessage(frame({ action: 'unsubscribe', chargePointId: 'CP_1' }));
      expect(message).toEqual({ action: 'unsubscribe', chargePointId: 'CP_1' });
      expect(message).not.toHaveProperty('id');
    });

    it('reads ping with and without an id', () => {
      expect(parseClientMessage(frame({ action: 'ping', id: 'p1' }))).toEqual({
        action: 'ping',
        id: 'p1',
      });
      const message = parseClientMessage(frame({ action: 'ping' }));
      expect(message).toEqual({ action: 'ping' });
      expect(message).not.toHaveProperty('id');
    });

    it('reads authenticate with and without an id', () => {
      expect(
        parseClientMessage(frame({ action: 'authenticate', accessToken: 'a.b.c', id: '9' })),
      ).toEqual({ action: 'authenticate', accessToken: 'a.b.c', id: '9' });
      expect(parseClientMessage(frame({ action: 'authenticate', accessToken: 'a.b.c' }))).toEqual({
        action: 'authenticate',
        accessToken: 'a.b.c',
      });
    });

    it('accepts an id of exactly 64 characters and an empty id', () => {
      const id = 'i'.repeat(64);

      expect(parseClientMessage(frame({ action: 'ping', id }))).toEqual({ action: 'ping', id });
      expect(parseClientMessage(frame({ action: 'ping', id: '' }))).toEqual({
        action: 'ping',
        id: '',
      });
    });

    it('accepts every character the contract allows in a chargePointId, up to 48 of them', () => {
      for (const chargePointId of ['a', 'Az09*-_=+|@.', 'C'.repeat(48)]) {
        expect(parseClientMessage(frame({ action: 'subscribe', chargePointId }))).toEqual({
          action: 'subscribe',
          chargePointId,
        });
      }
    });

    it('drops fields it does not know', () => {
      expect(
        parseClientMessage(frame({ action: 'ping', extra: 1, chargePointId: 'CP_1' })),
      ).toEqual({ action: 'ping' });
      expect(
        parseClientMessage(frame({ action: 'unsubscribe', chargePointId: 'CP_1', sinceSeq: 3 })),
      ).toEqual({ action: 'unsubscribe', chargePointId: 'CP_1' });
    });
  });

  describe('bad requests', () => {
    it('refuses text that is not JSON', () => {
      expectBadRequest('', /JSON/);
      expectBadRequest('{"action":"ping"', /JSON/);
      expectBadRequest('ping', /JSON/);
    });

    it('refuses JSON that is not an object', () => {
      for (const text of ['[]', '[{"action":"ping"}]', 'null', '"ping"', '42', 'true']) {
        expectBadRequest(text, /object/);
      }
    });

    it('refuses a missing or unknown action', () => {
      expectBadRequest(frame({}), /action/);
      expectBadRequest(frame({ action: 'subscribe_all' }), /action/);
      expectBadRequest(frame({ action: 'PING' }), /action/);
      expectBadRequest(frame({ action: 42 }), /action/);
      expectBadRequest(frame({ action: 'toString' }), /action/);
    });

    it.each(['subscribe', 'unsubscribe'])('refuses %s without a valid chargePointId', (action) => {
      const bad: unknown[] = [
        undefined,
        null,
        42,
        '',
        'C'.repeat(49),
        'CP:1',
        'CP 1',
        'CP/1',
        'ČP1',
        ['CP_1'],
      ];
      for (const chargePointId of bad) {
        expectBadRequest(frame({ action, chargePointId }), /chargePointId/);
      }
    });

    it('refuses a sinceSeq that is not a whole number >= 0', () => {
      const bad: unknown[] = [-1, 1.5, '40', null, true, Number.MAX_SAFE_INTEGER + 1, [1], {}];
      for (const sinceSeq of bad) {
        expectBadRequest(
          frame({ action: 'subscribe', chargePointId: 'CP_1', sinceSeq }),
          /sinceSeq/,
        );
      }
      // JSON.stringify cannot write these; a client can
      expectBadRequest(
        '{"action":"subscribe","chargePointId":"CP_1","sinceSeq":1e400}',
        /sinceSeq/,
      );
      expectBadRequest(
        '{"action":"subscribe","chargePointId":"CP_1","sinceSeq":9007199254740993}',
        /sinceSeq/,
      );
    });

    it('refuses an id that is not a string or is longer than 64 characters, on any action', () => {
      const bad: unknown[] = [1, null, true, ['1'], { id: '1' }, 'i'.repeat(65)];
      for (const id of bad) {
        expectBadRequest(frame({ action: 'ping', id }), /^id /);
        expectBadRequest(frame({ action: 'subscribe', chargePointId: 'CP_1', id }), /^id /);
        expectBadRequest(frame({ action: 'authenticate', accessToken: 't', id }), /^id /);
      }
    });

    it('refuses authenticate without a usable token', () => {
      for (const accessToken of [undefined, null, '', 42, ['t'], 't'.repeat(4097)]) {
        expectBadRequest(frame({ action: 'authenticate', accessToken }), /accessToken/);
      }
      expect(
        parseClientMessage(frame({ action: 'authenticate', accessToken: 't'.repeat(4096) })),
      ).toEqual({ action: 'authenticate', accessToken: 't'.repeat(4096) });
    });
  });
});

describe('readableId', () => {
  it('reads the id of a frame, valid or not', () => {
    expect(readableId(frame({ action: 'ping', id: '7' }))).toBe('7');
    expect(readableId(frame({ action: 'nope', id: 'abc' }))).toBe('abc');
    expect(readableId(frame({ action: 'subscribe', chargePointId: 'CP:1', id: 'x' }))).toBe('x');
    expect(readableId(frame({ id: 'i'.repeat(64) }))).toBe('i'.repeat(64));
  });

  it('reads nothing when there is no usable id', () => {
    expect(readableId('not json')).toBeUndefined();
    expect(readableId('')).toBeUndefined();
    expect(readableId('null')).toBeUndefined();
    expect(readableId('42')).toBeUndefined();
    expect(readableId('["1"]')).toBeUndefined();
    expect(readableId(frame({ action: 'ping' }))).toBeUndefined();
    expect(readableId(frame({ id: 7 }))).toBeUndefined();
    expect(readableId(frame({ id: 'i'.repeat(65) }))).toBeUndefined();
  });
});

describe('CLOSE', () => {
  it('keeps the close codes clients rely on', () => {
    expect(CLOSE).toEqual({
      TOKEN_EXPIRED: 4401,
      IDLE: 4408,
      POLICY: 1008,
      TOO_BIG: 1009,
      TRY_AGAIN_LATER: 1013,
      RESTART: 1012,
    });
  });
});
