/**
 * Rate limits count in fixed windows. A test that needs N requests to land in one window waits out the last
 * seconds of the current window first, so it can never straddle a boundary.
 */
export async function startOfFreshWindow(windowMs: number, marginMs = 3_000): Promise<void> {
  const remaining = windowMs - (Date.now() % windowMs);
  if (remaining < marginMs) await new Promise((resolve) => setTimeout(resolve, remaining + 50));
}
