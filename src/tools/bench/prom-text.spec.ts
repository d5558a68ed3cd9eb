import { promValue } from './prom-text.js';

const TEXT = `# HELP voltline_nodejs_eventloop_lag_p99_seconds The 99th percentile.
# TYPE voltline_nodejs_eventloop_lag_p99_seconds gauge
voltline_nodejs_eventloop_lag_p99_seconds 0.012
voltline_nodejs_eventloop_lag_p99_seconds_extra 9
voltline_ocpp_messages_total{action="Heartbeat",result="ok"} 4
voltline_ocpp_messages_total{action="MeterValues",result="ok"} 1234
voltline_process_resident_memory_bytes 104857600 1700000000000
`;

describe('promValue', () => {
  it('reads a metric by name, not one whose name only starts the same', () => {
    expect(promValue(TEXT, 'voltline_nodejs_eventloop_lag_p99_seconds')).toBe(0.012);
    expect(promValue(TEXT, 'voltline_process_resident_memory_bytes')).toBe(104857600);
  });

  it('matches labels, and is undefined for what is not there', () => {
    expect(promValue(TEXT, 'voltline_ocpp_messages_total', { action: 'MeterValues' })).toBe(1234);
    expect(promValue(TEXT, 'voltline_ocpp_messages_total', { action: 'Reset' })).toBeUndefined();
    expect(promValue(TEXT, 'voltline_nodejs_heap_size_used_bytes')).toBeUndefined();
  });
});
