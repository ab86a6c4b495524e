/** Time helpers (pure). The clock is injected everywhere so tests control time. */
export type Clock = () => Date;
export const systemClock: Clock = () => new Date();

/** Signed seconds → ISO 8601 duration (`P2DT3H4M5S`, `PT0S`, `-PT3H` for time past a deadline). */
export function signedIsoDuration(seconds: number): string {
  const sign = seconds < 0 ? '-' : '';
  let s = Math.abs(Math.trunc(seconds));
  const days = Math.floor(s / 86_400);
  s -= days * 86_400;
  const hours = Math.floor(s / 3_600);
  s -= hours * 3_600;
  const minutes = Math.floor(s / 60);
  s -= minutes * 60;
  const time = `${hours ? `${hours}H` : ''}${minutes ? `${minutes}M` : ''}${s ? `${s}S` : ''}`;
  if (!days && !time) return 'PT0S';
  return `${sign}P${days ? `${days}D` : ''}${time ? `T${time}` : ''}`;
}

/** Seconds → ISO 8601 duration, never negative (`P2DT3H4M5S`, `PT0S`). */
export const isoDuration = (totalSeconds: number): string =>
  signedIsoDuration(Math.max(0, Math.floor(totalSeconds)));
