/**
 * Runs a database write again after a failure (a dropped connection, a database restart): a job's
 * outcome lost to one broken connection would otherwise make a finished transcode run again.
 * Waits 250 ms, 1 s, 4 s between tries; the last error is thrown.
 */
export async function persistently<T>(
  write: () => Promise<T>,
  onRetry: (err: unknown, attempt: number) => void,
  delaysMs: readonly number[] = [250, 1000, 4000],
): Promise<T> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await write();
    } catch (err) {
      if (attempt >= delaysMs.length) throw err;
      onRetry(err, attempt + 1);
      await new Promise((resolve) => setTimeout(resolve, delaysMs[attempt]));
    }
  }
}
