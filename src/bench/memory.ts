/** Resident memory of this process: now (`memoryUsage.rss`) and its peak (Linux `VmHWM`). */
import fs from 'node:fs';

const MB = 1024 * 1024;

export const rssMb = (): number => process.memoryUsage.rss() / MB;

/** The kernel's high-water mark of resident memory, in MB; undefined off Linux. */
export function peakRssMb(): number | undefined {
  try {
    const match = /^VmHWM:\s+(\d+)\s+kB$/m.exec(fs.readFileSync('/proc/self/status', 'utf8'));
    return match ? Number(match[1]) / 1024 : undefined;
  } catch {
    return undefined;
  }
}
