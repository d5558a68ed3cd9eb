import type { OcppVersion } from '../dialects.js';
import { ocpp16Commands } from './ocpp16.js';
import { ocpp201Commands } from './ocpp201.js';
import type { CommandTableFor } from './responder.js';

export { answerCommands, type RespondingCharger } from './responder.js';

/** The commands a simulated charger answers, by the OCPP version it speaks. */
export const COMMANDS: Record<OcppVersion, CommandTableFor> = {
  '1.6': ocpp16Commands,
  '2.0.1': ocpp201Commands,
};
