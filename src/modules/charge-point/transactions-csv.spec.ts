import type { TransactionDto } from './dto/transaction.dto.js';
import { transactionsCsv } from './transactions-csv.js';

const tx = (o: Partial<TransactionDto> = {}): TransactionDto => ({
  id: 1,
  chargePointId: 'CP_1',
  connectorId: 1,
  idTag: 'TAG1',
  status: 'completed',
  startedAt: '2026-11-01T08:00:00.000Z',
  stoppedAt: '2026-11-01T09:00:00.000Z',
  meterStartWh: 0,
  meterStopWh: 100,
  energyWh: 100,
  durationS: 3600,
  stopReason: 'Local',
  ...o,
});

describe('transactionsCsv', () => {
  it('a header line, then one CRLF-ended line per transaction; null is an empty cell', () => {
    const lines = transactionsCsv([tx({ idTag: null, stopReason: null })]).split('\r\n');
    expect(lines[0]).toBe(
      'id,chargePointId,connectorId,idTag,status,startedAt,stoppedAt,meterStartWh,meterStopWh,energyWh,durationS,stopReason',
    );
    expect(lines[1]).toBe(
      '1,CP_1,1,,completed,2026-11-01T08:00:00.000Z,2026-11-01T09:00:00.000Z,0,100,100,3600,',
    );
    expect(lines[2]).toBe('');
  });

  it('quotes commas and quotes, and defuses what a spreadsheet would run as a formula', () => {
    const [, line] = transactionsCsv([tx({ idTag: '=HYPERLINK("x")', stopReason: 'a,b' })]).split(
      '\r\n',
    );
    expect(line).toContain(`"'=HYPERLINK(""x"")"`);
    expect(line.endsWith('"a,b"')).toBe(true);
  });

  it('negative numbers stay numbers', () => {
    const [, line] = transactionsCsv([tx({ energyWh: -5 })]).split('\r\n');
    expect(line).toContain(',-5,');
  });
});
