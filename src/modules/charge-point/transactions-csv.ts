import type { TransactionDto } from './dto/transaction.dto.js';

const COLUMNS: Array<keyof TransactionDto> = [
  'id',
  'chargePointId',
  'connectorId',
  'idTag',
  'status',
  'startedAt',
  'stoppedAt',
  'meterStartWh',
  'meterStopWh',
  'energyWh',
  'durationS',
  'stopReason',
];

// RFC 4180; a cell that a spreadsheet would run as a formula (= + - @) is prefixed with '.
function cell(value: unknown): string {
  if (value === null || value === undefined) return '';
  let text = String(value);
  if (typeof value === 'string' && /^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

export function transactionsCsv(items: TransactionDto[]): string {
  const lines = [COLUMNS.join(','), ...items.map((t) => COLUMNS.map((c) => cell(t[c])).join(','))];
  return `${lines.join('\r\n')}\r\n`;
}
