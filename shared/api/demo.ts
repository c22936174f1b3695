/**
 * Leaving the built-in demo for the merchant's own store. A fresh install runs on the demo, whose
 * sample catalogue, status mapping and unthrottled pace must never reach a real store: so the
 * store's access cannot change while on the demo, and leaving it starts the engine over on the
 * merchant's own data, with nothing of the demo's store or ERP (the app preferences stay).
 */
import { z } from 'zod';

export const DEMO_INPUTS = {
  /** Stops the demo store and starts over on the merchant's own data; refused when not on the demo. */
  'app.leaveDemo': z.object({}).strict().optional(),
} as const;

export interface DemoOutputs {
  /** Answered once the new engine is running: every later call reaches it. */
  'app.leaveDemo': { left: true };
}
