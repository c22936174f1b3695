/** The Tray SOAP client's public surface. */
export * from './client.ts';
export * from './errors.ts';
export { computeCapabilities, FEATURE_REQUIREMENTS, FEATURES } from './capabilities.ts';
export type { Capabilities, FeatureAvailability, OperationAvailability, OperationMap } from './capabilities.ts';
export { Pacer } from './pacing.ts';
export { decodeBody } from './http.ts';
export * from './operations.ts';
