import type { QueryBus } from '@nestjs/cqrs';
import { ForbiddenError, NotFoundError } from '../errors/domain-error.js';
import { type AccessLevel, GetChargePointAccessQuery } from './access.js';
import type { Viewer } from './users.js';

/**
 * The access a viewer has to a charger, when it is one of `allowed`. A charger the viewer may
 * not see at all is "not found", exactly like one that does not exist; one it sees but may not
 * change is "forbidden" (nothing is revealed by saying so).
 */
export async function requireAccess(
  queries: QueryBus,
  viewer: Viewer,
  chargePointId: string,
  allowed: AccessLevel[] = ['admin', 'owner', 'operator', 'grantee'],
): Promise<AccessLevel> {
  const access = await queries.execute(new GetChargePointAccessQuery(viewer, chargePointId));
  if (!access) throw new NotFoundError(`Charge point ${chargePointId} not found`);
  if (!allowed.includes(access)) throw new ForbiddenError('Only the owner or an admin may do this');
  return access;
}
