import { WebSocket } from 'ws';
import { rewriteOcpp16CallError } from './ocpp16-error-codes.js';
import { rewriteOcpp201CallError } from './ocpp201-error-codes.js';

type Callback = (err?: Error) => void;
type SendOptions = Exclude<Parameters<WebSocket['send']>[1], Callback | undefined>;

/** How each sub-protocol spells outbound CALLERROR codes (the library's spelling is neither). */
const SPELLING: Readonly<Record<string, (frame: string) => string>> = {
  'ocpp1.6': rewriteOcpp16CallError,
  'ocpp2.0.1': rewriteOcpp201CallError,
};

// The socket ws builds for each charger, given to it through the server's `WebSocket` option
// (ocpp-rpc passes `wssOptions` on to its WebSocketServer). Every frame the library sends goes
// through `send`: a CALLERROR leaves with its code spelled as the connection's OCPP version
// spells it. A method on the prototype, so an idle charger keeps nothing more for it.
export class OcppWebSocket extends WebSocket {
  override send(
    data: Parameters<WebSocket['send']>[0],
    optionsOrCallback?: SendOptions | Callback,
    callback?: Callback,
  ): void {
    const spell = typeof data === 'string' ? SPELLING[this.protocol] : undefined;
    const frame = spell ? spell(data as string) : data;
    if (typeof optionsOrCallback === 'function') super.send(frame, optionsOrCallback);
    else super.send(frame, optionsOrCallback ?? {}, callback);
  }
}
