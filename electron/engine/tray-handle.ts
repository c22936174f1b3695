/** The production Tray client behind the engine's `TrayClientFactory`. */
import type { TrayClientFactory } from './connections.ts';
import { TrayClient } from './tray/client.ts';

export const createTrayClientHandle: TrayClientFactory = (config) => new TrayClient(config);
