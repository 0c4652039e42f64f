/** open311-gateway: the council's gateway between the open311-elements widget and Open311 servers. */
export { ConfigError, DEFAULT_LIMITS, checkConfig, loadConfig } from './config.mjs';
export { buildGateway, startGateway, stdoutLog } from './server.mjs';
export { GatewayError } from './errors.mjs';
