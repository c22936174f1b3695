/**
 * The emulator's store behind a TrayPort whose every call a test can script: `script(op, args,
 * apply)` answers for the store, and `apply()` is the store's own answer (its faults as the client's
 * RejectedError), so a test loses answers, faults after a write or refuses, and still counts on the
 * store's own write log what really reached it.
 */
import { EmulatorFault, STATUS, type EmulatorStore } from '../../electron/emulator/index.ts';
import { runOrderPull } from '../../electron/engine/sync/jobs/order-pull.ts';
import type { JobContext, TrayPort } from '../../electron/engine/sync/ports.ts';
import { RejectedError } from '../../electron/engine/tray/errors.ts';
import type { OperationName } from '../../electron/engine/tray/operations.ts';

export type Script = (op: OperationName, args: readonly unknown[], apply: () => unknown) => unknown;

/** `script()` is read on each call, so a test may swap the script between steps. */
export const scriptedTray = (store: EmulatorStore, script: () => Script): TrayPort => ({
  call: async (name, args) => {
    const values = args as readonly unknown[];
    const apply = () => {
      try {
        return store.call(name, values.map(String));
      } catch (error) {
        if (error instanceof EmulatorFault) throw new RejectedError(name, error.faultstring, error.faultcode);
        throw error;
      }
    };
    return script()(name, values, apply) as never;
  },
});

/** Pulls the store's orders, then picks one Ponte holds that waits for payment: the push suites' start. */
export const pullAndPick = async (ctx: JobContext, store: EmulatorStore): Promise<number> => {
  await runOrderPull(ctx);
  const order = [...store.orders.values()].find((o) => !o.pending && o.order.id_status === STATUS.awaitingPayment && ctx.db.getOrder(o.order.id_pedido));
  if (!order) throw new Error('no order awaiting payment in the seed');
  return order.order.id_pedido;
};
