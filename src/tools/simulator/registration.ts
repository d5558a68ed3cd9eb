import type { ChargerSpec } from './charger.js';
import { simulatedIdTag } from './session-plan.js';
import type { SimulatorOptions } from './options.js';

// --register: the fleet's chargers through the REST API (contract section 2), as an admin, and
// the id tags their drivers show (section 7: unknown tags are refused by default). A charger or
// tag that exists already (409) is fine: runs can be repeated.

export class RegistrationError extends Error {}

const REQUEST_TIMEOUT_MS = 10_000;
const PARALLEL = 8;

type RegistrationOptions = Pick<
  SimulatorOptions,
  'api' | 'adminUser' | 'adminPassword' | 'owner' | 'password'
>;

async function post(url: string, body: unknown, token?: string) {
  let res: Response;
  try {
    res = await fetch(url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        ...(token ? { authorization: `Bearer ${token}` } : {}),
      },
      body: JSON.stringify(body),
      signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
    });
  } catch (err) {
    const cause = (err as { cause?: { code?: string } }).cause?.code;
    throw new RegistrationError(`POST ${url} failed: ${cause ?? (err as Error).message}`);
  }
  const text = await res.text();
  let message = text;
  try {
    const json = JSON.parse(text) as { message?: unknown };
    message = Array.isArray(json.message) ? json.message.join('; ') : String(json.message ?? text);
  } catch {
    // not JSON: the text as it came
  }
  return { status: res.status, message, body: text };
}

export async function login(o: RegistrationOptions): Promise<string> {
  const res = await post(`${o.api}/api/v1/auth/login`, {
    username: o.adminUser,
    password: o.adminPassword,
  });
  if (res.status !== 200)
    throw new RegistrationError(`login as ${o.adminUser} failed: ${res.status} ${res.message}`);
  return (JSON.parse(res.body) as { accessToken: string }).accessToken;
}

export const registrationBody = (spec: ChargerSpec, o: RegistrationOptions) => ({
  id: spec.id,
  ...(o.owner ? { ownerId: o.owner } : {}),
  ...(o.password ? { password: o.password } : {}),
  connectors: Array.from({ length: spec.connectors }, (_, i) => ({
    connectorId: i + 1,
    type: spec.profile.type,
    maxPowerW: spec.profile.maxPowerW,
    maxCurrentA: spec.profile.maxCurrentA,
  })),
});

/** Registers every charger (a few at a time); returns how many were new and how many existed. */
export async function registerChargers(o: RegistrationOptions, specs: readonly ChargerSpec[]) {
  const token = await login(o);
  const counts = { created: 0, existing: 0 };
  const queue = [...specs];
  const worker = async () => {
    for (let spec = queue.shift(); spec; spec = queue.shift()) {
      const res = await post(`${o.api}/api/v1/charge-points`, registrationBody(spec, o), token);
      if (res.status === 201) counts.created++;
      else if (res.status === 409) counts.existing++;
      else {
        queue.length = 0; // the other workers stop too
        throw new RegistrationError(`registering ${spec.id} failed: ${res.status} ${res.message}`);
      }
      for (let connectorId = 1; connectorId <= spec.connectors; connectorId++) {
        const idTag = simulatedIdTag(spec.id, connectorId);
        const tag = await post(
          `${o.api}/api/v1/id-tags`,
          { idTag, ...(o.owner ? { userId: o.owner } : {}) },
          token,
        );
        if (tag.status !== 201 && tag.status !== 409) {
          queue.length = 0;
          throw new RegistrationError(`registering ${idTag} failed: ${tag.status} ${tag.message}`);
        }
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(PARALLEL, specs.length) }, worker));
  return counts;
}
