import { Inject, Injectable, Logger } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { RateLimiterMemory } from 'rate-limiter-flexible';
import type { SecurityConfig } from '../../../config/index.js';
import { Metrics } from '../../../infrastructure/metrics/metrics.service.js';
import type { ChargerSession } from '../charger-sessions.js';
import { LogSampler } from '../log-sampler.js';
import { OCPP_EDGES, type OcppActionHandler, type OcppEdge } from '../ocpp-edges.js';
import { OcppCallError } from '../transport/ocpp-transport.js';
import { checkOcpp16Values, type ValueLimits } from '../v16/value-checks.js';
import { OCPP_LOG_CONTEXT } from './connectivity-updates.js';

interface EdgeRoutes {
  byAction: ReadonlyMap<string, OcppActionHandler>;
  /** what a charger may call: its own actions, and the central system's (answered NotSupported) */
  actions: readonly string[];
}

// A charger's inbound call to its handler, keyed by (sub-protocol, action). One charger's calls
// cannot crowd out the others': past OCPP_MAX_PENDING_CALLS unanswered (OCPP-J allows one) or
// OCPP_RATE_LIMIT_PER_10S, a call is answered at once and not handled. Whatever a handler throws
// that is not an OcppCallError is answered InternalError (a failed write is never acknowledged).
@Injectable()
export class OcppDispatcher {
  private readonly logger = new Logger(OCPP_LOG_CONTEXT);
  private readonly logSampler = new LogSampler();
  private readonly limits: ValueLimits & { maxPendingCalls: number; ratePer10s: number };
  /** calls per charger and 10 s (OCPP_RATE_LIMIT_PER_10S) */
  private readonly callRate: RateLimiterMemory;
  private readonly edges: ReadonlyMap<string, EdgeRoutes>;

  constructor(
    @Inject(OCPP_EDGES) edges: OcppEdge[],
    private readonly metrics: Metrics,
    config: ConfigService,
  ) {
    this.limits = config.getOrThrow<SecurityConfig>('security');
    this.callRate = new RateLimiterMemory({
      keyPrefix: 'ocpp_calls',
      points: this.limits.ratePer10s,
      duration: 10,
    });
    this.edges = new Map(
      edges.map((e) => {
        const byAction = new Map(e.handlers.map((h) => [h.action, h]));
        return [e.protocol, { byAction, actions: [...byAction.keys(), ...e.csmsInitiatedActions] }];
      }),
    );
  }

  /** The actions a charger speaking this sub-protocol may call (any other is NotImplemented). */
  actionsFor(protocol: string): readonly string[] {
    return this.edges.get(protocol)?.actions ?? [];
  }

  async dispatch(session: ChargerSession, action: string, params: unknown): Promise<unknown> {
    const handler = this.edges.get(session.connection.protocol)?.byAction.get(action);
    if (!handler)
      throw new OcppCallError('NotSupported', `${action} is sent by the central system`);
    const { connection } = session;
    if (session.inFlight >= this.limits.maxPendingCalls) {
      this.refused(connection.chargePointId, action, 'too many calls in flight');
      throw new OcppCallError('GenericError', 'Too many calls in flight: await each answer');
    }
    session.inFlight++;
    try {
      try {
        await this.callRate.consume(connection.chargePointId);
      } catch {
        this.refused(connection.chargePointId, action, 'rate limit');
        throw new OcppCallError('GenericError', 'Too many calls: slow down');
      }
      await session.ready.catch(() => undefined); // its failure is logged where it is tracked
      return await this.handle(handler, connection.chargePointId, action, params);
    } finally {
      session.inFlight--;
    }
  }

  private async handle(
    handler: OcppActionHandler,
    chargePointId: string,
    action: string,
    params: unknown,
  ) {
    try {
      // 1.6's rules; 2.0.1 shares the field names they look at (timestamp, connectorId, samples)
      checkOcpp16Values(action, params, this.limits);
      const result = await handler.handle(chargePointId, params);
      this.metrics.ocppMessages.inc({ action: handler.action, result: 'ok' });
      return result;
    } catch (err) {
      const code = err instanceof OcppCallError ? err.ocppCode : 'InternalError';
      this.metrics.ocppMessages.inc({ action: handler.action, result: code });
      if (err instanceof OcppCallError) {
        this.refused(chargePointId, action, `${code}: ${err.message}`);
        throw err;
      }
      const suppressed = this.logSampler.admit(`error:${chargePointId}`);
      if (suppressed !== null)
        this.logger.error({
          msg: `${handler.action} failed: ${(err as Error).message}`,
          chargePointId,
          action: handler.action,
          ...(suppressed ? { suppressed } : {}),
        });
      throw new OcppCallError('InternalError', 'The request could not be processed');
    }
  }

  /** A refused call, logged at most once per charger and 10 s (with how many were left out). */
  private refused(chargePointId: string, action: string, why: string): void {
    const suppressed = this.logSampler.admit(`refused:${chargePointId}`);
    if (suppressed === null) return;
    this.logger.warn({
      msg: `${action} refused: ${why}`,
      chargePointId,
      action,
      ...(suppressed ? { suppressed } : {}),
    });
  }
}
