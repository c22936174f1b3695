/**
 * What the store may sell. Pushing the ERP's on-hand count would overwrite the store's own decrement
 * for orders it already took (the classic oversell of the last unit): the store is told
 * on hand − units in orders pulled but not yet in the ERP − the merchant's safety buffer.
 */
export const availableStock = (onHand: number, reserved: number, safetyBuffer: number): number =>
  Math.max(0, Math.floor(onHand) - reserved - safetyBuffer);

/**
 * A price drop beyond the threshold is held for confirmation (a typo such as 19,90 for 199,00
 * would otherwise be published at once). Returns the drop in percent when it must be held.
 */
export const heldPriceDrop = (currentPrice: number | undefined, newPrice: number, thresholdPercent: number): number | null => {
  if (currentPrice === undefined || currentPrice <= 0 || thresholdPercent <= 0 || newPrice >= currentPrice) return null;
  const drop = ((currentPrice - newPrice) / currentPrice) * 100;
  return drop > thresholdPercent ? Math.round(drop * 10) / 10 : null;
};
