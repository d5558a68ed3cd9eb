import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { Injectable, Logger } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { CommandBus } from '@nestjs/cqrs';
import { isValidChargePointId } from '../../../common/contracts/charge-point-id.js';
import type { OcppConfig, SecurityConfig } from '../../../config/index.js';
import { refuseUpgrade } from '../../../infrastructure/websocket/upgrade-router.js';
import { AuthenticateChargePointCommand } from '../../charge-point/index.js';
import { HandshakeThrottle } from '../handshake-throttle.js';
import { LogSampler } from '../log-sampler.js';
import {
  type OcppHandshake,
  type OcppHandshakeDecision,
  OcppTransport,
} from '../transport/ocpp-transport.js';
import { OCPP_LOG_CONTEXT } from './connectivity-updates.js';

export const OCPP_PATH_PREFIX = '/ocpp/';

// Who may open an OCPP connection: a well-formed id in the path, a sub-protocol we speak, not
// throttled after failed attempts, and the credentials the charge-point module accepts.
@Injectable()
export class OcppHandshakes {
  private readonly logger = new Logger(OCPP_LOG_CONTEXT);
  private readonly logSampler = new LogSampler();
  private readonly throttle: HandshakeThrottle;
  private readonly allowUnknownChargers: boolean;

  constructor(
    private readonly transport: OcppTransport,
    private readonly commands: CommandBus,
    config: ConfigService,
  ) {
    this.allowUnknownChargers = config.getOrThrow<OcppConfig>('ocpp').allowUnknownChargers;
    this.throttle = new HandshakeThrottle(
      config.getOrThrow<SecurityConfig>('security').handshakeFailuresPerMin,
    );
  }

  /** An upgrade under /ocpp/: refused at once when the path names no valid id. */
  onUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void {
    const path = (req.url ?? '').split('?')[0];
    let id: string;
    try {
      id = decodeURIComponent(path.slice(OCPP_PATH_PREFIX.length));
    } catch {
      id = '';
    }
    if (!isValidChargePointId(id)) {
      return refuseUpgrade(
        socket,
        400,
        'chargePointId must be 1 to 48 letters, digits or * - _ = + | @ .',
      );
    }
    this.transport.handleUpgrade(req, socket, head);
  }

  async decide(h: OcppHandshake): Promise<OcppHandshakeDecision> {
    // the identity the library took from the normalised URL ('/ocpp/..' is '/'), not the raw path
    if (!isValidChargePointId(h.chargePointId)) {
      return { accept: false, status: 400, message: 'Bad Request' };
    }
    const protocol = this.transport.protocols.find((p) => h.protocols.has(p));
    if (!protocol) return { accept: false, status: 400, message: 'Unsupported subprotocol' };
    const wait = await this.throttle.admit(h.chargePointId, h.remoteAddress);
    if (wait !== null) {
      this.refused(h, 'too many failed handshakes');
      return { accept: false, status: 429, message: 'Too Many Requests' };
    }
    const result = await this.commands.execute(
      new AuthenticateChargePointCommand(h.chargePointId, h.password, this.allowUnknownChargers, {
        secure: h.secure,
        clientCertificateCn: h.clientCertificateCn,
      }),
    );
    if (result === 'accepted') {
      await this.throttle.succeeded(h.chargePointId, h.remoteAddress);
      return { accept: true, protocol };
    }
    await this.throttle.failed(h.remoteAddress);
    if (result === 'unknown') {
      this.refused(h, 'unknown charger');
      return { accept: false, status: 404, message: 'Not Found' };
    }
    this.refused(
      h,
      result === 'below_profile' ? 'connection below the security profile' : 'bad credentials',
    );
    return { accept: false, status: 401, message: 'Unauthorized' };
  }

  /** Logged at most once per address and 10 s (a flood of handshakes is one line, and a count). */
  private refused(h: OcppHandshake, why: string): void {
    const suppressed = this.logSampler.admit(`handshake:${h.remoteAddress}`);
    if (suppressed === null) return;
    this.logger.warn({
      msg: `refused: ${why}`,
      chargePointId: h.chargePointId,
      remoteAddress: h.remoteAddress,
      ...(suppressed ? { suppressed } : {}),
    });
  }
}
