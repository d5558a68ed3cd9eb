export const USAGE = `Voltline charger fleet simulator: OCPP 1.6J and 2.0.1 chargers that boot, heartbeat
and charge.

Usage: npm run simulate -- [options]
       node dist/src/tools/simulator/main.js [options]

It is a load and demo tool for your own server: it connects only to --url (and, with --register,
to --api). Do not point it at a CSMS you do not run.

Target
  --url URL               the server, ws:// or wss:// (default ws://127.0.0.1:3000; /ocpp/{id} is added)
  --password TEXT         HTTP Basic auth password every charger sends (security profile 1)

Fleet
  --chargers N            number of chargers (default 10, at most 10000)
  --connectors N          connectors per charger (EVSEs in 2.0.1; default 2)
  --ocpp VERSION          1.6, 2.0.1, or mixed (every other charger 2.0.1); default 1.6
  --prefix TEXT           charger id prefix; ids are PREFIX0001, PREFIX0002, ... (default SIM_)
  --duration S            seconds to run before stopping by itself (default 60)
  --ramp S                connect the chargers spread over S seconds (default 5, at most half
                          of --duration)
  --seed N                random seed, to replay a run (default: random, printed in the summary)

Charging
  --meter-interval S      seconds between MeterValues of a charging connector (default 10)
  --session-minutes M     mean session length (default 4; capped at a third of --duration so
                          short runs still show whole sessions)
  --fault-rate R          Faulted connectors per charger per hour, each followed by recovery (default 0)
  --reconnect-rate R      dropped connections per charger per hour; the charger reconnects with
                          backoff and carries on without booting again (default 0)
  --remote-only           connectors charge only when the server starts a session (remote start)

Commands from the server (every OCPP 1.6 remote command is answered as a charger would: a remote
start starts a session on that connector, a remote stop or unlock ends it, a reset reboots the
charger, MeterValueSampleInterval changes how often it samples)
  --reject-rate R         share of the commands (0 to 1) refused with Rejected (default 0)

Registration through the REST API (before connecting; a charger that exists already is fine)
  --register              register the chargers (POST /api/v1/charge-points) with their connectors
  --api URL               the REST API (default: --url's host over http(s))
  --admin-user NAME       admin to log in as (default admin)
  --admin-password TEXT   its password (or SIMULATOR_ADMIN_PASSWORD in the environment)
  --owner USER_ID         make this user the chargers' owner

Output
  --quiet                 no progress (on stderr otherwise: one status line on a terminal,
                          a line every 10 s in a pipe)
  --json                  print the summary as JSON on stdout
  -h, --help              this help

Examples
  npm start                                            # in one terminal (note the admin password)
  SIMULATOR_ADMIN_PASSWORD=... npm run simulate -- --register --password demo-charger-password
                                                       # in another: registers and runs 10 chargers
  OCPP_ALLOW_UNKNOWN_CHARGERS=true npm start           # or let unregistered chargers in,
  npm run simulate -- --chargers 50 --duration 60      # and run without --register
`;
