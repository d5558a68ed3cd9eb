import { ConnectorStatus, type ConnectorStatusState } from './connector-status.js';

const at = (minute: number) => new Date(Date.UTC(2026, 10, 25, 10, minute));

const aConnector = (o: Partial<ConnectorStatusState> = {}): ConnectorStatusState => ({
  status: 'Available',
  ocppStatus: null,
  errorCode: 'NoError',
  info: null,
  statusAt: at(0),
  transactionId: null,
  ...o,
});

describe('ConnectorStatus.applyReport', () => {
  it('takes a newer report and says it changed', () => {
    const change = ConnectorStatus.applyReport(aConnector(), { status: 'Preparing', at: at(1) });
    expect(change).toEqual({
      next: {
        status: 'Preparing',
        ocppStatus: null,
        errorCode: 'NoError',
        info: null,
        vendorErrorCode: null,
        statusAt: at(1),
      },
      changed: true,
    });
  });

  it('ignores a report older than the status held (an offline replay)', () => {
    expect(
      ConnectorStatus.applyReport(aConnector({ statusAt: at(5) }), {
        status: 'Faulted',
        at: at(4),
      }),
    ).toBeNull();
  });

  it('stores the same status again, newer, without telling the watchers', () => {
    const change = ConnectorStatus.applyReport(aConnector(), { status: 'Available', at: at(2) });
    expect(change?.changed).toBe(false);
    expect(change?.next.statusAt).toEqual(at(2));
  });

  it('tells the watchers of a new connector whatever its status', () => {
    expect(ConnectorStatus.applyReport(null, { status: 'Available', at: at(1) })?.changed).toBe(
      true,
    );
  });

  it('keeps a transaction’s finer status when a report only says "in use", but takes its word', () => {
    const charging = aConnector({ status: 'Charging', ocppStatus: 'Charging', transactionId: 7 });
    const change = ConnectorStatus.applyReport(charging, {
      status: 'Preparing',
      ocppStatus: 'Occupied',
      coarse: true,
      at: at(3),
    });
    expect(change?.next).toMatchObject({ status: 'Charging', ocppStatus: 'Occupied' });
    expect(change?.changed).toBe(true);
  });

  it('takes a coarse report as it is when no transaction runs', () => {
    const change = ConnectorStatus.applyReport(aConnector(), {
      status: 'Preparing',
      ocppStatus: 'Occupied',
      coarse: true,
      at: at(3),
    });
    expect(change?.next.status).toBe('Preparing');
  });

  it('counts a change of error code or info as a change', () => {
    expect(
      ConnectorStatus.applyReport(aConnector(), {
        status: 'Available',
        errorCode: 'OtherError',
        at: at(1),
      })?.changed,
    ).toBe(true);
    expect(
      ConnectorStatus.applyReport(aConnector(), {
        status: 'Available',
        info: 'door open',
        at: at(1),
      })?.changed,
    ).toBe(true);
  });
});
